import { AwsContext } from './aws-context';

/**
 * IAM and KMS policy documents of the cluster's own identities (the load balancer controller's is in
 * load-balancer-controller-policy.ts). Data only: HaEksCluster wires them to roles and keys, and test/iam
 * evaluates them with a policy simulator.
 */

/**
 * The EBS CSI driver's rights on the customer-managed EBS key: AmazonEBSCSIDriverPolicy has none, and encrypted
 * volumes need grants for the EC2 service plus data-key use.
 */
export function ebsCsiKmsPolicy(keyArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        Resource: keyArn,
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
      {
        Effect: 'Allow',
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: keyArn,
      },
    ],
  });
}

/**
 * The cluster autoscaler's policy: describe calls everywhere, scaling only the Auto Scaling groups tagged as owned
 * by this cluster (the tag EKS managed node groups carry).
 */
export function clusterAutoscalerPolicy(ctx: AwsContext, clusterName: string): string {
  const ownerTag = `aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Describe',
        Effect: 'Allow',
        Action: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'autoscaling:DescribeTags',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
        ],
        Resource: '*',
      },
      {
        Sid: 'DescribeOwnNodeGroups',
        Effect: 'Allow',
        Action: 'eks:DescribeNodegroup',
        Resource: ctx.arn('eks', `nodegroup/${clusterName}/*`),
      },
      {
        Sid: 'ScaleOwnGroupsOnly',
        Effect: 'Allow',
        Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        Resource: '*',
        Condition: { StringEquals: { [ownerTag]: 'owned' } },
      },
    ],
  });
}

/**
 * Key-policy statements for the EC2 Auto Scaling service-linked role, which launches the nodes of managed
 * node groups and must create their encrypted root volumes. The role is matched by `aws:PrincipalArn`
 * rather than named as principal, because KMS rejects a policy naming a role that does not exist yet (the
 * service-linked role appears only with the account's first Auto Scaling group).
 */
export function autoScalingKeyStatements(ctx: AwsContext): unknown[] {
  const slr = `arn:${ctx.partition}:iam::${ctx.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  const condition = { StringEquals: { 'aws:PrincipalArn': slr, 'aws:PrincipalAccount': ctx.accountId } };
  return [
    {
      Sid: 'AutoScalingServiceLinkedRoleUse',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: condition,
    },
    {
      Sid: 'AutoScalingServiceLinkedRoleGrants',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { ...condition, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  ];
}

import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { AddonServiceAccounts, PlatformLogGroups } from '../addons';
import { HaEksCluster } from '../cluster/ha-eks-cluster';
import { WorkloadIdentityRole } from '../cluster/workload-identity-role';
import { ownPolicyResources } from '../policy/prop-hints';
import { AwsContext } from '../private/aws-context';
import { createLogGroup, validateLogRetention } from '../private/log-group';

/** Props of `AddonIdentities`. */
export interface AddonIdentitiesProps {
  /** The cluster whose add-ons get roles (Pod Identity associations are made on it). */
  readonly cluster: HaEksCluster;
  /** KMS key (ARN) for the add-ons' log groups. Its policy must let CloudWatch Logs use it. */
  readonly logKmsKeyArn: string;
  /** Retention of the add-ons' log groups, in days (at least 90). */
  readonly logRetentionDays: number;
  /**
   * Terraform `prevent_destroy` on the log groups. False lets `terraform destroy` delete the container logs
   * and collector metrics they hold.
   */
  readonly preventDestroy: boolean;
  /**
   * Tags for the log groups and roles.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * The AWS side of the in-cluster add-ons: the log groups Fluent Bit and the OpenTelemetry collector write to
 * (Terraform owns them: encrypted, with retention), and one Pod Identity role per add-on service account
 * with only what that add-on does. The cluster autoscaler's role belongs to the cluster itself.
 */
export class AddonIdentities extends Construct {
  /** Encrypted log group `/aws/eks/<cluster>/containers` that Fluent Bit ships container logs to. */
  public readonly containerLogGroup: CloudwatchLogGroup;
  /** Encrypted log group `/aws/eks/<cluster>/otel-metrics` that the OpenTelemetry collector writes EMF metrics to. */
  public readonly metricsLogGroup: CloudwatchLogGroup;
  /** Pod Identity role of Fluent Bit (`amazon-cloudwatch/fluent-bit`): writes to `containerLogGroup` only. */
  public readonly fluentBitRole: WorkloadIdentityRole;
  /** Pod Identity role of the OpenTelemetry collector (`observability/otel-collector`): writes to `metricsLogGroup` only. */
  public readonly otelCollectorRole: WorkloadIdentityRole;
  /** Pod Identity role of the AWS Load Balancer Controller (`kube-system/aws-load-balancer-controller`), limited to NLBs, target groups and security groups carrying its cluster tag. */
  public readonly loadBalancerControllerRole: WorkloadIdentityRole;

  /**
   * @param props cluster, log group key, retention and tags of the add-on identities
   */
  constructor(scope: Construct, id: string, props: AddonIdentitiesProps) {
    super(scope, id);
    ownPolicyResources(this, 'AddonIdentities'); // findings on its resources name its props
    const { cluster } = props;
    validateLogRetention(`AddonIdentities '${id}'`, 'logRetentionDays', props.logRetentionDays);
    const names = PlatformLogGroups.forCluster(cluster.resourceNamePrefix);
    const group = (gid: string, name: string) => createLogGroup(this, gid, {
      name,
      kmsKeyArn: props.logKmsKeyArn,
      retentionDays: props.logRetentionDays,
      tags: props.tags,
      preventDestroy: props.preventDestroy,
    });
    this.containerLogGroup = group('container-logs', names.containers);
    this.metricsLogGroup = group('otel-metrics', names.metrics);

    const writeLogs = (arn: string) => JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DescribeGroups', Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: '*' },
        {
          Sid: 'WriteOwnGroup',
          Effect: 'Allow',
          // No logs:PutRetentionPolicy: retention is Terraform's (90 days), not the agent's to shorten.
          Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: [arn, `${arn}:*`],
        },
      ],
    });
    const sa = AddonServiceAccounts;
    this.fluentBitRole = cluster.addPodIdentityRole('fluent-bit-role', {
      namespace: sa.FLUENT_BIT.namespace,
      serviceAccount: sa.FLUENT_BIT.name,
      inlinePolicyJson: writeLogs(this.containerLogGroup.arn),
      tags: props.tags,
    });
    this.otelCollectorRole = cluster.addPodIdentityRole('otel-collector-role', {
      namespace: sa.OTEL_COLLECTOR.namespace,
      serviceAccount: sa.OTEL_COLLECTOR.name,
      inlinePolicyJson: writeLogs(this.metricsLogGroup.arn),
      tags: props.tags,
    });
    this.loadBalancerControllerRole = cluster.addPodIdentityRole('load-balancer-controller-role', {
      namespace: sa.LOAD_BALANCER_CONTROLLER.namespace,
      serviceAccount: sa.LOAD_BALANCER_CONTROLLER.name,
      inlinePolicyJson: loadBalancerControllerPolicy(AwsContext.of(this), cluster.clusterSecurityGroupId),
      tags: props.tags,
    });
  }
}

/**
 * What the AWS Load Balancer Controller needs to run the ingress controller's NLB (Services of type
 * LoadBalancer): read the VPC; create load balancers, target groups and security groups only with its own
 * cluster tag (`elbv2.k8s.aws/cluster`), tag only what it creates, and change or delete only what carries
 * that tag; open ports only on the cluster security group the nodes run in (so never on the data tier's
 * groups). No ALB, WAF, Shield or Cognito permissions: this platform does not use the controller's Ingress
 * (ALB) mode.
 */
function loadBalancerControllerPolicy(ctx: AwsContext, clusterSecurityGroupId: string): string {
  const TAG = 'elbv2.k8s.aws/cluster';
  const partition = ctx.partition;
  const requestTagged = { Null: { [`aws:RequestTag/${TAG}`]: 'false' } };
  const resourceTagged = { Null: { [`aws:ResourceTag/${TAG}`]: 'false' } };
  // Changing tags of an owned resource, without removing or re-pointing the ownership tag.
  const ownedTagChange = { Null: { [`aws:RequestTag/${TAG}`]: 'true', [`aws:ResourceTag/${TAG}`]: 'false' } };
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Read',
        Effect: 'Allow',
        Action: [
          'ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses', 'ec2:DescribeAvailabilityZones',
          'ec2:DescribeInternetGateways', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
          'ec2:DescribeInstances', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeTags',
          'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes',
          'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeListenerAttributes',
          'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetGroupAttributes',
          'elasticloadbalancing:DescribeTargetHealth', 'elasticloadbalancing:DescribeTags',
          'elasticloadbalancing:DescribeCapacityReservation',
        ],
        Resource: '*',
      },
      {
        Sid: 'ServiceLinkedRoleForElb',
        Effect: 'Allow',
        Action: 'iam:CreateServiceLinkedRole',
        Resource: '*',
        Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
      },
      { Sid: 'CreateSecurityGroups', Effect: 'Allow', Action: 'ec2:CreateSecurityGroup', Resource: '*' },
      {
        Sid: 'TagSecurityGroupsOnCreate',
        Effect: 'Allow',
        Action: 'ec2:CreateTags',
        Resource: `arn:${partition}:ec2:*:*:security-group/*`,
        Condition: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' }, ...requestTagged },
      },
      {
        Sid: 'RetagOwnSecurityGroups',
        Effect: 'Allow',
        Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
        Resource: `arn:${partition}:ec2:*:*:security-group/*`,
        Condition: ownedTagChange,
      },
      {
        Sid: 'ManageOwnSecurityGroups',
        Effect: 'Allow',
        Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'],
        Resource: '*',
        Condition: resourceTagged,
      },
      {
        Sid: 'NodeSecurityGroupIngress',
        Effect: 'Allow',
        Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
        Resource: `arn:${partition}:ec2:${ctx.region}:${ctx.accountId}:security-group/${clusterSecurityGroupId}`,
      },
      {
        Sid: 'CreateTaggedLoadBalancers',
        Effect: 'Allow',
        Action: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
        Resource: '*',
        Condition: requestTagged,
      },
      {
        Sid: 'TagLoadBalancersOnCreate',
        Effect: 'Allow',
        Action: 'elasticloadbalancing:AddTags',
        Resource: [
          `arn:${partition}:elasticloadbalancing:*:*:targetgroup/*/*`,
          `arn:${partition}:elasticloadbalancing:*:*:loadbalancer/net/*/*`,
        ],
        Condition: {
          StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'] },
          ...requestTagged,
        },
      },
      {
        Sid: 'RetagOwnLoadBalancers',
        Effect: 'Allow',
        Action: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
        Resource: [
          `arn:${partition}:elasticloadbalancing:*:*:targetgroup/*/*`,
          `arn:${partition}:elasticloadbalancing:*:*:loadbalancer/net/*/*`,
        ],
        Condition: ownedTagChange,
      },
      {
        Sid: 'ManageListeners',
        Effect: 'Allow',
        Action: ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener'],
        Resource: '*',
      },
      {
        Sid: 'ManageOwnLoadBalancers',
        Effect: 'Allow',
        Action: [
          'elasticloadbalancing:ModifyLoadBalancerAttributes', 'elasticloadbalancing:SetIpAddressType',
          'elasticloadbalancing:SetSecurityGroups', 'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:DeleteLoadBalancer',
          'elasticloadbalancing:ModifyTargetGroup', 'elasticloadbalancing:ModifyTargetGroupAttributes',
          'elasticloadbalancing:DeleteTargetGroup',
        ],
        Resource: '*',
        Condition: resourceTagged,
      },
      {
        Sid: 'ModifyListeners',
        Effect: 'Allow',
        Action: ['elasticloadbalancing:ModifyListener', 'elasticloadbalancing:ModifyListenerAttributes'],
        Resource: '*',
      },
      {
        Sid: 'RegisterTargets',
        Effect: 'Allow',
        Action: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
        Resource: `arn:${partition}:elasticloadbalancing:*:*:targetgroup/*/*`,
      },
    ],
  });
}

import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { AddonServiceAccounts, PlatformLogGroups } from '../addons';
import { HaEksCluster } from '../cluster/ha-eks-cluster';
import { WorkloadIdentityRole } from '../cluster/workload-identity-role';
import { AwsContext } from '../private/aws-context';
import { createLogGroup, validateLogRetention } from '../private/log-group';

/** Props of {@link AddonIdentities}. */
export interface AddonIdentitiesProps {
  /** The cluster whose add-ons get roles (Pod Identity associations are made on it). */
  readonly cluster: HaEksCluster;
  /** KMS key (ARN) for the add-ons' log groups; its policy must let CloudWatch Logs use it. */
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
          Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:PutRetentionPolicy'],
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
      inlinePolicyJson: loadBalancerControllerPolicy(AwsContext.of(this).partition),
      tags: props.tags,
    });
  }
}

/**
 * What the AWS Load Balancer Controller needs to run the ingress controller's NLB (Services of type
 * LoadBalancer): read the VPC, and create, change and delete only load balancers, target groups and
 * security groups that carry its own cluster tag. No ALB, WAF, Shield or Cognito permissions: this platform
 * does not use the controller's Ingress (ALB) mode.
 */
function loadBalancerControllerPolicy(partition: string): string {
  const tagged = (key: string) => ({ Null: { [`aws:ResourceTag/${key}`]: 'false' } });
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
      {
        Sid: 'CreateTaggedSecurityGroups',
        Effect: 'Allow',
        Action: ['ec2:CreateSecurityGroup', 'ec2:CreateTags'],
        Resource: '*',
        Condition: { Null: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'false' } },
      },
      {
        Sid: 'ManageOwnSecurityGroups',
        Effect: 'Allow',
        Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup', 'ec2:CreateTags', 'ec2:DeleteTags'],
        Resource: '*',
        Condition: tagged('elbv2.k8s.aws/cluster'),
      },
      {
        Sid: 'NodeSecurityGroupIngress',
        Effect: 'Allow',
        Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
        Resource: '*',
      },
      {
        Sid: 'CreateTaggedLoadBalancers',
        Effect: 'Allow',
        Action: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup', 'elasticloadbalancing:AddTags'],
        Resource: '*',
        Condition: { Null: { 'aws:RequestTag/service.k8s.aws/cluster': 'false' } },
      },
      {
        Sid: 'ManageOwnLoadBalancers',
        Effect: 'Allow',
        Action: [
          'elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:ModifyListener',
          'elasticloadbalancing:ModifyListenerAttributes',
          'elasticloadbalancing:ModifyLoadBalancerAttributes', 'elasticloadbalancing:SetIpAddressType',
          'elasticloadbalancing:SetSecurityGroups', 'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:DeleteLoadBalancer',
          'elasticloadbalancing:ModifyTargetGroup', 'elasticloadbalancing:ModifyTargetGroupAttributes',
          'elasticloadbalancing:DeleteTargetGroup', 'elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags',
        ],
        Resource: '*',
        Condition: tagged('service.k8s.aws/cluster'),
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

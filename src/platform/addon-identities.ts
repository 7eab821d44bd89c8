import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { AddonServiceAccounts, PlatformLogGroups } from '../addons';
import { HaEksCluster } from '../cluster/ha-eks-cluster';
import { WorkloadIdentityRole } from '../cluster/workload-identity-role';
import { ownPolicyResources } from '../policy/prop-hints';
import { AwsContext } from '../private/aws-context';
import { loadBalancerControllerPolicy } from '../private/load-balancer-controller-policy';
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

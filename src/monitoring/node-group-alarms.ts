import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkThreshold, checkTopicArn, createAlarm, createRecoveryRule } from './alarm';
import { PLATFORM_CLUSTER_DIMENSION, PLATFORM_METRIC_NAMESPACE, PLATFORM_METRICS, PLATFORM_NODE_GROUP_DIMENSION } from './metric-facts';
import { HaNodeGroup } from '../cluster/ha-node-group';
import { invalidProp } from '../private/errors';

/** Props of `NodeGroupAlarms`. */
export interface NodeGroupAlarmsProps {
  /** The managed node group. */
  readonly nodeGroup: HaNodeGroup;
  /** SNS topic (ARN) notified on ALARM, on INSUFFICIENT_DATA and on the way back from ALARM to OK, usually `NotificationTopic.topicArn`. */
  readonly topicArn: string;
  /**
   * Name prefix of the alarm and the event rules (`<name>-<node group>-...`).
   */
  readonly name: string;
  /**
   * Ready nodes below which the alarm fires (1 to 1000). The prop keeps its first name: it was the in-service
   * instance count of the Auto Scaling group.
   * @default - the node group's minSize
   */
  readonly minInServiceInstances?: number;
  /**
   * EKS cluster name: the `k8s.cluster.name` dimension the OpenTelemetry collector writes (`Observability`).
   * @default - the node group's cluster name
   */
  readonly clusterName?: string;
  /**
   * CloudWatch namespace the OpenTelemetry collector writes to (Observability `metricNamespace`).
   * @default 'EKS/Platform'
   */
  readonly metricNamespace?: string;
  /**
   * Tags of the alarm and the event rules.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Alarms on an EKS managed node group (`<group>` below is the node group's name):
 *
 * - `<name>-<group>-ready-nodes`: fewer Ready nodes than the minimum for two 5-minute periods. The metric is
 *   the platform's own: the OpenTelemetry collector (`Observability`, alert metrics on) counts the nodes whose
 *   Kubernetes Ready condition is true, per node group, every 5
 *   minutes, into `k8s.node.condition_ready` with dimensions `k8s.cluster.name` and `eks.nodegroup.name` (the
 *   label `eks-platform/node-group` HaNodeGroup puts on its nodes, the same across replacements: while a
 *   replacement runs, old and new nodes count together). Nothing has to be turned on by hand. Missing data is treated as missing and notifies on INSUFFICIENT_DATA: after the
 *   infrastructure apply the new alarm waits in INSUFFICIENT_DATA without a message (the collector comes with
 *   the in-cluster stack), then goes to OK without a message; later, INSUFFICIENT_DATA means the collector or
 *   its export stopped.
 * - `<name>-<group>-launch-failures`: an EventBridge rule forwarding the group's "EC2 Instance Launch
 *   Unsuccessful" and "EC2 Instance Terminate Unsuccessful" events (capacity, quota, key or AMI errors) to
 *   the topic, on the Auto Scaling group EKS created (its name is known after apply).
 * - `<name>-<group>-recovered`: an EventBridge rule telling the topic when the alarm is back from ALARM to OK.
 */
export class NodeGroupAlarms extends Construct {
  /** Ready nodes below the minimum. */
  public readonly readyNodes: CloudwatchMetricAlarm;
  /**
   * The Ready-nodes alarm (`readyNodes`).
   * @deprecated use `readyNodes`: the alarm no longer reads the Auto Scaling group's GroupInServiceInstances.
   */
  public readonly inService: CloudwatchMetricAlarm;
  /** EventBridge rule for unsuccessful launches and terminations of the group's instances. */
  public readonly launchFailures: CloudwatchEventRule;
  /** EventBridge rule that notifies the topic when the alarm goes from ALARM back to OK. */
  public readonly recovered: CloudwatchEventRule;
  /** Name of the node group's Auto Scaling group (known after apply). */
  public readonly autoScalingGroupName: string;
  /** The node group's own name (`HaNodeGroup.name`, node label `eks-platform/node-group`): the `eks.nodegroup.name` dimension. */
  public readonly nodeGroupName: string;
  /**
   * Always empty: nothing needs to be run for the alarm to work.
   * @deprecated the alarm no longer needs Auto Scaling group metrics collection.
   */
  public readonly enableMetricsCommand: string;

  /**
   * @param props the node group, the topic and the minimum
   */
  constructor(scope: Construct, id: string, props: NodeGroupAlarmsProps) {
    super(scope, id);
    const who = `NodeGroupAlarms '${id}'`;
    checkTopicArn(who, props.topicArn);
    const ng = props.nodeGroup.nodeGroup;
    const configuredMin = ng.scalingConfigInput?.minSize;
    const min = props.minInServiceInstances ?? (typeof configuredMin === 'number' && !Token.isUnresolved(configuredMin) ? configuredMin : undefined);
    if (min === undefined) {
      invalidProp(who, 'minInServiceInstances', min, "must be given when the node group's minSize is not a literal number", 'Pass the minimum explicitly.');
    }
    checkThreshold(who, 'minInServiceInstances', min, 1, 1000, "Use the node group's minSize (the default).", true);

    this.autoScalingGroupName = ng.resources.get(0).autoscalingGroups.get(0).name;
    this.nodeGroupName = props.nodeGroup.name;
    // The node group's own name (its prefix without the hyphen EKS appends to), as operators know it.
    const given = ng.nodeGroupNamePrefixInput ?? ng.nodeGroupNameInput;
    const group = given && !Token.isUnresolved(given) ? given.replace(/-$/, '') : props.nodeGroup.node.id;
    const tags = (name: string) => ({ ...props.tags, Name: name });

    this.readyNodes = createAlarm(this, {
      id: 'ready-nodes',
      alarmName: `${props.name}-${group}-ready-nodes`,
      description: `Node group ${group} of ${props.name}: fewer than ${min} Ready nodes for 10 minutes; INSUFFICIENT_DATA means the collector's metrics stopped, or the group has no node left. See docs/operations/alerts.md.`,
      namespace: props.metricNamespace ?? PLATFORM_METRIC_NAMESPACE,
      metricName: PLATFORM_METRICS.nodeReady,
      dimensions: { [PLATFORM_CLUSTER_DIMENSION]: props.clusterName ?? ng.clusterName, [PLATFORM_NODE_GROUP_DIMENSION]: this.nodeGroupName },
      // Every collector replica exports the same count: the Minimum is the fewest Ready nodes in the period.
      statistic: 'Minimum',
      periodSeconds: 300,
      evaluationPeriods: 2,
      threshold: min,
      comparison: 'LessThanThreshold',
      treatMissingData: 'missing',
      notifyInsufficientData: true,
    }, props.topicArn, props.tags);
    this.inService = this.readyNodes;

    this.launchFailures = new CloudwatchEventRule(this, 'launch-failures', {
      name: `${props.name}-${group}-launch-failures`,
      description: `Unsuccessful instance launches and terminations of node group ${group} of ${props.name}`,
      eventPattern: JSON.stringify({
        'source': ['aws.autoscaling'],
        'detail-type': ['EC2 Instance Launch Unsuccessful', 'EC2 Instance Terminate Unsuccessful'],
        'detail': { AutoScalingGroupName: [this.autoScalingGroupName] },
      }),
      tags: tags(`${props.name}-${group}-launch-failures`),
    });
    new CloudwatchEventTarget(this, 'launch-failures-target', {
      rule: this.launchFailures.name,
      arn: props.topicArn,
      targetId: 'notification-topic',
    });
    this.recovered = createRecoveryRule(this, {
      name: `${props.name}-${group}-recovered`,
      description: `Node group ${group} of ${props.name}: the Ready-nodes alarm is back from ALARM to OK`,
      alarms: [this.readyNodes],
      topicArn: props.topicArn,
      tags: props.tags,
    });

    this.enableMetricsCommand = '';
  }
}

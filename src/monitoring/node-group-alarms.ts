import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkThreshold, checkTopicArn, createAlarm } from './alarm';
import { HaNodeGroup } from '../cluster/ha-node-group';
import { invalidProp } from '../private/errors';

/** Props of `NodeGroupAlarms`. */
export interface NodeGroupAlarmsProps {
  /** The managed node group. */
  readonly nodeGroup: HaNodeGroup;
  /** SNS topic (ARN) notified on ALARM and on OK, usually `NotificationTopic.topicArn`. */
  readonly topicArn: string;
  /**
   * Name prefix of the alarm and the event rule (`<name>-<node group>-...`).
   */
  readonly name: string;
  /**
   * In-service instances below which the alarm fires (1 to 1000).
   * @default - the node group's minSize
   */
  readonly minInServiceInstances?: number;
  /**
   * Tags of the alarm and the event rule.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Alarms on an EKS managed node group's Auto Scaling group (`<group>` below is the node group's name), whose name EKS chooses and Terraform learns only
 * after apply (`resources[0].autoscaling_groups[0].name` of the node group):
 *
 * - `<name>-<group>-in-service`: GroupInServiceInstances (AWS/AutoScaling) below the minimum for 5 minutes.
 *   Auto Scaling publishes group metrics only when group metrics collection is on, and the EKS API cannot turn
 *   it on (aws/containers-roadmap#762): enable it once per group with the command in `enableMetricsCommand`.
 *   Until then there is no data, which this alarm treats as breaching, so the missing step is loud, not silent.
 * - `<name>-<group>-launch-failures`: an EventBridge rule forwarding the group's "EC2 Instance Launch
 *   Unsuccessful" and "EC2 Instance Terminate Unsuccessful" events (capacity, quota, key or AMI errors) to
 *   the topic. It needs no metrics collection.
 */
export class NodeGroupAlarms extends Construct {
  /** GroupInServiceInstances below the minimum. */
  public readonly inService: CloudwatchMetricAlarm;
  /** EventBridge rule for unsuccessful launches and terminations of the group's instances. */
  public readonly launchFailures: CloudwatchEventRule;
  /** Name of the node group's Auto Scaling group (known after apply). */
  public readonly autoScalingGroupName: string;
  /** The `aws autoscaling enable-metrics-collection` command for this group (run once per group, after apply). */
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
    // The node group's own name (its prefix without the hyphen EKS appends to), as operators know it.
    const given = ng.nodeGroupNamePrefixInput ?? ng.nodeGroupNameInput;
    const group = given && !Token.isUnresolved(given) ? given.replace(/-$/, '') : props.nodeGroup.node.id;
    const tags = (name: string) => ({ ...props.tags, Name: name });

    this.inService = createAlarm(this, {
      id: 'in-service',
      alarmName: `${props.name}-${group}-in-service`,
      description: `Node group ${group} of ${props.name}: fewer than ${min} in-service instances for 5 minutes (or group metrics collection is off). See docs/operations/alerts.md.`,
      namespace: 'AWS/AutoScaling',
      metricName: 'GroupInServiceInstances',
      dimensions: { AutoScalingGroupName: this.autoScalingGroupName },
      statistic: 'Minimum',
      periodSeconds: 60,
      evaluationPeriods: 5,
      threshold: min,
      comparison: 'LessThanThreshold',
      treatMissingData: 'breaching',
    }, props.topicArn, props.tags);

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

    this.enableMetricsCommand = `aws autoscaling enable-metrics-collection --auto-scaling-group-name ${this.autoScalingGroupName} --granularity 1Minute --metrics GroupInServiceInstances GroupDesiredCapacity`;
  }
}

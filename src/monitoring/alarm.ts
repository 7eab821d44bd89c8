import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { CLOUDWATCH_ALARM_EVENTS } from './metric-facts';
import { invalidProp } from '../private/errors';

/** What every alarm of the library has in common. */
export interface AlarmSpec {
  readonly id: string;
  readonly alarmName: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: { [key: string]: string };
  readonly statistic: 'Average' | 'Maximum' | 'Minimum' | 'Sum';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly threshold: number;
  readonly comparison: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
  /** What a period without data means: a database that stops reporting is a problem, a replica's absent lag is not. */
  readonly treatMissingData: 'breaching' | 'notBreaching' | 'missing' | 'ignore';
  /** Notify also when the alarm goes to INSUFFICIENT_DATA: for a metric that is always reported, no data means
   * the pipeline that delivers it is broken. */
  readonly notifyInsufficientData?: boolean;
}

/**
 * An alarm that notifies `topicArn` when it goes to ALARM (and to INSUFFICIENT_DATA when the spec says so).
 * No OK action: a new alarm starts in INSUFFICIENT_DATA and its first evaluation on a healthy metric is a
 * change to OK, which would notify on every apply; the return from ALARM is announced by `createRecoveryRule`.
 */
export function createAlarm(scope: Construct, spec: AlarmSpec, topicArn: string, tags?: { [key: string]: string }): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(scope, spec.id, {
    alarmName: spec.alarmName,
    alarmDescription: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: spec.dimensions,
    statistic: spec.statistic,
    period: spec.periodSeconds,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods,
    threshold: spec.threshold,
    comparisonOperator: spec.comparison,
    treatMissingData: spec.treatMissingData,
    actionsEnabled: true,
    alarmActions: [topicArn],
    insufficientDataActions: spec.notifyInsufficientData ? [topicArn] : undefined,
    tags: { ...tags, Name: spec.alarmName },
  });
}

/**
 * One EventBridge rule that tells the topic when any of `alarms` goes from ALARM back to OK (CloudWatch
 * sends every alarm state change to EventBridge, with the previous state). INSUFFICIENT_DATA -> OK is not
 * matched: it is also what a new alarm does on its first healthy evaluation.
 */
export function createRecoveryRule(scope: Construct, opts: {
  name: string; description: string; alarms: CloudwatchMetricAlarm[]; topicArn: string; tags?: { [key: string]: string };
}): CloudwatchEventRule {
  const e = CLOUDWATCH_ALARM_EVENTS;
  const name = opts.name.slice(0, 64); // EventBridge rule names have at most 64 characters
  const rule = new CloudwatchEventRule(scope, 'recovered', {
    name,
    description: opts.description,
    eventPattern: JSON.stringify({
      'source': [e.eventSource],
      'detail-type': [e.stateChangeDetailType],
      // The names as configured (literals), so the pattern reads as the alarm list it is.
      'detail': { alarmName: opts.alarms.map((a) => a.alarmNameInput ?? a.alarmName), state: { value: ['OK'] }, previousState: { value: ['ALARM'] } },
    }),
    tags: { ...opts.tags, Name: name },
  });
  new CloudwatchEventTarget(scope, 'recovered-target', {
    rule: rule.name,
    arn: opts.topicArn,
    targetId: 'notification-topic',
    inputTransformer: {
      inputPaths: { alarm: '$.detail.alarmName', time: '$.time' },
      inputTemplate: '"OK again: <alarm> left ALARM at <time>."',
    },
  });
  return rule;
}

/** Checks a threshold prop: a number within [min, max] (whole when `integer`), tokens are not accepted. */
export function checkThreshold(who: string, prop: string, value: number, min: number, max: number, fix: string, integer = false): number {
  if (Token.isUnresolved(value) || typeof value !== 'number' || Number.isNaN(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    invalidProp(who, prop, value, `must be a${integer ? ' whole' : ''} number from ${min} to ${max}`, fix);
  }
  return value;
}

/** Checks a topic ARN prop (tokens pass: the topic is usually created in the same stack). */
export function checkTopicArn(who: string, topicArn: string): void {
  if (!Token.isUnresolved(topicArn) && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(topicArn)) {
    invalidProp(who, 'topicArn', topicArn, 'must be an SNS topic ARN', 'Pass NotificationTopic.topicArn.');
  }
}

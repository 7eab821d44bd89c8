import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { checkThreshold, checkTopicArn, createAlarm, createRecoveryRule } from './alarm';
import { HaRedis } from '../data/ha-redis';

/** Thresholds of `RedisAlarms`. Each alarm fires after three 5-minute periods over its threshold. */
export interface RedisAlarmThresholds {
  /**
   * Average Redis engine CPU of a node, in percent (1 to 100). Redis runs commands on one thread: this is the
   * thread's load, not the host's.
   * @default 80
   */
  readonly engineCpuPercent?: number;

  /**
   * Memory used by the data set, in percent of `maxmemory` (1 to 100). Above it Redis starts to evict keys.
   * @default 80
   */
  readonly memoryPercent?: number;

  /**
   * Keys evicted per 5 minutes on a node (0 to 1000000000). The cache is the application's session and job
   * store: losing keys is an incident, so the default alarms on any eviction.
   * @default 0
   */
  readonly evictions?: number;

  /**
   * Replication lag of a replica, in seconds (1 to 3600). A lagging replica loses that much data on failover.
   * @default 30
   */
  readonly replicationLagSeconds?: number;
}

/** Props of `RedisAlarms`. */
export interface RedisAlarmsProps extends RedisAlarmThresholds {
  /** The cache. */
  readonly redis: HaRedis;
  /** SNS topic (ARN) notified on ALARM, on INSUFFICIENT_DATA (CPU, memory) and on the way back from ALARM to OK, usually `NotificationTopic.topicArn`. */
  readonly topicArn: string;
  /**
   * Tags of the alarms.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

const PERIOD = 300;

/**
 * CloudWatch alarms on every node of an `HaRedis` replication group (namespace AWS/ElastiCache, dimension
 * CacheClusterId: ElastiCache publishes Redis metrics per node, and the nodes of a replication group are the
 * cache clusters `<group>-001` to `<group>-00N`): engine CPU, memory usage, evictions and replication lag.
 * Roles move on failover, so every node gets every alarm; the primary publishes no ReplicationLag, which is
 * therefore treated as not breaching. Engine CPU and memory, which every node always reports, treat missing
 * data as missing and notify on INSUFFICIENT_DATA: quiet while the group is being created (a new alarm's first
 * state), a message if a node stops reporting later. An EventBridge rule (`<group>-recovered`) tells the topic
 * when an alarm is back from ALARM to OK. Alarm names: `<member>-engine-cpu`, `-memory`, `-evictions`, `-replication-lag`.
 */
export class RedisAlarms extends Construct {
  /** All alarms, node by node. */
  public readonly alarms: CloudwatchMetricAlarm[];
  /** The cache cluster ids (nodes) the alarms watch. */
  public readonly memberClusterIds: string[];
  /** EventBridge rule that notifies the topic when an alarm goes from ALARM back to OK. */
  public readonly recovered: CloudwatchEventRule;

  /**
   * @param props the cache, the topic and the thresholds
   */
  constructor(scope: Construct, id: string, props: RedisAlarmsProps) {
    super(scope, id);
    const who = `RedisAlarms '${id}'`;
    checkTopicArn(who, props.topicArn);
    const cpu = checkThreshold(who, 'engineCpuPercent', props.engineCpuPercent ?? 80, 1, 100, 'Use 80 (the default).');
    const mem = checkThreshold(who, 'memoryPercent', props.memoryPercent ?? 80, 1, 100, 'Use 80 (the default).');
    const evictions = checkThreshold(who, 'evictions', props.evictions ?? 0, 0, 1e9, 'Use 0 (the default: any eviction alarms).', true);
    const lag = checkThreshold(who, 'replicationLagSeconds', props.replicationLagSeconds ?? 30, 1, 3600, 'Use 30 (the default).');

    this.memberClusterIds = props.redis.memberClusterIds;
    this.alarms = [];
    for (const member of this.memberClusterIds) {
      const base = { namespace: 'AWS/ElastiCache', dimensions: { CacheClusterId: member }, periodSeconds: PERIOD, evaluationPeriods: 3 };
      const add = (spec: Parameters<typeof createAlarm>[1]) => this.alarms.push(createAlarm(this, spec, props.topicArn, props.tags));
      add({
        ...base,
        id: `${member}-engine-cpu`,
        alarmName: `${member}-engine-cpu`,
        metricName: 'EngineCPUUtilization',
        statistic: 'Average',
        threshold: cpu,
        comparison: 'GreaterThanThreshold',
        treatMissingData: 'missing',
        notifyInsufficientData: true,
        description: `Redis node ${member}: engine CPU above ${cpu}% for 15 minutes; INSUFFICIENT_DATA means the node stopped reporting. See docs/operations/alerts.md.`,
      });
      add({
        ...base,
        id: `${member}-memory`,
        alarmName: `${member}-memory`,
        metricName: 'DatabaseMemoryUsagePercentage',
        statistic: 'Maximum',
        threshold: mem,
        comparison: 'GreaterThanThreshold',
        treatMissingData: 'missing',
        notifyInsufficientData: true,
        description: `Redis node ${member}: data set above ${mem}% of maxmemory for 15 minutes; INSUFFICIENT_DATA means the node stopped reporting. See docs/operations/alerts.md.`,
      });
      add({
        ...base,
        id: `${member}-evictions`,
        alarmName: `${member}-evictions`,
        metricName: 'Evictions',
        statistic: 'Sum',
        evaluationPeriods: 1,
        threshold: evictions,
        comparison: 'GreaterThanThreshold',
        treatMissingData: 'notBreaching',
        description: `Redis node ${member}: more than ${evictions} keys evicted in 5 minutes. See docs/operations/alerts.md.`,
      });
      add({
        ...base,
        id: `${member}-replication-lag`,
        alarmName: `${member}-replication-lag`,
        metricName: 'ReplicationLag',
        statistic: 'Maximum',
        threshold: lag,
        comparison: 'GreaterThanThreshold',
        treatMissingData: 'notBreaching',
        description: `Redis node ${member}: replica more than ${lag} s behind the primary for 15 minutes. See docs/operations/alerts.md.`,
      });
    }
    this.recovered = createRecoveryRule(this, {
      name: `${props.redis.replicationGroupId}-recovered`,
      description: `Redis ${props.redis.replicationGroupId}: an alarm is back from ALARM to OK`,
      alarms: this.alarms,
      topicArn: props.topicArn,
      tags: props.tags,
    });
  }
}

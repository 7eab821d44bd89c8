import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { checkThreshold, checkTopicArn, createAlarm, createRecoveryRule } from './alarm';
import { HaPostgres } from '../data/ha-postgres';

/** Thresholds of `PostgresAlarms`. Each alarm fires after three 5-minute periods over (or under) its threshold. */
export interface PostgresAlarmThresholds {
  /**
   * Average CPU of the instance, in percent (1 to 100).
   * @default 80
   */
  readonly cpuPercent?: number;

  /**
   * Free storage, in percent of `allocatedStorageGiB` (1 to 50). Storage autoscaling grows the volume when less
   * than 10% is free, so with the default this alarm fires when autoscaling could not keep up or reached
   * `maxAllocatedStorageGiB`.
   * @default 10
   */
  readonly freeStoragePercent?: number;

  /**
   * Freeable memory, in MiB (16 to 1048576). Below it PostgreSQL starts to swap and queries slow down.
   * @default 256
   */
  readonly freeableMemoryMiB?: number;

  /**
   * Open connections (1 to 100000). RDS sets `max_connections` to LEAST(DBInstanceClassMemory/9531392, 5000):
   * about 400 for the default db.t3.medium, so the default is 80% of that. Raise it with the instance class.
   * @default 320
   */
  readonly maxConnections?: number;
}

/** Props of `PostgresAlarms`. */
export interface PostgresAlarmsProps extends PostgresAlarmThresholds {
  /** The database. */
  readonly postgres: HaPostgres;
  /** SNS topic (ARN) notified on ALARM, on INSUFFICIENT_DATA and on the way back from ALARM to OK, usually `NotificationTopic.topicArn`. */
  readonly topicArn: string;
  /**
   * Tags of the alarms.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

const PERIOD = 300;

/**
 * CloudWatch alarms on an `HaPostgres` instance (namespace AWS/RDS, dimension DBInstanceIdentifier): CPU,
 * free storage relative to the allocated storage, freeable memory and connections. Each notifies the topic
 * on ALARM, and an EventBridge rule (`<identifier>-recovered`) tells it when one is back from ALARM to OK.
 * A database that stops reporting is not healthy, but no data is not a threshold crossing either: every
 * alarm treats missing data as missing and notifies on INSUFFICIENT_DATA. So a new alarm stays quiet in
 * INSUFFICIENT_DATA while the instance is being created (its first state) and goes to OK without a message
 * once RDS reports; an instance that stops reporting later notifies as INSUFFICIENT_DATA.
 * Alarm names: `<identifier>-cpu`, `-free-storage`, `-freeable-memory`, `-connections`.
 */
export class PostgresAlarms extends Construct {
  /** CPUUtilization above `cpuPercent`. */
  public readonly cpu: CloudwatchMetricAlarm;
  /** FreeStorageSpace below `freeStoragePercent` of the allocated storage. */
  public readonly freeStorage: CloudwatchMetricAlarm;
  /** FreeableMemory below `freeableMemoryMiB`. */
  public readonly freeableMemory: CloudwatchMetricAlarm;
  /** DatabaseConnections above `maxConnections`. */
  public readonly connections: CloudwatchMetricAlarm;
  /** All alarms of the construct. */
  public readonly alarms: CloudwatchMetricAlarm[];
  /** EventBridge rule that notifies the topic when an alarm goes from ALARM back to OK. */
  public readonly recovered: CloudwatchEventRule;

  /**
   * @param props the database, the topic and the thresholds
   */
  constructor(scope: Construct, id: string, props: PostgresAlarmsProps) {
    super(scope, id);
    const who = `PostgresAlarms '${id}'`;
    checkTopicArn(who, props.topicArn);
    const cpu = checkThreshold(who, 'cpuPercent', props.cpuPercent ?? 80, 1, 100, 'Use 80 (the default).');
    const storagePct = checkThreshold(who, 'freeStoragePercent', props.freeStoragePercent ?? 10, 1, 50, 'Use 10 (the default).');
    const memMiB = checkThreshold(who, 'freeableMemoryMiB', props.freeableMemoryMiB ?? 256, 16, 1048576, 'Use 256 (the default).', true);
    const conns = checkThreshold(who, 'maxConnections', props.maxConnections ?? 320, 1, 100000,
      'Use about 80% of the max_connections of the instance class (320 for db.t3.medium).', true);

    const db = props.postgres;
    const id0 = db.identifier;
    const base = {
      namespace: 'AWS/RDS',
      dimensions: { DBInstanceIdentifier: id0 },
      periodSeconds: PERIOD,
      evaluationPeriods: 3,
      treatMissingData: 'missing' as const,
      notifyInsufficientData: true,
    };
    const storageBytes = Math.round(db.allocatedStorageGiB * 1024 ** 3 * storagePct / 100);
    const alarm = (spec: Parameters<typeof createAlarm>[1]) => createAlarm(this, spec, props.topicArn, props.tags);
    this.cpu = alarm({
      ...base,
      id: 'cpu',
      alarmName: `${id0}-cpu`,
      metricName: 'CPUUtilization',
      statistic: 'Average',
      threshold: cpu,
      comparison: 'GreaterThanThreshold',
      description: `PostgreSQL ${id0}: average CPU above ${cpu}% for 15 minutes; INSUFFICIENT_DATA means the instance stopped reporting. See docs/operations/alerts.md.`,
    });
    this.freeStorage = alarm({
      ...base,
      id: 'free-storage',
      alarmName: `${id0}-free-storage`,
      metricName: 'FreeStorageSpace',
      statistic: 'Minimum',
      threshold: storageBytes,
      comparison: 'LessThanThreshold',
      description: `PostgreSQL ${id0}: less than ${storagePct}% of the ${db.allocatedStorageGiB} GiB allocated storage free; INSUFFICIENT_DATA means the instance stopped reporting. See docs/operations/alerts.md.`,
    });
    this.freeableMemory = alarm({
      ...base,
      id: 'freeable-memory',
      alarmName: `${id0}-freeable-memory`,
      metricName: 'FreeableMemory',
      statistic: 'Minimum',
      threshold: memMiB * 1024 ** 2,
      comparison: 'LessThanThreshold',
      description: `PostgreSQL ${id0}: less than ${memMiB} MiB freeable memory for 15 minutes; INSUFFICIENT_DATA means the instance stopped reporting. See docs/operations/alerts.md.`,
    });
    this.connections = alarm({
      ...base,
      id: 'connections',
      alarmName: `${id0}-connections`,
      metricName: 'DatabaseConnections',
      statistic: 'Maximum',
      threshold: conns,
      comparison: 'GreaterThanThreshold',
      description: `PostgreSQL ${id0}: more than ${conns} connections for 15 minutes; INSUFFICIENT_DATA means the instance stopped reporting. See docs/operations/alerts.md.`,
    });
    this.alarms = [this.cpu, this.freeStorage, this.freeableMemory, this.connections];
    this.recovered = createRecoveryRule(this, {
      name: `${id0}-recovered`,
      description: `PostgreSQL ${id0}: an alarm is back from ALARM to OK`,
      alarms: this.alarms,
      topicArn: props.topicArn,
      tags: props.tags,
    });
  }
}

import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { ClusterAlarms, ClusterAlarmThresholds } from './cluster-alarms';
import { NodeGroupAlarms } from './node-group-alarms';
import { PlatformDashboard } from './platform-dashboard';
import { PostgresAlarms, PostgresAlarmThresholds } from './postgres-alarms';
import { RedisAlarms, RedisAlarmThresholds } from './redis-alarms';
import { HaNodeGroup } from '../cluster/ha-node-group';
import { HaPostgres } from '../data/ha-postgres';
import { HaRedis } from '../data/ha-redis';
import { validateName } from '../private/validation';

/** Alerting settings of `ProductionEksPlatform`. */
export interface PlatformAlertingOptions {
  /**
   * E-mail addresses subscribed to the environment's notification topic (each must confirm).
   * @default - no e-mail subscription: add subscribers to the topic yourself
   */
  readonly emailAddresses?: string[];

  /**
   * HTTPS endpoints (chat or paging webhooks) subscribed to the topic.
   * @default - no HTTPS subscription
   */
  readonly httpsEndpoints?: string[];

  /**
   * Thresholds of the database alarms.
   * @default - PostgresAlarms defaults
   */
  readonly postgres?: PostgresAlarmThresholds;

  /**
   * Thresholds of the cache alarms.
   * @default - RedisAlarms defaults
   */
  readonly redis?: RedisAlarmThresholds;

  /**
   * Thresholds of the cluster alarms (certificates, node disk, crash loops).
   * @default - ClusterAlarms defaults
   */
  readonly cluster?: ClusterAlarmThresholds;

  /**
   * Terraform `prevent_destroy` on the notification topic's key. Setting false lets `terraform destroy` delete
   * it (after the 30-day KMS deletion window); only in the change that decommissions the environment.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** Props of `PlatformAlerts`. */
export interface PlatformAlertsProps {
  /** Name of the environment (alarm and dashboard names). */
  readonly name: string;
  /** SNS topic (ARN) every alarm notifies, usually `NotificationTopic.topicArn`. */
  readonly topicArn: string;
  /**
   * The database to watch.
   * @default - no database alarms
   */
  readonly postgres?: HaPostgres;
  /**
   * The cache to watch.
   * @default - no cache alarms
   */
  readonly redis?: HaRedis;
  /**
   * Node groups to watch.
   * @default - no node group alarms
   */
  readonly nodeGroups?: HaNodeGroup[];
  /**
   * EKS cluster name: turns on the cluster alarms on the collector's metrics, and is the cluster dimension of
   * the node group alarms.
   * @default - no cluster alarms; node group alarms use the node group's cluster name
   */
  readonly clusterName?: string;
  /**
   * Root volume size of the nodes in GiB.
   * @default 50
   */
  readonly nodeDiskSizeGiB?: number;
  /**
   * Thresholds of the database alarms.
   * @default - PostgresAlarms defaults
   */
  readonly postgresThresholds?: PostgresAlarmThresholds;
  /**
   * Thresholds of the cache alarms.
   * @default - RedisAlarms defaults
   */
  readonly redisThresholds?: RedisAlarmThresholds;
  /**
   * Thresholds of the cluster alarms.
   * @default - ClusterAlarms defaults
   */
  readonly clusterThresholds?: ClusterAlarmThresholds;
  /**
   * Tags of the alarms, rules and dashboard.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * The environment's alarms and dashboard in one piece: `PostgresAlarms`, `RedisAlarms`, one `NodeGroupAlarms`
 * per node group and `ClusterAlarms`, all notifying one topic, plus a `PlatformDashboard` with the same
 * names (when database, cache, node groups and cluster are all given). Each part is also usable alone.
 */
export class PlatformAlerts extends Construct {
  /** Database alarms, when a database was given. */
  public readonly postgresAlarms?: PostgresAlarms;
  /** Cache alarms, when a cache was given. */
  public readonly redisAlarms?: RedisAlarms;
  /** Node group alarms, one per node group. */
  public readonly nodeGroupAlarms: NodeGroupAlarms[];
  /** Cluster alarms, when a cluster name was given. */
  public readonly clusterAlarms?: ClusterAlarms;
  /** The dashboard, when database, cache, node groups and cluster were all given. */
  public readonly dashboard?: PlatformDashboard;
  /** Every metric alarm. */
  public readonly alarms: CloudwatchMetricAlarm[];

  /**
   * @param props what to watch, the topic and the thresholds
   */
  constructor(scope: Construct, id: string, props: PlatformAlertsProps) {
    super(scope, id);
    validateName(`PlatformAlerts '${id}'`, props.name);
    const common = { topicArn: props.topicArn, tags: props.tags };
    if (props.postgres) {
      this.postgresAlarms = new PostgresAlarms(this, 'postgres', { ...props.postgresThresholds, ...common, postgres: props.postgres });
    }
    if (props.redis) {
      this.redisAlarms = new RedisAlarms(this, 'redis', { ...props.redisThresholds, ...common, redis: props.redis });
    }
    this.nodeGroupAlarms = (props.nodeGroups ?? []).map((ng) =>
      new NodeGroupAlarms(this, `${ng.node.id}-alarms`, { ...common, name: props.name, nodeGroup: ng, clusterName: props.clusterName }));
    if (props.clusterName) {
      this.clusterAlarms = new ClusterAlarms(this, 'cluster', {
        ...props.clusterThresholds, ...common, clusterName: props.clusterName, nodeDiskSizeGiB: props.nodeDiskSizeGiB,
      });
    }
    this.alarms = [
      ...(this.postgresAlarms?.alarms ?? []),
      ...(this.redisAlarms?.alarms ?? []),
      ...this.nodeGroupAlarms.map((a) => a.readyNodes),
      ...(this.clusterAlarms?.alarms ?? []),
    ];
    if (props.postgres && props.redis && props.clusterName && this.nodeGroupAlarms.length > 0) {
      this.dashboard = new PlatformDashboard(this, 'dashboard', {
        name: props.name,
        postgresIdentifier: props.postgres.identifier,
        redisMemberClusterIds: props.redis.memberClusterIds,
        autoScalingGroupNames: this.nodeGroupAlarms.map((a) => a.autoScalingGroupName),
        nodeGroupNames: this.nodeGroupAlarms.map((a) => a.nodeGroupName),
        clusterName: props.clusterName,
        alarmArns: this.alarms.map((a) => a.arn),
      });
    }
  }
}

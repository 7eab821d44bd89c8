import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Construct } from 'constructs';
import { PLATFORM_CLUSTER_DIMENSION, PLATFORM_METRIC_NAMESPACE, PLATFORM_METRICS, PLATFORM_NODE_GROUP_DIMENSION } from './metric-facts';
import { AwsContext } from '../private/aws-context';
import { validateName } from '../private/validation';

/** Props of `PlatformDashboard`. */
export interface PlatformDashboardProps {
  /** Name of the environment: the dashboard is `<name>-platform`. */
  readonly name: string;
  /** RDS instance identifier of the database. */
  readonly postgresIdentifier: string;
  /** Cache cluster ids of the Redis nodes (`HaRedis.memberClusterIds`). */
  readonly redisMemberClusterIds: string[];
  /**
   * Auto Scaling group names of the node groups (`NodeGroupAlarms.autoScalingGroupName`). Graphed as
   * in-service instances only when `nodeGroupNames` is not given (those metrics need Auto Scaling group
   * metrics collection, which EKS does not turn on).
   */
  readonly autoScalingGroupNames: string[];
  /**
   * Names of the node groups (`NodeGroupAlarms.nodeGroupName`): graphs Ready nodes per node group from the
   * collector's metrics.
   * @default - in-service instances of `autoScalingGroupNames` instead
   */
  readonly nodeGroupNames?: string[];
  /** EKS cluster name (the collector's `k8s.cluster.name` dimension). */
  readonly clusterName: string;
  /**
   * CloudWatch namespace of the collector's metrics.
   * @default 'EKS/Platform'
   */
  readonly metricNamespace?: string;
  /**
   * Prefix of the ingress Network Load Balancer's name. The AWS Load Balancer Controller names it
   * `k8s-<namespace, 8 chars>-<service, 8 chars>-<hash>`; for the `ingress-nginx-controller` Service in
   * `ingress-nginx` that is `k8s-ingressn-ingressn-`.
   * @default 'k8s-ingressn-ingressn-'
   */
  readonly ingressLoadBalancerPrefix?: string;
  /**
   * Names of the alarms to show as an alarm status widget at the top.
   * @default - no alarm widget
   */
  readonly alarmArns?: string[];
}

type Metric = [string, string, ...string[]] | [string, string, ...Array<string | object>];

/**
 * One CloudWatch dashboard for the environment, `<name>-platform`, with the real names of its resources:
 * alarm status, the data tier (RDS CPU, storage, memory, connections; Redis engine CPU, memory, evictions and
 * replication lag per node), the nodes (Ready nodes per node group, least free node disk, container
 * restarts, days until the soonest certificate expires) and the ingress load balancer (healthy and unhealthy
 * targets, new flows, resets; found by name with a search expression, as the controller names it).
 */
export class PlatformDashboard extends Construct {
  /** The dashboard (escape hatch to the `aws_cloudwatch_dashboard` resource). */
  public readonly dashboard: CloudwatchDashboard;
  /** Name of the dashboard. */
  public readonly dashboardName: string;
  /** Console URL of the dashboard. */
  public readonly url: string;

  /**
   * @param props the names of the environment's resources
   */
  constructor(scope: Construct, id: string, props: PlatformDashboardProps) {
    super(scope, id);
    validateName(`PlatformDashboard '${id}'`, props.name);
    const region = AwsContext.of(this).region;
    const ns = props.metricNamespace ?? PLATFORM_METRIC_NAMESPACE;
    const lb = props.ingressLoadBalancerPrefix ?? 'k8s-ingressn-ingressn-';
    this.dashboardName = `${props.name}-platform`;

    const widgets: any[] = [];
    let y = 0;
    const row = (title: string) => {
      widgets.push({ type: 'text', x: 0, y, width: 24, height: 1, properties: { markdown: `## ${title}` } });
      y += 1;
    };
    let x = 0;
    const graph = (title: string, metrics: Metric[], extra: object = {}) => {
      widgets.push({ type: 'metric', x, y, width: 6, height: 6, properties: { title, region, view: 'timeSeries', stacked: false, period: 300, metrics, ...extra } });
      x += 6;
      if (x >= 24) { x = 0; y += 6; }
    };
    const endRow = () => { if (x > 0) { x = 0; y += 6; } };

    if (props.alarmArns && props.alarmArns.length > 0) {
      widgets.push({ type: 'alarm', x: 0, y, width: 24, height: 4, properties: { title: 'Alarms', alarms: props.alarmArns } });
      y += 4;
    }

    row(`Data tier: PostgreSQL ${props.postgresIdentifier}, Redis ${props.redisMemberClusterIds.join(', ')}`);
    const rds = (metric: string, stat: string): Metric => ['AWS/RDS', metric, 'DBInstanceIdentifier', props.postgresIdentifier, { stat }];
    graph('RDS CPU (%)', [rds('CPUUtilization', 'Average')]);
    graph('RDS free storage (bytes)', [rds('FreeStorageSpace', 'Minimum')]);
    graph('RDS freeable memory (bytes)', [rds('FreeableMemory', 'Minimum')]);
    graph('RDS connections', [rds('DatabaseConnections', 'Maximum')]);
    const redis = (metric: string, stat: string): Metric[] =>
      props.redisMemberClusterIds.map((m) => ['AWS/ElastiCache', metric, 'CacheClusterId', m, { stat }] as Metric);
    graph('Redis engine CPU (%)', redis('EngineCPUUtilization', 'Average'));
    graph('Redis memory (% of maxmemory)', redis('DatabaseMemoryUsagePercentage', 'Maximum'));
    graph('Redis evictions', redis('Evictions', 'Sum'));
    graph('Redis replication lag (s)', redis('ReplicationLag', 'Maximum'));
    endRow();

    row(`Nodes and workloads: cluster ${props.clusterName}`);
    if (props.nodeGroupNames) {
      graph('Ready nodes per node group', props.nodeGroupNames.map((n) =>
        [ns, PLATFORM_METRICS.nodeReady, PLATFORM_CLUSTER_DIMENSION, props.clusterName, PLATFORM_NODE_GROUP_DIMENSION, n, { stat: 'Minimum' }] as Metric));
    } else {
      graph('In-service instances per node group', props.autoScalingGroupNames.map((n) =>
        ['AWS/AutoScaling', 'GroupInServiceInstances', 'AutoScalingGroupName', n, { stat: 'Minimum' }] as Metric));
    }
    const platform = (metric: string, stat: string): Metric => [ns, metric, PLATFORM_CLUSTER_DIMENSION, props.clusterName, { stat }];
    graph('Least free node disk (bytes)', [platform(PLATFORM_METRICS.nodeFilesystemAvailable, 'Minimum')]);
    graph('Container restarts per 5 min (worst container)', [platform(PLATFORM_METRICS.containerRestarts, 'Maximum')]);
    graph('Days until the soonest certificate expires', [
      [{ expression: 'certExpiry / 86400', label: 'days', id: 'days' }],
      [ns, PLATFORM_METRICS.certificateExpirySeconds, PLATFORM_CLUSTER_DIMENSION, props.clusterName, { stat: 'Minimum', id: 'certExpiry', visible: false }],
    ] as any, { period: 3600 });
    endRow();

    row(`Ingress: Network Load Balancer ${lb}*`);
    const search = (metric: string, dims: string, stat: string) =>
      [{ expression: `SEARCH('{AWS/NetworkELB,${dims}} MetricName="${metric}" "${lb.replace(/-+$/, '')}"', '${stat}', 300)`, label: metric, id: metric.toLowerCase().replace(/[^a-z0-9]/g, '') }];
    graph('Healthy targets', [search('HealthyHostCount', 'LoadBalancer,TargetGroup', 'Minimum')] as any);
    graph('Unhealthy targets', [search('UnHealthyHostCount', 'LoadBalancer,TargetGroup', 'Maximum')] as any);
    graph('New flows', [search('NewFlowCount', 'LoadBalancer', 'Sum')] as any);
    graph('TCP resets from targets', [search('TCP_Target_Reset_Count', 'LoadBalancer', 'Sum')] as any);
    endRow();

    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: this.dashboardName,
      dashboardBody: JSON.stringify({ widgets }),
    });
    this.url = `https://console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${this.dashboardName}`;
  }
}

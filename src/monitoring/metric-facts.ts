/**
 * The CloudWatch metrics the library's alarms and dashboard use, as the services document them: namespace,
 * metric name, the dimension set the alarm queries and the statistic it makes sense with. Every alarm and
 * dashboard metric is checked against this list (test/monitoring/metric-facts.test.ts), so a typo in a
 * metric or dimension name fails a test instead of creating an alarm that stays INSUFFICIENT_DATA forever.
 *
 * When AWS documents a change, change one line here; the tests say what else must follow.
 */

/** One documented metric with the dimension set the library queries it by. */
export interface MetricFact {
  readonly namespace: string;
  readonly metricName: string;
  /** Names of the dimensions of the queried series, sorted. */
  readonly dimensions: string[];
  /** Unit the service publishes. */
  readonly unit: string;
  /** Where the fact comes from. */
  readonly source: string;
}

const RDS = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html';
const RDS_DIMS = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/dimensions.html';
const EC_HOST = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.HostLevel.html';
const EC_REDIS = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Redis.html';
const EC_DIMS = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.html';
const ASG = 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html';
const NLB = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-cloudwatch-metrics.html';
/** The collector's own metrics: names from the receivers' documented metadata, namespace and dimension from our awsemf config. */
const CERT_MANAGER = 'https://cert-manager.io/docs/devops-tips/prometheus-metrics/';
const KUBELETSTATS = 'https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/main/receiver/kubeletstatsreceiver/documentation.md';
const K8S_CLUSTER = 'https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/main/receiver/k8sclusterreceiver/documentation.md';
/**
 * Ready nodes per node group: `k8s.node.condition_ready` is one gauge per node (1 Ready, 0 not, -1 unknown;
 * `node_conditions_to_report`, default [Ready], receiver/k8sclusterreceiver/README.md at 0f73d30fa728dd36c8fc1dee8bfd02ada05561ec),
 * whose resource has only the node's name and uid. The node group comes from the node's label
 * `eks-platform/node-group` (HaNodeGroup sets it), copied to the resource by the k8sattributes processor (`extract.labels` with
 * `from: node`: processResource looks the node up by the resource's `k8s.node.name` when no pod matches,
 * processor/k8sattributesprocessor/processor.go at d01650f8202b96dce5b2243bef93e07d78e643ae). The collector then
 * sums the nodes of a group into one datapoint per scrape (see Observability), so the Minimum over a period is
 * the fewest Ready nodes seen, whatever the number of collector replicas.
 */
const K8S_NODE_READY = 'https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/0f73d30fa728dd36c8fc1dee8bfd02ada05561ec/receiver/k8sclusterreceiver/README.md';

/** The page that documents a namespace's dimensions, when it is not the metric's own page. */
const DIMENSIONS_SOURCE: { [namespace: string]: string } = { 'AWS/RDS': RDS_DIMS, 'AWS/ElastiCache': EC_DIMS };

const fact = (namespace: string, metricName: string, dimensions: string[], unit: string, source: string): MetricFact => ({
  namespace,
  metricName,
  dimensions: [...dimensions].sort(),
  unit,
  source: DIMENSIONS_SOURCE[namespace] ? `${source} (dimensions: ${DIMENSIONS_SOURCE[namespace]})` : source,
});

/** The namespace the OpenTelemetry collector's alerting pipeline writes to (Observability.metricNamespace default). */
export const PLATFORM_METRIC_NAMESPACE = 'EKS/Platform';
/** The single dimension the collector's alerting exporter keeps (the resource attribute it upserts). */
export const PLATFORM_CLUSTER_DIMENSION = 'k8s.cluster.name';

/**
 * The node group dimension of the Ready-nodes metric: the resource attribute the collector's k8sattributes
 * processor writes from the node label `NODE_GROUP_LABEL`.
 */
export const PLATFORM_NODE_GROUP_DIMENSION = 'eks.nodegroup.name';
/**
 * The node label the node group dimension is read from: `HaNodeGroup` puts its own name (`general`) on its
 * nodes. Not EKS's `eks.amazonaws.com/nodegroup`, whose value is the generated name (`general-<suffix>`) that
 * changes with every replacement: the alarm would have to follow it, and between the apply that renames it and
 * the collector's next count it would see no data.
 */
export const NODE_GROUP_LABEL = 'eks-platform/node-group'; // = HaNodeGroup.NAME_LABEL (checked by a test)

/** Metrics the collector derives for alerting (see Observability): days are computed in the collector. */
export const PLATFORM_METRICS = {
  /** Seconds until the soonest certificate expires (cert-manager's expiration timestamp minus now). */
  certificateExpirySeconds: 'certmanager_certificate_expiry_seconds',
  /** Bytes free on a node's root filesystem (kubelet nodefs), from the kubeletstats receiver. */
  nodeFilesystemAvailable: 'k8s.node.filesystem.available',
  /** Container restarts per period, from the k8s_cluster receiver's restart count turned into a counter. */
  containerRestarts: 'k8s.container.restarts',
  /** Ready nodes of a node group (the k8s_cluster receiver's per-node Ready condition, summed per group and scrape). */
  nodeReady: 'k8s.node.condition_ready',
};

export const METRIC_FACTS: MetricFact[] = [
  // RDS instance metrics, per DBInstanceIdentifier.
  fact('AWS/RDS', 'CPUUtilization', ['DBInstanceIdentifier'], 'Percent', RDS),
  fact('AWS/RDS', 'FreeStorageSpace', ['DBInstanceIdentifier'], 'Bytes', RDS),
  fact('AWS/RDS', 'FreeableMemory', ['DBInstanceIdentifier'], 'Bytes', RDS),
  fact('AWS/RDS', 'DatabaseConnections', ['DBInstanceIdentifier'], 'Count', RDS),
  fact('AWS/RDS', 'ReadLatency', ['DBInstanceIdentifier'], 'Seconds', RDS),
  fact('AWS/RDS', 'WriteLatency', ['DBInstanceIdentifier'], 'Seconds', RDS),
  // ElastiCache Redis OSS, per node: a replication group's nodes are cache clusters <group>-001..00N.
  fact('AWS/ElastiCache', 'EngineCPUUtilization', ['CacheClusterId'], 'Percent', EC_REDIS),
  fact('AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', ['CacheClusterId'], 'Percent', EC_REDIS),
  fact('AWS/ElastiCache', 'Evictions', ['CacheClusterId'], 'Count', EC_REDIS),
  fact('AWS/ElastiCache', 'ReplicationLag', ['CacheClusterId'], 'Seconds', EC_REDIS),
  fact('AWS/ElastiCache', 'CurrConnections', ['CacheClusterId'], 'Count', EC_REDIS),
  fact('AWS/ElastiCache', 'CPUUtilization', ['CacheClusterId'], 'Percent', EC_HOST),
  // Auto Scaling group metrics (published only while group metrics collection is enabled).
  fact('AWS/AutoScaling', 'GroupInServiceInstances', ['AutoScalingGroupName'], 'Count', ASG),
  fact('AWS/AutoScaling', 'GroupDesiredCapacity', ['AutoScalingGroupName'], 'Count', ASG),
  // Network Load Balancer of the ingress controller (dashboard only: its name is chosen by the controller).
  fact('AWS/NetworkELB', 'UnHealthyHostCount', ['LoadBalancer', 'TargetGroup'], 'Count', NLB),
  fact('AWS/NetworkELB', 'HealthyHostCount', ['LoadBalancer', 'TargetGroup'], 'Count', NLB),
  fact('AWS/NetworkELB', 'NewFlowCount', ['LoadBalancer'], 'Count', NLB),
  fact('AWS/NetworkELB', 'TCP_Target_Reset_Count', ['LoadBalancer'], 'Count', NLB),
  // The collector's alerting pipeline (Observability): one dimension, the cluster name.
  fact(PLATFORM_METRIC_NAMESPACE, PLATFORM_METRICS.certificateExpirySeconds, [PLATFORM_CLUSTER_DIMENSION], 'Seconds', CERT_MANAGER),
  fact(PLATFORM_METRIC_NAMESPACE, PLATFORM_METRICS.nodeFilesystemAvailable, [PLATFORM_CLUSTER_DIMENSION], 'Bytes', KUBELETSTATS),
  fact(PLATFORM_METRIC_NAMESPACE, PLATFORM_METRICS.containerRestarts, [PLATFORM_CLUSTER_DIMENSION], 'Count', K8S_CLUSTER),
  // Per node group: cluster and node group (the awsemf declaration keeps exactly these two).
  fact(PLATFORM_METRIC_NAMESPACE, PLATFORM_METRICS.nodeReady, [PLATFORM_CLUSTER_DIMENSION, PLATFORM_NODE_GROUP_DIMENSION], 'Count', K8S_NODE_READY),
];

/** The fact for a metric queried with the given dimension names, or undefined when none is documented. */
export function findMetricFact(namespace: string, metricName: string, dimensionNames: string[]): MetricFact | undefined {
  const dims = [...dimensionNames].sort().join(',');
  return METRIC_FACTS.find((f) => f.namespace === namespace && f.metricName === metricName && f.dimensions.join(',') === dims);
}

// The data tier's event facts live beside it (src/data imports them without reaching up into monitoring).
export { ELASTICACHE_EVENTBRIDGE, ELASTICACHE_MEMBER_CLUSTERS, RDS_INSTANCE_EVENT_CATEGORIES } from '../data/event-facts';

/**
 * Event sources that can publish to an SNS topic encrypted with a customer-managed key, with their service
 * principals (SNS "Enable compatibility between event sources from AWS services and encrypted topics"). The
 * key policy may carry aws:SourceAccount for all but EventBridge ("not supported for EventBridge-to-encrypted topics").
 */
export const SNS_ENCRYPTED_TOPIC_PUBLISHERS = {
  source: 'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services',
  principals: {
    cloudwatchAlarms: 'cloudwatch.amazonaws.com',
    eventBridge: 'events.amazonaws.com',
    rdsEvents: 'events.rds.amazonaws.com',
  },
};

/**
 * CloudWatch alarm state changes in EventBridge: source `aws.cloudwatch`, detail-type "CloudWatch Alarm State
 * Change", with `detail.alarmName`, `detail.state.value` and `detail.previousState.value`.
 */
export const CLOUDWATCH_ALARM_EVENTS = {
  source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html',
  eventSource: 'aws.cloudwatch',
  stateChangeDetailType: 'CloudWatch Alarm State Change',
};

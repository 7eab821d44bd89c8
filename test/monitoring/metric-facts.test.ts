import { Observability } from '../../src/addons/observability';
import {
  ELASTICACHE_EVENTBRIDGE, findMetricFact, METRIC_FACTS, PLATFORM_METRICS, PLATFORM_NODE_GROUP_DIMENSION, RDS_INSTANCE_EVENT_CATEGORIES,
} from '../../src/monitoring/metric-facts';
import { synthesizeExample } from '../examples/synth-example';
import { newStack } from '../util';

/**
 * Every alarm and dashboard metric of the example must be one the service documents, queried with a dimension
 * set it publishes (src/monitoring/metric-facts.ts, with the AWS documentation each fact comes from).
 */
const example = synthesizeExample();
const infra = example.stacks['ai-agents-prod-infra'];
const alarms = Object.values<any>(infra.resource.aws_cloudwatch_metric_alarm);

describe('alarm and dashboard metrics match what the services publish', () => {
  test('every fact names its source', () => {
    for (const f of METRIC_FACTS) expect(f.source).toMatch(/^https:\/\//);
  });

  test.each(alarms.map((a) => [a.alarm_name, a]))('alarm %s', (_name, a) => {
    const fact = findMetricFact(a.namespace, a.metric_name, Object.keys(a.dimensions));
    expect(fact).toBeDefined();
  });

  test('the example has the alarms the issue asks for', () => {
    const metrics = new Set(alarms.map((a) => `${a.namespace} ${a.metric_name}`));
    expect([...metrics].sort()).toEqual([
      'AWS/ElastiCache DatabaseMemoryUsagePercentage', 'AWS/ElastiCache EngineCPUUtilization', 'AWS/ElastiCache Evictions', 'AWS/ElastiCache ReplicationLag',
      'AWS/RDS CPUUtilization', 'AWS/RDS DatabaseConnections', 'AWS/RDS FreeStorageSpace', 'AWS/RDS FreeableMemory',
      `EKS/Platform ${PLATFORM_METRICS.certificateExpirySeconds}`, `EKS/Platform ${PLATFORM_METRICS.containerRestarts}`, `EKS/Platform ${PLATFORM_METRICS.nodeFilesystemAvailable}`,
      `EKS/Platform ${PLATFORM_METRICS.nodeReady}`,
    ].sort());
  });

  test('every metric of the dashboard is documented', () => {
    const body = JSON.parse(Object.values<any>(infra.resource.aws_cloudwatch_dashboard)[0].dashboard_body);
    let checked = 0;
    for (const w of body.widgets.filter((x: any) => x.type === 'metric')) {
      for (const m of w.properties.metrics) {
        if (typeof m[0] === 'string') {
          const [namespace, metricName, ...rest] = m;
          const dims = rest.filter((_: unknown, i: number) => i % 2 === 0 && typeof rest[i] === 'string' && typeof rest[i + 1] === 'string');
          expect(findMetricFact(namespace, metricName, dims)).toBeDefined();
          checked++;
        } else if (m[0].expression?.startsWith('SEARCH(')) {
          const s = /\{([^,}]+),([^}]+)\} MetricName="([^"]+)"/.exec(m[0].expression)!;
          expect(findMetricFact(s[1], s[3], s[2].split(','))).toBeDefined();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(16);
  });

  test('a typo in a metric or dimension name is not a documented metric', () => {
    expect(findMetricFact('AWS/RDS', 'CPUUtilisation', ['DBInstanceIdentifier'])).toBeUndefined();
    expect(findMetricFact('AWS/ElastiCache', 'ReplicationLag', ['ReplicationGroupId'])).toBeUndefined();
  });
});

describe('the collector exports the metrics ClusterAlarms reads', () => {
  const values = new Observability(newStack().scope, 'o', { clusterName: 'c', region: 'us-east-1' }).collectorValues;
  const config = values.config;

  test('a separate pipeline: cert-manager scrape, kubelet stats per node, cluster restarts, to its own awsemf exporter', () => {
    expect(config.service.pipelines['metrics/alerts']).toEqual({
      receivers: ['prometheus/cert-manager', 'receiver_creator/kubelet', 'k8s_cluster'],
      processors: ['memory_limiter', 'filter/alerts', 'transform/alerts', 'resource', 'batch'],
      exporters: ['awsemf/alerts'],
    });
    expect(config.service.extensions).toEqual(['health_check', 'k8s_observer']);
    // Every cert-manager controller pod on 9402 (only the leader reports certificates), found through the API.
    const scrape = config.receivers['prometheus/cert-manager'].config.scrape_configs[0];
    expect(scrape.kubernetes_sd_configs).toEqual([{ role: 'pod', namespaces: { names: ['cert-manager'] } }]);
    expect(scrape.relabel_configs[0]).toMatchObject({ regex: 'controller;9402', action: 'keep' });
    const rules = values.clusterRole.rules.flatMap((r: any) => r.apiGroups.includes('') ? r.resources : []);
    expect(rules).toEqual(expect.arrayContaining(['pods', 'nodes', 'nodes/stats']));
    expect(values.clusterRole.create).toBe(true);
  });

  test('the exporter publishes exactly the fact metrics, each with the dimension set of its fact', () => {
    const emf = config.exporters['awsemf/alerts'];
    expect(emf).toMatchObject({ namespace: 'EKS/Platform', dimension_rollup_option: 'NoDimensionRollup', resource_to_telemetry_conversion: { enabled: true } });
    const platformFacts = METRIC_FACTS.filter((f) => f.namespace === 'EKS/Platform');
    // Each fact metric matches exactly one declaration, whose only dimension set is the fact's (sorted).
    for (const f of platformFacts) {
      const decls = emf.metric_declarations.filter((d: any) => d.metric_name_selectors.some((re: string) => new RegExp(re).test(f.metricName)));
      expect({ metric: f.metricName, dimensions: decls.map((d: any) => d.dimensions.map((set: string[]) => [...set].sort())) })
        .toEqual({ metric: f.metricName, dimensions: [[f.dimensions]] });
    }
    const selectors = emf.metric_declarations.flatMap((d: any) => d.metric_name_selectors);
    expect(selectors).toHaveLength(platformFacts.length);
  });

  test('Ready nodes: a pipeline that counts the Ready nodes of each node group once per scrape', () => {
    expect(config.service.pipelines['metrics/nodes']).toEqual({
      receivers: ['k8s_cluster'],
      processors: ['memory_limiter', 'filter/nodes', 'k8sattributes/nodes', 'resource/nodes', 'groupbyattrs/nodes', 'transform/nodes', 'resource', 'batch'],
      exporters: ['awsemf/alerts'],
    });
    expect(config.receivers.k8s_cluster.node_conditions_to_report).toEqual(['Ready']);
    expect(config.processors['filter/nodes'].metric_conditions).toEqual([{ context: 'metric', conditions: [`metric.name != "${PLATFORM_METRICS.nodeReady}"`] }]);
    // The node group label of the node becomes the dimension; the node's identity goes, so the group's nodes merge.
    expect(config.processors['k8sattributes/nodes'].extract.labels).toEqual([{ tag_name: PLATFORM_NODE_GROUP_DIMENSION, key: 'eks-platform/node-group', from: 'node' }]);
    expect(config.processors['resource/nodes'].attributes.map((a: any) => `${a.action} ${a.key}`)).toEqual(['delete k8s.node.name', 'delete k8s.node.uid']);
    expect(config.processors['groupbyattrs/nodes']).toEqual({});
    const t = config.processors['transform/nodes'].metric_statements;
    expect(t[0]).toEqual({ context: 'datapoint', statements: [`set(datapoint.value_int, 0) where metric.name == "${PLATFORM_METRICS.nodeReady}" and datapoint.value_int < 0`] });
    expect(t[1]).toEqual({ context: 'metric', statements: [`aggregate_on_attributes("sum", []) where metric.name == "${PLATFORM_METRICS.nodeReady}"`] });
  });

  test('the expiry timestamp is turned into seconds left and renamed to the fact name', () => {
    const t = config.processors['transform/alerts'].metric_statements;
    expect(t[0].statements[0]).toBe('set(datapoint.value_double, datapoint.value_double - Double(UnixSeconds(Now()))) where metric.name == "certmanager_certificate_expiration_timestamp_seconds"');
    expect(t[1].statements).toContain(`set(metric.name, "${PLATFORM_METRICS.certificateExpirySeconds}") where metric.name == "certmanager_certificate_expiration_timestamp_seconds"`);
    expect(config.processors['filter/alerts'].metric_conditions[0].conditions[0]).toContain(`metric.name == "${PLATFORM_METRICS.nodeFilesystemAvailable}"`);
  });

  test('alertMetrics: false leaves the collector as it was', () => {
    const v = new Observability(newStack().scope, 'o', { clusterName: 'c', region: 'us-east-1', alertMetrics: false }).collectorValues;
    expect(v.config.service.pipelines['metrics/alerts']).toBeUndefined();
    expect(v.clusterRole).toBeUndefined();
  });
});

describe('event facts', () => {
  test('the RDS subscription forwards only documented DB instance categories, including the ones the guide needs', () => {
    const sub = Object.values<any>(infra.resource.aws_db_event_subscription)[0];
    for (const c of sub.event_categories) expect(RDS_INSTANCE_EVENT_CATEGORIES.all).toContain(c);
    expect(sub.event_categories).toEqual(expect.arrayContaining(['failover', 'failure', 'low storage', 'maintenance', 'notification']));
  });

  test('the ElastiCache rule forwards only documented EventBridge detail types', () => {
    const rule = Object.values<any>(infra.resource.aws_cloudwatch_event_rule).find((r) => r.name.endsWith('-redis-events'));
    for (const t of JSON.parse(rule.event_pattern)['detail-type']) expect(ELASTICACHE_EVENTBRIDGE.allDetailTypes).toContain(t);
  });
});

import { emptyStack } from './helpers';
import { Observability } from '../../src/addons';
import { COLLECTOR_CHART, FILTER_PROCESSOR, K8S_CLUSTER_RECEIVER_WATCHES } from '../facts/opentelemetry-collector';

/** The collector's Helm values as the library builds them (alert metrics on, the default). */
function collectorValues(): any {
  const { stack } = emptyStack();
  return new Observability(stack, 'obs', { clusterName: 'ai-agents-prod', region: 'us-east-1' }).collectorValues;
}

/** Filter processors (`filter` or `filter/<name>`) that use a deprecated key, as "<id>.<key>". */
export function deprecatedFilterKeys(processors: Record<string, any>): string[] {
  return Object.entries(processors)
    .filter(([id]) => id === 'filter' || id.startsWith('filter/'))
    .flatMap(([id, cfg]) => FILTER_PROCESSOR.deprecatedKeys.filter((k) => cfg && k in cfg).map((k) => `${id}.${k}`));
}

/** Resources ("group/resource", core group as "/resource") the receiver watches that the ClusterRole cannot list and watch. */
export function unlistableResources(rules: any[]): string[] {
  const can = (group: string, resource: string) => rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource)
    && ['get', 'list', 'watch'].every((v) => r.verbs.includes(v)));
  return K8S_CLUSTER_RECEIVER_WATCHES.flatMap((w) => w.resources.filter((res) => !can(w.apiGroup, res)).map((res) => `${w.apiGroup}/${res}`));
}

describe('the collector configuration against the collector facts', () => {
  const values = collectorValues();

  test('the chart pin is the version rendered with both Helm 3 and Helm 4 (the Terraform Helm provider embeds Helm 3)', () => {
    expect(Observability.OTEL_CHART_VERSION).toBe(COLLECTOR_CHART.version);
    expect(COLLECTOR_CHART.chartApiVersion).toBe('v2');
    expect(COLLECTOR_CHART.renderedWith.some((v) => v.startsWith('v3.'))).toBe(true);
  });

  test('no filter processor uses the deprecated metrics/logs/traces form; every metric_conditions group names its context', () => {
    expect(deprecatedFilterKeys(values.config.processors)).toEqual([]);
    const groups = values.config.processors['filter/alerts'][FILTER_PROCESSOR.metricConditionsKey];
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(FILTER_PROCESSOR.metricContexts).toContain(g.context);
      expect(g.conditions.length).toBeGreaterThan(0);
    }
  });

  test('the ClusterRole can list and watch everything the k8s_cluster receiver watches (persistent volumes included)', () => {
    expect(values.config.service.pipelines['metrics/alerts'].receivers).toContain('k8s_cluster');
    expect(unlistableResources(values.clusterRole.rules)).toEqual([]);
  });

  test('the checks report what they should', () => {
    expect(deprecatedFilterKeys({ 'filter/x': { metrics: { metric: [] } }, 'filter': { logs: {} }, 'transform/y': { metrics: {} } }))
      .toEqual(['filter/x.metrics', 'filter.logs']);
    const withoutPv = [{ apiGroups: [''], resources: ['pods', 'persistentvolumeclaims'], verbs: ['get', 'list', 'watch'] }];
    expect(unlistableResources(withoutPv)).toContain('/persistentvolumes');
    expect(unlistableResources(withoutPv)).not.toContain('/persistentvolumeclaims');
  });
});

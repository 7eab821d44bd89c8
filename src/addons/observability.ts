import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkComponentSupport } from './private/component-support';
import { RELEASE_DEFAULTS } from './private/object-chart';
import { AddonServiceAccounts } from './service-accounts';
import { FLUENT_BIT_IMAGE } from '../cluster/component-calendar';
import { KubernetesVersion } from '../cluster/kubernetes-version';
import { NODE_GROUP_LABEL, PLATFORM_CLUSTER_DIMENSION, PLATFORM_METRICS, PLATFORM_NODE_GROUP_DIMENSION } from '../monitoring/metric-facts';
import { invalidProp } from '../private/errors';

/** Names of the CloudWatch log groups the in-cluster observability writes to. */
export interface PlatformLogGroupNames {
  /** Container stdout/stderr, shipped by Fluent Bit (`/aws/eks/<cluster>/containers`). */
  readonly containers: string;
  /** Metrics as CloudWatch embedded metric format, written by the OpenTelemetry collector (`/aws/eks/<cluster>/otel-metrics`). */
  readonly metrics: string;
}

/**
 * The log groups the add-ons write to. They belong to the AWS side (KMS-encrypted, 90-day retention, owned by
 * Terraform so no agent creates an unencrypted, never-expiring group): the infrastructure stack creates these
 * names, and the add-ons never create groups themselves (Fluent Bit runs with `autoCreateGroup: false`).
 */
export class PlatformLogGroups {
  /** The log group names for a cluster. */
  public static forCluster(clusterName: string): PlatformLogGroupNames {
    return {
      containers: `/aws/eks/${clusterName}/containers`,
      metrics: `/aws/eks/${clusterName}/otel-metrics`,
    };
  }

  private constructor() {}
}

/** Props of `Observability`. */
export interface ObservabilityProps {
  /** EKS cluster name (log group names, metric dimensions). */
  readonly clusterName: string;

  /** AWS region of the log groups and metrics. */
  readonly region: string;

  /**
   * Log groups to write to. The AWS side must create them.
   * @default PlatformLogGroups.forCluster(clusterName)
   */
  readonly logGroups?: PlatformLogGroupNames;

  /**
   * IAM role (ARN) for IRSA. Annotates the collector and Fluent Bit service accounts.
   * @default - no annotation: EKS Pod Identity associations for AddonServiceAccounts.OTEL_COLLECTOR and FLUENT_BIT
   */
  readonly roleArn?: string;

  /**
   * OpenTelemetry collector replicas.
   * @default 2
   */
  readonly collectorReplicas?: number;

  /**
   * CloudWatch metric namespace of the metrics the collector exports.
   * @default 'EKS/Platform'
   */
  readonly metricNamespace?: string;

  /**
   * Ship container logs to CloudWatch with Fluent Bit (a DaemonSet). Turn off only when the cluster uses the
   * `amazon-cloudwatch-observability` EKS add-on instead; otherwise container logs are lost with their node.
   * @default true
   */
  readonly containerLogs?: boolean;

  /**
   * Export the metrics the platform's alarms need (see `ClusterAlarms`, `NodeGroupAlarms`) in
   * `metricNamespace`: per cluster, seconds until the soonest certificate expires (scraped from cert-manager),
   * free bytes of each node's root filesystem (kubelet stats) and container restarts (Kubernetes API), and per
   * node group the number of Ready nodes. Turning it off leaves those alarms without data.
   * @default true
   */
  readonly alertMetrics?: boolean;

  /**
   * opentelemetry-collector chart version (pinned).
   * @default Observability.OTEL_CHART_VERSION
   */
  readonly collectorChartVersion?: string;

  /**
   * aws-for-fluent-bit chart version (pinned).
   * @default Observability.FLUENT_BIT_CHART_VERSION
   */
  readonly fluentBitChartVersion?: string;

  /**
   * Kubernetes version of the cluster: synth refuses a chart line that does not support it (component calendar).
   * @default KubernetesVersion.V1_35 (the cluster default)
   */
  readonly kubernetesVersion?: KubernetesVersion;

  /**
   * Image tag of AWS for Fluent Bit (`Observability.FLUENT_BIT_IMAGE_REPOSITORY`): an exact release such as
   * '3.4.13', never a moving tag. The chart's own default (3.2.1 in chart 0.2.0) predates months of Amazon Linux
   * base-image fixes; AWS rebuilds the 3.x image about weekly (https://github.com/aws/aws-for-fluent-bit/releases),
   * so set a newer 3.x release here when one is out. Changing it rolls the DaemonSet one node at a time.
   * @default Observability.FLUENT_BIT_IMAGE_TAG
   */
  readonly fluentBitImageTag?: string;

  /**
   * Resources the releases wait for.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** Ports of the collector: OTLP gRPC and HTTP, and its own Prometheus metrics (the runbook port-forwards 8888). */
export const OTEL_PORTS = { otlpGrpc: 4317, otlpHttp: 4318, metrics: 8888 };

/**
 * In-cluster observability: an OpenTelemetry collector (namespace `observability`, Service `otel-collector`,
 * OTLP on 4317/4318, its own metrics on 8888) exporting metrics to CloudWatch as EMF, and Fluent Bit shipping
 * container logs to a Terraform-owned CloudWatch log group.
 */
export class Observability extends Construct {
  /** opentelemetry-collector chart version the library pins. */
  public static readonly OTEL_CHART_VERSION = '0.170.0';
  /** aws-for-fluent-bit chart version the library pins. */
  public static readonly FLUENT_BIT_CHART_VERSION = '0.2.0';
  /** AWS for Fluent Bit image the library runs (the chart reads `image.repository` and `image.tag`). */
  public static readonly FLUENT_BIT_IMAGE_REPOSITORY = 'public.ecr.aws/aws-observability/aws-for-fluent-bit';
  /**
   * AWS for Fluent Bit release the library pins (Fluent Bit 5.0, Amazon Linux 2023 base): the first release with
   * the base-image fixes for CVE-2026-16118 (glib2, High) and CVE-2026-11979 (libxml2).
   */
  public static readonly FLUENT_BIT_IMAGE_TAG = '3.4.13';

  /** The Helm release of the OpenTelemetry collector (escape hatch to the underlying `helm_release` resource). */
  public readonly collectorRelease: Release;
  /** The Helm release of Fluent Bit (escape hatch). Undefined when `containerLogs` is false. */
  public readonly fluentBitRelease?: Release;
  /** Helm values of the collector chart. */
  public readonly collectorValues: any;
  /** Helm values of the Fluent Bit chart, when installed. */
  public readonly fluentBitValues?: any;
  /** Image Fluent Bit runs (`repository:tag`), when installed. */
  public readonly fluentBitImage?: string;
  /** Names of the CloudWatch log groups the collector and Fluent Bit write to. */
  public readonly logGroups: PlatformLogGroupNames;

  /**
   * @param props cluster name, region, IAM role, log groups and chart versions of the collector and Fluent Bit
   */
  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const who = `Observability '${id}'`;
    const replicas = props.collectorReplicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 2) {
      invalidProp(who, 'collectorReplicas', replicas, 'must be a whole number of at least 2 (telemetry must survive a node loss)', 'Use 2 (the default).');
    }
    for (const [prop, v] of [['collectorChartVersion', props.collectorChartVersion], ['fluentBitChartVersion', props.fluentBitChartVersion]]) {
      if (v !== undefined && !Token.isUnresolved(v) && !/^\d+\.\d+\.\d+$/.test(v)) {
        invalidProp(who, prop!, v, 'must be an exact chart version (pinned, no ranges)', 'Leave it unset to use the pinned default.');
      }
    }
    const fluentBitTag = props.fluentBitImageTag ?? Observability.FLUENT_BIT_IMAGE_TAG;
    // Exact releases only (3.x: '3.4.13'; 2.x also had date-suffixed rebuilds such as '2.32.2.20241008').
    if (!Token.isUnresolved(fluentBitTag) && !/^\d+\.\d+\.\d+(\.\d{8})?$/.test(fluentBitTag)) {
      invalidProp(who, 'fluentBitImageTag', fluentBitTag,
        "must be an exact AWS for Fluent Bit release such as '3.4.13' (not a moving tag like 'latest', 'stable' or '3', nor a repository or digest)",
        'Pick a release from https://github.com/aws/aws-for-fluent-bit/releases, or leave it unset for the pinned default.');
    }
    const kubernetesVersion = props.kubernetesVersion ?? KubernetesVersion.V1_35;
    checkComponentSupport(this, who, 'collectorChartVersion', 'opentelemetry-collector',
      props.collectorChartVersion ?? Observability.OTEL_CHART_VERSION, kubernetesVersion);
    if (props.containerLogs ?? true) {
      checkComponentSupport(this, who, 'fluentBitChartVersion', 'aws-for-fluent-bit',
        props.fluentBitChartVersion ?? Observability.FLUENT_BIT_CHART_VERSION, kubernetesVersion);
      checkComponentSupport(this, who, 'fluentBitImageTag', FLUENT_BIT_IMAGE, fluentBitTag, kubernetesVersion);
    }
    this.logGroups = props.logGroups ?? PlatformLogGroups.forCluster(props.clusterName);
    for (const [prop, name] of Object.entries(this.logGroups)) {
      if (!Token.isUnresolved(name) && !/^[\.\-_/#A-Za-z0-9]{1,512}$/.test(name)) {
        invalidProp(who, `logGroups.${prop}`, name, 'must be a CloudWatch log group name', 'Use PlatformLogGroups.forCluster(clusterName).');
      }
    }
    const irsa = (arn?: string) => (arn ? { 'eks.amazonaws.com/role-arn': arn } : {});
    const otelSa = AddonServiceAccounts.OTEL_COLLECTOR;

    this.collectorValues = {
      mode: 'deployment',
      fullnameOverride: 'otel-collector', // Service otel-collector, as the runbook expects
      replicaCount: replicas,
      // contrib distribution: it carries the awsemf exporter
      image: { repository: 'otel/opentelemetry-collector-contrib' },
      command: { name: 'otelcol-contrib' },
      serviceAccount: { create: true, name: otelSa.name, annotations: irsa(props.roleArn) },
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      topologySpreadConstraints: [{
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { 'app.kubernetes.io/instance': 'otel-collector' } },
      }],
      resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } },
      ports: {
        'otlp': { enabled: true, containerPort: OTEL_PORTS.otlpGrpc, servicePort: OTEL_PORTS.otlpGrpc, protocol: 'TCP' },
        'otlp-http': { enabled: true, containerPort: OTEL_PORTS.otlpHttp, servicePort: OTEL_PORTS.otlpHttp, protocol: 'TCP' },
        'metrics': { enabled: true, containerPort: OTEL_PORTS.metrics, servicePort: OTEL_PORTS.metrics, protocol: 'TCP' },
        'jaeger-compact': { enabled: false },
        'jaeger-thrift': { enabled: false },
        'jaeger-grpc': { enabled: false },
        'zipkin': { enabled: false },
      },
      config: {
        // The chart's defaults already bind OTLP to the pod IP on 4317/4318, scrape the collector's own metrics
        // (port 8888) with the prometheus receiver and enable health_check; nothing here repeats them.
        receivers: { jaeger: null, zipkin: null }, // null removes default receivers nothing here uses
        processors: {
          batch: { timeout: '10s' },
          memory_limiter: { check_interval: '5s', limit_percentage: 80, spike_limit_percentage: 25 },
          resource: { attributes: [{ key: 'k8s.cluster.name', value: props.clusterName, action: 'upsert' }] },
        },
        exporters: {
          awsemf: {
            region: props.region,
            log_group_name: this.logGroups.metrics,
            log_stream_name: 'otel-collector',
            namespace: props.metricNamespace ?? 'EKS/Platform',
            resource_to_telemetry_conversion: { enabled: true },
          },
        },
        service: {
          pipelines: {
            metrics: { receivers: ['otlp', 'prometheus'], processors: ['memory_limiter', 'resource', 'batch'], exporters: ['awsemf'] },
            traces: null,
            logs: null,
          },
        },
      },
    };
    if (props.alertMetrics ?? true) {
      addAlertMetrics(this.collectorValues, {
        region: props.region,
        logGroupName: this.logGroups.metrics,
        namespace: props.metricNamespace ?? 'EKS/Platform',
      });
    }
    this.collectorRelease = new Release(this, 'otel-collector', {
      ...RELEASE_DEFAULTS,
      name: 'otel-collector',
      namespace: otelSa.namespace,
      createNamespace: true,
      repository: 'https://open-telemetry.github.io/opentelemetry-helm-charts',
      chart: 'opentelemetry-collector',
      version: props.collectorChartVersion ?? Observability.OTEL_CHART_VERSION,
      values: [JSON.stringify(this.collectorValues, undefined, 2)],
      dependsOn: props.dependsOn,
    });

    if (props.containerLogs ?? true) {
      const fbSa = AddonServiceAccounts.FLUENT_BIT;
      this.fluentBitImage = `${Observability.FLUENT_BIT_IMAGE_REPOSITORY}:${fluentBitTag}`;
      this.fluentBitValues = {
        fullnameOverride: 'fluent-bit',
        // The chart's default tag (3.2.1) lacks the base-image fixes: pin a patched release (test/facts/aws-for-fluent-bit.ts).
        image: { repository: Observability.FLUENT_BIT_IMAGE_REPOSITORY, tag: fluentBitTag },
        serviceAccount: { create: true, name: fbSa.name, annotations: irsa(props.roleArn) },
        cloudWatch: { enabled: false },
        firehose: { enabled: false },
        kinesis: { enabled: false },
        elasticsearch: { enabled: false },
        cloudWatchLogs: {
          enabled: true,
          region: props.region,
          logGroupName: this.logGroups.containers,
          logGroupTemplate: '', // one Terraform-owned group; streams tell namespaces and pods apart
          // The cloudwatch_logs plugin refuses to start without log_stream_name or log_stream_prefix (the
          // template alone does not satisfy it); the prefix is used only when the template cannot be resolved.
          logStreamPrefix: 'fallback-',
          logStreamTemplate: "$kubernetes['namespace_name'].$kubernetes['pod_name'].$kubernetes['container_name']",
          autoCreateGroup: false, // the group is Terraform's (KMS, retention); never create an unmanaged one
        },
        tolerations: [{ operator: 'Exists' }], // every node, tainted or not
        priorityClassName: 'system-node-critical',
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '250Mi' } },
      };
      this.fluentBitRelease = new Release(this, 'fluent-bit', {
        ...RELEASE_DEFAULTS,
        name: 'fluent-bit',
        namespace: fbSa.namespace,
        createNamespace: true,
        repository: 'https://aws.github.io/eks-charts',
        chart: 'aws-for-fluent-bit',
        version: props.fluentBitChartVersion ?? Observability.FLUENT_BIT_CHART_VERSION,
        values: [JSON.stringify(this.fluentBitValues, undefined, 2)],
        dependsOn: props.dependsOn,
      });
    }
  }
}

/**
 * Where cert-manager serves its Prometheus metrics: the controller pods (label
 * `app.kubernetes.io/component=controller`) in namespace `cert-manager`, port 9402
 * (https://cert-manager.io/docs/devops-tips/prometheus-metrics/). Every controller pod is scraped, not the
 * Service: only the elected leader reconciles certificates, so only it reports their expiry, and a Service
 * scrape over a kept-alive connection could stay on a follower.
 */
export const CERT_MANAGER_METRICS = { namespace: 'cert-manager', component: 'controller', port: 9402 };

/** Metric names the alerting pipeline keeps, before and after the collector derives them. */
const ALERT_SOURCE_METRICS = {
  certificateExpiration: 'certmanager_certificate_expiration_timestamp_seconds',
  certificateExpirySeconds: PLATFORM_METRICS.certificateExpirySeconds,
  nodeFilesystemAvailable: PLATFORM_METRICS.nodeFilesystemAvailable,
  containerRestarts: PLATFORM_METRICS.containerRestarts,
};

/**
 * Processors of `metrics/nodes`, which turns the k8s_cluster receiver's per-node Ready condition into one
 * datapoint per node group and scrape: the number of Ready nodes (NodeGroupAlarms). Per node: keep only the
 * Ready condition, add the node's node group label as a resource attribute (k8sattributes, looked up by the
 * resource's k8s.node.name), drop the node's identity so the nodes of one group share one resource, merge those
 * resources (groupbyattrs without keys compacts identical resources, merging same-name metrics), count Unknown
 * (-1) as not Ready and sum the group's datapoints. Each collector replica exports the same count; the alarm's
 * Minimum does not double count.
 */
function nodeReadyProcessors(): { [name: string]: unknown } {
  const ready = PLATFORM_METRICS.nodeReady;
  return {
    'filter/nodes': { error_mode: 'ignore', metric_conditions: [{ context: 'metric', conditions: [`metric.name != "${ready}"`] }] },
    'k8sattributes/nodes': {
      auth_type: 'serviceAccount',
      extract: { metadata: [], labels: [{ tag_name: PLATFORM_NODE_GROUP_DIMENSION, key: NODE_GROUP_LABEL, from: 'node' }] },
    },
    'resource/nodes': { attributes: [{ key: 'k8s.node.name', action: 'delete' }, { key: 'k8s.node.uid', action: 'delete' }] },
    'groupbyattrs/nodes': {},
    'transform/nodes': {
      error_mode: 'ignore',
      metric_statements: [
        { context: 'datapoint', statements: [`set(datapoint.value_int, 0) where metric.name == "${ready}" and datapoint.value_int < 0`] },
        { context: 'metric', statements: [`aggregate_on_attributes("sum", []) where metric.name == "${ready}"`] },
      ],
    },
  };
}

/**
 * A second metrics pipeline, `metrics/alerts`, next to the default one: three receivers (cert-manager's
 * metrics, the kubelets' node stats found through the Kubernetes API, the cluster's container restart
 * counts), a filter that keeps only the metrics the alarms read, a transform that turns the expiry timestamp
 * into seconds left and the restart count into a counter (awsemf then exports per-period deltas), and an
 * awsemf exporter that keeps one dimension, the cluster name, so each alarm reads one series whose Minimum
 * or Maximum is the worst certificate, node or container. Both collector replicas export the same values,
 * which Minimum and Maximum do not double count.
 */
function addAlertMetrics(values: any, opts: { region: string; logGroupName: string; namespace: string }): void {
  const m = ALERT_SOURCE_METRICS;
  const config = values.config;
  config.extensions = {
    ...config.extensions,
    k8s_observer: { auth_type: 'serviceAccount', observe_nodes: true, observe_pods: false },
  };
  config.receivers = {
    ...config.receivers,
    'prometheus/cert-manager': {
      config: {
        scrape_configs: [{
          job_name: 'cert-manager',
          scrape_interval: '60s',
          kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: [CERT_MANAGER_METRICS.namespace] } }],
          relabel_configs: [{
            source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_component', '__meta_kubernetes_pod_container_port_number'],
            regex: `${CERT_MANAGER_METRICS.component};${CERT_MANAGER_METRICS.port}`,
            action: 'keep',
          }],
          metric_relabel_configs: [{ source_labels: ['__name__'], regex: m.certificateExpiration, action: 'keep' }],
        }],
      },
    },
    // One kubeletstats receiver per node, created as the observer sees nodes come and go.
    'receiver_creator/kubelet': {
      watch_observers: ['k8s_observer'],
      receivers: {
        kubeletstats: {
          rule: 'type == "k8s.node"',
          config: {
            auth_type: 'serviceAccount',
            collection_interval: '60s',
            endpoint: '`endpoint`:`kubelet_endpoint_port`',
            metric_groups: ['node'],
          },
        },
      },
    },
    // Restart counts every 5 minutes: each exported delta is one container's restarts in that interval.
    // container.id changes at every restart; as a label it would start a new series whose first point the
    // awsemf delta conversion drops, so a restart would never show (k8sclusterreceiver metadata.yaml enables it).
    // Ready is also the receiver's default node condition: named here because the node group alarms read it.
    'k8s_cluster': { collection_interval: '300s', node_conditions_to_report: ['Ready'], resource_attributes: { 'container.id': { enabled: false } } },
  };
  const keep = [m.certificateExpiration, m.nodeFilesystemAvailable, m.containerRestarts];
  config.processors = {
    ...config.processors,
    'filter/alerts': {
      error_mode: 'ignore',
      // metric_conditions with explicit contexts: the `metrics: {metric, datapoint}` form is deprecated
      // (filterprocessor config.go; facts in test/facts/opentelemetry-collector.ts).
      metric_conditions: [
        { context: 'metric', conditions: [`not (${keep.map((n) => `metric.name == "${n}"`).join(' or ')})`] },
        // cert-manager reports 0 for a certificate without notAfter (not issued yet, or issuance failing): not
        // an expiry in the past. Failing issuance shows in cert-manager's own conditions, not as "expires".
        { context: 'datapoint', conditions: [`metric.name == "${m.certificateExpiration}" and datapoint.value_double == 0.0`] },
      ],
    },
    ...nodeReadyProcessors(),
    'transform/alerts': {
      error_mode: 'ignore',
      metric_statements: [
        {
          context: 'datapoint',
          statements: [`set(datapoint.value_double, datapoint.value_double - Double(UnixSeconds(Now()))) where metric.name == "${m.certificateExpiration}"`],
        },
        {
          context: 'metric',
          statements: [
            `set(metric.unit, "s") where metric.name == "${m.certificateExpiration}"`,
            `set(metric.name, "${m.certificateExpirySeconds}") where metric.name == "${m.certificateExpiration}"`,
            `convert_gauge_to_sum("cumulative", true) where metric.name == "${m.containerRestarts}"`,
          ],
        },
      ],
    },
  };
  config.exporters = {
    ...config.exporters,
    'awsemf/alerts': {
      region: opts.region,
      log_group_name: opts.logGroupName,
      log_stream_name: 'otel-collector-alerts',
      namespace: opts.namespace,
      resource_to_telemetry_conversion: { enabled: true },
      dimension_rollup_option: 'NoDimensionRollup',
      metric_declarations: [{
        dimensions: [[PLATFORM_CLUSTER_DIMENSION]],
        metric_name_selectors: [m.certificateExpirySeconds, m.nodeFilesystemAvailable, m.containerRestarts]
          .map((n) => `^${n.replace(/\./g, '\\.')}$`),
      }, {
        // Ready nodes per node group (metrics/nodes): a record without the node group attribute matches no
        // dimension set and is not exported as a metric.
        dimensions: [[PLATFORM_CLUSTER_DIMENSION, PLATFORM_NODE_GROUP_DIMENSION]],
        metric_name_selectors: [`^${PLATFORM_METRICS.nodeReady.replace(/\./g, '\\.')}$`],
      }],
    },
  };
  config.service = {
    ...config.service,
    // Lists replace the chart's defaults: health_check is the chart's own (liveness and readiness probes).
    extensions: ['health_check', 'k8s_observer'],
    pipelines: {
      ...config.service.pipelines,
      'metrics/alerts': {
        receivers: ['prometheus/cert-manager', 'receiver_creator/kubelet', 'k8s_cluster'],
        processors: ['memory_limiter', 'filter/alerts', 'transform/alerts', 'resource', 'batch'],
        exporters: ['awsemf/alerts'],
      },
      'metrics/nodes': {
        receivers: ['k8s_cluster'],
        processors: ['memory_limiter', 'filter/nodes', 'k8sattributes/nodes', 'resource/nodes', 'groupbyattrs/nodes', 'transform/nodes', 'resource', 'batch'],
        exporters: ['awsemf/alerts'],
      },
    },
  };
  // Read access for the observer (nodes), kubeletstats (nodes/stats), the cert-manager pod discovery (pods),
  // k8s_cluster (workload objects; since contrib 0.151 also persistentvolumes and claims: a watch it may not
  // list keeps the receiver's informers from syncing) and k8sattributes (pods, namespaces, nodes, replicasets).
  values.clusterRole = {
    create: true,
    rules: [
      { apiGroups: [''], resources: ['nodes', 'nodes/stats', 'pods', 'namespaces', 'replicationcontrollers', 'resourcequotas', 'services', 'events', 'persistentvolumes', 'persistentvolumeclaims'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['get', 'list', 'watch'] },
    ],
  };
}

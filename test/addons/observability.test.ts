import { emptyStack, releases, synth, valuesOf } from './helpers';
import { AddonServiceAccounts, Observability, PlatformLogGroups } from '../../src/addons';

function build(props: Partial<ConstructorParameters<typeof Observability>[2]> = {}) {
  const { stack } = emptyStack();
  const o = new Observability(stack, 'obs', { clusterName: 'ai-agents-prod', region: 'us-east-1', ...props });
  return { o, all: releases(synth(stack)) };
}

describe('Observability', () => {
  test('OpenTelemetry collector: pinned chart, namespace observability, Service otel-collector, contrib image, 2 replicas', () => {
    const { all } = build();
    const r = all['otel-collector'];
    expect(r).toMatchObject({
      chart: 'opentelemetry-collector',
      repository: 'https://open-telemetry.github.io/opentelemetry-helm-charts',
      version: '0.170.0',
      namespace: 'observability',
      create_namespace: true,
    });
    const v = valuesOf(r);
    expect(v.mode).toBe('deployment');
    expect(v.fullnameOverride).toBe('otel-collector');
    expect(v.replicaCount).toBe(2);
    expect(v.image).toEqual({ repository: 'otel/opentelemetry-collector-contrib' });
    expect(v.command).toEqual({ name: 'otelcol-contrib' });
    expect(v.serviceAccount).toEqual({ create: true, name: 'otel-collector', annotations: {} });
  });

  test('collector Service exposes OTLP 4317/4318 and its own metrics on 8888; unused receivers are off', () => {
    const v = valuesOf(build().all['otel-collector']);
    expect(v.ports.otlp).toMatchObject({ enabled: true, containerPort: 4317, servicePort: 4317 });
    expect(v.ports['otlp-http']).toMatchObject({ enabled: true, containerPort: 4318, servicePort: 4318 });
    expect(v.ports.metrics).toMatchObject({ enabled: true, containerPort: 8888, servicePort: 8888 });
    for (const p of ['jaeger-compact', 'jaeger-thrift', 'jaeger-grpc', 'zipkin']) expect(v.ports[p]).toEqual({ enabled: false });
    expect(v.config.receivers).toMatchObject({ jaeger: null, zipkin: null });
    // The alerting pipeline's receivers only (see test/monitoring/metric-facts.test.ts).
    expect(Object.keys(v.config.receivers).sort()).toEqual(['jaeger', 'k8s_cluster', 'prometheus/cert-manager', 'receiver_creator/kubelet', 'zipkin']);
  });

  test('collector exports metrics to CloudWatch with awsemf into the Terraform-owned log group', () => {
    const v = valuesOf(build().all['otel-collector']);
    expect(v.config.exporters.awsemf).toEqual({
      region: 'us-east-1',
      log_group_name: '/aws/eks/ai-agents-prod/otel-metrics',
      log_stream_name: 'otel-collector',
      namespace: 'EKS/Platform',
      resource_to_telemetry_conversion: { enabled: true },
    });
    expect(v.config.service.pipelines.metrics).toEqual({
      receivers: ['otlp', 'prometheus'], processors: ['memory_limiter', 'resource', 'batch'], exporters: ['awsemf'],
    });
  });

  test('alert series survive the delta conversion and carry no false expiry', () => {
    const v = valuesOf(build().all['otel-collector']);
    // container.id changes at every restart: as a label it would start a new series whose first delta awsemf
    // drops, so restarts would never reach CloudWatch (k8sclusterreceiver metadata.yaml enables it by default).
    expect(v.config.receivers.k8s_cluster.resource_attributes).toEqual({ 'container.id': { enabled: false } });
    // cert-manager reports 0 for a certificate that has no notAfter yet: dropped before the expiry transform.
    expect(v.config.processors['filter/alerts'].metric_conditions).toContainEqual({
      context: 'datapoint',
      conditions: ['metric.name == "certmanager_certificate_expiration_timestamp_seconds" and datapoint.value_double == 0.0'],
    });
  });

  test('values carry no Terraform interpolation of their own (the chart defaults hold ${env:...})', () => {
    const { all } = build();
    for (const name of ['otel-collector', 'fluent-bit']) expect(all[name].values[0]).not.toContain('${');
  });

  test('Fluent Bit ships container logs to the existing group and never creates one', () => {
    const { all } = build();
    const r = all['fluent-bit'];
    expect(r).toMatchObject({ chart: 'aws-for-fluent-bit', repository: 'https://aws.github.io/eks-charts', version: '0.2.0', namespace: 'amazon-cloudwatch' });
    const v = valuesOf(r);
    expect(v.cloudWatchLogs).toMatchObject({
      enabled: true,
      region: 'us-east-1',
      logGroupName: '/aws/eks/ai-agents-prod/containers',
      logGroupTemplate: '',
      autoCreateGroup: false,
    });
    // Fluent Bit's cloudwatch_logs output does not start without a stream name or prefix (the chart drops an
    // empty value, and a template alone does not count).
    expect(v.cloudWatchLogs.logStreamPrefix || v.cloudWatchLogs.logStreamName).toBeTruthy();
    expect(v.serviceAccount).toEqual({ create: true, name: 'fluent-bit', annotations: {} });
    expect(v.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  test('IRSA annotation on both service accounts when a role is given', () => {
    const { all } = build({ roleArn: 'arn:aws:iam::123456789012:role/obs' });
    for (const name of ['otel-collector', 'fluent-bit']) {
      expect(valuesOf(all[name]).serviceAccount.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/obs' });
    }
  });

  test('container logs can be left to the CloudWatch observability EKS add-on', () => {
    const { o, all } = build({ containerLogs: false });
    expect(all['fluent-bit']).toBeUndefined();
    expect(o.fluentBitRelease).toBeUndefined();
  });

  test('log group names for the AWS side, and the service accounts that need Pod Identity', () => {
    expect(PlatformLogGroups.forCluster('c1')).toEqual({ containers: '/aws/eks/c1/containers', metrics: '/aws/eks/c1/otel-metrics' });
    expect(AddonServiceAccounts.all()).toEqual([
      { namespace: 'kube-system', name: 'cluster-autoscaler' },
      { namespace: 'observability', name: 'otel-collector' },
      { namespace: 'amazon-cloudwatch', name: 'fluent-bit' },
      { namespace: 'kube-system', name: 'aws-load-balancer-controller' },
    ]);
  });

  test('rejects a single collector replica', () => {
    expect(() => build({ collectorReplicas: 1 })).toThrow(/collectorReplicas must be a whole number of at least 2/);
  });

  test('rejects a chart version range', () => {
    expect(() => build({ fluentBitChartVersion: '0.x' })).toThrow(/fluentBitChartVersion must be an exact chart version/);
  });

  test('rejects an invalid log group name', () => {
    expect(() => build({ logGroups: { containers: 'bad name', metrics: '/m' } })).toThrow(/logGroups.containers must be a CloudWatch log group name/);
  });
});

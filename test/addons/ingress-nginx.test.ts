import { emptyStack, releases, synth, valuesOf } from './helpers';
import { IngressControllerFlavor, IngressNginx } from '../../src/addons';
import { KubernetesVersion } from '../../src/cluster/kubernetes-version';

describe('IngressNginx', () => {
  test('installs the F5 NGINX Ingress Controller by default, pinned, in namespace ingress-nginx', () => {
    const { stack } = emptyStack();
    new IngressNginx(stack, 'ingress');
    const r = releases(synth(stack))['ingress-nginx'];
    expect(r).toMatchObject({
      chart: 'nginx-ingress',
      repository: 'https://helm.nginx.com/stable',
      version: '2.6.4',
      namespace: 'ingress-nginx',
      create_namespace: true,
      atomic: true,
    });
  });

  test('exposes only 80 and 443 through an internet-facing NLB with IP targets, Service ingress-nginx-controller', () => {
    const { stack } = emptyStack();
    new IngressNginx(stack, 'ingress');
    const v = valuesOf(releases(synth(stack))['ingress-nginx']);
    // Service name = <fullnameOverride>-<controller.name (default "controller")>
    expect(v.fullnameOverride).toBe('ingress-nginx');
    expect(v.controller.service).toEqual({
      type: 'LoadBalancer',
      annotations: {
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
        'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
        'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
      },
      loadBalancerSourceRanges: [],
      httpPort: { enable: true, port: 80 },
      httpsPort: { enable: true, port: 443 },
      customPorts: [],
    });
    expect(v.controller.ingressClass).toEqual({ name: 'nginx', create: true, setAsDefaultIngress: false });
  });

  test('runs 3 replicas spread across zones with a PodDisruptionBudget, requests and metrics', () => {
    const { stack } = emptyStack();
    new IngressNginx(stack, 'ingress');
    const c = valuesOf(releases(synth(stack))['ingress-nginx']);
    expect(c.controller.replicaCount).toBe(3);
    expect(c.controller.topologySpreadConstraints[0]).toEqual({
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: { 'app.kubernetes.io/instance': 'ingress-nginx' } },
    });
    expect(c.controller.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 2 });
    expect(c.controller.resources.requests).toEqual({ cpu: '100m', memory: '256Mi' });
    expect(c.prometheus).toEqual({ create: true, port: 9113 });
    expect(c.controller.telemetryReporting).toEqual({ enable: false });
    expect(c.controller.enableSnippets).toBe(false);
  });

  test('internal scheme and source ranges on request', () => {
    const { stack } = emptyStack();
    new IngressNginx(stack, 'ingress', { internal: true, loadBalancerSourceRanges: ['203.0.113.0/24'], replicas: 2 });
    const c = valuesOf(releases(synth(stack))['ingress-nginx']).controller;
    expect(c.service.annotations['service.beta.kubernetes.io/aws-load-balancer-scheme']).toBe('internal');
    expect(c.service.loadBalancerSourceRanges).toEqual(['203.0.113.0/24']);
    expect(c.podDisruptionBudget.minAvailable).toBe(1);
  });

  test('the community chart is a legacy opt-in with a synth warning, keeping namespace, class and Service name', () => {
    const { stack } = emptyStack();
    // 1.34: a version every community line the calendar knows supports (4.14.x stops there; see component-support.test.ts)
    const ing = new IngressNginx(stack, 'ingress', { flavor: IngressControllerFlavor.COMMUNITY_LEGACY, kubernetesVersion: KubernetesVersion.V1_34 });
    const r = releases(synth(stack))['ingress-nginx'];
    expect(r).toMatchObject({ chart: 'ingress-nginx', repository: 'https://kubernetes.github.io/ingress-nginx', version: '4.15.1', namespace: 'ingress-nginx' });
    const v = valuesOf(r);
    expect(v.fullnameOverride).toBe('ingress-nginx');
    expect(v.controller.ingressClassResource).toEqual({ name: 'nginx', enabled: true, default: false });
    expect(v.controller.metrics).toEqual({ enabled: true });
    expect(v.controller.minAvailable).toBe(2);
    const warnings = ing.node.metadata.filter((m) => m.type === '@cdktf/warn');
    expect(warnings.map((w) => String(w.data))).toEqual([
      expect.stringMatching(/community ingress-nginx 4\.15\.1 \(line v1\.15\) is past its end of support \(2026-03-31.*No supported community ingress-nginx line remains/),
      expect.stringMatching(/retired in March 2026.*final release, chart 4\.15\.1, is tested on Kubernetes 1\.31-1\.35/),
    ]);
  });

  test('the default flavor emits no warning', () => {
    const { stack } = emptyStack();
    const ing = new IngressNginx(stack, 'ingress');
    expect(ing.node.metadata.filter((m) => /warning/.test(m.type))).toEqual([]);
  });

  test('rejects fewer than 2 replicas', () => {
    const { stack } = emptyStack();
    expect(() => new IngressNginx(stack, 'ingress', { replicas: 1 })).toThrow(/replicas must be a whole number of at least 2 .*\(got 1\)/);
  });

  test('rejects a chart version range', () => {
    const { stack } = emptyStack();
    expect(() => new IngressNginx(stack, 'ingress', { chartVersion: '^2.5' })).toThrow(/chartVersion must be an exact chart version/);
  });

  test('rejects a malformed source range', () => {
    const { stack } = emptyStack();
    expect(() => new IngressNginx(stack, 'ingress', { loadBalancerSourceRanges: ['10.0.0.1/8'] })).toThrow(/loadBalancerSourceRanges must contain IPv4 CIDR blocks/);
  });
});

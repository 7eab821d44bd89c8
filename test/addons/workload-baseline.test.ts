import { APP_CONNECTION, CA_PEM, emptyStack, findObject, objectsOf, releases, synth } from './helpers';
import { LetsEncryptIssuer, Observability, WorkloadBaseline } from '../../src/addons';
import { OTEL_COLLECTOR_SERVICE } from '../../src/addons/private/namespace-objects';

function build(props: ConstructorParameters<typeof WorkloadBaseline>[2] = {}) {
  const { stack } = emptyStack();
  const wb = new WorkloadBaseline(stack, 'workloads', { databaseCidrs: ['10.0.20.0/24', '10.0.21.0/24'], cacheCidrs: ['10.0.30.0/24'], ...props });
  return { stack, wb };
}

function objects(stack: any) {
  return objectsOf(releases(synth(stack))['workload-baseline-production']);
}

describe('WorkloadBaseline', () => {
  test('one local-chart release in kube-system holds the objects', () => {
    const { stack } = build();
    const r = releases(synth(stack))['workload-baseline-production'];
    expect(r.namespace).toBe('kube-system');
    expect(r.chart).toMatch(/^\.\/assets\//);
    expect(objectsOf(r).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/production',
      'ServiceAccount/app-sa',
      'Role/app-sa-pod-reader',
      'RoleBinding/app-sa-pod-reader',
      'NetworkPolicy/default-deny-all',
      'NetworkPolicy/allow-dns-egress',
      'NetworkPolicy/allow-from-ingress-controller',
      'NetworkPolicy/allow-pod-identity-agent-egress',
      'NetworkPolicy/allow-database-egress',
      'NetworkPolicy/allow-cache-egress',
      'NetworkPolicy/allow-telemetry-egress',
      'ResourceQuota/compute-quota',
      'LimitRange/container-defaults',
    ]);
  });

  test('namespace production enforces, audits and warns Pod Security Standard restricted', () => {
    const ns = findObject(objects(build().stack), 'Namespace', 'production');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });

  test('app-sa may get/list/watch pods and nothing else (no secrets)', () => {
    const all = objects(build().stack);
    const role = findObject(all, 'Role', 'app-sa-pod-reader');
    expect(role.metadata.namespace).toBe('production');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    expect(JSON.stringify(all.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole'))).not.toContain('secrets');
    expect(findObject(all, 'RoleBinding', 'app-sa-pod-reader')).toMatchObject({
      metadata: { namespace: 'production' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'app-sa-pod-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'app-sa', namespace: 'production' }],
    });
    expect(all.some((o) => o.kind === 'ClusterRoleBinding')).toBe(false);
  });

  test('default deny of all ingress and egress in production', () => {
    const deny = findObject(objects(build().stack), 'NetworkPolicy', 'default-deny-all');
    expect(deny.metadata.namespace).toBe('production');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('allows DNS to kube-dns, ingress from the controller namespace, database, cache and telemetry egress', () => {
    const all = objects(build().stack);
    expect(findObject(all, 'NetworkPolicy', 'allow-dns-egress').spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
    expect(findObject(all, 'NetworkPolicy', 'allow-from-ingress-controller').spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }] }],
    });
    expect(findObject(all, 'NetworkPolicy', 'allow-database-egress').spec.egress).toEqual([{
      to: [{ ipBlock: { cidr: '10.0.20.0/24' } }, { ipBlock: { cidr: '10.0.21.0/24' } }],
      ports: [{ protocol: 'TCP', port: 5432 }],
    }]);
    expect(findObject(all, 'NetworkPolicy', 'allow-cache-egress').spec.egress).toEqual([{
      to: [{ ipBlock: { cidr: '10.0.30.0/24' } }],
      ports: [{ protocol: 'TCP', port: 6379 }],
    }]);
    expect(findObject(all, 'NetworkPolicy', 'allow-telemetry-egress').spec.egress[0].ports).toEqual([
      { protocol: 'TCP', port: 4317 }, { protocol: 'TCP', port: 4318 },
    ]);
  });

  test('no database or cache policy without CIDRs; telemetry egress can be turned off', () => {
    const { stack } = emptyStack();
    new WorkloadBaseline(stack, 'w', { allowTelemetryEgress: false });
    const names = objects(stack).filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name);
    expect(names).toEqual(['default-deny-all', 'allow-dns-egress', 'allow-from-ingress-controller', 'allow-pod-identity-agent-egress']);
  });

  test('addTlsIngress renders the runbook app-ingress', () => {
    const { stack, wb } = build();
    wb.addTlsIngress({ host: 'example.com', serviceName: 'app-service', servicePort: 8000 });
    const ing = findObject(objects(stack), 'Ingress', 'app-ingress');
    expect(ing.metadata).toMatchObject({ namespace: 'production', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' } });
    expect(ing.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['example.com'], secretName: 'app-tls-cert' }],
      rules: [{
        host: 'example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'app-service', port: { number: 8000 } } } }] },
      }],
    });
  });

  test('addTlsIngress with staging issuer, extra hosts and custom names', () => {
    const { stack, wb } = build();
    wb.addTlsIngress({
      name: 'api',
      host: 'api.example.com',
      additionalHosts: ['www.example.com'],
      serviceName: 'api',
      servicePort: 443,
      issuer: LetsEncryptIssuer.STAGING,
      path: '/v1',
      tlsSecretName: 'api-cert',
    });
    const ing = findObject(objects(stack), 'Ingress', 'api');
    expect(ing.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-staging' });
    expect(ing.spec.tls).toEqual([{ hosts: ['api.example.com', 'www.example.com'], secretName: 'api-cert' }]);
    expect(ing.spec.rules.map((r: any) => r.http.paths[0].path)).toEqual(['/v1', '/v1']);
  });

  test('rejects a wildcard host', () => {
    const { wb } = build();
    expect(() => wb.addTlsIngress({ host: '*.example.com', serviceName: 's', servicePort: 80 })).toThrow(/host must not be a wildcard/);
  });

  test('rejects an invalid host', () => {
    const { wb } = build();
    expect(() => wb.addTlsIngress({ host: 'Example_com', serviceName: 's', servicePort: 80 })).toThrow(/host must be a lower-case DNS host name/);
  });

  test('rejects a repeated host', () => {
    const { wb } = build();
    expect(() => wb.addTlsIngress({ host: 'a.example.com', additionalHosts: ['a.example.com'], serviceName: 's', servicePort: 80 }))
      .toThrow(/additionalHosts must not repeat a host/);
  });

  test('rejects a duplicate Ingress name', () => {
    const { wb } = build();
    wb.addTlsIngress({ host: 'a.example.com', serviceName: 's', servicePort: 80 });
    expect(() => wb.addTlsIngress({ host: 'b.example.com', serviceName: 's', servicePort: 80 })).toThrow(/name must be unique in namespace production/);
  });

  test('rejects an invalid service port', () => {
    const { wb } = build();
    expect(() => wb.addTlsIngress({ host: 'a.example.com', serviceName: 's', servicePort: 70000 })).toThrow(/servicePort must be a port number from 1 to 65535 \(got 70000\)/);
  });

  test('rejects a relative path', () => {
    const { wb } = build();
    expect(() => wb.addTlsIngress({ host: 'a.example.com', serviceName: 's', servicePort: 80, path: 'api' })).toThrow(/path must start with '\/'/);
  });

  test('rejects an invalid service name', () => {
    const { wb } = build();
    expect(() => wb.addTlsIngress({ host: 'a.example.com', serviceName: 'App_Service', servicePort: 80 })).toThrow(/serviceName must be a Kubernetes name/);
  });

  test('rejects an invalid namespace', () => {
    expect(() => build({ namespace: 'Production' })).toThrow(/namespace must be a Kubernetes name .*\(got 'Production'\)/);
  });

  test('rejects a malformed database CIDR', () => {
    expect(() => build({ databaseCidrs: ['10.0.20.1/24'] })).toThrow(/databaseCidrs must contain IPv4 CIDR blocks/);
  });

  test('rejects an allow-everything cache CIDR', () => {
    expect(() => build({ cacheCidrs: ['0.0.0.0/0'] })).toThrow(/cacheCidrs must not allow every address/);
  });

  test('rejects an invalid database port', () => {
    expect(() => build({ databasePort: 0 })).toThrow(/databasePort must be a port number/);
  });

  test('the OTLP endpoint names the collector Service that Observability installs', () => {
    const { stack } = emptyStack();
    new Observability(stack, 'obs', { clusterName: 'c', region: 'us-east-1' });
    const values = JSON.parse(releases(synth(stack))['otel-collector'].values[0]);
    expect(values.fullnameOverride).toBe(OTEL_COLLECTOR_SERVICE);
  });

  test('API egress only with the RBAC: podReaderRbac false drops the Role, the binding and the API policy', () => {
    const names = (props: any) => objects(build({ apiServerCidrs: ['10.0.3.0/24'], ...props }).stack).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names({})).toEqual(expect.arrayContaining(['Role/app-sa-pod-reader', 'NetworkPolicy/allow-kube-api-egress']));
    const without = names({ podReaderRbac: false });
    expect(without.filter((n) => /pod-reader|kube-api/.test(n))).toEqual([]);
  });

  test('API rights without apiServerCidrs warn that the pods cannot use them', () => {
    const { wb } = build();
    const warnings = wb.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/production\/app-sa has Kubernetes API rights, but no apiServerCidrs/)]);
    expect(build({ apiServerCidrs: ['10.0.3.0/24'] }).wb.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });

  test('connection details need the CA bundle, which must look like PEM', () => {
    expect(() => build({ connection: APP_CONNECTION })).toThrow(/rdsCaBundlePem.*must be given with connection/);
    expect(() => build({ connection: APP_CONNECTION, rdsCaBundlePem: 'not a certificate' })).toThrow(/rdsCaBundlePem/);
    const cms = objects(build({ connection: APP_CONNECTION, rdsCaBundlePem: CA_PEM }).stack).filter((o) => o.kind === 'ConfigMap');
    expect(cms.map((c) => c.metadata.name)).toEqual(['app-connection', 'rds-ca-bundle', 'app-self-test-production-script']);
  });

  test('with connection details, the release carries the self-test pod, run as the application, and its command', () => {
    const { stack, wb } = build({ connection: APP_CONNECTION, rdsCaBundlePem: CA_PEM });
    const pod = findObject(objects(stack), 'Pod', 'app-self-test-production');
    expect(pod.metadata.namespace).toBe('production');
    expect(pod.metadata.annotations['helm.sh/hook']).toBe('test');
    expect(pod.spec.serviceAccountName).toBe('app-sa');
    expect(pod.spec.containers[0].envFrom).toEqual([{ configMapRef: { name: 'app-connection' } }]);
    expect(wb.selfTestCommand).toBe(
      '( helm test workload-baseline-production -n kube-system --filter name=app-self-test-production; rc=$?; kubectl logs -n production app-self-test-production; exit $rc )');
    // Without connection details there is nothing to test: no pod, no command.
    const bare = build();
    expect(objects(bare.stack).filter((o) => o.kind === 'Pod')).toEqual([]);
    expect(bare.wb.selfTestCommand).toBeUndefined();
  });

  test('a named egress destination becomes its own policy on its CIDRs and ports', () => {
    const np = findObject(objects(build({ egressDestinations: [{ name: 'payments', cidrs: ['203.0.113.0/24'] }] }).stack), 'NetworkPolicy', 'allow-egress-payments');
    expect(np.spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ protocol: 'TCP', port: 443 }] }]);
  });

  test('the Pod Identity agent: IPv4 only by default, IPv6 in a policy of its own on request', () => {
    const agent = (props: any) => objects(build(props).stack).filter((o) => /pod-identity-agent/.test(o.metadata.name))
      .map((o) => [o.metadata.name, o.spec.egress[0].to.map((t: any) => t.ipBlock.cidr), o.spec.egress[0].ports]);
    expect(agent({})).toEqual([['allow-pod-identity-agent-egress', ['169.254.170.23/32'], [{ protocol: 'TCP', port: 80 }]]]);
    expect(agent({ podIdentityAgentIpv6: true })).toEqual([
      ['allow-pod-identity-agent-egress', ['169.254.170.23/32'], [{ protocol: 'TCP', port: 80 }]],
      ['allow-pod-identity-agent-egress-ipv6', ['fd00:ec2::23/128'], [{ protocol: 'TCP', port: 80 }]],
    ]);
  });
});


import * as fs from 'fs';
import { Testing } from 'cdktf';
import { Endpoint, Flow, PolicyModel } from './network-policy-evaluator';
import { buildGuideEnvironment, GuideSettings } from '../../examples/prod/environment';
import { synthesizeExample } from '../examples/synth-example';

/**
 * The NetworkPolicies the platform renders for examples/prod (one application namespace) and a variant with
 * a second team (`team-a`), taken from the synthesized in-cluster stack and evaluated over a model cluster
 * (see network-policy-evaluator.ts): the flows an application needs are allowed, everything else is denied.
 * Addresses follow the example's HaVpc layout: cluster (private) subnets 10.0.3-5.0/24, database 10.0.6-8.0/24,
 * cache 10.0.9-11.0/24.
 */
const SETTINGS: GuideSettings = { acmeEmail: 'devops@company.com', adminRoleArn: 'arn:aws:iam::111122223333:role/admin', apiCidrs: [], owner: 'platform-team' };

/**
 * The kubernetes Service's ClusterIP of the example: EKS takes 172.20.0.0/16 as the service range when the VPC is
 * in 10.0.0.0/8 (the example's is 10.0.0.0/16), and the Service gets its first address.
 */
const KUBERNETES_SERVICE_IP = '172.20.0.1';

/**
 * Every object of the platform's local-chart releases in a synthesized in-cluster stack. The API rule's CIDR is a
 * reference to the cluster's service range, resolved at apply: it is read as the value it takes there.
 */
function renderedObjects(stack: any): any[] {
  const objects = Object.values<any>(stack.resource.helm_release)
    .filter((r) => String(r.chart).startsWith('./assets/'))
    .flatMap((r) => JSON.parse(r.values[0]).objects);
  for (const o of objects.filter((x) => x.kind === 'NetworkPolicy' && x.metadata.name === 'allow-kube-api-egress')) {
    for (const peer of o.spec.egress[0].to) {
      expect(peer.ipBlock.cidr).toMatch(/^\$\{cidrhost\(.*, 1\)\}\/32$/);
      peer.ipBlock.cidr = `${KUBERNETES_SERVICE_IP}/32`;
    }
  }
  return objects;
}

function examplePolicies(): any[] {
  const example = synthesizeExample();
  try {
    return renderedObjects(example.stacks['ai-agents-prod-in-cluster']).filter((o) => o.kind === 'NetworkPolicy');
  } finally {
    fs.rmSync(example.outdir, { recursive: true, force: true });
  }
}

function twoNamespacePolicies(): any[] {
  const { platform } = buildGuideEnvironment(Testing.app(), SETTINGS, { applicationNamespaces: [{ namespace: 'team-a' }] });
  return renderedObjects(JSON.parse(Testing.synth(platform.addonsStack))).filter((o) => o.kind === 'NetworkPolicy');
}

const pod = (name: string, namespace: string, ip: string, labels: Record<string, string> = {}): Endpoint =>
  ({ name: `${namespace}/${name}`, ip, pod: { namespace, labels } });
const host = (name: string, ip: string): Endpoint => ({ name, ip });

const E = {
  app: pod('web', 'production', '10.0.3.101', { app: 'web' }),
  app2: pod('worker', 'production', '10.0.4.102', { app: 'worker' }),
  teamA: pod('api', 'team-a', '10.0.5.103', { app: 'api' }),
  ingress: pod('controller', 'ingress-nginx', '10.0.5.20', { 'app.kubernetes.io/name': 'nginx-ingress' }),
  collector: pod('otel-collector', 'observability', '10.0.3.40', { 'app.kubernetes.io/name': 'opentelemetry-collector' }),
  coredns: pod('coredns', 'kube-system', '10.0.4.53', { 'k8s-app': 'kube-dns' }),
  lbc: pod('aws-load-balancer-controller', 'kube-system', '10.0.4.60', { 'app.kubernetes.io/name': 'aws-load-balancer-controller' }),
  batch: pod('job', 'batch', '10.0.5.77', { app: 'job' }),
  // Pods address the API by the kubernetes Service's ClusterIP; the agent checks egress before kube-proxy
  // translates it to the ENIs (which sit in the cluster subnets beside nodes and pods).
  api: host('kubernetes Service (ClusterIP)', KUBERNETES_SERVICE_IP),
  apiEni: host('API server ENI (cluster subnet)', '10.0.4.10'),
  node: host('node (kubelet)', '10.0.3.200'),
  agent: host('Pod Identity agent', '169.254.170.23'),
  agent6: host('Pod Identity agent (IPv6)', 'fd00:ec2::23'),
  imds: host('instance metadata', '169.254.169.254'),
  rds: host('RDS (database subnet)', '10.0.7.25'),
  redis: host('ElastiCache (cache subnet)', '10.0.10.30'),
  internet: host('internet', '93.184.216.34'),
  otherVpc: host('peered network', '172.31.5.5'),
};

const tcp = (from: Endpoint, to: Endpoint, port: number): Flow => ({ from, to, protocol: 'TCP', port });
const udp = (from: Endpoint, to: Endpoint, port: number): Flow => ({ from, to, protocol: 'UDP', port });
const label = (f: Flow) => `${f.from.name} -> ${f.to.name} ${f.protocol}/${f.port}`;

/** What an application pod of namespace `p` needs, and what it must not get. */
function appMatrix(p: Endpoint): { allowed: Flow[]; denied: Flow[] } {
  return {
    allowed: [
      udp(p, E.coredns, 53), tcp(p, E.coredns, 53),
      tcp(p, E.agent, 80),
      tcp(p, E.api, 443),
      tcp(p, E.rds, 5432), tcp(p, E.redis, 6379),
      tcp(p, E.collector, 4317), tcp(p, E.collector, 4318),
      tcp(E.ingress, p, 8000),
    ],
    denied: [
      tcp(p, E.imds, 80), tcp(p, E.internet, 443), tcp(p, E.internet, 80), tcp(p, E.otherVpc, 443),
      tcp(p, E.agent, 443), tcp(p, E.agent6, 80), tcp(p, E.api, 80), tcp(p, E.apiEni, 443), tcp(p, E.apiEni, 10250),
      tcp(p, E.node, 443), tcp(p, E.node, 10250), tcp(p, E.ingress, 443), tcp(p, E.coredns, 9153),
      tcp(p, E.rds, 6379), tcp(p, E.redis, 5432), tcp(p, E.rds, 22),
      tcp(p, E.collector, 8888), tcp(p, E.batch, 8080), tcp(p, E.lbc, 9443),
      tcp(E.batch, p, 8000), tcp(E.collector, p, 8000), tcp(E.coredns, p, 8000), tcp(E.internet, p, 8000),
    ],
  };
}

function expectMatrix(model: PolicyModel, allowed: Flow[], denied: Flow[]): void {
  const verdicts = (flows: Flow[]) => flows.map((f) => `${label(f)}: ${model.allows(f) ? 'allowed' : 'denied'}`);
  expect(verdicts(allowed)).toEqual(allowed.map((f) => `${label(f)}: allowed`));
  expect(verdicts(denied)).toEqual(denied.map((f) => `${label(f)}: denied`));
}

describe('NetworkPolicy matrix of examples/prod (namespace production)', () => {
  const policies = examplePolicies();
  const model = new PolicyModel(policies);

  test('the rendered policies are the ones evaluated (and none uses ipBlock.except)', () => {
    expect(policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual([
      'production/allow-cache-egress', 'production/allow-database-egress', 'production/allow-dns-egress',
      'production/allow-from-ingress-controller', 'production/allow-kube-api-egress', 'production/allow-pod-identity-agent-egress',
      'production/allow-telemetry-egress', 'production/default-deny-all',
    ]);
    expect(JSON.stringify(policies)).not.toContain('except');
  });

  test('an application pod reaches DNS, credentials, the API, its data tier and the collector; nothing else', () => {
    const { allowed, denied } = appMatrix(E.app);
    expectMatrix(model, allowed, [
      ...denied,
      // Pods of the same namespace do not talk to each other either: ingress comes from the ingress controller only.
      tcp(E.app, E.app2, 8080), tcp(E.app2, E.app, 8000),
    ]);
  });

  test('the API rule opens the ClusterIP only: not 443 of the nodes, pods and ENIs in the cluster subnets', () => {
    const api = policies.find((p) => p.metadata.name === 'allow-kube-api-egress');
    expect(api.spec.egress).toEqual([{ to: [{ ipBlock: { cidr: `${KUBERNETES_SERVICE_IP}/32` } }], ports: [{ protocol: 'TCP', port: 443 }] }]);
    // The cluster subnets' CIDRs (the rule of the first cut) would not reach the API (the agent sees the ClusterIP)
    // and would open 443 of everything there.
    const subnets = JSON.parse(JSON.stringify(policies));
    subnets.find((p: any) => p.metadata.name === 'allow-kube-api-egress').spec.egress[0].to = ['10.0.3.0/24', '10.0.4.0/24', '10.0.5.0/24']
      .map((cidr) => ({ ipBlock: { cidr } }));
    const bySubnets = new PolicyModel(subnets);
    expect([bySubnets.allows(tcp(E.app, E.api, 443)), bySubnets.allows(tcp(E.app, E.ingress, 443)), bySubnets.allows(tcp(E.app, E.node, 443))])
      .toEqual([false, true, true]);
  });

  test('the matrix can fail: with no ingress policy other namespaces get in, without the agent rule credentials close', () => {
    // Any policy selecting a pod for a direction isolates it, so default-deny alone is not what closes ingress.
    const noIngress = new PolicyModel(policies.filter((p) => !['default-deny-all', 'allow-from-ingress-controller'].includes(p.metadata.name)));
    expect(noIngress.allows(tcp(E.batch, E.app, 8000))).toBe(true);
    const wideApi = JSON.parse(JSON.stringify(policies));
    wideApi.find((p: any) => p.metadata.name === 'allow-kube-api-egress').spec.egress[0].to = [{ ipBlock: { cidr: '0.0.0.0/0' } }];
    expect(new PolicyModel(wideApi).allows(tcp(E.app, E.internet, 443))).toBe(true);
    const noAgent = new PolicyModel(policies.filter((p) => p.metadata.name !== 'allow-pod-identity-agent-egress'));
    expect(noAgent.allows(tcp(E.app, E.agent, 80))).toBe(false);
    // An except would not help: the evaluator (like the agent) ignores it.
    const withExcept = JSON.parse(JSON.stringify(policies));
    const api = withExcept.find((p: any) => p.metadata.name === 'allow-kube-api-egress');
    api.spec.egress[0].to[0].ipBlock = { cidr: '10.0.0.0/8', except: ['10.0.3.0/25'] };
    expect(new PolicyModel(withExcept).allows(tcp(E.app, { ...E.node, ip: '10.0.3.5' }, 443))).toBe(true);
  });
});

describe('NetworkPolicy matrix with two application namespaces (production and team-a)', () => {
  const policies = twoNamespacePolicies();
  const model = new PolicyModel(policies);

  test('team-a gets the same policies as production', () => {
    const names = (ns: string) => policies.filter((p) => p.metadata.namespace === ns).map((p) => p.metadata.name).sort();
    expect(names('team-a')).toEqual(names('production'));
    expect(names('team-a')).toHaveLength(8);
  });

  test('each namespace reaches what it needs; neither reaches the other', () => {
    for (const [mine, other] of [[E.app, E.teamA], [E.teamA, E.app]]) {
      const { allowed, denied } = appMatrix(mine);
      expectMatrix(model, allowed, [...denied, tcp(mine, other, 8000), tcp(mine, other, 443), tcp(mine, other, 8080)]);
    }
  });
});

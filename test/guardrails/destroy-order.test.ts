import * as fs from 'fs';
import * as path from 'path';
import { synthesizeExample } from '../examples/synth-example';

/**
 * Destroy order of the example (docs/destroy.md): the in-cluster stack goes before the infrastructure
 * stack (so the Helm releases go before the node group and the cluster), and inside it the ingress release
 * goes before the AWS Load Balancer Controller, so the controller still runs when the ingress Service and its
 * NLB are deleted. Terraform destroys in the reverse order of the dependencies asserted here.
 */
const example = synthesizeExample();
afterAll(() => fs.rmSync(example.outdir, { recursive: true, force: true }));
const infra = example.stacks['ai-agents-prod-infra'];
const inCluster = example.stacks['ai-agents-prod-in-cluster'];

const releases: Record<string, { address: string; dependsOn: string[] }> = {};
for (const [n, r] of Object.entries<any>(inCluster.resource.helm_release)) {
  releases[r.name] = { address: `helm_release.${n}`, dependsOn: r.depends_on ?? [] };
}

describe('destroy order of the example', () => {
  test('the in-cluster stack depends on the infrastructure stack: deployed after it, destroyed before it', () => {
    expect(example.manifest.stacks['ai-agents-prod-in-cluster'].dependencies).toEqual(['ai-agents-prod-infra']);
    expect(example.manifest.stacks['ai-agents-prod-infra'].dependencies).toEqual([]);
  });

  test('every Kubernetes object is in the in-cluster stack, none in the infrastructure stack', () => {
    expect(Object.keys(inCluster.resource)).toEqual(['helm_release']);
    expect(Object.keys(infra.resource).filter((t) => !t.startsWith('aws_'))).toEqual([]);
    expect(Object.keys(releases).sort()).toEqual([
      'aws-load-balancer-controller', 'cert-manager', 'cluster-autoscaler', 'cluster-issuers', 'default-storage-class',
      'fluent-bit', 'ingress-nginx', 'otel-collector', 'workload-baseline-production',
    ]);
  });

  test('the ingress release depends on the load balancer controller: its NLB is deleted while the controller still runs', () => {
    expect(releases['ingress-nginx'].dependsOn).toEqual([releases['aws-load-balancer-controller'].address]);
    // Nothing depends on the ingress release, so Terraform may destroy it first.
    for (const r of Object.values(releases)) expect(r.dependsOn).not.toContain(releases['ingress-nginx'].address);
  });

  test('the ingress release is the only one that creates a load balancer', () => {
    for (const [name, r] of Object.entries<any>(inCluster.resource.helm_release)) {
      const values = (r.values ?? []).join('\n');
      expect({ name, loadBalancer: /"type": "LoadBalancer"/.test(values) }).toEqual({ name, loadBalancer: r.name === 'ingress-nginx' });
    }
  });

  test('the ClusterIssuers go before cert-manager (their CRDs come with it)', () => {
    expect(releases['cluster-issuers'].dependsOn).toEqual([releases['cert-manager'].address]);
  });

  test('docs/destroy.md gives the commands in this order', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'destroy.md'), 'utf8');
    const at = (s: string) => {
      const i = doc.indexOf(s);
      expect({ missing: i < 0 ? s : undefined }).toEqual({ missing: undefined });
      return i;
    };
    const steps = [
      'kubectl delete service -n ingress-nginx ingress-nginx-controller',
      'cdktf destroy ai-agents-prod-in-cluster',
      'aws elbv2 describe-load-balancers',
      'aws elbv2 describe-tags',
      'preventDestroy: false',
      'deletionProtection: false',
      "ProductionBaseline.acknowledge(platform, 'PB-RET-006'",
      'cdktf deploy ai-agents-prod-infra',
      'cdktf destroy ai-agents-prod-infra',
    ].map(at);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(doc).toMatch(/elbv2\.k8s\.aws\/cluster/);
    expect(doc).toMatch(/service\.k8s\.aws\/cluster/);
    expect(doc).toMatch(/ai-agents-prod-postgres-final/);
    expect(doc).toMatch(/ai-agents-prod-redis-final/);
  });
});

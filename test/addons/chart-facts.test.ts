import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { CONNECTION, releases, synth } from './helpers';
import { IngressControllerFlavor, PlatformAddonsStack } from '../../src/addons';
import { KubernetesVersion } from '../../src/cluster/kubernetes-version';

/**
 * Every chart the library installs from a Helm repository is checked against facts derived from the chart's
 * upstream repository (test/facts/charts/<chart>.json, written by scripts/chart-facts.ts; each file names the
 * index or tags and the commit of the templates it came from):
 * - the pinned version is published (else the apply fails with "chart version not found");
 * - every values path the library sets is read by the chart's templates (Helm silently ignores the others).
 * A path counts as read when the templates read it or one of its parents (charts hand whole maps, such as
 * `resources` or `podAnnotations`, to `toYaml`).
 */
interface ChartFacts {
  readonly chart: string;
  readonly repository: string;
  readonly publishedVersions: { source: string; versions: string[] };
  readonly templates: Record<string, { source: string; valuesRead: string[]; schemaRemoteRefHosts?: string[] }>;
}

const FACTS_DIR = path.join(__dirname, '..', 'facts', 'charts');

function factsOf(chart: string): ChartFacts {
  const file = path.join(FACTS_DIR, `${chart}.json`);
  if (!fs.existsSync(file)) throw new Error(`no chart facts for '${chart}': add it to scripts/chart-facts.ts and run it`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Leaf paths of a values document (arrays and empty maps are leaves: the chart reads them whole). */
export function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

/** The values paths a chart's templates do not read (see the file comment). */
export function unreadPaths(values: unknown, valuesRead: string[]): string[] {
  const read = new Set(valuesRead);
  return leafPaths(values)
    .filter((p) => !p.some((_, i) => read.has(p.slice(0, i + 1).join('.'))))
    .map((p) => p.join('.'));
}

function remoteReleases(flavor?: IngressControllerFlavor): any[] {
  const stack = new PlatformAddonsStack(Testing.app(), 'addons', {
    // the community flavor on 1.34, a version each of its calendar lines supports (4.14.x stops there)
    connection: flavor === IngressControllerFlavor.COMMUNITY_LEGACY ? { ...CONNECTION, kubernetesVersion: KubernetesVersion.V1_34 } : CONNECTION,
    acmeEmail: 'devops@company.com',
    ebsKmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/x',
    ingressFlavor: flavor,
  });
  return Object.values(releases(synth(stack))).filter((r) => r.repository);
}

const ALL = [...remoteReleases(), ...remoteReleases(IngressControllerFlavor.COMMUNITY_LEGACY).filter((r) => r.chart === 'ingress-nginx')];

describe('chart facts', () => {
  test('cover every chart the library installs, including the community ingress flavor', () => {
    expect(ALL.map((r) => r.chart).sort()).toEqual([
      'aws-for-fluent-bit', 'aws-load-balancer-controller', 'cert-manager', 'cluster-autoscaler', 'ingress-nginx', 'nginx-ingress',
      'opentelemetry-collector',
    ]);
  });

  test.each(ALL.map((r) => [`${r.chart} ${r.version}`, r]))('%s is published in its repository', (_, r) => {
    const facts = factsOf(r.chart);
    expect(r.repository).toBe(facts.repository);
    expect(facts.publishedVersions.versions).toContain(r.version);
  });

  test.each(ALL.map((r) => [`${r.chart} ${r.version}`, r]))('%s reads every values path the library sets', (_, r) => {
    const facts = factsOf(r.chart);
    const templates = facts.templates[r.version];
    if (!templates) throw new Error(`no template facts for ${r.chart} ${r.version}: add the version to scripts/chart-facts.ts and run it`);
    const values = JSON.parse(r.values[0]);
    expect(unreadPaths(values, templates.valuesRead)).toEqual([]);
  });

  test('a chart whose values schema pulls remote $refs at install is named, with its hosts, in the README and the runbook', () => {
    const online = ALL.map((r) => ({ chart: r.chart, hosts: factsOf(r.chart).templates[r.version]?.schemaRemoteRefHosts ?? [] }))
      .filter((c) => c.hosts.length > 0);
    expect(online.map((c) => c.chart)).toEqual(['nginx-ingress']); // nginx/kubernetes-ingress#5374, #7193
    const root = path.join(__dirname, '..', '..');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const troubleshooting = fs.readFileSync(path.join(root, 'docs', 'operations', 'troubleshooting.md'), 'utf8');
    for (const { chart, hosts } of online) {
      for (const host of hosts) {
        const bare = host.replace(/^https?:\/\//, '');
        expect(readme).toContain(`\`${chart}\` chart's \`values.schema.json\` has remote \`$ref\`s`);
        expect(readme).toContain(bare);
        expect(troubleshooting).toContain(`(\`${chart}\`)`);
        expect(troubleshooting).toContain(bare);
      }
    }
  });

  test('a path the templates do not read is reported; its parent being read is enough', () => {
    expect(unreadPaths({ a: { b: 1, c: { d: 2 } }, e: [1], f: {} }, ['a.b', 'a.c', 'f'])).toEqual(['e']);
    expect(unreadPaths({ controller: { replicaCount: 3 } }, ['controller.replicas'])).toEqual(['controller.replicaCount']);
  });
});

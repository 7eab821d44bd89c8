import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { synthesizeExample } from '../examples/synth-example';
import { HELMS, helmBinary, run } from '../helm/helm-binary';

/**
 * The local chart the library renders its own Kubernetes objects with (ObjectChart: the workload baseline,
 * the default StorageClass, cert-manager's ClusterIssuers) goes through both real Helms (Helm 4 and Helm 3,
 * see helm-binary.ts): `helm lint --strict` and `helm template` with the exact values of each release of the
 * synthesized example and the Kubernetes version of its cluster. The objects Helm renders must be exactly the
 * objects the library put in the values.
 */
jest.setTimeout(180_000); // first run on a machine downloads each layer package (~37 MB) once

const example = synthesizeExample();
afterAll(() => fs.rmSync(example.outdir, { recursive: true, force: true }));

interface LocalRelease { stack: string; name: string; namespace: string; chartDir: string; values: string }

const LOCAL: LocalRelease[] = Object.entries(example.stacks).flatMap(([stack, json]) =>
  Object.values<any>(json.resource?.helm_release ?? {})
    .filter((r) => String(r.chart).startsWith('./'))
    .map((r) => ({
      stack,
      name: r.name,
      namespace: r.namespace,
      values: r.values[0],
      chartDir: path.join(example.outdir, example.manifest.stacks[stack].workingDirectory, r.chart),
    })));

/** The Kubernetes version of the example's EKS cluster (what `--kube-version` renders for). */
const CLUSTER_VERSION: string = Object.values(example.stacks)
  .flatMap((json) => Object.values<any>(json.resource?.aws_eks_cluster ?? {}))
  .map((c) => c.version)[0];

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-values-'));
});
afterAll(() => work && fs.rmSync(work, { recursive: true, force: true }));

function valuesFile(r: LocalRelease): string {
  const file = path.join(work, `${r.name}.json`);
  fs.writeFileSync(file, r.values);
  return file;
}

test('the example renders every local-chart release the library has, for its cluster version', () => {
  expect(LOCAL.map((r) => r.name).sort()).toEqual(['cluster-issuers', 'default-storage-class', 'workload-baseline-production']);
  for (const r of LOCAL) expect(fs.existsSync(path.join(r.chartDir, 'Chart.yaml'))).toBe(true);
  expect(CLUSTER_VERSION).toMatch(/^1\.\d+$/);
});

describe.each(HELMS.map((d) => [d.name, d] as const))('local charts under a real %s', (_, dist) => {
  let helm: string;
  beforeAll(() => {
    helm = helmBinary(dist);
  });

  test(`is ${dist.version}, from the pinned npm layer package (or ${dist.envVar})`, () => {
    expect(run(helm, ['version', '--template', '{{.Version}}']).trim()).toBe(process.env[dist.envVar] ? expect.any(String) : dist.version);
  });

  test.each(LOCAL.map((r) => [r.name, r]))('%s passes helm lint --strict', (_n, r) => {
    const out = run(helm, ['lint', r.chartDir, '--strict', '--kube-version', CLUSTER_VERSION, '--namespace', r.namespace, '-f', valuesFile(r)]);
    expect(out).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  test.each(LOCAL.map((r) => [r.name, r]))('%s: helm template renders exactly the objects in the values', (_n, r) => {
    const out = run(helm, ['template', r.name, r.chartDir, '--kube-version', CLUSTER_VERSION, '--namespace', r.namespace, '-f', valuesFile(r)]);
    const rendered = parseAllDocuments(out).map((d) => d.toJSON()).filter((d) => d !== null);
    const expected = JSON.parse(r.values).objects;
    expect(expected.length).toBeGreaterThan(0);
    // Helm emits objects in its install order (by kind), not in values order.
    const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const byKey = (list: any[]) => Object.fromEntries(list.map((o) => [key(o), o]));
    expect(rendered.map(key).sort()).toEqual(expected.map(key).sort());
    expect(byKey(rendered)).toEqual(byKey(expected));
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { AwsLoadBalancerController, CertManager } from '../../src/addons';
import { CERT_MANAGER_UPGRADE, LOAD_BALANCER_CONTROLLER_UPGRADE } from '../facts/upgrade-paths';

/** docs/upgrading/ says what the pins and the upstream facts say: a new pin fails here until its notes follow. */
const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const chartFacts = (chart: string) => JSON.parse(read(`test/facts/charts/${chart}.json`));
const minor = (v: string) => Number(v.replace(/^v/, '').split('.')[1]);

/** What is wrong with a cert-manager upgrade path (empty: one published minor at a time, ending at the pin). */
export function certManagerPathProblems(from: string, steps: string[], pin: string, published: string[]): string[] {
  const problems: string[] = [];
  if (steps[steps.length - 1] !== pin) problems.push(`the path ends at ${steps[steps.length - 1]}, the library pins ${pin}`);
  [from, ...steps].forEach((v, i, all) => {
    if (i > 0 && minor(v) !== minor(all[i - 1]) + 1) problems.push(`${all[i - 1]} -> ${v} is not one minor version`);
  });
  for (const v of steps) {
    if (!published.includes(v)) problems.push(`${v} is not published`);
    const newer = published.filter((p) => minor(p) === minor(v) && Number(p.split('.')[2]) > Number(v.split('.')[2]));
    if (newer.length) problems.push(`${v} is not the newest patch of its minor (${newer.join(', ')})`);
  }
  return problems;
}

describe('docs/upgrading', () => {
  test('cert-manager: one minor at a time to the newest patch of each, ending at the pin, as the notes say', () => {
    const { from, steps, doc } = CERT_MANAGER_UPGRADE;
    const published: string[] = chartFacts('cert-manager').publishedVersions.versions;
    expect(certManagerPathProblems(from, steps, CertManager.DEFAULT_CHART_VERSION, published)).toEqual([]);
    const text = read(doc);
    for (const v of [from, ...steps]) expect(text).toContain(v);
    expect(text).toContain(`release.version = '${steps[0]}'`);
  });

  test('the cert-manager path check can fail: a skipped minor, an old patch, the wrong end', () => {
    const published = ['v1.19.2', 'v1.20.2', 'v1.20.3', 'v1.21.1'];
    expect(certManagerPathProblems('v1.19.2', ['v1.21.1'], 'v1.21.1', published)).toEqual(['v1.19.2 -> v1.21.1 is not one minor version']);
    expect(certManagerPathProblems('v1.19.2', ['v1.20.2', 'v1.21.1'], 'v1.21.1', published)).toEqual([expect.stringContaining('not the newest patch')]);
    expect(certManagerPathProblems('v1.19.2', ['v1.20.3'], 'v1.21.1', published)).toEqual([expect.stringContaining('ends at v1.20.3')]);
  });

  test('load balancer controller: the CRD command pins the commit of the chart the library installs, and names the new CRDs', () => {
    const { from, doc, crds } = LOAD_BALANCER_CONTROLLER_UPGRADE;
    const pin = AwsLoadBalancerController.DEFAULT_CHART_VERSION;
    const source: string = chartFacts('aws-load-balancer-controller').templates[pin].source;
    const commit = /\/tree\/([0-9a-f]{40})\//.exec(source)![1];
    const text = read(doc);
    expect(text).toContain(`kubectl apply -k "github.com/aws/eks-charts/stable/aws-load-balancer-controller//crds?ref=${commit}"`);
    expect(text).toContain(`chart ${from}`);
    expect(text).toContain(`chart ${pin}`);
    expect(crds[pin]).toBeDefined();
    const added = crds[pin].filter((c) => !crds[from].includes(c));
    expect(added.length).toBeGreaterThan(0);
    for (const c of added) expect(text).toContain(c);
  });
});

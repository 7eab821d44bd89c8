/**
 * The counts the README's quick start states for examples/prod, checked against the example as it synthesizes
 * now (resources per stack: "about N" within 10 %, Helm releases exactly). A change that adds or removes
 * resources fails here until the README says what `npx projen example` prints.
 */
import * as fs from 'fs';
import * as path from 'path';
import { synthesizeExample } from '../examples/synth-example';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const count = (stack: any) => Object.values<any>(stack.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);

describe('README quick start numbers', () => {
  const { stacks } = synthesizeExample();
  const stated = /`ai-agents-prod-infra`: about (\d+) AWS resources; `ai-agents-prod-in-cluster`: (\d+) Helm\s+releases/.exec(README);

  test('the README states them', () => {
    expect(stated).not.toBeNull();
  });

  test('about as many AWS resources as the infrastructure stack has', () => {
    const actual = count(stacks['ai-agents-prod-infra']);
    expect(Math.abs(actual - Number(stated![1])) / actual).toBeLessThanOrEqual(0.1);
  });

  test('exactly as many Helm releases as the in-cluster stack has', () => {
    const releases = Object.keys(stacks['ai-agents-prod-in-cluster'].resource.helm_release ?? {}).length;
    expect(count(stacks['ai-agents-prod-in-cluster'])).toBe(releases);
    expect(releases).toBe(Number(stated![2]));
  });
});

import * as fs from 'fs';
import * as path from 'path';

/**
 * API.md is generated from the doc comments (npx projen docgen; CI fails when it is stale). These check the
 * comments render well: jsii-docgen prints `{@link}` raw, takes a summary up to the first `;` or `.`, and
 * copies the whole API of any class we extend.
 */
const api = fs.readFileSync(path.join(__dirname, '..', '..', 'API.md'), 'utf8');

/** The lines of one `### Name` section. */
function section(name: string): string {
  const start = api.indexOf(`### ${name} <a name="${name}"`);
  expect(start).toBeGreaterThan(-1);
  const end = api.indexOf('\n### ', start + 1);
  return api.slice(start, end === -1 ? undefined : end);
}

describe('API.md', () => {
  test('has no raw {@link} tags', () => {
    expect(api.match(/\{@link/g) ?? []).toEqual([]);
  });

  test('has no summary cut at a semicolon', () => {
    expect(api.match(/^\|.*; \|$/gm) ?? []).toEqual([]);
  });

  test('EksHelmProvider composes the Helm provider: none of its API is copied in', () => {
    const helm = section('EksHelmProvider');
    expect(helm.split('\n').length).toBeLessThan(200);
    expect(helm).not.toMatch(/kubernetes|burstLimit|pluginsPath|resetKubernetes/);
    expect(helm).toContain('EksHelmProvider.property.provider');
  });

  test('the ProductionEksPlatform entry leads to its props and their main parts', () => {
    const platform = section('ProductionEksPlatform');
    for (const name of ['ProductionEksPlatformProps', 'HaVpcOptions', 'HaEksClusterOptions', 'HaNodeGroupOptions',
      'HaPostgresOptions', 'HaRedisOptions', 'PlatformAddonsOptions']) {
      expect(platform).toContain(name);
    }
  });

  test('the cluster prop says what the code does with a conflicting setting', () => {
    const props = section('ProductionEksPlatformProps');
    expect(props).not.toContain('take precedence');
    expect(props).toMatch(/different values fail synth with a conflict error/);
  });

  test('PropValidationError is documented', () => {
    expect(section('PropValidationError')).toContain('isPropValidationError');
  });
});

import * as fs from 'fs';
import * as path from 'path';

// The provider barrels load every resource class (~3 s and ~500 MB for the AWS provider) in every process
// that touches the library. Only deep imports (`@cdktf/provider-aws/lib/<resource>`) are allowed.
const ROOT = path.resolve(__dirname, '..');
const BARREL = /(?:from\s+|require\(\s*|import\(\s*)['"]@cdktf\/provider-(?:aws|helm|kubernetes)['"]/;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('provider imports', () => {
  const files = ['src', 'examples', 'test', 'scripts'].flatMap((d) => sourceFiles(path.join(ROOT, d)));

  test('the scan sees the library, the example and the tests', () => {
    expect(files.some((f) => f.includes(`${path.sep}src${path.sep}`))).toBe(true);
    expect(files.some((f) => f.includes(`examples${path.sep}prod${path.sep}main.ts`))).toBe(true);
  });

  test('no file imports a provider through its package barrel', () => {
    const offenders = files.filter((f) => f !== __filename && BARREL.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  test('the pattern catches barrel imports and allows deep ones', () => {
    // (split so that repository-wide greps for barrel imports do not flag this test)
    expect(BARREL.test("import { eksCluster } from '@cdktf/" + "provider-aws';")).toBe(true);
    expect(BARREL.test("const helm = require('@cdktf/provider-helm')")).toBe(true);
    expect(BARREL.test("import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';")).toBe(false);
  });
});

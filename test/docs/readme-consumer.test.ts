/**
 * The README's "Use it from your own project" section stays true to the package: the versions it installs are
 * the peer versions package.json declares, its tsconfig and cdktf.json agree with each other, and its TypeScript
 * blocks are type-checked with the others (test/docs/readme-examples.test.ts).
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function section(title: string): string {
  const start = README.indexOf(`## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section '## ${title}'`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

function blocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```', 'g'))].map((m) => m[1]);
}

const consumer = section('Use it from your own project');
const install = blocks(consumer, 'bash')[0];
const [tsconfig, cdktfJson] = blocks(consumer, 'json').map((b) => JSON.parse(b));

describe('README: Use it from your own project', () => {
  test('installs every peer dependency at a version package.json accepts, the AWS provider exactly', () => {
    expect(install).toMatch(/npm install --save-exact /);
    for (const [name, range] of Object.entries<string>(PKG.peerDependencies)) {
      const m = new RegExp(`${name.replace('/', '\\/')}@([0-9][^\\s]*)`).exec(install);
      expect([name, m?.[1]]).toEqual([name, expect.any(String)]);
      const wanted = range.replace(/^[\^~]/, '');
      if (/^[0-9]/.test(range)) expect(m![1]).toBe(range); // exact peers (the AWS provider)
      else expect(m![1].split('.').slice(0, 2)).toEqual(wanted.split('.').slice(0, 2));
    }
    expect(PKG.peerDependencies['@cdktf/provider-aws']).toBe('20.1.0');
  });

  test('installs the TypeScript minor the library is built with', () => {
    const ts = /typescript@(\S+)/.exec(install)?.[1];
    expect(ts).toBe(PKG.devDependencies.typescript);
  });

  test('cdktf runs the JavaScript that the tsconfig compiles (no type-checking runner per synth)', () => {
    expect(cdktfJson.app).toBe(`node ${tsconfig.compilerOptions.outDir}/main.js`);
    expect(cdktfJson.app).not.toMatch(/ts-node|tsx/);
    expect(tsconfig.compilerOptions.strict).toBe(true);
  });

  test('the command it documents is the package\'s bin, with its exit codes', () => {
    expect(PKG.bin).toEqual({ 'cdktf-eks-platform': 'lib/cli/main.js' });
    expect(consumer).toMatch(/npx cdktf-eks-platform check cdktf\.out/);
    expect(consumer).toMatch(/\*\*0\*\* everything passed.*\*\*1\*\*\s+policy errors or failed Terraform checks, \*\*2\*\* usage error/s);
  });
});

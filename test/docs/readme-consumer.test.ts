/**
 * The README stays true to the package: the consumer section installs the peer versions package.json declares
 * and the tarball the one packaging command writes, its tsconfig and cdktf.json agree with each other, its
 * TypeScript blocks are type-checked with the others (test/docs/readme-examples.test.ts); every relative link
 * of the README and the shipped docs points into the package; the numbers it states follow the project.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

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
    const typescript = /typescript@(\S+)/.exec(install)?.[1];
    expect(typescript).toBe(PKG.devDependencies.typescript);
  });

  test('cdktf and npm run synth run the JavaScript the tsconfig compiles, with source maps (the first frame is main.ts)', () => {
    const app = `node --enable-source-maps ${tsconfig.compilerOptions.outDir}/main.js`;
    expect(cdktfJson.app).toBe(app);
    expect(install).toContain(`scripts.synth="tsc && ${app}"`);
    expect(cdktfJson.app).not.toMatch(/ts-node|tsx/);
    expect(tsconfig.compilerOptions.sourceMap).toBe(true);
    expect(tsconfig.compilerOptions.strict).toBe(true);
  });

  test('installs the tarball that the one packaging command writes, and says how to make it', () => {
    const tarball = `dist/js/${PKG.name}@${PKG.version}.jsii.tgz`;
    expect(install).toContain(`/${tarball}"`);
    expect(consumer).toContain('`npm ci && npx projen compile && npx projen package:js` writes');
    expect(consumer).toContain(`\`${tarball}\``);
    // Every tarball the README names is that one (or its pattern), and no other packaging command is offered.
    const named = [...README.matchAll(/[\w@.<>/-]+\.tgz/g)].map((m) => m[0].replace(/^.*?(dist\/js\/)/, '$1'));
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(new Set(named.map((n) => n.replace('<version>', PKG.version)))).toEqual(new Set([tarball]));
    expect(README).not.toMatch(/&& npm pack\b|`npm pack` writes|npm pack` gives/);
    // ...and that command is jsii-pacmak's npm target, which writes dist/js/<name>@<version>.jsii.tgz.
    const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
    expect(tasks['package:js'].steps).toEqual([{ execArgs: ['jsii-pacmak', '-v', '--target', 'js'] }]);
  });

  test('writes the .gitignore it later relies on, and says the installs need the registry', () => {
    const ignore = /printf '%s\\n' (.*) > \.gitignore/.exec(install)?.[1].split(/\s+/);
    expect(ignore).toEqual(expect.arrayContaining(['node_modules/', 'dist/', 'cdktf.out/', '.tfcheck/']));
    expect(consumer.indexOf('> .gitignore')).toBeLessThan(consumer.indexOf('`.tfcheck/` (in the `.gitignore` of step 2)'));
    expect(consumer).toMatch(/`npm install`\s+lines need the npm registry/);
  });

  test.each([0, 1])('its app %i synthesizes (run in-process against src/ on the pinned test date, not only type-checked)', (i) => {
    const source = blocks(consumer, 'ts')[i];
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-consumer-'));
    const saved = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    try {
      // jest's require resolves 'cdktf-eks-platform' to src/ (moduleNameMapper), as for the other README blocks.
      new Function('require', 'exports', js)(require, {});
    } finally {
      if (saved === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = saved;
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).length).toBeGreaterThanOrEqual(1);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('the command it documents is the package\'s bin, with its exit codes', () => {
    expect(PKG.bin).toEqual({ 'cdktf-eks-platform': 'lib/cli/main.js' });
    expect(consumer).toMatch(/npx cdktf-eks-platform check cdktf\.out/);
    expect(consumer).toMatch(/\*\*0\*\* everything passed.*\*\*1\*\*\s+policy errors or failed Terraform checks, \*\*2\*\* usage error/s);
  });
});

/** Files `npm pack` would put in the package (what `.npmignore` lets through), from a dry run. */
function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
}

describe('the package', () => {
  // A tarball lying in the checkout (a `npm pack` someone ran) must not end up inside the next package.
  const probe = path.join(ROOT, `readme-consumer-probe-${process.pid}.tgz`);
  let files: string[];
  beforeAll(() => {
    fs.writeFileSync(probe, '');
    try {
      files = packedFiles();
    } finally {
      fs.rmSync(probe, { force: true });
    }
  });

  test('never contains a tarball', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(files.filter((f) => f.endsWith('.tgz'))).toEqual([]);
    expect(fs.readFileSync(path.join(ROOT, '.npmignore'), 'utf8').split('\n')).toContain('*.tgz');
  });

  test('ships every file a relative link of the README or of the shipped docs points to', () => {
    const docs = files.filter((f) => /^docs\/.*\.md$/.test(f));
    expect(docs).toEqual(expect.arrayContaining(['docs/operations/README.md', 'docs/policy-rules.md', 'docs/destroy.md']));
    const dead: string[] = [];
    for (const doc of ['README.md', ...docs]) {
      const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
      for (const m of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(doc), target)).replace(/\/$/, '');
        if (!files.includes(resolved) && !files.some((f) => f.startsWith(`${resolved}/`))) dead.push(`${doc}: ${target}`);
      }
    }
    expect(dead).toEqual([]);
  });
});

describe('README numbers and names follow the project', () => {
  test('the bad-input catalogue has the "more than N cases" the README states', () => {
    const stated = Number(/catalogue of more than (\d+) cases/.exec(README)?.[1]);
    const catalogue = fs.readFileSync(path.join(ROOT, 'test', 'guardrails', 'bad-input.test.ts'), 'utf8');
    const cases = (catalogue.match(/^\s+(\{ )?why: '/gm) ?? []).length;
    expect(stated).toBeGreaterThan(0);
    expect(cases).toBeGreaterThan(stated);
  });

  test('the README states no suite or test count (they go stale)', () => {
    expect(README).not.toMatch(/\d[\d,]* (suites|tests)\b/);
  });

  test('the generated runbook\'s database names are explained as the example\'s own', () => {
    const env = fs.readFileSync(path.join(ROOT, 'examples', 'prod', 'environment.ts'), 'utf8');
    const verification = fs.readFileSync(path.join(ROOT, 'docs', 'operations', 'verification.md'), 'utf8');
    for (const prop of ['databaseName', 'masterUsername', 'appRoleName']) {
      const value = new RegExp(`${prop}: '([a-z_]+)'`).exec(env)?.[1];
      expect([prop, value && verification.includes(value)]).toEqual([prop, true]);
      expect(section('Operations')).toContain(`\`${prop}: '${value}'\``);
    }
  });
});

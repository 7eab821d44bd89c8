/**
 * Offline Terraform checks of synthesized cdktf stacks (the `check` command of the package's CLI).
 *
 * For every stack of a cdktf output directory whose providers are all in a filesystem mirror:
 * `terraform init -backend=false` against the mirror, `terraform validate` against the real provider schema,
 * and `terraform test` (a smoke apply, plus `<tests>/<stack>/*.tftest.hcl` when a tests directory is given)
 * against one mock AWS provider assembled from the `mock_resource`/`mock_data` fragments shipped with the
 * package (`test/terraform/mocks/*.hcl`) and the tests directory's own `mocks/*.hcl`.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The package root (this file is `src/cli/` or `lib/cli/` below it). */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
/** The smoke test and mock provider fragments shipped with the package. */
export const BUILTIN_TESTS = path.join(PACKAGE_ROOT, 'test', 'terraform');

export interface TerraformCheckOptions {
  /** cdktf output directories (each holding `stacks/<name>/cdk.tf.json`). */
  readonly outDirs: string[];
  /** Working files (init, plugin cache); kept between runs so the provider is linked, not copied. */
  readonly workDir: string;
  /** Extra tests: `<dir>/<stack>/*.tftest.hcl` and `<dir>/mocks/*.hcl`. */
  readonly testsDir?: string;
  /** Where to print. */
  readonly log: (line: string) => void;
}

/** Outcome: `skipped` when there is no Terraform CLI; `failures` counts the stacks that failed. */
export interface TerraformCheckResult {
  readonly skipped: boolean;
  readonly failures: number;
  readonly passed: number;
}

/** A usage problem the caller should report with exit code 2 (for example, nothing synthesized). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function findTerraform(): string | undefined {
  const candidates = [process.env.TERRAFORM, 'terraform'].filter(Boolean) as string[];
  for (const c of candidates) {
    const r = spawnSync(c, ['version'], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
    if (r.status === 0) return c;
  }
  return undefined;
}

/** Directories that may hold a filesystem mirror, searched a few levels deep for registry.terraform.io. */
export function findMirror(): string | undefined {
  if (process.env.TF_PROVIDER_MIRROR) return process.env.TF_PROVIDER_MIRROR;
  const roots = ['/opt', '/usr/local/share', '/usr/share', path.join(os.homedir(), '.terraform.d'), '/var/lib'];
  const walk = (dir: string, depth: number): string | undefined => {
    if (depth < 0) return undefined;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    if (entries.some((e) => e.isDirectory() && e.name === 'registry.terraform.io')) {
      if (fs.existsSync(path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws'))) return dir;
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') {
        const hit = walk(path.join(dir, e.name), depth - 1);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  for (const r of roots) {
    const hit = walk(r, 3);
    if (hit) return hit;
  }
  return undefined;
}

/** Providers (`namespace/name`) available in the mirror. */
function mirroredProviders(mirror: string): Set<string> {
  const out = new Set<string>();
  const reg = path.join(mirror, 'registry.terraform.io');
  for (const ns of fs.existsSync(reg) ? fs.readdirSync(reg) : []) {
    for (const name of fs.readdirSync(path.join(reg, ns))) out.add(`${ns}/${name}`);
  }
  return out;
}

/** The stacks of a cdktf output directory; a usage error when there are none. */
export function stacksIn(outDir: string): Array<{ name: string; dir: string }> {
  const stacksDir = path.join(outDir, 'stacks');
  if (!fs.existsSync(stacksDir)) {
    throw new UsageError(`${outDir} holds no synthesized stacks (no ${path.join(outDir, 'stacks')}): run \`cdktf synth\` first`);
  }
  return fs.readdirSync(stacksDir).sort()
    .filter((name) => fs.existsSync(path.join(stacksDir, name, 'cdk.tf.json')))
    .map((name) => ({ name, dir: path.join(stacksDir, name) }));
}

function run(tf: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { ok: boolean; out: string } {
  const r = spawnSync(tf, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/**
 * `terraform test` destroys what it applied, which `prevent_destroy` forbids. Validation runs on the config
 * exactly as synthesized; only the copy the mock test applies has the flag removed (unit tests and the
 * policy pack assert that it is set).
 */
function liftPreventDestroy(file: string): number {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  let count = 0;
  for (const byName of Object.values<any>(json.resource ?? {})) {
    for (const res of Object.values<any>(byName)) {
      if (res.lifecycle?.prevent_destroy) {
        delete res.lifecycle.prevent_destroy;
        count++;
      }
    }
  }
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return count;
}

/** `*.hcl` files of the given directories, once each (the repository's tests directory holds the built-in mocks). */
function hclFiles(dirs: string[], suffix: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(suffix)).sort()) {
      const real = fs.realpathSync(path.join(dir, f));
      if (!seen.has(real)) {
        seen.add(real);
        out.push(real);
      }
    }
  }
  return out;
}

/** Runs the checks; see the file comment. */
export function terraformCheck(options: TerraformCheckOptions): TerraformCheckResult {
  const { log } = options;
  // Resolve every stack first: a directory with nothing synthesized is a usage error, with or without terraform.
  const stacks = options.outDirs.flatMap((d) => stacksIn(path.resolve(d)));
  const tf = findTerraform();
  if (!tf) {
    log('SKIPPED: terraform not found (install the Terraform CLI, or set TERRAFORM, to run the offline checks)');
    return { skipped: true, failures: 0, passed: 0 };
  }
  const mirror = findMirror();
  if (!mirror) {
    log('FAIL: no offline provider mirror found. Create one with `terraform providers mirror <dir>` in a synthesized '
      + 'stack directory (needs the registry once) and set TF_PROVIDER_MIRROR=<dir>.');
    return { skipped: false, failures: 1, passed: 0 };
  }
  const available = mirroredProviders(mirror);
  const work = path.resolve(options.workDir);
  const cache = path.join(work, 'plugin-cache');
  fs.mkdirSync(cache, { recursive: true });
  const rc = path.join(work, 'terraformrc');
  fs.writeFileSync(rc, [
    `plugin_cache_dir = ${JSON.stringify(cache)}`,
    'provider_installation {',
    `  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }`,
    '}',
    '',
  ].join('\n'));
  const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  const testDirs = [BUILTIN_TESTS, ...(options.testsDir ? [path.resolve(options.testsDir)] : [])];
  // One mock_provider block from every fragment, prepended to each test file (mocks cannot be shared across files).
  const fragments = hclFiles(testDirs.map((d) => path.join(d, 'mocks')), '.hcl').map((f) => fs.readFileSync(f, 'utf8'));
  const mock = `mock_provider "aws" {\n${fragments.join('\n')}\n}\n`;
  const version = execFileSync(tf, ['version'], { encoding: 'utf8', env }).split('\n')[0];
  log(`terraform: ${version}, provider mirror ${mirror}`);

  let failures = 0;
  let passed = 0;
  for (const stack of stacks) {
    const started = Date.now();
    const tfJson = JSON.parse(fs.readFileSync(path.join(stack.dir, 'cdk.tf.json'), 'utf8'));
    const required = Object.values(tfJson.terraform?.required_providers ?? {}).map((p: any) => {
      const source = String(p.source ?? '').replace(/^registry\.terraform\.io\//, '');
      return source.includes('/') ? source : `hashicorp/${source}`;
    });
    const missing = required.filter((p) => !available.has(p));
    if (missing.length > 0) {
      log(`SKIP ${stack.name}: providers not in the offline mirror (${missing.join(', ')})`);
      continue;
    }
    const dir = path.join(work, 'stacks', stack.name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
    fs.copyFileSync(path.join(stack.dir, 'cdk.tf.json'), path.join(dir, 'cdk.tf.json'));
    // Every test file gets the shared mock provider; every stack gets at least the smoke apply.
    const testFiles = [path.join(BUILTIN_TESTS, 'smoke.tftest.hcl'),
      ...hclFiles(testDirs.map((d) => path.join(d, stack.name)), '.tftest.hcl')];
    for (const f of testFiles) {
      fs.writeFileSync(path.join(dir, 'tests', path.basename(f)), `${mock}\n${fs.readFileSync(f, 'utf8')}`);
    }
    const steps: Array<[string, string[]]> = [
      ['init', ['init', '-backend=false', '-input=false', '-no-color']],
      ['validate', ['validate', '-no-color']],
      ['test', ['test', '-no-color']],
    ];
    let ok = true;
    let summary = '';
    let lifted = 0;
    for (const [label, args] of steps) {
      if (label === 'test') lifted = liftPreventDestroy(path.join(dir, 'cdk.tf.json'));
      const r = run(tf, args, dir, env);
      if (!r.ok) {
        ok = false;
        log(`FAIL ${stack.name}: terraform ${label}\n${r.out.trim().split('\n').map((l) => `  | ${l}`).join('\n')}`);
        break;
      }
      if (label === 'test') summary = (r.out.match(/Success! .*|\d+ passed, \d+ failed.*/) ?? [''])[0];
    }
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (ok) {
      passed++;
      const note = lifted ? `; prevent_destroy lifted on ${lifted} resources for the mock teardown only` : '';
      log(`PASS ${stack.name}: init, validate, test (${testFiles.length} files) ${summary.trim()}${note} [${secs}s]`);
    } else {
      failures++;
    }
  }
  return { skipped: false, failures, passed };
}

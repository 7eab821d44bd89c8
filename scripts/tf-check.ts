/**
 * Offline Terraform checks for synthesized cdktf stacks.
 *
 *   ts-node scripts/tf-check.ts <synth-dir> [<synth-dir> ...]
 *
 * For every stack in the given cdktf output directories whose providers are all in the offline mirror:
 * `terraform init -backend=false` against the mirror, `terraform validate`, and `terraform test` with the
 * project's tests (`test/terraform/<stack>/*.tftest.hcl`) plus a smoke apply, all against the mock AWS
 * provider assembled from the `mock_resource`/`mock_data` blocks in `test/terraform/mocks/*.hcl`. Working files go to `.tfcheck/` (gitignored).
 *
 * Environment: TF_PROVIDER_MIRROR (the filesystem mirror; discovered when unset), TERRAFORM (the CLI).
 * Exit code 1 on any failure; prints "SKIPPED: terraform not found" and exits 0 when there is no CLI.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, '.tfcheck');
const TESTS = path.join(ROOT, 'test', 'terraform');
const MOCKS = path.join(TESTS, 'mocks');

function findTerraform(): string | undefined {
  const candidates = [process.env.TERRAFORM, 'terraform'].filter(Boolean) as string[];
  for (const c of candidates) {
    const r = spawnSync(c, ['version'], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
    if (r.status === 0) return c;
  }
  return undefined;
}

/** Directories that may hold a filesystem mirror, searched a few levels deep for registry.terraform.io. */
function findMirror(): string | undefined {
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

function stacksIn(outDir: string): Array<{ name: string; dir: string }> {
  const stacksDir = path.join(outDir, 'stacks');
  if (!fs.existsSync(stacksDir)) throw new Error(`no stacks under ${stacksDir}: synthesize first`);
  return fs.readdirSync(stacksDir).sort().map((name) => ({ name, dir: path.join(stacksDir, name) }));
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

function main(): number {
  const outDirs = process.argv.slice(2);
  if (outDirs.length === 0) {
    console.error('usage: tf-check <cdktf-output-dir> [...]');
    return 2;
  }
  const tf = findTerraform();
  if (!tf) {
    console.log('SKIPPED: terraform not found (install the Terraform CLI to run the offline checks)');
    return 0;
  }
  const mirror = findMirror();
  if (!mirror) {
    console.error('FAIL: no offline provider mirror found; set TF_PROVIDER_MIRROR to the filesystem mirror directory');
    return 1;
  }
  const available = mirroredProviders(mirror);
  fs.mkdirSync(WORK, { recursive: true });
  const cache = path.join(WORK, 'plugin-cache');
  fs.mkdirSync(cache, { recursive: true });
  const rc = path.join(WORK, 'terraformrc');
  fs.writeFileSync(rc, [
    `plugin_cache_dir = ${JSON.stringify(cache)}`,
    'provider_installation {',
    `  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }`,
    '}',
    '',
  ].join('\n'));
  const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  // One mock_provider block from every fragment, prepended to each test file (mocks cannot be shared across files).
  const fragments = fs.readdirSync(MOCKS).filter((f) => f.endsWith('.hcl')).sort()
    .map((f) => fs.readFileSync(path.join(MOCKS, f), 'utf8'));
  const mock = `mock_provider "aws" {\n${fragments.join('\n')}\n}\n`;
  const version = execFileSync(tf, ['version'], { encoding: 'utf8', env }).split('\n')[0];
  console.log(`tf-check: ${version}, mirror ${mirror}`);

  let failures = 0;
  for (const outDir of outDirs) {
    for (const stack of stacksIn(path.resolve(outDir))) {
      const started = Date.now();
      const tfJson = JSON.parse(fs.readFileSync(path.join(stack.dir, 'cdk.tf.json'), 'utf8'));
      const required = Object.values(tfJson.terraform?.required_providers ?? {}).map((p: any) => {
        const source = String(p.source ?? '').replace(/^registry\.terraform\.io\//, '');
        return source.includes('/') ? source : `hashicorp/${source}`;
      });
      const missing = required.filter((p) => !available.has(p));
      if (missing.length > 0) {
        console.log(`SKIP ${stack.name}: providers not in the offline mirror (${missing.join(', ')}); checked by synth and unit tests`);
        continue;
      }
      const work = path.join(WORK, 'stacks', stack.name);
      fs.rmSync(work, { recursive: true, force: true });
      fs.mkdirSync(path.join(work, 'tests'), { recursive: true });
      fs.copyFileSync(path.join(stack.dir, 'cdk.tf.json'), path.join(work, 'cdk.tf.json'));
      // Every test file gets the shared mock provider; every stack gets at least the smoke apply.
      const testFiles = [path.join(TESTS, 'smoke.tftest.hcl')];
      const own = path.join(TESTS, stack.name);
      if (fs.existsSync(own)) {
        testFiles.push(...fs.readdirSync(own).filter((f) => f.endsWith('.tftest.hcl')).sort().map((f) => path.join(own, f)));
      }
      for (const f of testFiles) {
        fs.writeFileSync(path.join(work, 'tests', path.basename(f)), `${mock}\n${fs.readFileSync(f, 'utf8')}`);
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
        if (label === 'test') lifted = liftPreventDestroy(path.join(work, 'cdk.tf.json'));
        const r = run(tf, args, work, env);
        if (!r.ok) {
          ok = false;
          console.log(`FAIL ${stack.name}: terraform ${label}\n${r.out.trim().split('\n').map((l) => `  | ${l}`).join('\n')}`);
          break;
        }
        if (label === 'test') summary = (r.out.match(/Success! .*|\d+ passed, \d+ failed.*/) ?? [''])[0];
      }
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (ok) {
        const note = lifted ? `; prevent_destroy lifted on ${lifted} resources for the mock teardown only` : '';
        console.log(`PASS ${stack.name}: init, validate, test (${testFiles.length} files) ${summary.trim()}${note} [${secs}s]`);
      } else {
        failures++;
      }
    }
  }
  console.log(failures ? `tf-check: ${failures} stack(s) failed` : 'tf-check: all checkable stacks passed');
  return failures ? 1 : 0;
}

process.exitCode = main();

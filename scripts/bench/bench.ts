/**
 * Repeatable performance figures for the README (issue: performance).
 *
 *   npx projen bench                 # synth vs. barrel baseline, compile (medians of 5), npm test cold and warm (3 each)
 *   npx projen bench -- --runs 7 --compile-runs 3 --test-runs 3 --ci-runs 1
 *
 * Synth is measured three ways in the same interleaved loop: the example's process alone (`node main.js`),
 * the exact app command of examples/prod/cdktf.json run as cdktf runs it (from examples/prod, CDKTF_OUTDIR set),
 * and `cdktf synth` itself when a cdktf CLI is found (CDKTF_CLI, node_modules/.bin/cdktf or cdktf on PATH).
 * `npm test` runs cold (an empty jest cache of its own) and warm (right after, same cache), alternating.
 *
 * Baseline and subject runs are interleaved (A B A B ...) so machine noise hits both alike; ratios are
 * taken within the same session. Peak RSS comes from each process's own rusage (scripts/bench/rss.js).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { criticalPath } from './critical-path';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, '.bench');
const RSS = path.join(__dirname, 'rss.js');
// The baseline loads the AWS provider through its barrel, on purpose (what a naive consumer pays).
const BARREL_PACKAGE = ['@cdktf', 'provider-aws'].join('/');

interface Sample { readonly seconds: number; readonly rssMb?: number }

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd: string = ROOT): Sample {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`.slice(0, 4000));
  }
  const m = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { seconds, rssMb: m ? Number(m[1]) / 1024 : undefined };
}

/** A cdktf CLI to measure `cdktf synth` with, if there is one (it is not a dependency: ~420 MB). */
function cdktfCli(): string | undefined {
  const candidates = [process.env.CDKTF_CLI, path.join(ROOT, 'node_modules', '.bin', 'cdktf'), 'cdktf'].filter((c): c is string => !!c);
  return candidates.find((c) => spawnSync(c, ['--version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).status === 0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function summarize(label: string, samples: Sample[]) {
  const secs = samples.map((s) => s.seconds);
  const rss = samples.map((s) => s.rssMb).filter((x): x is number => x !== undefined);
  return {
    label,
    runs: samples.length,
    medianSeconds: median(secs),
    minSeconds: Math.min(...secs),
    maxSeconds: Math.max(...secs),
    medianRssMb: rss.length ? median(rss) : undefined,
  };
}

function main(): void {
  const runs = arg('runs', 5);
  const compileRuns = arg('compile-runs', runs);
  const testRuns = arg('test-runs', 3);
  const ciRuns = arg('ci-runs', 0);
  fs.mkdirSync(OUT, { recursive: true });
  const synthOut = path.join(OUT, 'cdktf.out');
  const example = path.join(ROOT, '.gen', 'examples', 'prod', 'main.js');
  if (!fs.existsSync(example)) throw new Error('run `npx projen synth:example` first (the bench task does)');
  const exampleDir = path.join(ROOT, 'examples', 'prod');
  const appCommand: string = JSON.parse(fs.readFileSync(path.join(exampleDir, 'cdktf.json'), 'utf8')).app;
  const cdktf = cdktfCli();

  console.log(`bench: ${runs} runs each, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, `
    + `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; cdktf CLI: ${cdktf ?? 'none found (set CDKTF_CLI)'}`);
  const barrel: Sample[] = [];
  const synth: Sample[] = [];
  const app: Sample[] = [];
  const cdktfSynth: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    barrel.push(timed('node', ['-r', RSS, '-e', `require(${JSON.stringify(BARREL_PACKAGE)})`]));
    synth.push(timed('node', ['-r', RSS, example], { CDKTF_OUTDIR: synthOut }));
    app.push(timed('sh', ['-c', appCommand], { CDKTF_OUTDIR: path.join(OUT, 'app.out'), NODE_OPTIONS: `-r ${RSS}` }, exampleDir));
    if (cdktf) {
      cdktfSynth.push(timed(cdktf, ['synth', '--output', path.join(OUT, 'cdktf-cli.out')], { CHECKPOINT_DISABLE: '1', CI: 'true' }, exampleDir));
    }
  }
  const compile: Sample[] = [];
  for (let i = 0; i < compileRuns; i++) {
    compile.push(timed('npx', ['jsii', '--fail-on-warnings', '--silence-warnings=reserved-word']));
  }
  // `npm test` as the README runs it (jest --ci, then ESLint): cold = an empty jest cache (transforms of every test
  // and source file), warm = the same cache right after. A cache directory of its own: jest's default one in the
  // system temp directory is shared by every checkout on the machine.
  const testsCold: Sample[] = [];
  const testsWarm: Sample[] = [];
  const jestCache = path.join(OUT, 'jest-cache');
  for (let i = 0; i < testRuns; i++) {
    fs.rmSync(jestCache, { recursive: true, force: true });
    testsCold.push(timed('npm', ['test', '--silent', '--', `--cacheDirectory=${jestCache}`]));
    testsWarm.push(timed('npm', ['test', '--silent', '--', `--cacheDirectory=${jestCache}`]));
  }
  const ci: Sample[] = [];
  for (let i = 0; i < ciRuns; i++) {
    // A clean clone of HEAD, as CI sees it.
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ci-'));
    timed('git', ['clone', '-q', ROOT, clone]);
    const start = process.hrtime.bigint();
    const r = spawnSync('bash', ['.ci/run'], { cwd: clone, env: { ...process.env, CI: 'true' }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`.ci/run failed in ${clone}:\n${(r.stdout + r.stderr).slice(-4000)}`);
    ci.push({ seconds: Number(process.hrtime.bigint() - start) / 1e9 });
    fs.rmSync(clone, { recursive: true, force: true });
  }

  const b = summarize('baseline: require(@cdktf/provider-aws) barrel', barrel);
  const s = summarize('synth examples/prod (node main.js, whole process)', synth);
  const appRow = summarize(`app command of examples/prod/cdktf.json (${appCommand})`, app);
  const rows = [b, s, appRow];
  const c = cdktfSynth.length ? summarize('`cdktf synth` of examples/prod (cdktf CLI, whole command)', cdktfSynth) : undefined;
  if (c) rows.push(c);
  if (compile.length) rows.push(summarize('jsii compile', compile));
  if (testsCold.length) rows.push(summarize('npm test, cold (empty jest cache)', testsCold), summarize('npm test, warm', testsWarm));
  if (ci.length) rows.push(summarize('.ci/run on a clean clone', ci));
  console.log('\n| measure | runs | median s | min-max s | median peak RSS MB |\n| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.runs} | ${r.medianSeconds.toFixed(2)} | ${r.minSeconds.toFixed(2)}-${r.maxSeconds.toFixed(2)} | ${r.medianRssMb?.toFixed(0) ?? '-'} |`);
  }
  const ratio = s.medianSeconds / b.medianSeconds;
  console.log(`\nsynth / barrel-load time ratio: ${ratio.toFixed(2)} (target <= 0.30); synth peak RSS ${s.medianRssMb?.toFixed(0)} MB (target <= 200)`);
  const appRatio = appRow.medianSeconds / b.medianSeconds;
  console.log(`app command / barrel-load time ratio: ${appRatio.toFixed(2)} (target <= 1.2)`);
  const cdktfRatio = c ? c.medianSeconds / b.medianSeconds : undefined;
  console.log(cdktfRatio === undefined
    ? '`cdktf synth` / barrel-load time ratio: not measured (no cdktf CLI; set CDKTF_CLI=<path to cdktf>)'
    : `\`cdktf synth\` / barrel-load time ratio: ${cdktfRatio.toFixed(2)} (target <= 1.2)`);

  const cp = criticalPath(synthOut);
  console.log(`\napply critical path (estimated): ${(cp.seconds / 60).toFixed(1)} min over stacks ${cp.order.join(' -> ')}`);
  for (const st of cp.stacks) {
    console.log(`  ${st.stack}: ${(st.seconds / 60).toFixed(1)} min, ${st.resources} nodes; path:`);
    for (const a of st.path) console.log(`    ${a}`);
  }
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ rows, ratio, appRatio, cdktfRatio, criticalPath: cp }, null, 2));
  console.log(`\nresults written to ${path.relative(process.cwd(), path.join(OUT, 'results.json'))}`);
}

main();

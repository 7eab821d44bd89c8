/**
 * Repeatable performance figures for the README (issue: performance).
 *
 *   npx projen bench                 # synth vs. barrel baseline, compile, tests: medians of 5
 *   npx projen bench -- --runs 7 --ci-runs 1
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

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`.slice(0, 4000));
  }
  const m = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { seconds, rssMb: m ? Number(m[1]) / 1024 : undefined };
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
  const ciRuns = arg('ci-runs', 0);
  fs.mkdirSync(OUT, { recursive: true });
  const synthOut = path.join(OUT, 'cdktf.out');
  const example = path.join(ROOT, '.gen', 'examples', 'prod', 'main.js');
  if (!fs.existsSync(example)) throw new Error('run `npx projen synth:example` first (the bench task does)');

  console.log(`bench: ${runs} runs each, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  const barrel: Sample[] = [];
  const synth: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    barrel.push(timed('node', ['-r', RSS, '-e', `require(${JSON.stringify(BARREL_PACKAGE)})`]));
    synth.push(timed('node', ['-r', RSS, example], { CDKTF_OUTDIR: synthOut }));
  }
  const compile: Sample[] = [];
  const tests: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    compile.push(timed('npx', ['jsii', '--fail-on-warnings', '--silence-warnings=reserved-word']));
  }
  for (let i = 0; i < runs; i++) tests.push(timed('npx', ['jest', '--ci', '--silent']));
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
  const s = summarize('synth examples/prod (whole process)', synth);
  const rows = [b, s, summarize('jsii compile', compile), summarize('npm test (jest --ci)', tests)];
  if (ci.length) rows.push(summarize('.ci/run on a clean clone', ci));
  console.log('\n| measure | runs | median s | min-max s | median peak RSS MB |\n| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.runs} | ${r.medianSeconds.toFixed(2)} | ${r.minSeconds.toFixed(2)}-${r.maxSeconds.toFixed(2)} | ${r.medianRssMb?.toFixed(0) ?? '-'} |`);
  }
  const ratio = s.medianSeconds / b.medianSeconds;
  console.log(`\nsynth / barrel-load time ratio: ${ratio.toFixed(2)} (target <= 0.30); synth peak RSS ${s.medianRssMb?.toFixed(0)} MB (target <= 200)`);

  const cp = criticalPath(synthOut);
  console.log(`\napply critical path (estimated): ${(cp.seconds / 60).toFixed(1)} min over stacks ${cp.order.join(' -> ')}`);
  for (const st of cp.stacks) {
    console.log(`  ${st.stack}: ${(st.seconds / 60).toFixed(1)} min, ${st.resources} nodes; path:`);
    for (const a of st.path) console.log(`    ${a}`);
  }
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ rows, ratio, criticalPath: cp }, null, 2));
  console.log(`\nresults written to ${path.relative(process.cwd(), path.join(OUT, 'results.json'))}`);
}

main();

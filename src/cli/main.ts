#!/usr/bin/env node
/**
 * The package's command line: offline checks and generated docs for any cdktf output directory.
 * Not part of the jsii API (nothing in src/index.ts exports it); installed as the `cdktf-eks-platform` bin.
 */
import * as fs from 'fs';
import * as path from 'path';
import { evaluateOutputDirectory, openErrors } from './policy-report';
import { stacksIn, terraformCheck, UsageError } from './terraform-check';
import { ArchitectureDiagram } from '../docs/architecture-diagram';
import { OperationsRunbook } from '../docs/operations-runbook';
import { formatFindings, partitionFindings } from '../policy/finding-format';
import { ProductionBaseline } from '../policy/production-baseline';

/** Exit codes, as documented in the usage text and the README. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: cdktf-eks-platform <command> <cdktf-output-dir> [options]

Commands:
  check <dir>...     production-baseline policy report, then offline Terraform checks of every stack:
                     terraform init -backend=false (providers from a filesystem mirror), validate, and
                     a mock apply (terraform test with the package's mock AWS provider)
      --tests <d>      also run <d>/<stack>/*.tftest.hcl, with extra mock fragments from <d>/mocks/*.hcl
      --work <d>       Terraform working files and plugin cache (default: .tfcheck)
      --no-terraform   policy report only
  diagram <dir>      architecture picture (Mermaid in Markdown) to stdout
      --out <file>     write it to <file> instead
      --title <text>   heading (default: Architecture)
  runbook <dir>      operations runbook (verification, troubleshooting, recovery, maintenance)
      --out <d>        directory to write it to (default: operations)

<cdktf-output-dir> is what \`cdktf synth\` wrote: the directory holding manifest.json, usually cdktf.out.
Environment: TERRAFORM (the CLI, default terraform on PATH), TF_PROVIDER_MIRROR (the filesystem mirror;
searched under /opt, /usr/local/share, /usr/share, ~/.terraform.d and /var/lib when unset).

Exit codes: 0 everything passed (check prints SKIPPED and exits 0 when there is no Terraform CLI);
1 policy errors or failed Terraform checks; 2 usage error (unknown command or option, missing or
unsynthesized directory).`;

/** Where the command writes; tests pass their own. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const PROCESS_IO: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

interface Parsed {
  readonly command: string;
  readonly dirs: string[];
  readonly options: Record<string, string | true>;
}

const OPTIONS: Record<string, Record<string, 'value' | 'flag'>> = {
  check: { 'tests': 'value', 'work': 'value', 'no-terraform': 'flag' },
  diagram: { out: 'value', title: 'value' },
  runbook: { out: 'value' },
};

function parse(argv: string[]): Parsed {
  const [command, ...rest] = argv;
  const known = OPTIONS[command];
  if (!known) throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
  const dirs: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) {
      dirs.push(a);
      continue;
    }
    const name = a.slice(2);
    if (!known[name]) throw new UsageError(`unknown option '${a}' for ${command}`);
    if (known[name] === 'flag') {
      options[name] = true;
    } else {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`option '${a}' needs a value`);
      options[name] = value;
    }
  }
  if (dirs.length === 0) throw new UsageError(`${command} needs the cdktf output directory (for example cdktf.out)`);
  if (command !== 'check' && dirs.length > 1) throw new UsageError(`${command} takes one output directory (got ${dirs.length})`);
  for (const d of dirs) {
    if (!fs.existsSync(path.join(d, 'manifest.json'))) {
      throw new UsageError(`${d} is not a cdktf output directory (no manifest.json): run \`cdktf synth\` first`);
    }
    stacksIn(d);
  }
  return { command, dirs, options };
}

function check(p: Parsed, io: Io): number {
  let policyErrors = 0;
  io.out(`== policy: production baseline (${ProductionBaseline.rules().length} rules; acknowledge a deliberate exception with ProductionBaseline.acknowledge)`);
  for (const dir of p.dirs) {
    const results = evaluateOutputDirectory(dir);
    policyErrors += openErrors(results);
    for (const { stack, findings } of results) {
      const failed = partitionFindings(findings).errors.length > 0;
      for (const line of formatFindings(`${failed ? 'FAIL' : 'PASS'} ${stack}`, findings)) io.out(line);
    }
  }
  let tfFailures = 0;
  if (p.options['no-terraform']) {
    io.out('== terraform: not run (--no-terraform)');
  } else {
    io.out('== terraform: offline init, validate, mock apply');
    const tf = terraformCheck({
      outDirs: p.dirs,
      workDir: typeof p.options.work === 'string' ? p.options.work : '.tfcheck',
      testsDir: typeof p.options.tests === 'string' ? p.options.tests : undefined,
      log: io.out,
    });
    tfFailures = tf.failures;
  }
  if (policyErrors === 0 && tfFailures === 0) {
    io.out('== result: OK');
    return EXIT_OK;
  }
  const why = [policyErrors ? `${policyErrors} policy error(s)` : '', tfFailures ? `${tfFailures} stack(s) failed the Terraform checks` : '']
    .filter(Boolean).join(', ');
  io.out(`== result: FAILED: ${why}`);
  return EXIT_FINDINGS;
}

/** Runs the command line `argv` (without node and the script); returns the exit code. */
export function main(argv: string[], io: Io = PROCESS_IO): number {
  if (argv.length === 1 && ['help', '--help', '-h'].includes(argv[0])) {
    io.out(USAGE);
    return EXIT_OK;
  }
  let parsed: Parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cdktf-eks-platform: ${e.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const [dir] = parsed.dirs;
  switch (parsed.command) {
    case 'check':
      return check(parsed, io);
    case 'diagram': {
      const markdown = ArchitectureDiagram.fromOutputDirectory(dir).toMarkdown(
        typeof parsed.options.title === 'string' ? parsed.options.title : 'Architecture');
      if (typeof parsed.options.out === 'string') {
        fs.mkdirSync(path.dirname(path.resolve(parsed.options.out)), { recursive: true });
        fs.writeFileSync(parsed.options.out, markdown);
        io.out(`wrote ${parsed.options.out}`);
      } else {
        io.out(markdown.trimEnd());
      }
      return EXIT_OK;
    }
    default: {
      const out = typeof parsed.options.out === 'string' ? parsed.options.out : 'operations';
      for (const file of OperationsRunbook.fromOutputDirectory(dir).writeTo(out)) io.out(`wrote ${file}`);
      return EXIT_OK;
    }
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

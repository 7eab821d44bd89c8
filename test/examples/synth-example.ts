import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Synthesized examples/prod, once per test file: stack name -> parsed cdk.tf.json, plus the output dir. */
export interface SynthesizedExample {
  readonly outdir: string;
  readonly stacks: Record<string, any>;
  readonly manifest: any;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs examples/prod/main.ts in-process (jest maps `cdktf-eks-platform` to src/), with the user-facing
 * settings unset so the placeholders apply, into a temporary directory.
 */
export function synthesizeExample(): SynthesizedExample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-prod-'));
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('PLATFORM_')) delete process.env[key];
  process.env.CDKTF_OUTDIR = outdir;
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module registry per synth
      require(path.join(ROOT, 'examples', 'prod', 'main'));
    });
  } finally {
    process.env = saved;
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const stacks: Record<string, any> = {};
  for (const [name, s] of Object.entries<any>(manifest.stacks)) {
    stacks[name] = JSON.parse(fs.readFileSync(path.join(outdir, s.synthesizedStackPath), 'utf8'));
  }
  return { outdir, stacks, manifest };
}

/** The JSON with machine-specific absolute paths (local state files) replaced, for snapshots. */
export function portable(json: unknown): unknown {
  return JSON.parse(JSON.stringify(json).split(ROOT).join('<repo>'));
}

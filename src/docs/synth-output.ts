import * as fs from 'fs';
import * as path from 'path';

/** One resource of a synthesized stack, as the docs generators see it. */
export interface SynthResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** `type.name`, the Terraform address inside its stack. */
  readonly address: string;
  /** Construct path (from cdktf's metadata), or the address when absent. */
  readonly constructPath: string;
  readonly config: any;
}

export interface SynthOutput {
  readonly stacks: string[];
  readonly resources: SynthResource[];
  readonly outputs: Record<string, Record<string, any>>;
  /** Provider blocks by stack (`{ aws: [{ region: ... }] }`). */
  readonly providers: Record<string, Record<string, any[]>>;
}

/** Reads every stack of a cdktf output directory (`cdktf.out`). */
export function readSynthOutput(outDir: string): SynthOutput {
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
  const stacks = Object.keys(manifest.stacks).sort();
  const resources: SynthResource[] = [];
  const outputs: Record<string, Record<string, any>> = {};
  const providers: Record<string, Record<string, any[]>> = {};
  for (const stack of stacks) {
    const json = JSON.parse(fs.readFileSync(path.join(outDir, manifest.stacks[stack].synthesizedStackPath), 'utf8'));
    outputs[stack] = json.output ?? {};
    providers[stack] = json.provider ?? {};
    for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
      for (const [name, config] of Object.entries<any>(byName)) {
        resources.push({
          stack,
          type,
          name,
          address: `${type}.${name}`,
          constructPath: config?.['//']?.metadata?.path ?? `${type}.${name}`,
          config,
        });
      }
    }
  }
  return { stacks, resources, outputs, providers };
}

/** Addresses (`type.name`) referenced anywhere in a value. */
export function referencesIn(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/\$\{[^}]*?\b([a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z0-9_]+/g)) {
        if (!m[1].startsWith('data.') && !m[1].startsWith('var.') && !m[1].startsWith('local.')) out.add(m[1]);
      }
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return [...out];
}

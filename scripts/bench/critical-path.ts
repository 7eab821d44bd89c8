/**
 * Apply critical path of synthesized cdktf stacks: a dependency graph from references (`${type.name...}`)
 * and depends_on, each resource weighted with a typical creation time, and the longest weighted path.
 * Stacks apply one after another in their dependency order (as `cdktf deploy` does), so the platform's
 * path is the sum of its stacks' paths along the stack dependency chain.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CREATION_SECONDS, DEFAULT_SECONDS } from './creation-times';

export interface PathResult {
  readonly stack: string;
  readonly seconds: number;
  readonly path: string[];
  readonly resources: number;
}

const REF = /\$\{[^}]*?\b((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\b/g;

function collectRefs(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    for (const m of value.matchAll(REF)) into.add(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collectRefs(v, into);
  }
}

export function stackCriticalPath(stack: string, json: any): PathResult {
  const weight = new Map<string, number>();
  const deps = new Map<string, Set<string>>();
  const add = (addr: string, type: string, body: any, isData: boolean) => {
    weight.set(addr, isData ? 0 : (CREATION_SECONDS[type] ?? DEFAULT_SECONDS));
    const refs = new Set<string>();
    const { depends_on: dependsOn, ...rest } = body ?? {};
    collectRefs(rest, refs);
    for (const d of dependsOn ?? []) collectRefs(`\${${d}}`, refs);
    refs.delete(addr);
    deps.set(addr, refs);
  };
  for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
    for (const [name, body] of Object.entries<any>(byName)) add(`${type}.${name}`, type, body, false);
  }
  for (const [type, byName] of Object.entries<any>(json.data ?? {})) {
    for (const [name, body] of Object.entries<any>(byName)) add(`data.${type}.${name}`, type, body, true);
  }
  const memo = new Map<string, { s: number; p: string[] }>();
  const longest = (addr: string, seen: Set<string>): { s: number; p: string[] } => {
    const hit = memo.get(addr);
    if (hit) return hit;
    if (seen.has(addr)) throw new Error(`dependency cycle at ${addr}`);
    seen.add(addr);
    let best = { s: 0, p: [] as string[] };
    for (const d of deps.get(addr) ?? []) {
      if (!weight.has(d)) continue; // variables, locals, providers
      const r = longest(d, seen);
      if (r.s > best.s) best = r;
    }
    seen.delete(addr);
    const out = { s: best.s + (weight.get(addr) ?? 0), p: [...best.p, addr] };
    memo.set(addr, out);
    return out;
  };
  let best = { s: 0, p: [] as string[] };
  for (const addr of weight.keys()) {
    const r = longest(addr, new Set());
    if (r.s > best.s) best = r;
  }
  return { stack, seconds: best.s, path: best.p, resources: weight.size };
}

export interface PlatformPath {
  readonly stacks: PathResult[];
  readonly order: string[];
  readonly seconds: number;
}

/** Critical path over every stack in a cdktf output directory, following manifest stack dependencies. */
export function criticalPath(outDir: string): PlatformPath {
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
  const stacks: Record<string, { dependencies?: string[]; synthesizedStackPath: string }> = manifest.stacks;
  const results = new Map<string, PathResult>();
  for (const [name, s] of Object.entries(stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(outDir, s.synthesizedStackPath), 'utf8'));
    results.set(name, stackCriticalPath(name, json));
  }
  // Longest chain of stacks (each stack starts when all of its dependencies are applied).
  const total = new Map<string, { s: number; order: string[] }>();
  const chain = (name: string): { s: number; order: string[] } => {
    const hit = total.get(name);
    if (hit) return hit;
    let best = { s: 0, order: [] as string[] };
    for (const d of stacks[name].dependencies ?? []) {
      const r = chain(d);
      if (r.s > best.s) best = r;
    }
    const out = { s: best.s + results.get(name)!.seconds, order: [...best.order, name] };
    total.set(name, out);
    return out;
  };
  let best = { s: 0, order: [] as string[] };
  for (const name of Object.keys(stacks)) {
    const r = chain(name);
    if (r.s > best.s) best = r;
  }
  return { stacks: [...results.values()], order: best.order, seconds: best.s };
}

/**
 * The shape of src/: no import cycle between files (type-only imports included: a cycle of types is still two
 * files that cannot be read apart), and every import runs down the layers below. README "Contributing" has the
 * same list.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '..', 'src');

/**
 * src/ folders from the bottom up: a file may import its own folder and the folders before it, never one after.
 * `core` holds what every layer shares (PropValidationError), `private` the helpers; the constructs follow in the
 * order they build on each other; `docs` and `cli` read synthesized output; `index.ts` re-exports everything.
 */
const LAYERS = ['core', 'private', 'policy', 'network', 'cluster', 'data', 'monitoring', 'addons', 'platform', 'docs', 'cli', 'index.ts'];

type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative imports and re-exports of every file (`import type` and `export ... from` included), as src-relative paths. */
function importGraph(root: string): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(root)) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map((i) => i.fileName).filter((s) => s.startsWith('.')).map((spec) => {
      const base = path.resolve(path.dirname(file), spec);
      const hit = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c));
      if (!hit) throw new Error(`${path.relative(root, file)}: cannot resolve '${spec}'`);
      return path.relative(root, hit);
    });
    graph.set(path.relative(root, file), [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle, as the files of one strongly connected component (Tarjan), sorted. */
function cycles(graph: Graph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return found;
}

/** The layer of a src-relative file: its top folder (or the file itself at the top level). */
function layerOf(file: string): number {
  const top = file.split(path.sep)[0];
  const i = LAYERS.indexOf(top);
  if (i < 0) throw new Error(`${file}: its folder '${top}' has no layer: add it to LAYERS (and to the README's Contributing)`);
  return i;
}

/** Imports that run up the layers: `from -> to`. */
function upwardImports(graph: Graph): string[] {
  return [...graph].flatMap(([from, tos]) => tos.filter((to) => layerOf(to) > layerOf(from)).map((to) => `${from} -> ${to}`)).sort();
}

describe('src/ import graph', () => {
  const graph = importGraph(SRC);

  test('sees the whole library, type-only imports included', () => {
    expect(graph.size).toBeGreaterThan(80);
    expect(graph.get('index.ts')).toContain(path.join('platform', 'production-eks-platform.ts'));
    // `import type` counts: ts.preProcessFile lists it like any import.
    expect(ts.preProcessFile("import type { A } from './a';", true, true).importedFiles.map((f) => f.fileName)).toEqual(['./a']);
  });

  test('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  test('every import runs down the layers (README, Contributing)', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  test('the README lists the same layers', () => {
    const readme = fs.readFileSync(path.join(SRC, '..', 'README.md'), 'utf8');
    const line = /^Layers of `src\/`, bottom up: (.*)$/m.exec(readme)?.[1];
    expect(line?.match(/`([^`]+)`/g)?.map((s) => s.replace(/`/g, '').replace(/\/$/, ''))).toEqual(LAYERS);
  });

  test('the checks catch a cycle, a type-only cycle and an upward import', () => {
    const g: Graph = new Map([
      ['docs/a.ts', ['docs/b.ts']], ['docs/b.ts', ['docs/a.ts']],
      ['network/x.ts', ['network/x.ts']],
      ['private/errors.ts', ['policy/e.ts']], ['policy/e.ts', []],
      ['data/db.ts', ['monitoring/facts.ts', 'private/errors.ts']], ['monitoring/facts.ts', []],
    ].map(([k, v]) => [path.normalize(k as string), (v as string[]).map((f) => path.normalize(f))]));
    expect(cycles(g)).toEqual([['docs/a.ts', 'docs/b.ts'].map(path.normalize), [path.normalize('network/x.ts')]]);
    expect(upwardImports(g)).toEqual([
      `${path.normalize('data/db.ts')} -> ${path.normalize('monitoring/facts.ts')}`,
      `${path.normalize('private/errors.ts')} -> ${path.normalize('policy/e.ts')}`,
    ]);
  });
});

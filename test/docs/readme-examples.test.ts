/**
 * The TypeScript examples of README.md must compile against this checkout's src/ (house style: "README
 * examples must compile").
 *
 * Every fenced block opened with ```ts (or ```typescript) is type-checked; there is no way to skip one.
 * Conventions a block may rely on:
 *   - It is compiled as its own module (`export {};` is appended): blocks do not see each other's names.
 *   - `import ... from 'cdktf-eks-platform'` resolves to src/index.ts through a `paths` mapping, so the
 *     examples use the package name exactly as a user's project does.
 *   - These names are declared for every block (no import needed; a block may shadow them with its own):
 *       app: App                    the cdktf app
 *       stack: TerraformStack       a stack of `app` with an AWS provider
 *       network: HaVpc              the network of the "HaVpc" section
 *       cluster: HaEksCluster       the cluster of the "HaEksCluster" section
 *       db: HaPostgres              the database of the "HaPostgres" section
 *   - `strict` is on; unused names are allowed (examples show values a reader would go on to use).
 * All blocks share one compiler Program (with skipLibCheck), so the check costs one type-check of src/.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const README = path.join(ROOT, 'README.md');

/** Names every block may use without declaring them (see the file comment). */
const GLOBALS = [
  "declare const app: import('cdktf').App;",
  "declare const stack: import('cdktf').TerraformStack;",
  "declare const network: import('cdktf-eks-platform').HaVpc;",
  "declare const cluster: import('cdktf-eks-platform').HaEksCluster;",
  "declare const db: import('cdktf-eks-platform').HaPostgres;",
  '',
].join('\n');

interface Block {
  /** 1-based number among the README's TypeScript blocks. */
  readonly number: number;
  /** README line of the block's first code line. */
  readonly line: number;
  readonly code: string;
}

/** The ```ts / ```typescript blocks of a Markdown text (any fence length, ``` or ~~~). */
function typescriptBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let open: { fence: string; lang: string; start: number; body: string[] } | undefined;
  lines.forEach((text, i) => {
    if (!open) {
      const m = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(text);
      if (m) open = { fence: m[1], lang: m[2].toLowerCase(), start: i + 1, body: [] };
      return;
    }
    const close = new RegExp(`^ {0,3}${open.fence[0] === '`' ? '`' : '~'}{${open.fence.length},}\\s*$`);
    if (close.test(text)) {
      if (open.lang === 'ts' || open.lang === 'typescript') {
        blocks.push({ number: blocks.length + 1, line: open.start + 1, code: open.body.join('\n') });
      }
      open = undefined;
    } else {
      open.body.push(text);
    }
  });
  if (open) throw new Error(`README.md: code fence opened on line ${open.start} is never closed`);
  return blocks;
}

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  esModuleInterop: true,
  types: ['node'],
  baseUrl: ROOT,
  paths: { 'cdktf-eks-platform': ['src/index.ts'] },
};

/** Type-checks named sources (as modules, with GLOBALS) in one Program; returns the messages per name. */
function typeCheck(sources: Record<string, string>): Record<string, Array<{ line: number; message: string }>> {
  // Virtual files next to this test (never written to disk), so module resolution starts in the repository.
  const fileOf = (name: string) => path.join(__dirname, `__readme_${name}.ts`);
  const virtual = new Map<string, string>([[path.join(__dirname, '__readme_globals.d.ts'), GLOBALS]]);
  for (const [name, code] of Object.entries(sources)) virtual.set(fileOf(name), `${code}\nexport {};\n`);

  const host = ts.createCompilerHost(OPTIONS, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(path.resolve(f)) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(path.resolve(f)) ?? readFile.call(host, f);
  host.getSourceFile = (f, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(f));
    return text !== undefined
      ? ts.createSourceFile(f, text, languageVersion, true, ts.ScriptKind.TS)
      : getSourceFile.call(host, f, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram([...virtual.keys()], OPTIONS, host);

  const text = (d: ts.Diagnostic) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length > 0) throw new Error(`compiler setup: ${global.map(text).join('\n')}`);

  const result: Record<string, Array<{ line: number; message: string }>> = {};
  for (const name of Object.keys(sources)) {
    const sf = program.getSourceFile(fileOf(name))!;
    result[name] = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => ({
      line: d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line,
      message: text(d),
    }));
  }
  return result;
}

const blocks = typescriptBlocks(fs.readFileSync(README, 'utf8'));

// A deliberately broken example, compiled with the others: proves that a bad prop name is reported.
const CANARY = "import { HaVpc } from 'cdktf-eks-platform';\nnew HaVpc(stack, 'network', { nme: 'ai-agents-prod' });";
const diagnostics = typeCheck({
  ...Object.fromEntries(blocks.map((b) => [`block_${b.number}`, b.code])),
  canary: CANARY,
});

describe('README.md TypeScript examples', () => {
  test('the README has an example per building block, each importing the library by its package name', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    const without = blocks.filter((b) => !/from 'cdktf-eks-platform'/.test(b.code)).map((b) => `block ${b.number} (README.md:${b.line})`);
    expect(without).toEqual([]);
  });

  test('the check reports a broken example (a misspelled prop)', () => {
    expect(diagnostics.canary.map((d) => d.message).join('\n')).toMatch(/'nme' does not exist in type 'HaVpcProps'/);
  });

  test.each(blocks.map((b) => [b.number, b.line, b] as const))('block %i (README.md:%i) compiles', (_n, _line, block) => {
    const messages = diagnostics[`block_${block.number}`]
      .map((d) => `README block ${block.number}, README.md:${block.line + d.line}: ${d.message}`);
    expect(messages).toEqual([]);
  });
});

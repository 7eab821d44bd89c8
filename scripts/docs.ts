/**
 * Regenerates the committed docs from the synthesized example (run `npx projen docs`):
 *   docs/architecture.md   ArchitectureDiagram (Mermaid)
 *   docs/operations/*.md   OperationsRunbook
 * A test (test/docs/generated-docs.test.ts) fails when the committed files differ from what this writes.
 */
import * as path from 'path';
import * as fs from 'fs';
import { ArchitectureDiagram, OperationsRunbook } from '../src';

export const ROOT = path.resolve(__dirname, '..');
export const ARCHITECTURE_FILE = path.join(ROOT, 'docs', 'architecture.md');
export const OPERATIONS_DIR = path.join(ROOT, 'docs', 'operations');
export const DIAGRAM_TITLE = 'Architecture of examples/prod';

/** The generated files, path relative to the repository root -> content. */
export function generatedDocs(outDir: string): Record<string, string> {
  const files: Record<string, string> = {
    [path.relative(ROOT, ARCHITECTURE_FILE)]: ArchitectureDiagram.fromOutputDirectory(outDir).toMarkdown(DIAGRAM_TITLE),
  };
  for (const [name, text] of Object.entries(OperationsRunbook.fromOutputDirectory(outDir).files())) {
    files[path.relative(ROOT, path.join(OPERATIONS_DIR, name))] = text;
  }
  return files;
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'cdktf.out'));
  for (const [file, text] of Object.entries(generatedDocs(outDir))) {
    fs.mkdirSync(path.dirname(path.join(ROOT, file)), { recursive: true });
    fs.writeFileSync(path.join(ROOT, file), text);
    console.log(`wrote ${file}`);
  }
}

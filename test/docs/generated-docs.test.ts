import * as fs from 'fs';
import * as path from 'path';
import { generatedDocs, ROOT } from '../../scripts/docs';
import { synthesizeExample } from '../examples/synth-example';

// The committed architecture picture and runbook must be what the generators make of examples/prod today.
describe('generated docs are current', () => {
  const example = synthesizeExample();
  afterAll(() => fs.rmSync(example.outdir, { recursive: true, force: true }));
  const files = generatedDocs(example.outdir);

  test('the generators produce the diagram (also in the README) and the seven runbook pages', () => {
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'docs/architecture.md',
      'docs/operations/README.md',
      'docs/operations/alerts.md',
      'docs/operations/applications.md',
      'docs/operations/maintenance.md',
      'docs/operations/recovery.md',
      'docs/operations/troubleshooting.md',
      'docs/operations/verification.md',
    ]);
  });

  test.each(Object.keys(files))('%s matches the committed file (regenerate with `npx projen docs`)', (file) => {
    const committed = path.join(ROOT, file);
    expect(fs.existsSync(committed)).toBe(true);
    expect(fs.readFileSync(committed, 'utf8')).toBe(files[file]);
  });
});

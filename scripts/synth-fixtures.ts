/**
 * Synthesizes the Terraform test fixtures: every `test/terraform/fixtures/<name>.ts` exports
 * `build(app: App)`, adding the stacks it wants checked (stack names match `test/terraform/<stack>/` test dirs).
 * Output: `.tfcheck/fixtures.out` (or the directory given as the first argument).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';

const dir = path.resolve(__dirname, '..', 'test', 'terraform', 'fixtures');
const outdir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '.tfcheck', 'fixtures.out'));
fs.rmSync(outdir, { recursive: true, force: true });
const app = new App({ outdir });
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(dir, file));
  if (typeof mod.build !== 'function') throw new Error(`${file} must export build(app: App)`);
  mod.build(app);
}
app.synth();
console.log(`fixtures synthesized to ${path.relative(process.cwd(), outdir)}`);

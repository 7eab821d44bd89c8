/** Prints what a cdktf output directory holds: stacks, resource counts by type, providers. */
import * as fs from 'fs';
import * as path from 'path';

const outDir = path.resolve(process.argv[2] ?? 'cdktf.out');
const stacksDir = path.join(outDir, 'stacks');
const stacks = fs.readdirSync(stacksDir).sort();
console.log(`Synthesized ${stacks.length} stack(s) into ${path.relative(process.cwd(), outDir) || '.'}/`);
for (const name of stacks) {
  const json = JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8'));
  const counts = Object.entries<Record<string, unknown>>(json.resource ?? {})
    .map(([type, byName]) => [type, Object.keys(byName).length] as const)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const providers = Object.keys(json.terraform?.required_providers ?? {}).join(', ');
  const outputs = Object.keys(json.output ?? {}).length;
  console.log(`\n  ${name}: ${total} resources, ${outputs} outputs, providers: ${providers}`);
  for (const [type, c] of counts) console.log(`    ${String(c).padStart(4)}  ${type}`);
}
console.log('');

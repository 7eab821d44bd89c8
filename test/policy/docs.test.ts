import * as fs from 'fs';
import * as path from 'path';
import { ProductionBaseline } from '../../src/policy';

const DOC = path.join(__dirname, '..', '..', 'docs', 'policy-rules.md');

describe('docs/policy-rules.md', () => {
  // Never regenerate in CI: there the committed file must already match.
  if (process.env.UPDATE_POLICY_DOCS && !process.env.CI) fs.writeFileSync(DOC, ProductionBaseline.rulesMarkdown());

  test('is in sync with the rules (regenerate: UPDATE_POLICY_DOCS=1 npx jest test/policy/docs.test.ts)', () => {
    expect(fs.readFileSync(DOC, 'utf8')).toBe(ProductionBaseline.rulesMarkdown());
  });

  test('lists every rule once, with its level, types, rationale and fix', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    for (const rule of ProductionBaseline.rules()) {
      const rows = doc.split('\n').filter((l) => l.startsWith(`| ${rule.id} |`));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain(` ${rule.level} `);
      expect(rows[0]).toContain(`\`${rule.resourceTypes[0]}\``);
      expect(rows[0]).toContain(rule.fix.replace(/\|/g, '\\|'));
    }
  });

  test('rule ids are unique and well-formed, and every rule documents why', () => {
    const rules = ProductionBaseline.rules();
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^PB-(ENC|LOG|NET|IAM|HA|RET)-\d{3}$/);
      expect(r.rationale.length).toBeGreaterThan(40);
      expect(r.resourceTypes.length).toBeGreaterThan(0);
    }
  });
});

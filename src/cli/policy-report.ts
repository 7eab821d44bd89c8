/**
 * The production baseline over a synthesized cdktf output directory (the `check` command's policy report).
 *
 * `ProductionBaseline` runs at synth time on the construct tree; this runs the same rules on the Terraform
 * JSON, so it also reports on apps that never applied the baseline. Acknowledgements made with
 * `ProductionBaseline.acknowledge` are read back from each resource's `//` comment.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TerraformElement } from 'cdktf';
import { acknowledgeResourceLine, partitionFindings, policyFinding, ruleAppliesTo } from '../policy/finding-format';
import { PolicyFinding } from '../policy/policy-rule';
import { ProductionBaseline } from '../policy/production-baseline';
import { ALL_RULES } from '../policy/rules';
import { ResourceView, StackView } from '../policy/rules/model';

/** Findings of one stack. */
export interface StackFindings {
  readonly stack: string;
  readonly findings: PolicyFinding[];
}

/** The stack's blocks as the rules see them, with the acknowledgements (rule id -> reason) written into each. */
function viewsOf(json: any): Array<{ view: ResourceView; acks: Record<string, string> }> {
  const views: Array<{ view: ResourceView; acks: Record<string, string> }> = [];
  for (const [kind, prefix] of [['resource', ''], ['data', 'data.']] as const) {
    for (const [type, byName] of Object.entries<any>(json[kind] ?? {})) {
      for (const [name, block] of Object.entries<any>(byName)) {
        const config = { ...block };
        delete config['//'];
        const view: ResourceView = {
          type: `${prefix}${type}`,
          address: `${prefix}${type}.${name}`,
          path: block?.['//']?.metadata?.path ?? `${prefix}${type}.${name}`,
          config,
          // The rules judge the Terraform configuration only; a synthesized directory has no construct tree.
          element: undefined as unknown as TerraformElement,
        };
        views.push({ view, acks: block?.['//']?.[ProductionBaseline.ACKNOWLEDGEMENT_COMMENT_KEY] ?? {} });
      }
    }
  }
  return views;
}

/** Evaluates every baseline rule on every stack of `outDir` (the directory holding `manifest.json`). */
export function evaluateOutputDirectory(outDir: string): StackFindings[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
  return Object.keys(manifest.stacks).sort().map((stack) => {
    const json = JSON.parse(fs.readFileSync(path.join(outDir, manifest.stacks[stack].synthesizedStackPath), 'utf8'));
    const blocks = viewsOf(json);
    const resources = blocks.map((b) => b.view);
    const view: StackView = { resources, ofType: (type) => resources.filter((r) => r.type === type) };
    const findings: PolicyFinding[] = [];
    for (const { view: resource, acks } of blocks) {
      for (const rule of ALL_RULES.filter((r) => ruleAppliesTo(r, resource.type))) {
        const problems = rule.check(resource, view);
        if (problems.length === 0) continue;
        // A synthesized directory has no construct tree to name the owning construct's prop (ProductionBaseline at
        // synth time does): the fix is in Terraform terms, the acknowledgement names the construct path.
        const advice = { fix: rule.fix, acknowledge: acknowledgeResourceLine(rule.id, resource.path) };
        findings.push(policyFinding(rule, resource, problems, advice, acks[rule.id]));
      }
    }
    return { stack, findings };
  });
}

/** Open (unacknowledged) error-level findings. */
export function openErrors(results: StackFindings[]): number {
  return results.reduce((n, r) => n + partitionFindings(r.findings).errors.length, 0);
}

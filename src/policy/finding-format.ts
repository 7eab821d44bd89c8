import { PolicyFinding, PolicyLevel } from './policy-rule';
import { ResourceView, RuleDefinition } from './rules/model';

/**
 * One layout for baseline findings, wherever they are found: `ProductionBaseline` on the construct tree at synth
 * time and the `check` command on a synthesized directory (src/cli/policy-report.ts) build their findings and
 * print their reports here, so a finding reads the same in a synth error, a unit test and CI.
 */

/** Whether `rule` applies to a block of `type`: `*` means every resource, never a data source. */
export function ruleAppliesTo(rule: RuleDefinition, type: string): boolean {
  return rule.resourceTypes.includes(type) || (rule.resourceTypes.includes('*') && !type.startsWith('data.'));
}

/** The exact `ProductionBaseline.acknowledge(...)` line, with what its first argument stands for. */
export function acknowledgeLine(target: string, ruleId: string, meaning: string): string {
  return `ProductionBaseline.acknowledge(${target}, '${ruleId}', '<why this is acceptable here>'), where ${meaning}`;
}

/** The acknowledge line for a resource no library construct owns: the construct at its path. */
export function acknowledgeResourceLine(ruleId: string, constructPath: string): string {
  return acknowledgeLine('resource', ruleId, `resource is the construct at '${constructPath}' or one of its scopes`);
}

/** How to fix a finding and how to acknowledge it. */
export interface FindingAdvice {
  /** The fix, naming the construct and the prop when a library construct owns the resource. */
  readonly fix: string;
  /** The exact `ProductionBaseline.acknowledge(...)` line. */
  readonly acknowledge: string;
}

/** A finding of `rule` on `view`, with its one-line message: `[rule] address (path): detail. Rule: ... Fix: ...`. */
export function policyFinding(rule: RuleDefinition, view: Pick<ResourceView, 'type' | 'address' | 'path'>, problems: string[],
  advice: FindingAdvice, acknowledgementReason: string | undefined): PolicyFinding {
  const detail = problems.join('; ');
  const acknowledged = acknowledgementReason !== undefined;
  return {
    ruleId: rule.id,
    level: rule.level,
    resourceType: view.type,
    address: view.address,
    constructPath: view.path,
    detail,
    fix: advice.fix,
    terraformFix: rule.fix,
    acknowledgeWith: advice.acknowledge,
    message: `[${rule.id}] ${view.address} (${view.path}): ${detail}. Rule: ${rule.title}. Fix: ${advice.fix}`
      + (acknowledged ? '' : ` Or accept it on purpose: ${advice.acknowledge}.`),
    acknowledged,
    acknowledgementReason,
  };
}

/** Open error-level, open warning-level and acknowledged findings. */
export function partitionFindings(findings: PolicyFinding[]): { errors: PolicyFinding[]; warnings: PolicyFinding[]; acknowledged: PolicyFinding[] } {
  const open = findings.filter((f) => !f.acknowledged);
  return {
    errors: open.filter((f) => f.level === PolicyLevel.ERROR),
    warnings: open.filter((f) => f.level === PolicyLevel.WARNING),
    acknowledged: findings.filter((f) => f.acknowledged),
  };
}

/**
 * A report: `<title>: N error(s), N warning(s), N acknowledged`, then one line per finding (open errors, open
 * warnings, then the acknowledged ones with their reasons), indented under the title.
 */
export function formatFindings(title: string, findings: PolicyFinding[]): string[] {
  const { errors, warnings, acknowledged } = partitionFindings(findings);
  return [
    `${title}: ${errors.length} error(s), ${warnings.length} warning(s), ${acknowledged.length} acknowledged`,
    ...errors.map((f) => `  ERROR    ${f.message}`),
    ...warnings.map((f) => `  WARNING  ${f.message}`),
    ...acknowledged.map((f) => `  ACKNOWLEDGED [${f.ruleId}] ${f.address} (${f.constructPath}): ${f.detail}. Reason: ${f.acknowledgementReason}`),
  ];
}

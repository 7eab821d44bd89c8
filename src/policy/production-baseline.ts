import {
  Annotations, App, Aspects, DefaultTokenResolver, IAspect, StringConcat, TerraformDataSource, TerraformElement,
  TerraformResource, TerraformStack, Tokenization,
} from 'cdktf';
import { IConstruct } from 'constructs';
import { formatFindings, policyFinding, ruleAppliesTo } from './finding-format';
import { PolicyFinding, PolicyLevel, PolicyRule } from './policy-rule';
import { adviceFor } from './prop-hints';
import { ALL_RULES } from './rules';
import { ResourceView, StackView } from './rules/model';
import { invalidProp } from '../private/errors';

/** Options of `ProductionBaseline`. */
export interface ProductionBaselineOptions {
  /**
   * Fail synthesis on any error-level finding that is not acknowledged: each becomes an error annotation and a
   * validation error on its resource, so `app.synth()` (and `Testing.synth(stack, true)`) throws and lists them.
   * Setting false turns the baseline into an audit: error-level findings are reported as warning annotations
   * (cdktf aborts synthesis on any error annotation) and in `report()`, and nothing stops a non-compliant
   * stack from being deployed.
   * @default true
   */
  readonly failOnError?: boolean;
}

/**
 * Heads the list of failing findings. cdktf ends every failed validation with "If you wish to ignore these
 * validations, pass 'skipValidation: true' to your App configuration": that switches off every check of the app.
 */
const SKIP_VALIDATION_NOTE = (n: number) => `ProductionBaseline: ${n} finding(s) below fail the production baseline. `
  + 'Fix each with the prop it names, or acknowledge it with a written reason (ProductionBaseline.acknowledge). '
  + "Do not pass skipValidation: true (cdktf's hint at the end): it turns off every validation of the app, "
  + 'this baseline and the props\' own checks included.';

/** Node metadata type that stores an acknowledgement on the construct it covers. */
const ACK_METADATA = 'cdktf-eks-platform/policy-acknowledgement';
const ACK_COMMENT_KEY = 'production_baseline_acknowledged';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

interface Acknowledgement {
  readonly ruleId: string;
  readonly reason: string;
  readonly scope: IConstruct;
}

interface Evaluated {
  readonly finding: PolicyFinding;
  readonly element: TerraformElement;
  readonly acknowledgement?: Acknowledgement;
}

/**
 * The production baseline as policy as code: rules over the synthesized Terraform configuration of any stack
 * (this library's constructs, hand-written resources, escape-hatch overrides included) for encryption with
 * customer-managed keys, logging, network exposure, identity, availability and retention.
 * See `docs/policy-rules.md` for the rules.
 *
 * Apply it with `ProductionBaseline.applyTo(stack)`; it runs as a cdktf aspect at synth time. Each finding
 * names the rule, the resource's Terraform address and construct path, what is wrong and how to fix it.
 * A finding that is accepted on purpose is acknowledged with a written reason
 * (`ProductionBaseline.acknowledge(resource, 'PB-HA-001', 'staging: single-AZ to save cost')`); the reason
 * is written into the resource's `//` comment in the synthesized JSON and listed in the report.
 *
 * Values that are Terraform expressions (references, variables) are unknown at synth time: rules do not judge
 * them. A rule fires on what it can see.
 */
export class ProductionBaseline implements IAspect {
  /**
   * Key under each resource's `//` comment block in the synthesized JSON that lists the acknowledged rules and
   * their reasons (Terraform ignores `//` keys).
   */
  public static readonly ACKNOWLEDGEMENT_COMMENT_KEY = ACK_COMMENT_KEY;

  /**
   * Adds the baseline as an aspect to `scope` (an app, a stack or any construct) and returns it.
   *
   * cdktf invokes aspects from each stack down, never from the app: on an app the baseline is added to each of
   * its stacks, so apply it after creating them (synth fails, naming the stack, for a stack added later).
   */
  public static applyTo(scope: IConstruct, options: ProductionBaselineOptions = {}): ProductionBaseline {
    const baseline = new ProductionBaseline(options);
    if (App.isApp(scope)) {
      const stacksOf = () => scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
      for (const stack of stacksOf()) Aspects.of(stack).add(baseline);
      scope.node.addValidation({
        validate: () => stacksOf()
          .filter((stack) => !stack.node.scopes.some((c) => Aspects.of(c).all.includes(baseline)))
          .map((stack) => `ProductionBaseline: stack '${stack.node.id}' was created after ProductionBaseline.applyTo(app) `
            + 'and was not checked. Call applyTo after creating every stack, or apply it to the stack.'),
      });
    } else {
      Aspects.of(scope).add(baseline);
    }
    return baseline;
  }

  /**
   * Accepts the findings of one rule on `scope`: a resource, or any construct to cover every resource under it.
   * The reason is mandatory; it is written into the synthesized JSON of each covered resource and listed in
   * the report. The nearest acknowledgement of a rule wins.
   * @param scope the resource or construct whose findings are accepted
   * @param ruleId the rule's id, for example `PB-HA-001`
   * @param reason why the finding is acceptable here (reviewers read it)
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    const who = `ProductionBaseline.acknowledge(${scope.node.path || '<app>'})`;
    if (!ALL_RULES.some((r) => r.id === ruleId)) {
      invalidProp(who, 'ruleId', ruleId, 'must be the id of a baseline rule', 'See docs/policy-rules.md for the rule ids.');
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      invalidProp(who, 'reason', reason, 'must not be empty',
        'Write why the finding is acceptable here, for example \'staging only: single AZ to save cost\'.');
    }
    scope.node.addMetadata(ACK_METADATA, { ruleId, reason: reason.trim() });
  }

  /**
   * Runs every rule over the resources under `scope` now, without annotations or other side effects.
   * Call it after the construct tree is complete (for example in tests, or from a validation).
   */
  public static evaluate(scope: IConstruct): PolicyFinding[] {
    return evaluateTree(scope).map((e) => e.finding);
  }

  /** The rules of the baseline, in documentation order. */
  public static rules(): PolicyRule[] {
    return ALL_RULES.map((r) => ({
      id: r.id, level: r.level, area: r.area, resourceTypes: [...r.resourceTypes], title: r.title, rationale: r.rationale, fix: r.fix,
    }));
  }

  /** The Markdown rule reference, as committed in `docs/policy-rules.md` (a test keeps the two in sync). */
  public static rulesMarkdown(): string {
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    const lines = [
      '# Production baseline rules',
      '',
      '<!-- Generated from src/policy/rules by ProductionBaseline.rulesMarkdown(); do not edit by hand.',
      '     Regenerate: UPDATE_POLICY_DOCS=1 npx jest test/policy/docs.test.ts -->',
      '',
      'Synth-time checks over the Terraform configuration of a stack, applied with',
      '`ProductionBaseline.applyTo(stack)`. Error-level findings fail synthesis unless acknowledged with a reason:',
      '`ProductionBaseline.acknowledge(resourceOrConstruct, \'<rule id>\', \'<reason>\')`. The reason is written into',
      `the resource's \`//.${ACK_COMMENT_KEY}\` comment in the synthesized JSON. Values that are Terraform`,
      'expressions (references, variables) are unknown at synth time and are not judged.',
    ];
    const areas = [...new Set(ALL_RULES.map((r) => r.area))];
    for (const area of areas) {
      lines.push('', `## ${area[0].toUpperCase()}${area.slice(1)}`, '',
        '| Id | Level | Applies to | Rule | Rationale | Fix |',
        '| --- | --- | --- | --- | --- | --- |');
      for (const r of ALL_RULES.filter((x) => x.area === area)) {
        lines.push(`| ${r.id} | ${r.level} | ${r.resourceTypes.map((t) => `\`${t}\``).join(', ')} | ${cell(r.title)} | `
          + `${cell(r.rationale)} | ${cell(r.fix)} |`);
      }
    }
    return lines.join('\n') + '\n';
  }

  /** A plain-text report: open findings by level, then acknowledged ones with their reasons. */
  public static formatReport(findings: PolicyFinding[]): string {
    return formatFindings('Production baseline', findings).join('\n');
  }

  /** Whether unacknowledged error-level findings fail synthesis. */
  public readonly failOnError: boolean;
  private readonly collected: PolicyFinding[] = [];
  private readonly evaluatedPaths = new Set<string>();

  /**
   * @param options whether unacknowledged error-level findings fail synthesis
   */
  constructor(options: ProductionBaselineOptions = {}) {
    this.failOnError = options.failOnError ?? true;
  }

  /** Every finding (acknowledged ones included) of the scopes this aspect has visited, after synth. */
  public get findings(): PolicyFinding[] {
    return [...this.collected];
  }

  /** `ProductionBaseline.formatReport` of this aspect's findings. */
  public report(): string {
    return ProductionBaseline.formatReport(this.collected);
  }

  /** Evaluates the highest visited construct of each stack once, annotating findings on their resources. */
  public visit(node: IConstruct): void {
    if (App.isApp(node)) return;
    if (node.node.scopes.some((s) => this.evaluatedPaths.has(s.node.path))) return;
    try {
      TerraformStack.of(node);
    } catch {
      return; // not inside a stack
    }
    this.evaluatedPaths.add(node.node.path);
    const evaluated = evaluateTree(node);
    for (const e of evaluated) this.record(e);
    const failing = evaluated.filter((e) => !e.acknowledgement && e.finding.level === PolicyLevel.ERROR).length;
    if (failing > 0 && this.failOnError) {
      // Listed first by cdktf (pre-order): it answers cdktf's own closing hint to pass skipValidation: true.
      node.node.addValidation({ validate: () => [SKIP_VALIDATION_NOTE(failing)] });
    }
    this.flagUnusedAcknowledgements(node, evaluated);
  }

  private record(e: Evaluated): void {
    const { finding, element, acknowledgement } = e;
    this.collected.push(finding);
    const annotations = Annotations.of(element);
    if (acknowledgement) {
      element.addOverride(`//.${ACK_COMMENT_KEY}.${finding.ruleId}`, acknowledgement.reason);
      annotations.addInfo(`${finding.message} Acknowledged: ${acknowledgement.reason}`);
    } else if (finding.level === PolicyLevel.ERROR && this.failOnError) {
      annotations.addError(finding.message);
      element.node.addValidation({ validate: () => [finding.message] });
    } else {
      annotations.addWarning(finding.message);
    }
  }

  /** An acknowledgement that covers no finding is stale (the resource was fixed): say so, so it gets removed. */
  private flagUnusedAcknowledgements(root: IConstruct, evaluated: Evaluated[]): void {
    const used = new Set(evaluated.filter((e) => e.acknowledgement).map((e) => ackKey(e.acknowledgement!)));
    for (const c of root.node.findAll()) {
      for (const ack of acknowledgementsOn(c)) {
        if (!used.has(ackKey(ack))) {
          Annotations.of(c).addWarning(`[${ack.ruleId}] acknowledgement on ${c.node.path} covers no finding: `
            + 'the resources comply (or are not in scope). Remove the acknowledgement.');
        }
      }
    }
  }
}

function ackKey(a: Acknowledgement): string {
  return `${a.scope.node.path}#${a.ruleId}`;
}

function acknowledgementsOn(c: IConstruct): Acknowledgement[] {
  return c.node.metadata
    .filter((m) => m.type === ACK_METADATA)
    .map((m) => ({ ruleId: m.data.ruleId, reason: m.data.reason, scope: c }));
}

/** The nearest acknowledgement of `ruleId` on the element or one of its scopes. */
function acknowledgementFor(element: IConstruct, ruleId: string): Acknowledgement | undefined {
  const scopes = element.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const ack = acknowledgementsOn(scopes[i]).reverse().find((a) => a.ruleId === ruleId);
    if (ack) return ack;
  }
  return undefined;
}

function isBlock(c: IConstruct): c is TerraformElement {
  return TerraformResource.isTerraformResource(c) || TerraformDataSource.isTerraformDataSource(c);
}

/** The element's block in the Terraform JSON, references resolved to `${...}` expressions. */
function viewOf(element: TerraformElement, stack: TerraformStack): ResourceView | undefined {
  const tf = Tokenization.resolve(element.toTerraform(), { scope: stack, resolver: RESOLVER, preparing: false });
  const kind = tf?.resource ? 'resource' : tf?.data ? 'data' : undefined;
  if (!kind) return undefined; // moved resources synthesize no block
  const byType = tf[kind];
  const type = Object.keys(byType)[0];
  const name = Object.keys(byType[type])[0];
  const config = { ...byType[type][name] };
  delete config['//'];
  const prefix = kind === 'data' ? 'data.' : '';
  return { type: `${prefix}${type}`, address: `${prefix}${type}.${name}`, path: element.node.path, config, element };
}

function stackView(stack: TerraformStack): StackView & { byElement: Map<IConstruct, ResourceView> } {
  const resources = stack.node.findAll()
    .filter(isBlock)
    .filter((e) => TerraformStack.of(e) === stack)
    .map((e) => viewOf(e, stack))
    .filter((v): v is ResourceView => v !== undefined);
  const byType = new Map<string, ResourceView[]>();
  for (const r of resources) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  return {
    resources,
    ofType: (type) => byType.get(type) ?? [],
    byElement: new Map(resources.map((r) => [r.element as IConstruct, r])),
  };
}

function evaluateTree(root: IConstruct): Evaluated[] {
  const stacks = new Map<TerraformStack, ReturnType<typeof stackView>>();
  const out: Evaluated[] = [];
  for (const element of root.node.findAll().filter(isBlock)) {
    const stack = TerraformStack.of(element);
    if (!stacks.has(stack)) stacks.set(stack, stackView(stack));
    const context = stacks.get(stack)!;
    const view = context.byElement.get(element);
    if (!view) continue;
    for (const rule of ALL_RULES.filter((r) => ruleAppliesTo(r, view.type))) {
      const problems = rule.check(view, context);
      if (problems.length === 0) continue;
      const acknowledgement = acknowledgementFor(element, rule.id);
      const advice = adviceFor(element, rule.id, rule.fix);
      out.push({ element, acknowledgement, finding: policyFinding(rule, view, problems, advice, acknowledgement?.reason) });
    }
  }
  return out;
}

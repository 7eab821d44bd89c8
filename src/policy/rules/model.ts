import { TerraformElement } from 'cdktf';
import { PolicyRule } from '../policy-rule';

/**
 * A synthesized Terraform block as the rules see it: attributes in snake_case, exactly as in the Terraform
 * JSON (escape-hatch overrides included), references and variables as `${...}` strings.
 */
export interface ResourceView {
  /** Resource type; data sources carry a `data.` prefix. */
  readonly type: string;
  /** Terraform address (`aws_vpc.net_vpc`, `data.aws_iam_policy_document.p`). */
  readonly address: string;
  readonly path: string;
  readonly config: { [key: string]: any };
  readonly element: TerraformElement;
}

/** Every resource of one stack, for rules that look across resources (flow logs per VPC, ...). */
export interface StackView {
  readonly resources: ResourceView[];
  ofType(type: string): ResourceView[];
}

/** A rule with its check: returns what is wrong (empty when compliant). Values it cannot know are not judged. */
export interface RuleDefinition extends PolicyRule {
  check(resource: ResourceView, stack: StackView): string[];
}

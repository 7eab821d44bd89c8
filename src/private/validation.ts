import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalidProp, PropValidationError } from './errors';

/** Environment names: the prefix of every resource name (EKS, RDS, ElastiCache and IAM limits allow 40). */
const NAME_RE = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;

/** Checks a `name` prop shared by the building blocks (tokens pass). */
export function validateName(who: string, name: string, prop: string = 'name'): void {
  if (!Token.isUnresolved(name) && !NAME_RE.test(name)) {
    invalidProp(who, prop, name, 'must be 2-40 lower-case letters, digits or hyphens, starting with a letter',
      "Use a name like 'ai-agents-prod'.");
  }
}

/** Checks the security groups a data store admits: a literal, non-empty list (one ingress rule per group). */
export function validateAllowedSecurityGroups(who: string, allowed: string[]): void {
  if (Token.isUnresolved(allowed)) {
    invalidProp(who, 'allowedSecurityGroupIds', allowed, 'must be an array of ids (one ingress rule per group), not a token list',
      'Pass an array of security group ids, for example [nodeSecurityGroup.id].');
  }
  if (allowed.length === 0) {
    invalidProp(who, 'allowedSecurityGroupIds', allowed, 'must list at least one security group',
      "Pass the cluster nodes' security group id.");
  }
}

/** The region of the stack's default (un-aliased) AWS provider, when it is a literal. */
function providerRegion(scope: IConstruct): string | undefined {
  const provider = TerraformStack.of(scope).node.children
    .find((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
  const region = provider?.region;
  return region !== undefined && !Token.isUnresolved(region) ? region : undefined;
}

/**
 * Checks that availability zone names belong to the region of the stack's AWS provider (AWS would refuse them
 * only at apply time). Checked at once when the provider exists, otherwise when the app synthesizes.
 */
export function validateZonesInRegion(scope: IConstruct, who: string, prop: string, zones: string[]): void {
  if (Token.isUnresolved(zones)) return;
  const problem = (): PropValidationError | undefined => {
    const region = providerRegion(scope);
    if (region === undefined) return undefined;
    // us-east-1a, or a Local Zone such as us-west-2-lax-1a
    const inRegion = new RegExp(`^${region.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[a-z]|-[a-z0-9-]*[a-z])$`);
    const foreign = zones.filter((z) => !Token.isUnresolved(z) && !inRegion.test(z));
    if (foreign.length === 0) return undefined;
    try {
      invalidProp(who, prop, foreign, `must be zones of the stack's AWS provider region '${region}'`,
        `Use zones such as '${region}a', '${region}b', '${region}c', or leave ${prop} unset to take the region's first zones.`);
    } catch (e) {
      return e as PropValidationError;
    }
  };
  const now = problem();
  if (now) throw now;
  scope.node.addValidation({ validate: () => { const later = problem(); return later ? [later.message] : []; } });
}

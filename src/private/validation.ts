import { Token } from 'cdktf';
import { invalidProp } from './errors';

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

/** Validation of `ProductionEksPlatformProps` that needs no construct (kept apart from the construct's wiring). */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Token } from 'cdktf';
import { ProductionEksPlatformProps } from './production-eks-platform-props';
import { invalidProp } from '../private/errors';
import { validateLogRetention } from '../private/log-group';
import { validateName } from '../private/validation';

const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function validatePlatformProps(who: string, props: ProductionEksPlatformProps): void {
  validateName(who, props.name);
  if (props.ebsCustomerManagedDefaultKey && !props.ebsEncryptionByDefault) {
    invalidProp(who, 'ebsCustomerManagedDefaultKey', true, 'needs ebsEncryptionByDefault: true (a default key without encryption by default changes nothing)',
      'Set ebsEncryptionByDefault: true as well, or leave ebsCustomerManagedDefaultKey unset.');
  }
  if (!Token.isUnresolved(props.region) && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) {
    invalidProp(who, 'region', props.region, 'must be an AWS region name', "Use a region such as 'us-east-1'.");
  }
  if (!Token.isUnresolved(props.acmeEmail) && !EMAIL_RE.test(props.acmeEmail)) {
    invalidProp(who, 'acmeEmail', props.acmeEmail, 'must be an e-mail address', "Use the team's address, e.g. 'devops@example.com'.");
  }
  if (!Token.isUnresolved(props.adminPrincipalArns) && props.adminPrincipalArns.length === 0 && !props.deployerPrincipalArn) {
    invalidProp(who, 'adminPrincipalArns', props.adminPrincipalArns, 'must name at least one principal (nobody else gets cluster access)',
      'List the IAM role(s) of the platform team, e.g. arn:aws:iam::123456789012:role/platform-admin.');
  }
  if (!Token.isUnresolved(props.owner) && props.owner.trim() === '') {
    invalidProp(who, 'owner', props.owner, 'must not be empty (it is the owner tag of every resource)', "Use the owning team's name.");
  }
  const conflicts: Array<[string, unknown, string, unknown]> = [
    ['dbInstanceClass', props.dbInstanceClass, 'postgres.instanceClass', props.postgres?.instanceClass],
    ['cacheNodeType', props.cacheNodeType, 'redis.nodeType', props.redis?.nodeType],
    ['kubernetesVersion', props.kubernetesVersion?.version, 'cluster.kubernetesVersion', props.cluster?.kubernetesVersion?.version],
    ['clusterPublicAccessCidrs', props.clusterPublicAccessCidrs, 'cluster.publicAccessCidrs', props.cluster?.publicAccessCidrs],
    ['nodeInstanceTypes', props.nodeInstanceTypes, 'nodeGroup.instanceTypes', props.nodeGroup?.instanceTypes],
  ];
  for (const [a, va, b, vb] of conflicts) {
    if (va !== undefined && vb !== undefined && JSON.stringify(va) !== JSON.stringify(vb)) {
      invalidProp(who, a, va, `conflicts with ${b} (${JSON.stringify(vb)})`, `Set only one of ${a} and ${b}.`);
    }
  }
  const shadowed: Array<[string, unknown, string, unknown]> = [
    ['adminPrincipalArns', props.adminPrincipalArns, 'cluster.adminPrincipalArns', props.cluster?.adminPrincipalArns],
    ['deployerPrincipalArn', props.deployerPrincipalArn, 'cluster.deployerPrincipalArn', props.cluster?.deployerPrincipalArn],
    ['name', props.name, 'vpc.clusterName', props.vpc?.clusterName],
  ];
  for (const [a, va, b, vb] of shadowed) {
    if (va !== undefined && vb !== undefined && JSON.stringify(va) !== JSON.stringify(vb)) {
      invalidProp(who, b, vb, `conflicts with ${a} (${JSON.stringify(va)}), which the platform uses`, `Drop ${b}; set ${a} only.`);
    }
  }
  if (props.logRetentionDays !== undefined) validateLogRetention(who, 'logRetentionDays', props.logRetentionDays);
  if (props.existingNetwork && props.vpc) {
    invalidProp(who, 'vpc', '<HaVpcOptions>', 'has no effect with existingNetwork', 'Drop vpc, or drop existingNetwork to create a HaVpc.');
  }
}

/** Creates the stack's AWS provider when it has none; refuses a default provider of another region. */
export function ensureAwsProvider(who: string, stack: TerraformStack, region: string): void {
  const providers = stack.node.children.filter((c): c is AwsProvider => c instanceof AwsProvider);
  if (providers.length === 0) {
    new AwsProvider(stack, 'aws', { region });
  }
  for (const p of providers) {
    // The stack's own provider decides where resources go: a different region would be silently ignored.
    if (p.alias === undefined && p.region !== undefined && !Token.isUnresolved(p.region) && !Token.isUnresolved(region)
      && p.region !== region) {
      invalidProp(who, 'region', region, `conflicts with the region of the stack's AWS provider ('${p.region}')`,
        'Give the same region to both, or leave the provider out of the stack (the platform then creates one).');
    }
  }
}

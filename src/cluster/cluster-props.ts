import { Token } from 'cdktf';
import { INetwork } from '../network/network';
import { cidrProblem, parseCidr } from '../private/cidr';
import { invalidProp } from '../private/errors';

/** The HaEksCluster props checked here (declared here so this file does not import the construct back). */
export interface ClusterAccessProps {
  readonly network: INetwork;
  readonly subnetIds?: string[];
  readonly allowFewerThanThreeAzs?: boolean;
  readonly publicAccessCidrs?: string[];
  readonly allowPublicEndpointFromAnywhere?: boolean;
  readonly adminPrincipalArns?: string[];
  readonly deployerPrincipalArn?: string;
}

/** Where the control plane lives, who reaches its API and who administers it, after validation. */
export interface ResolvedClusterAccess {
  readonly subnetIds: string[];
  readonly publicCidrs: string[];
  readonly admins: string[];
}

/** Validates HaEksCluster's subnets (one per zone, 3 zones), endpoint access and administrators. */
export function resolveClusterProps(who: string, props: ClusterAccessProps): ResolvedClusterAccess {
  const subnetIds = props.subnetIds ?? props.network.privateSubnetIds;
  if (!Token.isUnresolved(subnetIds)) {
    if (subnetIds.length < 3 && !props.allowFewerThanThreeAzs) {
      invalidProp(who, props.subnetIds ? 'subnetIds' : 'network.privateSubnetIds', subnetIds.length,
        'must give at least 3 subnets (one per availability zone) for a highly available control plane',
        'Use a network with 3 zones, or set allowFewerThanThreeAzs: true to give up zone redundancy (test environments only).');
    }
    if (subnetIds.length < 2) {
      invalidProp(who, 'subnetIds', subnetIds.length, 'must give at least 2 subnets in different zones (an EKS requirement)',
        'Use 3 subnets.');
    }
  }
  const publicCidrs = resolvePublicAccess(who, props);
  const admins = props.adminPrincipalArns ?? [];
  if (admins.length === 0 && !props.deployerPrincipalArn) {
    invalidProp(who, 'adminPrincipalArns', admins,
      'must name at least one principal (or give deployerPrincipalArn): the cluster creator gets no implicit access',
      'List the IAM roles of your platform administrators, and give the role that deploys the in-cluster stack as deployerPrincipalArn.');
  }
  return { subnetIds, publicCidrs, admins };
}

/** The CIDRs of the public endpoint: none unless given; the whole internet only with allowPublicEndpointFromAnywhere. */
function resolvePublicAccess(who: string, props: ClusterAccessProps): string[] {
  const anywhere = props.allowPublicEndpointFromAnywhere ?? false;
  const given = props.publicAccessCidrs;
  if (given === undefined) return anywhere ? ['0.0.0.0/0'] : [];
  if (Token.isUnresolved(given)) return given;
  for (const cidr of given) {
    if (Token.isUnresolved(cidr)) continue;
    const open = cidr === '0.0.0.0/0' || /^::\/0$/.test(cidr);
    if (open && !anywhere) {
      invalidProp(who, 'publicAccessCidrs', cidr, 'opens the Kubernetes API to the whole internet',
        'List the CIDR blocks of your offices or VPN, or set allowPublicEndpointFromAnywhere: true if you accept an API reachable from anywhere.');
    }
    if (!open && !parseCidr(cidr) && !/^[0-9a-fA-F:]+\/\d{1,3}$/.test(cidr)) {
      invalidProp(who, 'publicAccessCidrs', cidr, `must contain CIDR blocks: ${cidrProblem(cidr)}`,
        "Use blocks like '203.0.113.0/24'.");
    }
  }
  if (anywhere && !given.some((c) => Token.isUnresolved(c) || c === '0.0.0.0/0' || c === '::/0')) {
    invalidProp(who, 'allowPublicEndpointFromAnywhere', anywhere,
      `has no effect with publicAccessCidrs ${JSON.stringify(given)} (none of them is 0.0.0.0/0)`,
      'Drop allowPublicEndpointFromAnywhere to keep the API limited to those CIDRs, or add 0.0.0.0/0 to publicAccessCidrs.');
  }
  return given;
}

const PRINCIPAL_RE = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/;

/** An administrator's ARN is an IAM role or user, listed once (`seen` collects them; also deployerPrincipalArn). */
export function checkAdminPrincipal(who: string, principalArn: string, seen: Set<string>): void {
  if (Token.isUnresolved(principalArn)) return;
  if (!PRINCIPAL_RE.test(principalArn)) {
    invalidProp(who, 'adminPrincipalArns', principalArn,
      'must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)',
      'Give the role ARN, not an assumed-role session ARN (arn:aws:sts::...:assumed-role/...).');
  }
  if (seen.has(principalArn)) {
    invalidProp(who, 'adminPrincipalArns', principalArn, 'must not list a principal twice (also counting deployerPrincipalArn)',
      'List each principal once.');
  }
  seen.add(principalArn);
}

import { ResourceView, RuleDefinition } from './model';
import { blocks, isExpression, isTrue, listOf, numberOf, references } from './values';
import { PolicyLevel } from '../policy-rule';

const AREA = 'network';

const WORLD = ['0.0.0.0/0', '::/0'];
/** Interface endpoints an EKS VPC needs for image pulls and credentials without NAT. */
export const REQUIRED_ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr', 'sts'];
/** Ports that may be open to the internet: HTTP (redirects to HTTPS) and HTTPS on public load balancers. */
export const PUBLIC_PORTS = [80, 443];

interface IngressPermission {
  readonly where: string;
  readonly cidrs: unknown[];
  readonly protocol: unknown;
  readonly fromPort: unknown;
  readonly toPort: unknown;
}

/** What's wrong with a permission open to the world; undefined when it is closed or a plain 80/443 TCP port. */
function worldOpen(p: IngressPermission): string | undefined {
  const open = p.cidrs.filter((c) => typeof c === 'string' && WORLD.includes(c));
  if (open.length === 0) return undefined;
  const protocol = String(p.protocol ?? '').toLowerCase();
  const from = numberOf(p.fromPort);
  const to = numberOf(p.toPort);
  if (isExpression(p.protocol) || isExpression(p.fromPort) || isExpression(p.toPort)) return undefined;
  if ((protocol === 'tcp' || protocol === '6') && from !== undefined && from === to && PUBLIC_PORTS.includes(from)) {
    return undefined;
  }
  const ports = protocol === '-1' || protocol === 'all' ? 'all traffic' : `${protocol} ${from}-${to}`;
  return `${p.where} allows ${ports} from ${open.join(', ')}`;
}

function ingressPermissions(r: ResourceView): IngressPermission[] {
  const c = r.config;
  switch (r.type) {
    case 'aws_security_group_rule':
      if (c.type !== 'ingress') return [];
      return [{
        where: 'the rule',
        cidrs: [...(listOf(c.cidr_blocks) ?? []), ...(listOf(c.ipv6_cidr_blocks) ?? [])],
        protocol: c.protocol,
        fromPort: c.from_port,
        toPort: c.to_port,
      }];
    case 'aws_vpc_security_group_ingress_rule':
      return [{
        where: 'the rule', cidrs: [c.cidr_ipv4, c.cidr_ipv6], protocol: c.ip_protocol, fromPort: c.from_port, toPort: c.to_port,
      }];
    default:
      return blocks(c.ingress).map((b, i) => ({
        where: `ingress #${i}`,
        cidrs: [...(listOf(b.cidr_blocks) ?? []), ...(listOf(b.ipv6_cidr_blocks) ?? [])],
        protocol: b.protocol,
        fromPort: b.from_port,
        toPort: b.to_port,
      }));
  }
}

/** Nothing reachable from the internet except what is meant to be. */
export const NETWORK_RULES: RuleDefinition[] = [
  {
    id: 'PB-NET-001',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
    title: 'No ingress from 0.0.0.0/0 or ::/0 except TCP 80 and 443',
    rationale: 'A port open to the internet is scanned within minutes; only the public load balancer listeners '
      + 'should be reachable from anywhere. Everything else is reached from known CIDRs or security groups.',
    fix: 'Restrict the source to a known CIDR or a source security group, or limit the rule to TCP 443 (or 80).',
    check: (r) => ingressPermissions(r).map(worldOpen).filter((x): x is string => x !== undefined),
  },
  {
    id: 'PB-NET-002',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_db_instance'],
    title: 'RDS instances are not publicly accessible',
    rationale: 'A public database endpoint resolves to a public IP: one security group mistake away from the internet.',
    fix: 'Set publicly_accessible = false (the default) and reach the database from inside the VPC.',
    check: (r) => isTrue(r.config.publicly_accessible) ? ['publicly_accessible = true'] : [],
  },
  {
    id: 'PB-NET-003',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_eks_cluster'],
    title: 'The EKS public API endpoint is off or limited to known CIDRs',
    rationale: 'The public endpoint is on by default and open to 0.0.0.0/0: the Kubernetes API is then exposed to '
      + 'credential stuffing and to any future API server vulnerability.',
    fix: 'Set vpc_config.endpoint_public_access = false (with endpoint_private_access = true), or set '
      + 'vpc_config.public_access_cidrs to your office/VPN CIDRs.',
    check: (r) => {
      const vpc = blocks(r.config.vpc_config)[0] ?? {};
      const publicAccess = vpc.endpoint_public_access;
      if (publicAccess === false || publicAccess === 'false' || isExpression(publicAccess)) return [];
      const cidrs = listOf(vpc.public_access_cidrs);
      if (cidrs === undefined) return [];
      if (cidrs.length === 0) return ['the public endpoint is on (the default) and public_access_cidrs defaults to 0.0.0.0/0'];
      const open = cidrs.filter((c) => typeof c === 'string' && WORLD.includes(c));
      return open.length ? [`the public endpoint is open to ${open.join(', ')}`] : [];
    },
  },
  {
    id: 'PB-NET-004',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_subnet'],
    title: 'Subnets do not assign public IPs on launch',
    rationale: 'Anything launched into such a subnet (even by mistake) gets a public address; public services '
      + 'belong behind load balancers and NAT gateways with their own EIPs.',
    fix: 'Set map_public_ip_on_launch = false.',
    check: (r) => isTrue(r.config.map_public_ip_on_launch) ? ['map_public_ip_on_launch = true'] : [],
  },
  {
    id: 'PB-NET-005',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_launch_template'],
    title: 'Launch templates do not give instances public IPs',
    rationale: 'Worker nodes live in private subnets and reach the internet through NAT; a public IP makes every '
      + 'node port reachable as soon as a security group allows it.',
    fix: 'Remove associate_public_ip_address from network_interfaces, or set it to "false".',
    check: (r) => blocks(r.config.network_interfaces)
      .map((n, i) => (isTrue(n.associate_public_ip_address) ? `network_interfaces #${i}: associate_public_ip_address = true` : undefined))
      .filter((x): x is string => x !== undefined),
  },
  {
    id: 'PB-NET-006',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_vpc', 'aws_default_security_group'],
    title: 'Each VPC\'s default security group is managed and has no rules',
    rationale: 'Resources created without a security group land in the default one, which by default lets its '
      + 'members talk to each other and egress anywhere; managing it with empty rules closes that path.',
    fix: 'Add aws_default_security_group { vpc_id = <VPC id>, ingress = [], egress = [] } for the VPC (HaVpc does this).',
    check: (r, stack) => {
      if (r.type === 'aws_vpc') {
        return stack.ofType('aws_default_security_group').some((g) => references(g.config.vpc_id, r.address))
          ? [] : ['no aws_default_security_group in the stack closes this VPC\'s default security group'];
      }
      const problems: string[] = [];
      for (const dir of ['ingress', 'egress']) {
        const v = r.config[dir];
        if (v === undefined || v === null) problems.push(`${dir} is not set to [] (existing rules are left in place)`);
        else if (isExpression(v) || blocks(v).length > 0) problems.push(`${dir} has rules`);
      }
      return problems;
    },
  },
  {
    id: 'PB-NET-007',
    level: PolicyLevel.WARNING,
    area: AREA,
    resourceTypes: ['aws_vpc'],
    title: 'VPCs of EKS clusters and node groups have private-DNS interface endpoints for ECR (API and Docker) and STS',
    rationale: 'Without them every image pull and every IRSA credential goes through the NAT gateways: a NAT or '
      + 'internet-path failure then stops new pods from starting in the zones it affects.',
    fix: 'Add aws_vpc_endpoint resources (vpc_endpoint_type = "Interface", private_dns_enabled = true) for '
      + `${REQUIRED_ENDPOINT_SERVICES.join(', ')} in the private subnets (HaVpc does this unless interfaceEndpoints is false).`,
    check: (r, stack) => {
      // Only the VPCs whose subnets (in this stack) an EKS cluster or node group uses.
      const subnets = stack.ofType('aws_subnet').filter((sn) => references(sn.config.vpc_id, r.address));
      const eksSubnetRefs = [
        ...stack.ofType('aws_eks_cluster').flatMap((c) => listOf(blocks(c.config.vpc_config)[0]?.subnet_ids) ?? []),
        ...stack.ofType('aws_eks_node_group').flatMap((g) => listOf(g.config.subnet_ids) ?? []),
      ];
      if (!subnets.some((sn) => eksSubnetRefs.some((ref) => references(ref, sn.address)))) return [];
      const endpoints = stack.ofType('aws_vpc_endpoint').filter((e) => references(e.config.vpc_id, r.address)
        && e.config.vpc_endpoint_type === 'Interface' && isTrue(e.config.private_dns_enabled));
      const missing = REQUIRED_ENDPOINT_SERVICES.filter((svc) => !endpoints.some((e) => {
        const name = e.config.service_name;
        return typeof name === 'string' && name.endsWith(`.${svc}`);
      }));
      return missing.length ? [`no private-DNS interface endpoint for ${missing.join(', ')}`] : [];
    },
  },
];

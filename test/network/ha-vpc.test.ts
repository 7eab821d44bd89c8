import { HaVpc } from '../../src';
import { newStack, onlyResource, resourcesOf, synthJson } from '../util';

describe('HaVpc', () => {
  const json = synthJson((s) => new HaVpc(s, 'net', { name: 'ai-agents-prod', clusterName: 'ai-agents-prod' }));

  test('default CIDR 10.0.0.0/16 with DNS support', () => {
    expect(onlyResource(json, 'aws_vpc')).toMatchObject({
      cidr_block: '10.0.0.0/16', enable_dns_hostnames: true, enable_dns_support: true,
    });
  });

  test('four tiers of /24 subnets in 3 zones, non-overlapping, no public IPs', () => {
    const subnets = Object.values(resourcesOf(json, 'aws_subnet'));
    expect(subnets).toHaveLength(12);
    const byTier: Record<string, any[]> = {};
    for (const s of subnets) (byTier[s.tags.tier] ??= []).push(s);
    expect(Object.keys(byTier).sort()).toEqual(['cache', 'database', 'private', 'public']);
    for (const tier of Object.values(byTier)) {
      expect(tier).toHaveLength(3);
      expect(new Set(tier.map((s) => s.availability_zone)).size).toBe(3);
    }
    const cidrs = subnets.map((s) => s.cidr_block);
    expect(new Set(cidrs).size).toBe(12);
    for (const c of cidrs) expect(c).toMatch(/^10\.0\.\d+\.0\/24$/);
    for (const s of subnets) expect(s.map_public_ip_on_launch).toBe(false);
  });

  test('load balancer and cluster tags', () => {
    const subnets = Object.values(resourcesOf(json, 'aws_subnet'));
    for (const s of subnets.filter((x) => x.tags.tier === 'public')) {
      expect(s.tags).toMatchObject({ 'kubernetes.io/role/elb': '1', 'kubernetes.io/cluster/ai-agents-prod': 'shared' });
    }
    for (const s of subnets.filter((x) => x.tags.tier === 'private')) {
      expect(s.tags).toMatchObject({ 'kubernetes.io/role/internal-elb': '1', 'kubernetes.io/cluster/ai-agents-prod': 'shared' });
    }
    for (const s of subnets.filter((x) => ['database', 'cache'].includes(x.tags.tier))) {
      expect(Object.keys(s.tags).some((k) => k.startsWith('kubernetes.io'))).toBe(false);
    }
  });

  test('one NAT gateway with an EIP per AZ, each private route table routes to its own zone NAT', () => {
    const nats = resourcesOf(json, 'aws_nat_gateway');
    expect(Object.keys(nats)).toHaveLength(3);
    expect(Object.keys(resourcesOf(json, 'aws_eip'))).toHaveLength(3);
    const subnetIdsOfNats = Object.values(nats).map((n: any) => n.subnet_id);
    expect(new Set(subnetIdsOfNats).size).toBe(3);
    const routes = Object.values(resourcesOf(json, 'aws_route'));
    const natRoutes = routes.filter((r: any) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(3);
    expect(new Set(natRoutes.map((r: any) => r.nat_gateway_id)).size).toBe(3);
    expect(new Set(natRoutes.map((r: any) => r.route_table_id)).size).toBe(3);
    expect(routes.filter((r: any) => r.gateway_id)).toHaveLength(1);
  });

  test('database and cache subnets have no route to the internet', () => {
    const routes = Object.values(resourcesOf(json, 'aws_route')) as any[];
    const routeTables = new Set(routes.map((r) => r.route_table_id));
    const assoc = Object.values(resourcesOf(json, 'aws_route_table_association')) as any[];
    const isolated = assoc.filter((a) => /(database|cache)-\d/.test(a.subnet_id));
    expect(isolated).toHaveLength(6);
    for (const a of isolated) expect(routeTables.has(a.route_table_id)).toBe(false);
  });

  test('subnet groups over the matching tiers', () => {
    const db = onlyResource(json, 'aws_db_subnet_group');
    expect(db.name).toBe('ai-agents-prod-database');
    expect(db.subnet_ids).toHaveLength(3);
    for (const id of db.subnet_ids) expect(id).toMatch(/aws_subnet\.net_database-\d/);
    const cache = onlyResource(json, 'aws_elasticache_subnet_group');
    expect(cache.subnet_ids).toHaveLength(3);
    for (const id of cache.subnet_ids) expect(id).toMatch(/aws_subnet\.net_cache-\d/);
  });

  test('flow logs to a KMS-encrypted log group with 90-day retention', () => {
    expect(onlyResource(json, 'aws_flow_log')).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    const lg = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(lg).toMatchObject({ retention_in_days: 90, name: '/aws/vpc/ai-agents-prod/flow-logs' });
    expect(lg.kms_key_id).toMatch(/aws_kms_key\..*\.arn/);
    expect(lg.lifecycle).toEqual({ prevent_destroy: true });
    const key = onlyResource(json, 'aws_kms_key');
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const policy = JSON.parse(key.policy);
    expect(policy.Statement.map((s: any) => s.Sid)).toEqual(['AccountAdministersKeyThroughIam', 'CloudWatchLogsUse']);
  });

  test('default security group has no rules', () => {
    expect(onlyResource(json, 'aws_default_security_group')).toMatchObject({ ingress: [], egress: [] });
  });

  test('S3 gateway endpoint on private, database and cache route tables; optional', () => {
    const gateways = (Object.values(resourcesOf(json, 'aws_vpc_endpoint')) as any[]).filter((e) => e.vpc_endpoint_type === 'Gateway');
    expect(gateways).toHaveLength(1);
    const ep = gateways[0];
    expect(ep.service_name).toMatch(/\.s3$/);
    expect(ep.route_table_ids).toHaveLength(5);
    const without = synthJson((s) => new HaVpc(s, 'net', { name: 'x1', s3GatewayEndpoint: false, interfaceEndpoints: false }));
    expect(resourcesOf(without, 'aws_vpc_endpoint')).toEqual({});
  });

  test('explicit zones, masks and subnet CIDRs are honoured', () => {
    const j = synthJson((s) => new HaVpc(s, 'net', {
      name: 'custom',
      cidrBlock: '10.20.0.0/16',
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], // the stack's provider is in us-east-1
      privateSubnetMask: 20,
      subnetCidrs: { public: ['10.20.250.0/24', '10.20.251.0/24', '10.20.252.0/24'] },
    }));
    const subnets = Object.values(resourcesOf(j, 'aws_subnet')) as any[];
    expect(subnets.filter((s) => s.tags.tier === 'public').map((s) => s.cidr_block))
      .toEqual(['10.20.250.0/24', '10.20.251.0/24', '10.20.252.0/24']);
    expect(subnets.filter((s) => s.tags.tier === 'private').map((s) => s.cidr_block))
      .toEqual(['10.20.0.0/20', '10.20.16.0/20', '10.20.32.0/20']);
    expect(subnets.map((s) => s.availability_zone)).toContain('us-east-1c');
    expect(resourcesOf(j, 'aws_kms_key')).not.toEqual({});
  });

  test('with privateSubnetMask 20 the tiers keep their documented order: public, private, database, cache', () => {
    const j = synthJson((s) => new HaVpc(s, 'net', { name: 'ordered', cidrBlock: '10.0.0.0/16', privateSubnetMask: 20 }));
    const subnets = Object.values(resourcesOf(j, 'aws_subnet')) as any[];
    const tier = (t: string) => subnets.filter((x) => x.tags.tier === t).map((x) => x.cidr_block);
    expect(tier('public')).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(tier('private')).toEqual(['10.0.16.0/20', '10.0.32.0/20', '10.0.48.0/20']);
    expect(tier('database')).toEqual(['10.0.64.0/24', '10.0.65.0/24', '10.0.66.0/24']);
    expect(tier('cache')).toEqual(['10.0.67.0/24', '10.0.68.0/24', '10.0.69.0/24']);
  });

  test('a VPC too small for the ordered plan fills the alignment gaps instead of failing', () => {
    const j = synthJson((s) => new HaVpc(s, 'net', {
      name: 'tight', cidrBlock: '10.0.0.0/22', publicSubnetMask: 28, privateSubnetMask: 24, databaseSubnetMask: 28, cacheSubnetMask: 28,
    }));
    const subnets = Object.values(resourcesOf(j, 'aws_subnet')) as any[];
    const tier = (t: string) => subnets.filter((x) => x.tags.tier === t).map((x) => x.cidr_block);
    expect(tier('private')).toEqual(['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24']); // fills the VPC to its end
    expect(tier('database')).toEqual(['10.0.0.48/28', '10.0.0.64/28', '10.0.0.80/28']);
  });

  test('fewer than 3 AZs only with the explicit opt-in', () => {
    const j = synthJson((s) => new HaVpc(s, 'net', {
      name: 'two-az', availabilityZones: ['us-east-1a', 'us-east-1b'], allowFewerThanThreeAzs: true,
    }));
    expect(Object.keys(resourcesOf(j, 'aws_nat_gateway'))).toHaveLength(2);
  });

  describe('validation', () => {
    const make = (props: any) => () => new HaVpc(newStack().scope, 'net', { name: 'bad-input', ...props });
    test.each([
      ['malformed CIDR', { cidrBlock: '10.0.0/16' }, /cidrBlock must be an IPv4 network .*got '10.0.0\/16'/],
      ['host bits set', { cidrBlock: '10.0.0.1/16' }, /cidrBlock must be an IPv4 network/],
      ['too-large VPC', { cidrBlock: '10.0.0.0/8' }, /cidrBlock must be between \/16 and \/24 .*got '10.0.0.0\/8'/],
      ['too-small VPC for the layout', { cidrBlock: '10.0.0.0/24' }, /SubnetMask must be longer than the VPC prefix \/24/],
      ['subnets that do not fit', { cidrBlock: '10.0.0.0/22' }, /leaves no room: 3 .* subnets of \/24 do not fit in 10.0.0.0\/22.*larger VPC CIDR/],
      ['fewer than 3 AZs', { availabilityZones: ['us-east-1a', 'us-east-1b'] }, /availabilityZones must give at least 3 availability zones.*allowFewerThanThreeAzs/],
      ['fewer than 3 AZ count', { availabilityZoneCount: 2 }, /availabilityZoneCount must give at least 3/],
      ['a repeated AZ', { availabilityZones: ['us-east-1a', 'us-east-1a', 'us-east-1b'] }, /availabilityZones must not repeat a zone/],
      ['overlapping tiers', { subnetCidrs: { public: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'], private: ['10.0.2.0/23', '10.0.4.0/24', '10.0.5.0/24'] } }, /subnetCidrs.private overlaps public subnet 10.0.2.0\/24 .*got '10.0.2.0\/23'/],
      ['a subnet outside the VPC', { subnetCidrs: { cache: ['10.1.0.0/24', '10.0.1.0/24', '10.0.2.0/24'] } }, /subnetCidrs.cache must lie inside the VPC CIDR 10.0.0.0\/16/],
      ['a tier with the wrong count', { subnetCidrs: { database: ['10.0.0.0/24'] } }, /subnetCidrs.database must list one CIDR per availability zone \(3\)/],
      ['an invalid mask', { privateSubnetMask: 30 }, /privateSubnetMask must be a prefix length from 16 to 28 .*got 30/],
      ['flow log retention below 90 days', { flowLogRetentionDays: 30 }, /flowLogRetentionDays must be at least 90 days .*got 30/],
      ['flow log retention not allowed by CloudWatch', { flowLogRetentionDays: 100 }, /flowLogRetentionDays must be one of CloudWatch's retention values/],
      ['a bad name', { name: 'Bad_Name' }, /name must be 2-40 lower-case letters.*got 'Bad_Name'/],
    ])('%s', (_label, props, message) => {
      expect(make(props)).toThrow(message);
    });
  });
});

describe('HaVpc zone lookup', () => {
  test('fails the plan instead of wrapping around when the region has fewer zones than asked', () => {
    const json = synthJson((s) => new HaVpc(s, 'net', { name: 'az-check' }));
    const zones = Object.values<any>(json.data.aws_availability_zones)[0];
    expect(zones.lifecycle.postcondition).toEqual([{
      condition: '${length(self.names) >= 3}',
      error_message: expect.stringMatching(/availabilityZoneCount is 3 but the region has fewer available zones/),
    }]);
  });

  test('leaves out the zone IDs where EKS creates no cluster (names map to IDs per account)', () => {
    const json = synthJson((s) => new HaVpc(s, 'net', { name: 'az-check' }));
    const zones = Object.values<any>(json.data.aws_availability_zones)[0];
    expect(zones.exclude_zone_ids).toEqual(['use1-az3', 'usw1-az2', 'cac1-az3']);
  });
});

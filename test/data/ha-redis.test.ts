import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { HaRedis, HaRedisProps, RedisEngineVersion } from '../../src/data/ha-redis';
import { HaVpc } from '../../src/network/ha-vpc';
import { onlyResource, resourcesOf, synthJson } from '../util';

function build(stack: TerraformStack, overrides: Partial<HaRedisProps> = {}): HaRedis {
  const network = new HaVpc(stack, 'net', { name: 'ai-agents-prod' });
  const nodes = new SecurityGroup(stack, 'nodes', { vpcId: network.vpcId });
  return new HaRedis(stack, 'redis', {
    name: 'ai-agents-prod', network, allowedSecurityGroupIds: [nodes.id], ...overrides,
  });
}

describe('HaRedis', () => {
  const json = synthJson((s) => build(s));
  const rg = onlyResource(json, 'aws_elasticache_replication_group');
  const [keyId, key] = Object.entries(resourcesOf(json, 'aws_kms_key')).find(([id]) => id.startsWith('redis_'))!;

  test('Redis OSS 7.1, two nodes, automatic failover and Multi-AZ, cache.t3.small, guide id', () => {
    expect(rg).toMatchObject({
      replication_group_id: 'ai-agents-prod-redis',
      engine: 'redis',
      engine_version: '7.1',
      node_type: 'cache.t3.small',
      num_cache_clusters: 2,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      port: 6379,
    });
    expect(rg.subnet_group_name).toMatch(/^\$\{aws_elasticache_subnet_group\.net_cache-subnets_\w+\.name\}$/);
    expect(rg.preferred_cache_cluster_azs).toBeUndefined();
  });

  test('encrypted at rest with the customer-managed key and in transit (TLS required)', () => {
    expect(rg).toMatchObject({ at_rest_encryption_enabled: 'true', transit_encryption_enabled: true, transit_encryption_mode: 'required' });
    expect(rg.kms_key_id).toBe(`\${aws_kms_key.${keyId}.arn}`);
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  test('RBAC with IAM: app user authenticates with IAM, the default user is off; no secret anywhere', () => {
    const users = Object.values(resourcesOf(json, 'aws_elasticache_user')) as any[];
    const app = users.find((u) => u.user_name === 'ai-agents-prod-app');
    const def = users.find((u) => u.user_name === 'default');
    expect(app).toMatchObject({ user_id: 'ai-agents-prod-app', engine: 'redis', authentication_mode: { type: 'iam' } });
    expect(app.access_string).toBe('on ~* +@all -@dangerous');
    expect(def).toMatchObject({
      user_id: 'ai-agents-prod-redis-default-off', access_string: 'off -@all', authentication_mode: { type: 'no-password-required' },
    });
    const group = onlyResource(json, 'aws_elasticache_user_group');
    expect(group).toMatchObject({ user_group_id: 'ai-agents-prod-redis-users', engine: 'redis' });
    expect(group.user_ids).toHaveLength(2);
    expect(rg.user_group_ids).toEqual([expect.stringMatching(/aws_elasticache_user_group\.redis_user-group_\w+\.user_group_id/)]);
    expect(rg.auth_token).toBeUndefined();
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/"(auth_token|passwords)"\s*:/);
  });

  test('persistence: 5 daily snapshots in 03:00-05:00, separate maintenance window, final snapshot', () => {
    expect(rg).toMatchObject({
      snapshot_retention_limit: 5,
      snapshot_window: '03:00-05:00',
      maintenance_window: 'sun:06:00-sun:07:00',
      final_snapshot_identifier: 'ai-agents-prod-redis-final',
      auto_minor_version_upgrade: 'true',
      apply_immediately: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('slow and engine logs as JSON to KMS-encrypted log groups the construct owns', () => {
    const groups = Object.entries(resourcesOf(json, 'aws_cloudwatch_log_group')).filter(([id]) => id.startsWith('redis_'));
    expect(groups.map(([, g]) => g.name).sort())
      .toEqual(['/aws/elasticache/ai-agents-prod-redis/engine-log', '/aws/elasticache/ai-agents-prod-redis/slow-log']);
    for (const [, g] of groups) {
      expect(g).toMatchObject({ retention_in_days: 90, kms_key_id: `\${aws_kms_key.${keyId}.arn}`, lifecycle: { prevent_destroy: true } });
    }
    expect(rg.log_delivery_configuration).toEqual(['slow-log', 'engine-log'].map((t) => ({
      destination: expect.stringMatching(new RegExp(`aws_cloudwatch_log_group\\.redis_log-group-${t}_\\w+\\.name`)),
      destination_type: 'cloudwatch-logs',
      log_format: 'json',
      log_type: t,
    })));
  });

  test('own redis7 parameter group', () => {
    expect(onlyResource(json, 'aws_elasticache_parameter_group')).toMatchObject({ family: 'redis7', name: 'ai-agents-prod-redis-redis7' });
    expect(rg.parameter_group_name).toMatch(/aws_elasticache_parameter_group\.redis_parameter-group_\w+\.name/);
  });

  test('own security group: 6379 only from the given groups', () => {
    const [sgId, sg] = Object.entries(resourcesOf(json, 'aws_security_group')).find(([id]) => id.startsWith('redis_'))!;
    expect(sg.ingress).toBeUndefined();
    expect(rg.security_group_ids).toEqual([`\${aws_security_group.${sgId}.id}`]);
    // Rules of the cache's own group only (the network's interface endpoints have theirs).
    expect((Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')) as any[])
      .filter((r) => r.security_group_id === `\${aws_security_group.${sgId}.id}`)).toEqual([expect.objectContaining({
      security_group_id: `\${aws_security_group.${sgId}.id}`,
      referenced_security_group_id: '${aws_security_group.nodes.id}',
      ip_protocol: 'tcp',
      from_port: 6379,
      to_port: 6379,
    })]);
  });

  test('options: three nodes in given zones, given key, no prevent_destroy; IAM connect policy', () => {
    let redis!: HaRedis;
    const j = synthJson((s) => {
      redis = build(s, {
        nodeCount: 3,
        preferredAvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        preventDestroy: false,
        kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc',
        engineVersion: RedisEngineVersion.V7_0,
      });
      new TerraformOutput(s, 'policy', { value: redis.iamConnectPolicyJson() });
    });
    const r = onlyResource(j, 'aws_elasticache_replication_group');
    expect(r).toMatchObject({ num_cache_clusters: 3, preferred_cache_cluster_azs: ['us-east-1a', 'us-east-1b', 'us-east-1c'], engine_version: '7.0' });
    expect(r.kms_key_id).toBe('arn:aws:kms:us-east-1:123456789012:key/abc');
    expect(r.lifecycle).toBeUndefined();
    const policy = j.output.policy.value as string;
    expect(policy).toContain('elasticache:Connect');
    expect(policy).toMatch(/aws_elasticache_replication_group\.redis_replication-group_\w+\.arn/);
    expect(policy).toMatch(/aws_elasticache_user\.redis_app-user_\w+\.arn/);
  });

  describe('validation', () => {
    const fails = (o: Partial<HaRedisProps>) => () => synthJson((s) => build(s, o));
    test('fewer than 2 nodes', () => expect(fails({ nodeCount: 1 })).toThrow(/nodeCount must be from 2 to 6 .*\(got 1\)/));
    test('snapshot retention 0', () => expect(fails({ snapshotRetentionDays: 0 })).toThrow(/snapshotRetentionDays must be from 1 to 35/));
    test('overlapping windows', () => expect(fails({ maintenanceWindow: 'wed:04:00-wed:05:00' })).toThrow(/maintenanceWindow must not overlap snapshotWindow '03:00-05:00'/));
    test('short snapshot window', () => expect(fails({ snapshotWindow: '03:00-03:30' })).toThrow(/snapshotWindow must be 'hh:mm-hh:mm' \(UTC\) and at least 60 minutes/));
    test('malformed maintenance window', () => expect(fails({ maintenanceWindow: 'Sun:06:00-Sun:07:00' })).toThrow(/maintenanceWindow must be 'ddd:hh:mm-ddd:hh:mm'/));
    test('bad node type', () => expect(fails({ nodeType: 't3.small' })).toThrow(/nodeType must be an ElastiCache node type/));
    test('zones not one per node', () => expect(fails({ preferredAvailabilityZones: ['us-east-1a', 'us-east-1a'] })).toThrow(/preferredAvailabilityZones must list 2 different zones/));
    test('replication group id too long', () => expect(fails({ name: 'a-very-long-platform-name-for-redis-abcd' })).toThrow(/replicationGroupId must be 2-40/));
    test('app user named default', () => expect(fails({ appUserName: 'default' })).toThrow(/appUserName must be lower-case/));
    test('empty allowedSecurityGroupIds', () => expect(fails({ allowedSecurityGroupIds: [] })).toThrow(/allowedSecurityGroupIds must list at least one/));
    test('engine older than 7', () => expect(() => RedisEngineVersion.of('6.2')).toThrow(/version must be a Redis OSS 7.x release .*got '6.2'/));
    test('engine 8 (Valkey only on ElastiCache)', () => expect(() => RedisEngineVersion.of('8.0')).toThrow(/ElastiCache has no Redis OSS 8\) \(got '8.0'\)/));
  });
});

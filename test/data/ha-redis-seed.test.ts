import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformStack } from 'cdktf';
import { HaRedis, HaRedisProps } from '../../src/data/ha-redis';
import { HaVpc } from '../../src/network/ha-vpc';
import { onlyResource, synthJson } from '../util';

function build(stack: TerraformStack, overrides: Partial<HaRedisProps> = {}): HaRedis {
  const network = new HaVpc(stack, 'net', { name: 'ai-agents-prod' });
  const nodes = new SecurityGroup(stack, 'nodes', { vpcId: network.vpcId });
  return new HaRedis(stack, 'redis', {
    name: 'ai-agents-prod', network, allowedSecurityGroupIds: [nodes.id], ...overrides,
  });
}

describe('HaRedis seeded from a snapshot', () => {
  test('a new group from an ElastiCache snapshot keeps encryption, TLS, failover and snapshots', () => {
    let redis!: HaRedis;
    const rg = onlyResource(synthJson((s) => {
      redis = build(s, { replicationGroupId: 'ai-agents-prod-redis-r1', snapshotName: 'ai-agents-prod-redis-final' });
    }), 'aws_elasticache_replication_group');
    expect(rg).toMatchObject({
      replication_group_id: 'ai-agents-prod-redis-r1',
      snapshot_name: 'ai-agents-prod-redis-final',
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: true,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      snapshot_retention_limit: 5,
      lifecycle: { prevent_destroy: true },
    });
    expect(rg.kms_key_id).toMatch(/aws_kms_key\.redis_key_\w+\.arn/);
    expect(rg.snapshot_arns).toBeUndefined();
    expect(redis.seededFrom).toBe('ai-agents-prod-redis-final');
  });

  test('or from RDB files in S3', () => {
    const arn = 'arn:aws:s3:::ai-agents-backups/redis/dump.rdb';
    const rg = onlyResource(synthJson((s) => build(s, { snapshotArns: [arn] })), 'aws_elasticache_replication_group');
    expect(rg.snapshot_arns).toEqual([arn]);
    expect(rg.snapshot_name).toBeUndefined();
  });

  test('no seed by default', () => {
    const rg = onlyResource(synthJson((s) => build(s)), 'aws_elasticache_replication_group');
    expect(rg.snapshot_name).toBeUndefined();
    expect(rg.snapshot_arns).toBeUndefined();
  });

  const bad = (overrides: Partial<HaRedisProps>) => () => synthJson((s) => build(s, overrides));
  test('one seed source', () => {
    expect(bad({ snapshotName: 'snap', snapshotArns: ['arn:aws:s3:::bucket/dump.rdb'] }))
      .toThrow(/snapshotName cannot be combined with snapshotArns/);
  });
  test('snapshot name format', () => {
    expect(bad({ snapshotName: 'my snapshot' })).toThrow(/snapshotName must be an ElastiCache snapshot name/);
  });
  test('RDB ARNs', () => {
    expect(bad({ snapshotArns: ['s3://bucket/dump.rdb'] })).toThrow(/snapshotArns must list S3 object ARNs of .rdb files/);
    expect(bad({ snapshotArns: [] })).toThrow(/snapshotArns must list S3 object ARNs/);
  });
});

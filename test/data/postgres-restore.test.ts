import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformStack } from 'cdktf';
import { HaPostgres, HaPostgresProps } from '../../src/data/ha-postgres';
import { isUtcTimestamp } from '../../src/data/private/postgres-restore';
import { HaVpc } from '../../src/network/ha-vpc';
import { onlyResource, resourcesOf, synthJson } from '../util';

const SOURCE_KEY = 'arn:aws:kms:us-east-1:123456789012:key/0b7c6f2e-1111-4222-8333-944455556666';

function build(stack: TerraformStack, overrides: Partial<HaPostgresProps> = {}): HaPostgres {
  const network = new HaVpc(stack, 'net', { name: 'ai-agents-prod' });
  const nodes = new SecurityGroup(stack, 'nodes', { vpcId: network.vpcId });
  return new HaPostgres(stack, 'postgres', {
    name: 'ai-agents-prod', network, allowedSecurityGroupIds: [nodes.id], ...overrides,
  });
}

describe('HaPostgres restored from a snapshot', () => {
  const json = synthJson((s) => build(s, {
    identifier: 'ai-agents-prod-postgres-r1', snapshotIdentifier: 'ai-agents-prod-postgres-final', kmsKeyArn: SOURCE_KEY,
  }));
  const db = onlyResource(json, 'aws_db_instance');

  test('a new instance from the snapshot, with the source key and no names of its own', () => {
    expect(db).toMatchObject({ identifier: 'ai-agents-prod-postgres-r1', snapshot_identifier: 'ai-agents-prod-postgres-final', kms_key_id: SOURCE_KEY });
    expect(db.restore_to_point_in_time).toBeUndefined();
    // RDS keeps the snapshot's names; configuring them would force a replacement on the next plan.
    expect(db.db_name).toBeUndefined();
    expect(db.username).toBeUndefined();
    expect(Object.keys(resourcesOf(json, 'aws_kms_key')).filter((id) => id.startsWith('postgres_'))).toEqual([]);
  });

  test('keeps every protection of a new instance', () => {
    expect(db).toMatchObject({
      storage_encrypted: true,
      multi_az: true,
      publicly_accessible: false,
      deletion_protection: true,
      backup_retention_period: 30,
      skip_final_snapshot: false,
      delete_automated_backups: false,
      manage_master_user_password: true,
      master_user_secret_kms_key_id: SOURCE_KEY,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('reads the restored names back from the instance', () => {
    let db2!: HaPostgres;
    synthJson((s) => {
      db2 = build(s, { identifier: 'ai-agents-prod-postgres-r1', snapshotIdentifier: 'snap-1', kmsKeyArn: SOURCE_KEY });
    });
    expect(db2.databaseName).toMatch(/TOKEN/);
    expect(db2.restoredFrom).toBe('snapshot snap-1');
  });
});

describe('HaPostgres restored to a point in time', () => {
  test('latest restorable time by default', () => {
    const db = onlyResource(synthJson((s) => build(s, {
      identifier: 'ai-agents-prod-postgres-r1',
      kmsKeyArn: SOURCE_KEY,
      restoreToPointInTime: { sourceInstanceIdentifier: 'ai-agents-prod-postgres' },
    })), 'aws_db_instance');
    expect(db.restore_to_point_in_time).toEqual({ source_db_instance_identifier: 'ai-agents-prod-postgres', use_latest_restorable_time: true });
    expect(db.snapshot_identifier).toBeUndefined();
  });

  test('a given UTC time, from a deleted instance\'s retained backups', () => {
    const db = onlyResource(synthJson((s) => build(s, {
      identifier: 'ai-agents-prod-postgres-r1',
      kmsKeyArn: SOURCE_KEY,
      restoreToPointInTime: { sourceDbiResourceId: 'db-ABCDEFGHIJKLMNOPQRSTUVWXYZ', restoreTime: '2026-11-30T23:45:00Z' },
    })), 'aws_db_instance');
    expect(db.restore_to_point_in_time).toEqual({ source_dbi_resource_id: 'db-ABCDEFGHIJKLMNOPQRSTUVWXYZ', restore_time: '2026-11-30T23:45:00Z' });
  });

  test('timestamps: RFC 3339 UTC of a real moment only', () => {
    expect(isUtcTimestamp('2026-11-30T23:45:00Z')).toBe(true);
    expect(isUtcTimestamp('2026-11-30T23:45:00.123Z')).toBe(true);
    expect(isUtcTimestamp('2026-11-30T23:45:00+01:00')).toBe(false);
    expect(isUtcTimestamp('2026-02-30T10:00:00Z')).toBe(false);
    expect(isUtcTimestamp('2026-11-30 23:45:00')).toBe(false);
  });
});

describe('HaPostgres restore validation', () => {
  const restore = (overrides: Partial<HaPostgresProps>) => () => synthJson((s) => build(s, {
    identifier: 'ai-agents-prod-postgres-r1', kmsKeyArn: SOURCE_KEY, ...overrides,
  }));
  const pitr = { sourceInstanceIdentifier: 'ai-agents-prod-postgres' };

  test('snapshot and point in time are exclusive', () => {
    expect(restore({ snapshotIdentifier: 'snap-1', restoreToPointInTime: pitr }))
      .toThrow(/snapshotIdentifier cannot be combined with restoreToPointInTime/);
  });
  test('a restore needs the source key', () => {
    expect(restore({ snapshotIdentifier: 'snap-1', kmsKeyArn: undefined })).toThrow(/kmsKeyArn must be given with a restore/);
  });
  test('names are never sent with a restore, even when given (RDS keeps the source\'s)', () => {
    const db = onlyResource(synthJson((st) => build(st, {
      identifier: 'ai-agents-prod-postgres-r1', kmsKeyArn: SOURCE_KEY, snapshotIdentifier: 'snap-1', databaseName: 'aiagents', masterUsername: 'aiagents_admin',
    })), 'aws_db_instance');
    expect(db.db_name).toBeUndefined();
    expect(db.username).toBeUndefined();
  });
  test('snapshot identifier format', () => {
    expect(restore({ snapshotIdentifier: 'my snapshot' })).toThrow(/snapshotIdentifier must be a DB snapshot identifier/);
    expect(restore({ snapshotIdentifier: 'rds:ai-agents-prod-postgres-2026-11-30-02-10' })).not.toThrow();
    expect(restore({ snapshotIdentifier: 'arn:aws:rds:us-east-1:123456789012:snapshot:awsbackup:job-0123' })).not.toThrow();
  });
  test('exactly one point-in-time source', () => {
    expect(restore({ restoreToPointInTime: {} })).toThrow(/restoreToPointInTime must name exactly one source/);
    expect(restore({ restoreToPointInTime: { ...pitr, sourceDbiResourceId: 'db-ABC' } })).toThrow(/must name exactly one source/);
  });
  test('the restored instance gets a new identifier', () => {
    expect(restore({ identifier: 'ai-agents-prod-postgres', restoreToPointInTime: pitr }))
      .toThrow(/restoreToPointInTime.sourceInstanceIdentifier must differ from the new instance's identifier/);
  });
  test('resource id format', () => {
    expect(restore({ restoreToPointInTime: { sourceDbiResourceId: 'ai-agents-prod-postgres' } }))
      .toThrow(/sourceDbiResourceId must be an RDS resource id/);
  });
  test('restore time must be UTC', () => {
    expect(restore({ restoreToPointInTime: { ...pitr, restoreTime: '2026-11-30T23:45:00+01:00' } }))
      .toThrow(/restoreTime must be an RFC 3339 timestamp in UTC/);
  });
});

describe('HaPostgres automated backups replicated to a second region', () => {
  const withDr = (replication: (dr: AwsProvider) => HaPostgresProps['backupReplication']) => synthJson((s) => {
    const dr = new AwsProvider(s, 'dr', { alias: 'dr', region: 'us-west-2' });
    build(s, { backupReplication: replication(dr) });
  });

  test('replicates to the provider\'s region with a key created there', () => {
    const json = withDr((dr) => ({ provider: dr }));
    const replication = onlyResource(json, 'aws_db_instance_automated_backups_replication');
    expect(replication).toMatchObject({ provider: 'aws.dr', retention_period: 7 });
    expect(replication.source_db_instance_arn).toMatch(/aws_db_instance\.postgres_instance_\w+\.arn/);
    const [keyId, key] = Object.entries<any>(resourcesOf(json, 'aws_kms_key')).find(([id]) => id.includes('replica-key'))!;
    expect(replication.kms_key_id).toBe(`\${aws_kms_key.${keyId}.arn}`);
    expect(key).toMatchObject({ provider: 'aws.dr', enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(Object.values<any>(resourcesOf(json, 'aws_kms_alias')).find((a) => a.name === 'alias/ai-agents-prod-postgres-backup-replica'))
      .toMatchObject({ provider: 'aws.dr' });
  });

  test('or with a given key and retention', () => {
    const drKey = 'arn:aws:kms:us-west-2:123456789012:key/11111111-2222-3333-4444-555555555555';
    const json = withDr((dr) => ({ provider: dr, kmsKeyArn: drKey, retentionDays: 14 }));
    expect(onlyResource(json, 'aws_db_instance_automated_backups_replication')).toMatchObject({ kms_key_id: drKey, retention_period: 14 });
    expect(Object.keys(resourcesOf(json, 'aws_kms_key')).some((id) => id.includes('replica-key'))).toBe(false);
  });

  test('the replication region must be another region', () => {
    expect(() => synthJson((s) => {
      build(s, { backupReplication: { provider: new AwsProvider(s, 'dr', { alias: 'dr', region: 'us-east-1' }) } });
    })).toThrow(/backupReplication.provider must be in another region than the database \('us-east-1'\)/);
  });
  test('the replication provider needs a region', () => {
    expect(() => synthJson((s) => {
      build(s, { backupReplication: { provider: new AwsProvider(s, 'dr', { alias: 'dr' }) } });
    })).toThrow(/backupReplication.provider must be an AWS provider configured with a region/);
    expect(() => synthJson((s) => {
      build(s, { backupReplication: { provider: new AwsProvider(s, 'dr', { alias: 'dr', region: 'mars-1' }) } });
    })).toThrow(/backupReplication.provider must be an AWS provider configured with a region/);
  });
  test('replication retention 1 to 35 days', () => {
    expect(() => withDr((dr) => ({ provider: dr, retentionDays: 36 }))).toThrow(/backupReplication.retentionDays must be a whole number of days from 1 to 35/);
  });
});

import { DbInstanceAutomatedBackupsReplication } from '@cdktf/provider-aws/lib/db-instance-automated-backups-replication';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { invalidProp } from '../../private/errors';
import { createManagedKey } from '../../private/kms';
import { PostgresBackupReplication, PostgresPointInTimeRestore } from '../postgres-restore';

/** The restore settings of a HaPostgres after validation. */
export interface ResolvedRestore {
  readonly snapshotIdentifier?: string;
  readonly pointInTime?: {
    sourceDbInstanceIdentifier?: string;
    sourceDbiResourceId?: string;
    restoreTime?: string;
    useLatestRestorableTime?: boolean;
  };
}

/** The restore-related props of HaPostgres, as far as this module reads them. */
export interface RestoreProps {
  readonly identifier: string;
  readonly snapshotIdentifier?: string;
  readonly restoreToPointInTime?: PostgresPointInTimeRestore;
  readonly kmsKeyArn?: string;
}

// RFC 3339 in UTC, as the provider's ValidUTCTimestamp accepts it (a `Z` offset, optional fraction).
const UTC_TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;
// A snapshot identifier (manual `name`, automated `rds:name-date`, AWS Backup `awsbackup:job-...`) or an ARN.
const SNAPSHOT_RE = /^(arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:snapshot:[A-Za-z][A-Za-z0-9:-]*|[A-Za-z][A-Za-z0-9:-]{0,254})$/;
const DBI_RESOURCE_ID_RE = /^db-[A-Z0-9]{1,255}$/;

/** True when `value` is an RFC 3339 timestamp in UTC naming a real calendar moment. */
export function isUtcTimestamp(value: string): boolean {
  const m = UTC_TIMESTAMP_RE.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
    && date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s;
}

/**
 * Validates the restore props and returns what goes into `aws_db_instance`.
 *
 * Facts this relies on (AWS provider 5.100 `aws_db_instance`, RDS API):
 * - `restore_to_point_in_time` conflicts with `snapshot_identifier`; inside it `restore_time` conflicts with
 *   `use_latest_restorable_time` and must be a UTC timestamp (provider schema, `ValidUTCTimestamp`).
 * - RestoreDBInstanceFromDBSnapshot and RestoreDBInstanceToPointInTime take no KmsKeyId and no
 *   MasterUsername: the new instance keeps the source's key, user name and database name
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html).
 *   `kms_key_id`, `username` and `db_name` force replacement in the provider, so a configured value that
 *   differs from the source's would replace the restored instance on the next plan: the key must be the
 *   source's, and the names are not sent at all (HaPostgres reads them back from the instance).
 */
export function resolveRestore(who: string, props: RestoreProps): ResolvedRestore | undefined {
  const snapshot = props.snapshotIdentifier;
  const pitr = props.restoreToPointInTime;
  if (snapshot === undefined && pitr === undefined) return undefined;
  if (snapshot !== undefined && pitr !== undefined) {
    invalidProp(who, 'snapshotIdentifier', snapshot, 'cannot be combined with restoreToPointInTime (RDS restores from one source)',
      'Give either snapshotIdentifier or restoreToPointInTime.');
  }
  if (props.kmsKeyArn === undefined) {
    invalidProp(who, 'kmsKeyArn', undefined, 'must be given with a restore: the restored instance keeps the key of its source, and a new key would replace it on the next plan',
      "Pass the source's key (for example `kmsKeyArn: source.kmsKeyArn`); to change keys, copy the snapshot with the new key first (aws rds copy-db-snapshot --kms-key-id).");
  }
  if (snapshot !== undefined) {
    if (!Token.isUnresolved(snapshot) && !SNAPSHOT_RE.test(snapshot)) {
      invalidProp(who, 'snapshotIdentifier', snapshot, 'must be a DB snapshot identifier (for example \'ai-agents-prod-postgres-final\' or \'rds:ai-agents-prod-postgres-2026-11-30-02-10\') or a snapshot ARN',
        'Copy the identifier from `aws rds describe-db-snapshots`.');
    }
    return { snapshotIdentifier: snapshot };
  }
  const p = pitr!;
  const sources = [p.sourceInstanceIdentifier, p.sourceDbiResourceId].filter((v) => v !== undefined);
  if (sources.length !== 1) {
    invalidProp(who, 'restoreToPointInTime', p, 'must name exactly one source: sourceInstanceIdentifier or sourceDbiResourceId',
      'Give sourceInstanceIdentifier when the source exists, sourceDbiResourceId when only its retained backups do.');
  }
  if (p.sourceInstanceIdentifier !== undefined && !Token.isUnresolved(p.sourceInstanceIdentifier)
    && !Token.isUnresolved(props.identifier) && p.sourceInstanceIdentifier === props.identifier) {
    invalidProp(who, 'restoreToPointInTime.sourceInstanceIdentifier', p.sourceInstanceIdentifier,
      'must differ from the new instance\'s identifier (a restore creates a new instance next to the old one)',
      "Give the restored instance a new identifier, for example '<old>-r1'.");
  }
  if (p.sourceDbiResourceId !== undefined && !Token.isUnresolved(p.sourceDbiResourceId) && !DBI_RESOURCE_ID_RE.test(p.sourceDbiResourceId)) {
    invalidProp(who, 'restoreToPointInTime.sourceDbiResourceId', p.sourceDbiResourceId, "must be an RDS resource id 'db-' followed by upper-case letters and digits",
      'Copy DbiResourceId from `aws rds describe-db-instance-automated-backups`.');
  }
  if (p.restoreTime !== undefined && !Token.isUnresolved(p.restoreTime) && !isUtcTimestamp(p.restoreTime)) {
    invalidProp(who, 'restoreToPointInTime.restoreTime', p.restoreTime, "must be an RFC 3339 timestamp in UTC, 'YYYY-MM-DDThh:mm:ssZ'",
      "Use for example '2026-11-30T23:45:00Z' (convert local times to UTC).");
  }
  return {
    pointInTime: {
      sourceDbInstanceIdentifier: p.sourceInstanceIdentifier,
      sourceDbiResourceId: p.sourceDbiResourceId,
      ...(p.restoreTime !== undefined ? { restoreTime: p.restoreTime } : { useLatestRestorableTime: true }),
    },
  };
}

/** Validates a backup replication and returns its retention. */
function resolveBackupReplication(who: string, replication: PostgresBackupReplication, databaseRegion: string | undefined): number {
  const region = replication.provider.region;
  if (region === undefined || (!Token.isUnresolved(region) && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))) {
    invalidProp(who, 'backupReplication.provider', region, 'must be an AWS provider configured with a region',
      "Create `new AwsProvider(stack, 'dr', { alias: 'dr', region: 'us-west-2' })` and pass it.");
  }
  if (databaseRegion !== undefined && !Token.isUnresolved(databaseRegion) && !Token.isUnresolved(region) && region === databaseRegion) {
    invalidProp(who, 'backupReplication.provider', region, `must be in another region than the database ('${databaseRegion}')`,
      'Use a provider for the disaster-recovery region.');
  }
  const retention = replication.retentionDays ?? 7;
  if (!Number.isInteger(retention) || retention < 1 || retention > 35) {
    invalidProp(who, 'backupReplication.retentionDays', retention, 'must be a whole number of days from 1 to 35', 'Use 7 (the default).');
  }
  return retention;
}

/** The region of the stack's default AWS provider, when it is configured literally. */
function stackRegion(scope: Construct): string | undefined {
  const stack = TerraformStack.of(scope);
  const provider = stack.node.children.find((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
  return provider?.region;
}

/**
 * Replicates an instance's automated backups to the provider's region, with the given key or a key created
 * there. RDS requires a key in the destination region for an encrypted source
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html).
 */
export function createBackupReplication(scope: Construct, who: string, replication: PostgresBackupReplication, options: {
  identifier: string; sourceArn: string; tags: { [key: string]: string }; preventDestroy: boolean;
}): { replication: DbInstanceAutomatedBackupsReplication; key?: KmsKey } {
  const retentionDays = resolveBackupReplication(who, replication, stackRegion(scope));
  let keyArn = replication.kmsKeyArn;
  let created: KmsKey | undefined;
  if (keyArn === undefined) {
    const { key, alias } = createManagedKey(scope, 'replica-key', {
      description: `RDS PostgreSQL ${options.identifier}: replicated automated backups`,
      alias: `${options.identifier}-backup-replica`,
      tags: options.tags,
      preventDestroy: options.preventDestroy,
    });
    // The key lives in the destination region: RDS there encrypts the replicated backups with it.
    key.provider = replication.provider;
    alias.provider = replication.provider;
    created = key;
    keyArn = key.arn;
  }
  const resource = new DbInstanceAutomatedBackupsReplication(scope, 'backup-replication', {
    provider: replication.provider,
    sourceDbInstanceArn: options.sourceArn,
    kmsKeyId: keyArn,
    retentionPeriod: retentionDays,
  });
  return { replication: resource, key: created };
}

/** What HaPostgres.restoredFrom says: `snapshot <id>` or `point-in-time <source> <time>`. */
export function describeRestore(restore: ResolvedRestore): string | undefined {
  if (restore.snapshotIdentifier) return `snapshot ${restore.snapshotIdentifier}`;
  const pit = restore.pointInTime;
  return pit && `point-in-time ${pit.sourceDbInstanceIdentifier ?? pit.sourceDbiResourceId} ${pit.restoreTime ?? 'latest restorable time'}`;
}

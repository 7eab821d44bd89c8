import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/**
 * Point-in-time restore of an RDS PostgreSQL instance's automated backups into a new instance
 * (Terraform `restore_to_point_in_time`). Name the source by exactly one of `sourceInstanceIdentifier`
 * (the source still exists) or `sourceDbiResourceId` (the source was deleted and its automated backups
 * were retained, which `HaPostgres` does: `delete_automated_backups = false`).
 */
export interface PostgresPointInTimeRestore {
  /**
   * Identifier of the source instance (for example `ai-agents-prod-postgres`). Must differ from the new
   * instance's `identifier`.
   * @default - none; give this or `sourceDbiResourceId`
   */
  readonly sourceInstanceIdentifier?: string;

  /**
   * Resource id (`db-...`) of the source instance, for restoring the retained automated backups of a
   * deleted instance.
   * @default - none; give this or `sourceInstanceIdentifier`
   */
  readonly sourceDbiResourceId?: string;

  /**
   * The moment to restore to, RFC 3339 in UTC (`2026-11-30T23:45:00Z`). Must lie inside the source's backup
   * retention and before its latest restorable time (RDS checks that at apply).
   * @default - the latest restorable time (`use_latest_restorable_time = true`)
   */
  readonly restoreTime?: string;
}

/**
 * Replication of an instance's automated backups (and so point-in-time recovery) to a second region
 * (`aws_db_instance_automated_backups_replication`), for a region-wide outage.
 */
export interface PostgresBackupReplication {
  /**
   * An AWS provider (with an alias) configured for the destination region. Its region must be set and
   * differ from the database's region.
   */
  readonly provider: AwsProvider;

  /**
   * KMS key (ARN) in the destination region for the replicated backups.
   * @default - a customer-managed key is created in the destination region
   */
  readonly kmsKeyArn?: string;

  /**
   * Days the replicated backups are kept, 1 to 35.
   * @default 7
   */
  readonly retentionDays?: number;
}

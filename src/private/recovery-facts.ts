/**
 * Upstream facts the recovery constructs (HaPostgres restores, DatabaseBackup) rely on, each with its source.
 * test/data/recovery-facts.test.ts checks the synthesized resources against them.
 */
export interface Fact<T> {
  readonly value: T;
  readonly source: string;
}

export const RECOVERY_FACTS = {
  /** The service principal of an AWS Backup service role and the managed policies of the default role. */
  backupServicePrincipal: {
    value: 'backup.amazonaws.com',
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html',
  } as Fact<string>,
  backupServiceRolePolicies: {
    value: ['service-role/AWSBackupServiceRolePolicyForBackup', 'service-role/AWSBackupServiceRolePolicyForRestores'],
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html',
  } as Fact<string[]>,
  /** AWS Backup does not start a database backup in the hour before, or during, its maintenance or backup window. */
  backupBlackoutMinutesBeforeWindow: {
    value: 60,
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html',
  } as Fact<number>,
  /** Backup vault names: 2-50 letters, digits, hyphens, underscores. Backup plan and selection names: at most 50. */
  backupVaultName: {
    value: /^[a-zA-Z0-9\-_]{2,50}$/,
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html',
  } as Fact<RegExp>,
  /** Restore testing plan and selection names: letters, digits and underscores, at most 50. */
  restoreTestingName: {
    value: /^[a-zA-Z0-9_]{1,50}$/,
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html',
  } as Fact<RegExp>,
  /** Protected resource type of an RDS instance in a restore testing selection. */
  restoreTestingRdsType: {
    value: 'RDS',
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html',
  } as Fact<string>,
  /** Recovery point selection algorithms of a restore testing plan. */
  restoreTestingAlgorithms: {
    value: ['LATEST_WITHIN_WINDOW', 'RANDOM_WITHIN_WINDOW'],
    source: 'https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/backup_restore_testing_plan',
  } as Fact<string[]>,
  /**
   * Restoring an RDS instance from a snapshot or to a point in time takes no KMS key and no master user name:
   * the new instance keeps the source's key, user and database name.
   */
  rdsRestoreKeepsSourceKeyAndNames: {
    value: true,
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html',
  } as Fact<boolean>,
  /** aws_db_instance: restore_to_point_in_time conflicts with snapshot_identifier; restore_time is a UTC timestamp. */
  rdsRestoreSchema: {
    value: true,
    source: 'hashicorp/terraform-provider-aws internal/service/rds/instance.go (restore_to_point_in_time: ConflictsWith snapshot_identifier, restore_time ValidUTCTimestamp)',
  } as Fact<boolean>,
};

import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupRestoreTestingPlan } from '@cdktf/provider-aws/lib/backup-restore-testing-plan';
import { BackupRestoreTestingSelection } from '@cdktf/provider-aws/lib/backup-restore-testing-selection';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultPolicy } from '@cdktf/provider-aws/lib/backup-vault-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { HaPostgres } from './ha-postgres';
import { INetwork } from '../network/network';
import { AwsContext } from '../private/aws-context';
import { invalidProp } from '../private/errors';
import { roleNameFrom } from '../private/iam-names';
import { createManagedKey } from '../private/kms';
import { RECOVERY_FACTS } from '../private/recovery-facts';
import { validateName } from '../private/validation';
import { parseDailyWindow, parseWeeklyWindow, ParsedWindow, windowsOverlap } from '../private/windows';

/** Tunables of `DatabaseBackup`, also accepted by `ProductionEksPlatform` (`databaseBackup`). */
export interface DatabaseBackupOptions {
  /**
   * When AWS Backup snapshots the database, an EventBridge cron expression in UTC. A daily
   * `cron(M H * * ? *)` is checked: its one-hour start window must not begin within an hour before, or
   * during, the instance's backup or maintenance window (AWS Backup does not start RDS jobs then).
   * @default - daily, at the first full hour at least an hour after the instance's backup window ends that is clear of both windows (05:00 UTC for HaPostgres defaults)
   */
  readonly scheduleExpression?: string;

  /**
   * Days each daily recovery point is kept, 7 to 36500. These snapshots are in addition to the instance's
   * own automated backups (`backupRetentionDays`, point-in-time recovery) and survive the instance.
   * @default 35
   */
  readonly retentionDays?: number;

  /**
   * Restore the newest recovery point on a schedule into a throw-away instance (AWS Backup restore testing):
   * the guide's weekly "test database backup/restore procedure", automated. Setting false loses the
   * weekly proof that the backups can be restored.
   * @default true
   */
  readonly restoreTesting?: boolean;

  /**
   * When the restore test runs, an EventBridge cron expression in UTC.
   * @default 'cron(0 6 ? * SAT *)' (Saturdays 06:00 UTC)
   */
  readonly restoreTestScheduleExpression?: string;

  /**
   * Hours the restored test instance is kept for checks (yours, or a validation hook that reports with
   * `aws backup put-restore-validation-result`) before AWS Backup deletes it, 1 to 168.
   * @default 4
   */
  readonly restoreTestValidationWindowHours?: number;

  /**
   * KMS key (ARN) of the backup vault.
   * @default - a customer-managed key is created
   */
  readonly kmsKeyArn?: string;

  /**
   * Keep Terraform from destroying the vault and its key (`prevent_destroy`). Setting false lets
   * `terraform destroy` delete the vault once it is empty and schedule its key for deletion (AWS Backup
   * refuses to delete a vault that still holds recovery points).
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * Tags for every resource of the construct.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/** Props of `DatabaseBackup`. */
export interface DatabaseBackupProps extends DatabaseBackupOptions {
  /** Name prefix of the vault, plan and role. Lower-case letters, digits and hyphens. */
  readonly name: string;
  /** The database to back up. */
  readonly database: HaPostgres;
  /** The database's network: the restore test lands in its database subnet group. */
  readonly network: INetwork;
}

const CRON_RE = /^cron\((\S+\s+){5}\S+\)$/;
const DAILY_CRON_RE = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/;
/** AWS Backup's default start window for a rule; the plan below uses it too. */
const START_WINDOW_MINUTES = 60;

/**
 * Which of the database's windows a daily schedule collides with: AWS Backup does not start a backup of a
 * database in the hour before or during its maintenance or backup window
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html).
 */
function scheduleClash(schedule: string, db: HaPostgres): string | undefined {
  const m = DAILY_CRON_RE.exec(schedule);
  if (!m || Token.isUnresolved(db.backupWindow) || Token.isUnresolved(db.maintenanceWindow)) return undefined;
  const start = Number(m[2]) * 60 + Number(m[1]);
  const job: ParsedWindow = { start, minutes: START_WINDOW_MINUTES, period: 1440 };
  const before = RECOVERY_FACTS.backupBlackoutMinutesBeforeWindow.value;
  const padded = (w: ParsedWindow | undefined): ParsedWindow | undefined => w && ({
    start: (w.start - before + w.period) % w.period, minutes: w.minutes + before, period: w.period,
  });
  const backup = padded(parseDailyWindow(db.backupWindow));
  if (backup && windowsOverlap(job, backup)) return `backup window '${db.backupWindow}'`;
  const maintenance = padded(parseWeeklyWindow(db.maintenanceWindow));
  if (maintenance && windowsOverlap(job, maintenance)) return `maintenance window '${db.maintenanceWindow}'`;
  return undefined;
}

/** Daily, on the first full hour at least an hour after the backup window ends that clashes with neither window. */
function defaultSchedule(db: HaPostgres): string {
  const backup = Token.isUnresolved(db.backupWindow) ? undefined : parseDailyWindow(db.backupWindow);
  const first = backup ? Math.ceil((backup.start + backup.minutes + 60) / 60) : 5;
  for (let i = 0; i < 24; i++) {
    const candidate = `cron(0 ${(first + i) % 24} * * ? *)`;
    if (!scheduleClash(candidate, db)) return candidate;
  }
  return 'cron(0 5 * * ? *)';
}


/**
 * AWS Backup for a `HaPostgres`: a vault encrypted with a customer-managed key whose access policy denies
 * deleting recovery points or shortening their lifecycle, a daily backup plan, a selection of the
 * database, and a weekly restore testing plan that restores the newest recovery point into the isolated
 * database subnets (behind a security group that admits nothing) and lets AWS Backup delete it after the
 * validation window.
 *
 * Why a vault access policy and no vault lock: a compliance-mode lock cannot be removed once its grace time
 * ends (not even by the account root), which is a decision for the owner of the data, not a library
 * default; the policy stops every principal, scripts included, from deleting recovery points, and only an
 * explicit policy change (a reviewed Terraform change) lifts it.
 *
 * RDS recovery points are RDS snapshots encrypted with the database's own key; the vault key encrypts the
 * vault and the resource types AWS Backup manages fully
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html).
 */
export class DatabaseBackup extends Construct {
  /** The backup vault. */
  public readonly vault: BackupVault;
  /** The vault's access policy (denies deleting recovery points). */
  public readonly vaultPolicy: BackupVaultPolicy;
  /** The key created for the vault, when no `kmsKeyArn` was given. */
  public readonly kmsKey?: KmsKey;
  /** ARN of the vault's key. */
  public readonly kmsKeyArn: string;
  /** The daily backup plan. */
  public readonly plan: BackupPlan;
  /** The selection of the database in the plan. */
  public readonly selection: BackupSelection;
  /** The role AWS Backup assumes to back up, restore and restore-test. */
  public readonly role: IamRole;
  /** The restore testing plan, unless `restoreTesting` is false. */
  public readonly restoreTestingPlan?: BackupRestoreTestingPlan;
  /** The restore testing selection of the database, unless `restoreTesting` is false. */
  public readonly restoreTestingSelection?: BackupRestoreTestingSelection;
  /** Security group of restored test instances: no ingress, no egress. */
  public readonly restoreTestSecurityGroup?: SecurityGroup;
  /** Name of the backup vault. */
  public readonly vaultName: string;
  /** Name of the restore testing plan, when there is one. */
  public readonly restoreTestingPlanName?: string;
  /** Days each recovery point is kept. */
  public readonly retentionDays: number;

  /** @param props name, database, network and schedules of the backups */
  constructor(scope: Construct, id: string, props: DatabaseBackupProps) {
    super(scope, id);
    const who = `DatabaseBackup '${id}'`;
    const name = props.name;
    validateName(who, name);
    const db = props.database;
    const schedule = props.scheduleExpression ?? defaultSchedule(db);
    const testSchedule = props.restoreTestScheduleExpression ?? 'cron(0 6 ? * SAT *)';
    for (const [prop, value] of [['scheduleExpression', schedule], ['restoreTestScheduleExpression', testSchedule]]) {
      if (!Token.isUnresolved(value) && !CRON_RE.test(value)) {
        invalidProp(who, prop, value, "must be an EventBridge cron expression with six fields, 'cron(min hour day-of-month month day-of-week year)'",
          "Use for example 'cron(0 5 * * ? *)' (daily 05:00 UTC).");
      }
    }
    const retention = props.retentionDays ?? 35;
    if (!Number.isInteger(retention) || retention < 7 || retention > 36500) {
      invalidProp(who, 'retentionDays', retention, 'must be a whole number of days from 7 to 36500', 'Use 35 (the default).');
    }
    this.retentionDays = retention;
    const validationHours = props.restoreTestValidationWindowHours ?? 4;
    if (!Number.isInteger(validationHours) || validationHours < 1 || validationHours > 168) {
      invalidProp(who, 'restoreTestValidationWindowHours', validationHours, 'must be a whole number of hours from 1 to 168',
        'Use 4 (the default).');
    }
    const preventDestroy = props.preventDestroy ?? true;
    const lifecycle = preventDestroy ? { preventDestroy: true } : undefined;
    const tags = (extra: { [key: string]: string }) => ({ ...props.tags, ...extra });
    const ctx = AwsContext.of(this);
    const clash = scheduleClash(schedule, db);
    if (clash) {
      invalidProp(who, 'scheduleExpression', schedule, `must not start within an hour before or during the database's ${clash} (AWS Backup does not start RDS jobs then)`,
        `Leave scheduleExpression unset (a clear hour is chosen: '${defaultSchedule(db)}') or move it.`);
    }

    // --- Vault, encrypted with a customer-managed key; recovery points cannot be deleted early.
    if (props.kmsKeyArn) {
      this.kmsKeyArn = props.kmsKeyArn;
    } else {
      const { key } = createManagedKey(this, 'key', {
        description: `AWS Backup vault of ${db.identifier}`,
        alias: `${name}-db-backup`,
        tags: tags({ Name: `${name}-db-backup` }),
        preventDestroy,
      });
      this.kmsKey = key;
      this.kmsKeyArn = key.arn;
    }
    this.vaultName = `${name}-db`;
    this.vault = new BackupVault(this, 'vault', {
      name: this.vaultName,
      kmsKeyArn: this.kmsKeyArn,
      forceDestroy: false,
      tags: tags({ Name: this.vaultName }),
      lifecycle,
    });
    this.vaultPolicy = new BackupVaultPolicy(this, 'vault-policy', {
      backupVaultName: this.vault.name,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'DenyDeletingRecoveryPoints',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
          Resource: '*',
        }],
      }),
    });

    // --- The role AWS Backup assumes for backups, restores and restore tests.
    this.role = new IamRole(this, 'role', {
      name: roleNameFrom(name, 'db-backup'),
      description: `AWS Backup: back up, restore and restore-test ${db.identifier}`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: RECOVERY_FACTS.backupServicePrincipal.value }, Action: 'sts:AssumeRole' }],
      }),
      tags: tags({ Name: `${name}-db-backup` }),
    });
    const attachments = RECOVERY_FACTS.backupServiceRolePolicies.value.map((policy, i) => new IamRolePolicyAttachment(this, `role-policy-${i}`, {
      role: this.role.name,
      policyArn: `arn:${ctx.partition}:iam::aws:policy/${policy}`,
    }));

    // --- Daily plan and the database's selection.
    this.plan = new BackupPlan(this, 'plan', {
      name: `${name}-db-daily`,
      rule: [{
        ruleName: 'daily',
        targetVaultName: this.vault.name,
        schedule,
        startWindow: START_WINDOW_MINUTES,
        completionWindow: 480,
        lifecycle: { deleteAfter: retention },
        recoveryPointTags: tags({ Name: `${db.identifier}-backup` }),
      }],
      tags: tags({ Name: `${name}-db-daily` }),
    });
    this.selection = new BackupSelection(this, 'selection', {
      name: `${name}-postgres`,
      planId: this.plan.id,
      iamRoleArn: this.role.arn,
      resources: [db.instance.arn],
      dependsOn: attachments,
    });

    // --- Weekly restore test of the newest recovery point, into the isolated database subnets.
    if (props.restoreTesting ?? true) {
      this.restoreTestSecurityGroup = new SecurityGroup(this, 'restore-test-security-group', {
        name: `${name}-db-restore-test`,
        description: `Restore tests of ${db.identifier}: no ingress, no egress`,
        vpcId: props.network.vpcId,
        tags: tags({ Name: `${name}-db-restore-test` }),
      });
      // Restore testing names allow letters, digits and underscores only.
      const planName = `${name.replace(/-/g, '_')}_db_restore_test`.slice(0, 50);
      this.restoreTestingPlanName = planName;
      this.restoreTestingPlan = new BackupRestoreTestingPlan(this, 'restore-testing-plan', {
        name: planName,
        scheduleExpression: testSchedule,
        scheduleExpressionTimezone: 'Etc/UTC',
        startWindowHours: 24,
        recoveryPointSelection: [{
          algorithm: 'LATEST_WITHIN_WINDOW',
          includeVaults: [this.vault.arn],
          recoveryPointTypes: ['SNAPSHOT'],
          selectionWindowDays: 7,
        }],
        tags: tags({ Name: planName }),
      });
      this.restoreTestingSelection = new BackupRestoreTestingSelection(this, 'restore-testing-selection', {
        name: 'postgres_latest',
        restoreTestingPlanName: this.restoreTestingPlan.name,
        protectedResourceType: RECOVERY_FACTS.restoreTestingRdsType.value,
        protectedResourceArns: [db.instance.arn],
        iamRoleArn: this.role.arn,
        // Without these AWS Backup infers the default VPC's subnets and security group.
        restoreMetadataOverrides: {
          dbSubnetGroupName: props.network.dbSubnetGroupName,
          vpcSecurityGroupIds: `["${this.restoreTestSecurityGroup.id}"]`,
        },
        validationWindowHours: validationHours,
        dependsOn: attachments,
      });
    }
  }
}

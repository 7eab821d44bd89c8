import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbEventSubscription } from '@cdktf/provider-aws/lib/db-event-subscription';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbInstanceAutomatedBackupsReplication } from '@cdktf/provider-aws/lib/db-instance-automated-backups-replication';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { RDS_INSTANCE_EVENT_CATEGORIES } from './event-facts';
import { PostgresLoggingOptions } from './postgres-logging';
import { PostgresBackupReplication, PostgresPointInTimeRestore } from './postgres-restore';
import { INetwork } from '../network/network';
import { ownPolicyResources } from '../policy/prop-hints';
import { AwsContext } from '../private/aws-context';
import { invalidProp } from '../private/errors';
import { roleNameFrom } from '../private/iam-names';
import { createManagedKey, logsKeyGrant } from '../private/kms';
import { createLogGroup } from '../private/log-group';
import { serviceTrustPolicy } from '../private/trust-policy';
import { postgresParameters } from './private/postgres-parameters';
import { createBackupReplication, describeRestore, resolveRestore } from './private/postgres-restore';
import { resolvePostgresSettings } from './private/postgres-settings';

/**
 * A PostgreSQL engine version for RDS.
 *
 * A major version alone (`16`) lets RDS pick the default minor and apply later minors in the maintenance
 * window (`auto_minor_version_upgrade`) without Terraform drift. A pinned minor (`16.9`) is honoured
 * exactly, but once RDS upgrades the minor, Terraform shows a diff until the code catches up.
 */
export class PostgresEngineVersion {
  /** PostgreSQL 16, latest minor RDS offers. Minors follow automatically. */
  public static readonly V16 = new PostgresEngineVersion('16');
  /** PostgreSQL 16.8, pinned. */
  public static readonly V16_8 = new PostgresEngineVersion('16.8');
  /** PostgreSQL 16.9, pinned. */
  public static readonly V16_9 = new PostgresEngineVersion('16.9');

  /** Any RDS PostgreSQL version, such as `16.10` or `17`. */
  public static of(version: string): PostgresEngineVersion {
    return new PostgresEngineVersion(version);
  }

  /** The major version (`16` for `16.9`). */
  public readonly majorVersion: string;

  /** @param version the RDS engine version, `MAJOR` or `MAJOR.MINOR` (for example `16` or `16.9`) */
  private constructor(public readonly version: string) {
    if (!/^\d{2}(\.\d{1,2})?$/.test(version)) {
      invalidProp('PostgresEngineVersion', 'version', version, "must be 'MAJOR' or 'MAJOR.MINOR'", "Use for example '16' or '16.9'.");
    }
    this.majorVersion = version.split('.')[0];
  }
}

/** Tunables of `HaPostgres`, also accepted as pass-through props by `ProductionEksPlatform`. */
export interface HaPostgresOptions {
  /**
   * RDS instance identifier.
   * @default `<name>-postgres`
   */
  readonly identifier?: string;

  /**
   * PostgreSQL version.
   * @default PostgresEngineVersion.V16
   */
  readonly engineVersion?: PostgresEngineVersion;

  /**
   * Instance class (primary and standby alike).
   * @default 'db.t3.medium'
   */
  readonly instanceClass?: string;

  /**
   * Initial gp3 storage in GiB (20 to 65536).
   * @default 100
   */
  readonly allocatedStorageGiB?: number;

  /**
   * Storage autoscaling ceiling in GiB. Must be greater than `allocatedStorageGiB`.
   * @default - 1000, or twice `allocatedStorageGiB` when that is more (at most 65536)
   */
  readonly maxAllocatedStorageGiB?: number;

  /**
   * Name of the database created with the instance.
   * @default - `name` with hyphens as underscores (`payments-staging` gives `payments_staging`)
   */
  readonly databaseName?: string;

  /**
   * Master user name. Its password is generated and kept by RDS in Secrets Manager, never in Terraform.
   * @default - `<name with hyphens as underscores>_admin` (`payments_staging_admin`)
   */
  readonly masterUsername?: string;

  /**
   * The database role the application logs in as, with IAM tokens. Terraform does not create it: the
   * `TenantIsolationSchema.sql({ appRoleName: db.appRoleName })` script does. `iamConnectPolicyJson()` and the
   * generated verification commands and runbook use this name.
   * @default - `<name with hyphens as underscores>_app` (`payments_staging_app`)
   */
  readonly appRoleName?: string;

  /**
   * Days of automated backups (point-in-time recovery), 7 to 35. The production baseline asks for 30 or more:
   * below 30 fails rule PB-RET-001 of `ProductionBaseline` (which `ProductionEksPlatform` applies) unless
   * acknowledged; below 7 is refused here in any case.
   * @default 30
   */
  readonly backupRetentionDays?: number;

  /**
   * Daily backup window, `hh:mm-hh:mm` UTC, at least 30 minutes. Must not overlap `maintenanceWindow`.
   * @default '02:00-03:00'
   */
  readonly backupWindow?: string;

  /**
   * Weekly maintenance window, `ddd:hh:mm-ddd:hh:mm` UTC, at least 30 minutes.
   * @default 'sun:04:00-sun:05:00'
   */
  readonly maintenanceWindow?: string;

  /**
   * KMS key (ARN) for storage, Performance Insights, the master user secret and the log groups. Its policy
   * must let CloudWatch Logs use it.
   * @default - a customer-managed key is created
   */
  readonly kmsKeyArn?: string;

  /**
   * Enhanced Monitoring interval in seconds: 1, 5, 10, 15, 30 or 60.
   * @default 60
   */
  readonly monitoringIntervalSeconds?: number;

  /**
   * Retention of the PostgreSQL and upgrade log groups, in days (at least 90).
   * @default 90
   */
  readonly logRetentionDays?: number;

  /**
   * Extra parameters for the construct's parameter group. `rds.force_ssl` cannot be turned off.
   * @default - only `rds.force_ssl = 1`
   */
  readonly parameters?: { [key: string]: string };

  /**
   * What the server log records (slow statements, connections, disconnections, lock waits, temporary files,
   * autovacuum runs) and the thresholds. Set in the parameter group, applied without a reboot.
   * @default - all on: statements of 1000 ms or more, lock waits, temporary files of 10240 KiB or more,
   * autovacuum runs of 5000 ms or more, every connection and disconnection
   */
  readonly logging?: PostgresLoggingOptions;

  /**
   * Allow RDS to perform a major version upgrade when `engineVersion` names a new major.
   * @default false
   */
  readonly allowMajorVersionUpgrade?: boolean;

  /**
   * Keep Terraform from destroying the instance, its key and its log groups (`prevent_destroy`). Setting false
   * lets `terraform destroy` delete them (deletion protection on the instance still stays on: see
   * `deletionProtection`).
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * RDS deletion protection: the instance cannot be deleted by any tool (console, CLI, Terraform) while it is
   * on. Setting false lets anyone allowed to call `rds:DeleteDBInstance` delete the database (a final snapshot
   * is still taken); do it only in the reviewed change that decommissions the database.
   * @default true
   */
  readonly deletionProtection?: boolean;

  /**
   * SNS topic (ARN) that receives the instance's RDS events (failover, failure, low storage, maintenance,
   * notification and the other instance categories) through an RDS event subscription. The topic's key must
   * let `events.rds.amazonaws.com` use it (`NotificationTopic` does).
   * @default - no event subscription
   */
  readonly notificationTopicArn?: string;

  /**
   * Create the instance from this DB snapshot (identifier or ARN of a manual, automated or AWS Backup
   * snapshot) instead of empty. A restore is a NEW instance: give it a new `identifier`, keep the old one
   * until clients have switched (README "Restore"). Requires `kmsKeyArn` (the snapshot's key, which the
   * restored instance keeps); the database and master user names come from the snapshot (`databaseName`
   * and `masterUsername` are not sent, and the construct's attributes read the restored values). Encryption, Multi-AZ, backups, deletion protection and the managed master secret are applied as
   * for a new instance. The snapshot must be encrypted (copy an unencrypted one with a key first) and
   * `engineVersion` must name its major version (the parameter group family follows it). Setting it on an
   * existing instance replaces it (UpgradeSafety reports that).
   * @default - a new, empty database
   */
  readonly snapshotIdentifier?: string;

  /**
   * Create the instance as a point-in-time restore of another instance's automated backups (latest
   * restorable time or a given UTC moment). Same rules as `snapshotIdentifier`, with which it cannot be
   * combined; the new `identifier` must differ from the source's.
   * @default - a new, empty database
   */
  readonly restoreToPointInTime?: PostgresPointInTimeRestore;

  /**
   * Replicate the automated backups (point-in-time recovery) to a second region, encrypted with a key there.
   * @default - backups stay in the database's region
   */
  readonly backupReplication?: PostgresBackupReplication;

  /**
   * Tags for every resource of the construct.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/** Props of `HaPostgres`. */
export interface HaPostgresProps extends HaPostgresOptions {
  /**
   * Name prefix (the instance identifier defaults to `<name>-postgres`). Lower-case letters, digits and hyphens.
   */
  readonly name: string;

  /** The network: the instance goes into its database subnet group, the security group into its VPC. */
  readonly network: INetwork;

  /**
   * Security groups (of the cluster nodes) allowed to connect on port 5432. Nothing else is admitted.
   * Must not be empty: a database no client can reach is a mistake; add more sources later through
   * `securityGroupId` if needed.
   */
  readonly allowedSecurityGroupIds: string[];
}

/** The RDS CA current at the time of writing (RSA 2048, valid to 2061). */
const CA_CERT = 'rds-ca-rsa2048-g1';

/**
 * Highly available RDS PostgreSQL (the guide's AC3): a Multi-AZ instance (primary and synchronous standby
 * with automatic failover) in the database subnets, reachable on 5432 only from the given security groups,
 * never public. Storage, Performance Insights, logs and the master secret are encrypted with a
 * customer-managed key; TLS is enforced; the master password is generated and rotated by RDS in Secrets
 * Manager (no password in Terraform); IAM database authentication is on. Backups are kept 30 days, a final
 * snapshot is taken on deletion, and deletion protection is on.
 */
export class HaPostgres extends Construct {
  /** The Multi-AZ RDS PostgreSQL instance (escape hatch to the underlying `aws_db_instance` resource). */
  public readonly instance: DbInstance;
  /** DB parameter group of the instance (`rds.force_ssl` on, the logging parameters, plus any extra parameters). */
  public readonly parameterGroup: DbParameterGroup;
  /** Security group of the instance: 5432 from the allowed security groups only, no egress. */
  public readonly securityGroup: SecurityGroup;
  /** ID of the instance's security group. Add ingress rules to it to admit more clients. */
  public readonly securityGroupId: string;
  /** The key created for the database, when no `kmsKeyArn` was given. */
  public readonly kmsKey?: KmsKey;
  /** ARN of the key that encrypts storage, Performance Insights, the secret and the logs. */
  public readonly kmsKeyArn: string;
  /** IAM role RDS Enhanced Monitoring uses to publish OS metrics. */
  public readonly monitoringRole: IamRole;
  /** The `postgresql` and `upgrade` log groups, created before the instance so RDS adopts them. */
  public readonly logGroups: CloudwatchLogGroup[];
  /** RDS instance identifier. */
  public readonly identifier: string;
  /** `address:port`. */
  public readonly endpoint: string;
  /** DNS name of the instance (follows the primary on failover). */
  public readonly address: string;
  /** Port the database listens on (5432). */
  public readonly port: number;
  /** Name of the database created on the instance. */
  public readonly databaseName: string;
  /** Name of the master user (its password is managed by RDS in Secrets Manager). */
  public readonly masterUsername: string;
  /** The database role the application logs in as with IAM tokens (see the `appRoleName` prop). */
  public readonly appRoleName: string;
  /** ARN of the Secrets Manager secret in which RDS keeps the master user's credentials. */
  public readonly masterUserSecretArn: string;
  /** Daily automated backup window, `hh:mm-hh:mm` UTC. */
  public readonly backupWindow: string;
  /** Weekly maintenance window, `ddd:hh:mm-ddd:hh:mm` UTC. */
  public readonly maintenanceWindow: string;
  /** Where the instance's data came from: `snapshot <id>`, `point-in-time <source> <time>`, or undefined for a new database. */
  public readonly restoredFrom?: string;
  /** The cross-region replication of the automated backups, when `backupReplication` was given. */
  public readonly backupReplication?: DbInstanceAutomatedBackupsReplication;
  /** The key created in the replication region, when `backupReplication` gave none. */
  public readonly backupReplicationKey?: KmsKey;
  /** Initial storage in GiB (storage autoscaling may grow it up to the ceiling). */
  public readonly allocatedStorageGiB: number;
  /** The RDS event subscription, when `notificationTopicArn` was given. */
  public readonly eventSubscription?: DbEventSubscription;

  /**
   * @param props name, network, allowed clients, engine version, sizing and backup settings of the database
   */
  constructor(scope: Construct, id: string, props: HaPostgresProps) {
    super(scope, id);
    ownPolicyResources(this, 'HaPostgres'); // findings on its resources name its props
    const who = `HaPostgres '${id}'`;
    // Defaults and validation (postgres-settings.ts); names come from `name`, never from the guide's (`aiagents`).
    const settings = resolvePostgresSettings(who, props);
    const { identifier, instanceClass, databaseName, masterUsername, appRoleName, backupWindow, maintenanceWindow } = settings;
    this.identifier = identifier;
    this.backupWindow = backupWindow;
    this.maintenanceWindow = maintenanceWindow;
    const engine = props.engineVersion ?? PostgresEngineVersion.V16;
    const restore = resolveRestore(who, { ...props, identifier });
    const parameters = postgresParameters(who, props.parameters, props.logging); // TLS forced, server log settings

    const preventDestroy = props.preventDestroy ?? true;
    const lifecycle = preventDestroy ? { preventDestroy: true } : undefined;
    const tags = (extra: { [key: string]: string }) => ({ ...props.tags, ...extra });
    const ctx = AwsContext.of(this);

    // --- Key: one customer-managed key for storage, Performance Insights, the master secret and the logs.
    if (props.kmsKeyArn) {
      this.kmsKeyArn = props.kmsKeyArn;
    } else {
      const { key } = createManagedKey(this, 'key', {
        description: `RDS PostgreSQL ${identifier}: storage, Performance Insights, master secret, logs`,
        alias: `${identifier}`,
        grants: [logsKeyGrant(this)],
        tags: tags({ Name: identifier }),
        preventDestroy,
      });
      this.kmsKey = key;
      this.kmsKeyArn = key.arn;
    }

    // --- Log groups first: RDS would otherwise create never-expiring, unencrypted ones on first export.
    const logTypes = ['postgresql', 'upgrade'];
    this.logGroups = logTypes.map((t) => createLogGroup(this, `log-group-${t}`, {
      name: `/aws/rds/instance/${identifier}/${t}`,
      kmsKeyArn: this.kmsKeyArn,
      retentionDays: settings.logRetentionDays,
      tags: tags({ Name: `${identifier}-${t}` }),
      preventDestroy,
    }));

    // --- Network: own security group, 5432 from the given groups only, no egress (the database starts no connections).
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${identifier}-db`,
      description: `PostgreSQL ${identifier}: 5432 from the allowed security groups only`,
      vpcId: props.network.vpcId,
      tags: tags({ Name: `${identifier}-db` }),
    });
    this.securityGroupId = this.securityGroup.id;
    props.allowedSecurityGroupIds.forEach((sg, i) => new VpcSecurityGroupIngressRule(this, `ingress-${i}`, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: sg,
      ipProtocol: 'tcp',
      fromPort: 5432,
      toPort: 5432,
      description: 'PostgreSQL from an allowed security group',
      tags: tags({ Name: `${identifier}-db-ingress-${i + 1}` }),
    }));

    // --- Parameters: TLS required for every connection; the server log records what an incident needs.
    const family = `postgres${engine.majorVersion}`;
    this.parameterGroup = new DbParameterGroup(this, 'parameter-group', {
      name: `${identifier}-${family}`,
      family,
      description: `PostgreSQL ${identifier}: TLS required`,
      parameter: parameters,
      tags: tags({ Name: `${identifier}-${family}` }),
      lifecycle: { createBeforeDestroy: true }, // a family change creates the new group before detaching the old
    });

    // --- Enhanced Monitoring role.
    this.monitoringRole = new IamRole(this, 'monitoring-role', {
      // IAM role names stop at 64 characters; identifiers may have 63.
      name: roleNameFrom(identifier, 'monitoring'),
      description: `Enhanced Monitoring for RDS ${identifier}`,
      assumeRolePolicy: serviceTrustPolicy('monitoring.rds.amazonaws.com', ctx.accountId),
      tags: tags({ Name: `${identifier}-monitoring` }),
    });
    const monitoringPolicy = new IamRolePolicyAttachment(this, 'monitoring-policy', {
      role: this.monitoringRole.name,
      policyArn: `arn:${ctx.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });

    // --- The instance.
    this.instance = new DbInstance(this, 'instance', {
      identifier,
      engine: 'postgres',
      engineVersion: engine.version,
      instanceClass,
      multiAz: true,
      dbSubnetGroupName: props.network.dbSubnetGroupName,
      vpcSecurityGroupIds: [this.securityGroup.id],
      publiclyAccessible: false,
      port: 5432,
      // A restore keeps the source's database and user names (setting them would force a replacement).
      dbName: restore ? undefined : databaseName,
      username: restore ? undefined : masterUsername,
      snapshotIdentifier: restore?.snapshotIdentifier,
      restoreToPointInTime: restore?.pointInTime,
      manageMasterUserPassword: true, // RDS generates and rotates it in Secrets Manager; Terraform never sees it
      masterUserSecretKmsKeyId: this.kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      parameterGroupName: this.parameterGroup.name,
      caCertIdentifier: CA_CERT,
      storageType: 'gp3',
      allocatedStorage: settings.allocatedStorageGiB,
      maxAllocatedStorage: settings.maxAllocatedStorageGiB,
      storageEncrypted: true,
      kmsKeyId: this.kmsKeyArn,
      backupRetentionPeriod: settings.backupRetentionDays,
      backupWindow,
      maintenanceWindow,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false, // backups outlive an accidental delete for their retention period
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final`,
      deletionProtection: props.deletionProtection ?? true,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: props.allowMajorVersionUpgrade ?? false,
      applyImmediately: false,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: this.kmsKeyArn,
      performanceInsightsRetentionPeriod: 7,
      monitoringInterval: settings.monitoringIntervalSeconds,
      monitoringRoleArn: this.monitoringRole.arn,
      enabledCloudwatchLogsExports: logTypes,
      tags: tags({ Name: identifier }),
      dependsOn: [...this.logGroups, monitoringPolicy],
      lifecycle,
    });
    // For the generated runbook, which reads only the synthesized JSON (Terraform ignores `//` keys).
    this.instance.addOverride('//.application_role', appRoleName);

    this.address = this.instance.address;
    this.port = this.instance.port;
    this.endpoint = this.instance.endpoint;
    this.databaseName = restore ? this.instance.dbName : databaseName;
    this.masterUsername = restore ? this.instance.username : masterUsername;
    this.appRoleName = appRoleName;
    this.masterUserSecretArn = this.instance.masterUserSecret.get(0).secretArn;
    this.restoredFrom = restore && describeRestore(restore);

    // --- Optional: automated backups replicated to a second region, encrypted with a key there.
    if (props.backupReplication) {
      const replica = createBackupReplication(this, who, props.backupReplication, {
        identifier, sourceArn: this.instance.arn, tags: tags({ Name: `${identifier}-backup-replica` }), preventDestroy,
      });
      this.backupReplication = replica.replication;
      this.backupReplicationKey = replica.key;
    }

    this.allocatedStorageGiB = settings.allocatedStorageGiB;

    // --- Events: failover, failure, low storage, maintenance... to the environment's topic.
    if (props.notificationTopicArn) {
      this.eventSubscription = new DbEventSubscription(this, 'events', {
        name: `${identifier}-events`,
        snsTopic: props.notificationTopicArn,
        sourceType: 'db-instance',
        sourceIds: [identifier],
        eventCategories: [...RDS_INSTANCE_EVENT_CATEGORIES.categories],
        enabled: true,
        tags: tags({ Name: `${identifier}-events` }),
        dependsOn: [this.instance],
      });
    }
  }

  /**
   * An IAM policy document (JSON) that lets a principal log in to this instance as database user `dbUser`
   * with an IAM authentication token (`rds-db:connect`). The user must exist and be granted `rds_iam`.
   * @param dbUser the database user; defaults to `appRoleName`
   */
  public iamConnectPolicyJson(dbUser?: string): string {
    dbUser = dbUser ?? this.appRoleName;
    const ctx = AwsContext.of(this);
    return JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: 'rds-db:connect',
        Resource: ctx.arn('rds-db', `dbuser:${this.instance.resourceId}/${dbUser}`),
      }],
    });
  }
}

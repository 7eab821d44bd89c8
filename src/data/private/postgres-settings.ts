import { Token } from 'cdktf';
import { invalidProp } from '../../private/errors';
import { DEFAULT_LOG_RETENTION_DAYS, validateLogRetention } from '../../private/log-group';
import { validateAllowedSecurityGroups, validateName } from '../../private/validation';
import { parseDailyWindow, parseWeeklyWindow, windowsOverlap } from '../../private/windows';

/**
 * The HaPostgres props resolved here (HaPostgresProps has them all; declared here so this file does not import
 * the construct back).
 */
export interface PostgresSettingsProps {
  readonly name: string;
  readonly identifier?: string;
  readonly allowedSecurityGroupIds: string[];
  readonly instanceClass?: string;
  readonly allocatedStorageGiB?: number;
  readonly maxAllocatedStorageGiB?: number;
  readonly databaseName?: string;
  readonly masterUsername?: string;
  readonly appRoleName?: string;
  readonly backupRetentionDays?: number;
  readonly backupWindow?: string;
  readonly maintenanceWindow?: string;
  readonly monitoringIntervalSeconds?: number;
  readonly logRetentionDays?: number;
}

/** HaPostgres' settings after defaults and validation: what its resources are built from. */
export interface PostgresSettings {
  readonly identifier: string;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly appRoleName: string;
  readonly backupRetentionDays: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly monitoringIntervalSeconds: number;
  readonly logRetentionDays: number;
}

const IDENTIFIER_RE = /^[a-z](?!.*--)[a-z0-9-]{0,61}[a-z0-9]$/;
const PG_NAME_RE = /^[a-z][a-z0-9_]{0,62}$/;
const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];

/** The default database, master user and application role of an environment `name` (hyphens become underscores). */
export function postgresNames(name: string): { databaseName: string; masterUsername: string; appRoleName: string } {
  const base = name.replace(/-/g, '_');
  return { databaseName: base, masterUsername: `${base}_admin`, appRoleName: `${base}_app` };
}

/** Applies HaPostgres' defaults and refuses what is never safe or never valid, naming the prop. */
export function resolvePostgresSettings(who: string, props: PostgresSettingsProps): PostgresSettings {
  const name = props.name;
  validateName(who, name);
  const identifier = props.identifier ?? `${name}-postgres`;
  if (!Token.isUnresolved(identifier) && !IDENTIFIER_RE.test(identifier)) {
    invalidProp(who, 'identifier', identifier,
      'must be 2-63 lower-case letters, digits or single hyphens, starting with a letter and not ending with a hyphen',
      "Use an identifier like 'ai-agents-prod-postgres'.");
  }
  const allowed = props.allowedSecurityGroupIds;
  validateAllowedSecurityGroups(who, allowed);
  const instanceClass = props.instanceClass ?? 'db.t3.medium';
  if (!Token.isUnresolved(instanceClass) && !/^db\.[a-z0-9-]+\.[a-z0-9]+$/.test(instanceClass)) {
    invalidProp(who, 'instanceClass', instanceClass, "must be an RDS instance class such as 'db.t3.medium'",
      "Start the class with 'db.' (for example 'db.r6g.large').");
  }
  const allocated = props.allocatedStorageGiB ?? 100;
  if (!Number.isInteger(allocated) || allocated < 20 || allocated > 65536) {
    invalidProp(who, 'allocatedStorageGiB', allocated, 'must be a whole number of GiB from 20 to 65536 (gp3 limits)', 'Use 100 (the default).');
  }
  const ceiling = props.maxAllocatedStorageGiB ?? Math.min(65536, Math.max(1000, allocated * 2));
  if (!Number.isInteger(ceiling) || ceiling <= allocated || ceiling > 65536) {
    invalidProp(who, 'maxAllocatedStorageGiB', ceiling,
      `must be a whole number of GiB greater than allocatedStorageGiB (${allocated}) and at most 65536`,
      'Raise the ceiling (storage autoscaling needs room above the allocated storage).');
  }
  // Names come from the environment's name, never from the guide's (`aiagents`): see postgresNames.
  const names = postgresNames(name);
  const databaseName = props.databaseName ?? names.databaseName;
  if (!PG_NAME_RE.test(databaseName)) {
    invalidProp(who, 'databaseName', databaseName, 'must be 1-63 lower-case letters, digits or underscores, starting with a letter',
      `Use a name like '${names.databaseName}' (the default).`);
  }
  const masterUsername = props.masterUsername ?? names.masterUsername;
  if (!PG_NAME_RE.test(masterUsername) || ['postgres', 'rdsadmin', 'admin'].includes(masterUsername)) {
    invalidProp(who, 'masterUsername', masterUsername,
      "must be 1-63 lower-case letters, digits or underscores, starting with a letter, and not a reserved name ('postgres', 'rdsadmin', 'admin')",
      `Use a name like '${names.masterUsername}' (the default).`);
  }
  const appRoleName = props.appRoleName ?? names.appRoleName;
  if (!PG_NAME_RE.test(appRoleName) || appRoleName === masterUsername) {
    invalidProp(who, 'appRoleName', appRoleName,
      'must be 1-63 lower-case letters, digits or underscores, starting with a letter, and not the master user',
      `Use a name like '${names.appRoleName}' (the default).`);
  }
  const retention = props.backupRetentionDays ?? 30;
  if (!Number.isInteger(retention) || retention < 7 || retention > 35) {
    invalidProp(who, 'backupRetentionDays', retention, 'must be between 7 and 35 for production',
      'Use 30 (the default) for a month of point-in-time recovery.');
  }
  const backupWindow = props.backupWindow ?? '02:00-03:00';
  const maintenanceWindow = props.maintenanceWindow ?? 'sun:04:00-sun:05:00';
  const backup = parseDailyWindow(backupWindow);
  if (!backup || backup.minutes < 30) {
    invalidProp(who, 'backupWindow', backupWindow, "must be 'hh:mm-hh:mm' (UTC) and at least 30 minutes long", "Use for example '02:00-03:00'.");
  }
  const maintenance = parseWeeklyWindow(maintenanceWindow);
  if (!maintenance || maintenance.minutes < 30) {
    invalidProp(who, 'maintenanceWindow', maintenanceWindow, "must be 'ddd:hh:mm-ddd:hh:mm' (UTC, lower-case day) and at least 30 minutes long",
      "Use for example 'sun:04:00-sun:05:00'.");
  }
  if (windowsOverlap(backup, maintenance)) {
    invalidProp(who, 'maintenanceWindow', maintenanceWindow, `must not overlap backupWindow '${backupWindow}'`,
      'Move one of the windows so they do not share any minute.');
  }
  const monitoringInterval = props.monitoringIntervalSeconds ?? 60;
  if (!MONITORING_INTERVALS.includes(monitoringInterval)) {
    invalidProp(who, 'monitoringIntervalSeconds', monitoringInterval, `must be one of ${MONITORING_INTERVALS.join(', ')}`,
      'Use 60 (the default).');
  }
  const logRetention = props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
  validateLogRetention(who, 'logRetentionDays', logRetention);
  return {
    identifier,
    instanceClass,
    allocatedStorageGiB: allocated,
    maxAllocatedStorageGiB: ceiling,
    databaseName,
    masterUsername,
    appRoleName,
    backupRetentionDays: retention,
    backupWindow,
    maintenanceWindow,
    monitoringIntervalSeconds: monitoringInterval,
    logRetentionDays: logRetention,
  };
}

import { invalidProp } from '../private/errors';

/**
 * What the PostgreSQL server log records, with the thresholds that keep it useful rather than noisy. The
 * log goes to the instance's `postgresql` CloudWatch log group (`HaPostgres.logGroups`).
 *
 * Every default is on: turning one off is an explicit choice. Thresholds are milliseconds or kibibytes as
 * PostgreSQL counts them; all of these parameters are dynamic on RDS, so a change applies without a reboot.
 */
export interface PostgresLoggingOptions {
  /**
   * Log every statement that runs at least this many milliseconds (`log_min_duration_statement`), with its
   * text and duration: the slow-query log. 0 logs every statement (heavy; for short investigations only).
   * From 0 to 3600000 (one hour).
   * @default 1000
   */
  readonly slowStatementThresholdMs?: number;

  /**
   * Log each successful connection (`log_connections`): who connected from where, the first thing to read
   * when a connection storm or an unexpected client shows up. Setting false loses that record.
   * @default true
   */
  readonly logConnections?: boolean;

  /**
   * Log each session end with its duration (`log_disconnections`). Setting false loses session durations.
   * @default true
   */
  readonly logDisconnections?: boolean;

  /**
   * Log a session that waits longer than `deadlock_timeout` (1 s by default) for a lock (`log_lock_waits`),
   * with the blocking process. Setting false hides lock contention until it becomes an outage.
   * @default true
   */
  readonly logLockWaits?: boolean;

  /**
   * Log every temporary file of at least this many KiB (`log_temp_files`): queries that spill sorts and
   * hashes to disk because `work_mem` is too small. 0 logs every temporary file. From 0 to 10485760 (10 GiB).
   * @default 10240
   */
  readonly tempFileThresholdKiB?: number;

  /**
   * Log every autovacuum and autoanalyze run that takes at least this many milliseconds
   * (`log_autovacuum_min_duration`), and every one skipped because of a conflicting lock. AWS recommends
   * 1000 to 5000. From 0 to 3600000.
   * @default 5000
   */
  readonly autovacuumThresholdMs?: number;
}

/** One parameter of the DB parameter group. */
export interface PostgresParameter {
  /** Parameter name, as PostgreSQL and RDS spell it. */
  readonly name: string;
  /** Value as RDS takes it (a string). */
  readonly value: string;
  /** `immediate` (only for parameters RDS lists as dynamic) or `pending-reboot`. */
  readonly applyMethod: string;
}

/** Names of the parameters `postgresLoggingParameters` manages (callers may not set them directly). */
export const LOGGING_PARAMETER_NAMES = [
  'log_min_duration_statement',
  'log_connections',
  'log_disconnections',
  'log_lock_waits',
  'log_temp_files',
  'log_autovacuum_min_duration',
];

const ONE_HOUR_MS = 3_600_000;
const TEN_GIB_IN_KIB = 10_485_760;

/**
 * The logging parameters for `options`, validated. All six are dynamic in PostgreSQL 16 (their context is
 * `superuser`, `superuser-backend` or `sighup`, not `postmaster`), so RDS applies them immediately.
 */
export function postgresLoggingParameters(who: string, options: PostgresLoggingOptions = {}): PostgresParameter[] {
  const prop = (p: string) => `logging.${p}`;
  const slow = options.slowStatementThresholdMs ?? 1000;
  checkRange(who, prop('slowStatementThresholdMs'), slow, 0, ONE_HOUR_MS, 'Use 1000 (the default) to log statements of a second or more.');
  const temp = options.tempFileThresholdKiB ?? 10240;
  checkRange(who, prop('tempFileThresholdKiB'), temp, 0, TEN_GIB_IN_KIB, 'Use 10240 (the default) to log temporary files of 10 MiB or more.');
  const autovacuum = options.autovacuumThresholdMs ?? 5000;
  checkRange(who, prop('autovacuumThresholdMs'), autovacuum, 0, ONE_HOUR_MS, 'Use 5000 (the default; AWS recommends 1000 to 5000).');
  const flag = (on: boolean | undefined) => ((on ?? true) ? '1' : '0');
  const values: Array<[string, string]> = [
    ['log_min_duration_statement', String(slow)],
    ['log_connections', flag(options.logConnections)],
    ['log_disconnections', flag(options.logDisconnections)],
    ['log_lock_waits', flag(options.logLockWaits)],
    ['log_temp_files', String(temp)],
    ['log_autovacuum_min_duration', String(autovacuum)],
  ];
  return values.map(([name, value]) => ({ name, value, applyMethod: 'immediate' }));
}

/** Rejects user parameters that the logging options own. */
export function checkNoLoggingOverrides(who: string, parameters: { [key: string]: string }): void {
  const clash = Object.keys(parameters).find((n) => LOGGING_PARAMETER_NAMES.includes(n));
  if (clash) {
    invalidProp(who, 'parameters', parameters, `must not set '${clash}' (the logging prop sets it, with a validated threshold)`,
      `Remove '${clash}' from parameters and set it through logging (PostgresLoggingOptions).`);
  }
}

function checkRange(who: string, prop: string, value: number, min: number, max: number, fix: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    invalidProp(who, prop, value, `must be a whole number from ${min} to ${max} (-1, which turns the log off, is not accepted)`, fix);
  }
}

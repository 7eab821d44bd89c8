import { invalidProp } from '../../private/errors';
import { checkNoLoggingOverrides, PostgresLoggingOptions, PostgresParameter, postgresLoggingParameters } from '../postgres-logging';

/**
 * The parameters of HaPostgres' parameter group: the caller's own (`parameters`, applied at the next reboot),
 * `rds.force_ssl = 1` (TLS for every connection, never weaker), and the server log settings (`logging`, all
 * dynamic). Refuses a caller parameter that would turn TLS off or bypass the validated logging thresholds.
 */
export function postgresParameters(who: string, parameters: { [key: string]: string } = {},
  logging?: PostgresLoggingOptions): PostgresParameter[] {
  if ('rds.force_ssl' in parameters && parameters['rds.force_ssl'] !== '1') {
    invalidProp(who, 'parameters', parameters, "must not turn off 'rds.force_ssl' (TLS is required)",
      "Remove 'rds.force_ssl' from parameters.");
  }
  checkNoLoggingOverrides(who, parameters);
  const loggingParameters = postgresLoggingParameters(who, logging);
  return [
    ...Object.entries({ ...parameters, 'rds.force_ssl': '1' }).map(([name, value]) => ({ name, value, applyMethod: 'pending-reboot' })),
    ...loggingParameters,
  ];
}

import { RuleDefinition } from './model';
import { blocks, isExpression, listOf, numberOf, references, show } from './values';
import { PolicyLevel } from '../policy-rule';

const AREA = 'logging';

/** The five EKS control plane log types. */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** Minimum log retention for compliance (the runbook's 90 days). */
export const MIN_LOG_RETENTION_DAYS = 90;

/** PostgreSQL server-log switches that must be on (`1`/`on`) for an incident to leave a trace. */
export const POSTGRES_LOG_SWITCHES = ['log_connections', 'log_disconnections', 'log_lock_waits'];
/** PostgreSQL server-log thresholds that must be set to 0 or more (-1 or unset turns the log off). */
export const POSTGRES_LOG_THRESHOLDS = ['log_min_duration_statement', 'log_temp_files'];

function postgresLoggingGaps(r: { type: string; config: { [key: string]: any } }): string[] {
  const c = r.config;
  if (r.type === 'aws_db_instance') {
    if (typeof c.engine !== 'string' || isExpression(c.engine) || !c.engine.includes('postgres')) return [];
    const group = c.parameter_group_name;
    if (group === undefined || (typeof group === 'string' && group.startsWith('default.'))) {
      return [`${group === undefined ? 'parameter_group_name is not set' : `parameter_group_name = "${group}"`}: the default `
        + 'parameter group logs no slow statements, connections, lock waits or temporary files'];
    }
    return [];
  }
  if (typeof c.family !== 'string' || isExpression(c.family) || !c.family.startsWith('postgres')) return [];
  const values = new Map<string, unknown>(blocks(c.parameter).map((p) => [p.name, p.value]));
  const problems: string[] = [];
  for (const name of POSTGRES_LOG_SWITCHES) {
    const v = values.get(name);
    if (isExpression(v)) continue;
    if (!['1', 'on', 'true'].includes(String(v).toLowerCase())) problems.push(show(name, v));
  }
  for (const name of POSTGRES_LOG_THRESHOLDS) {
    const v = values.get(name);
    if (isExpression(v)) continue;
    const n = numberOf(v);
    if (n === undefined || n < 0) problems.push(`${show(name, v)} (logging off)`);
  }
  return problems;
}

/** Audit trails that exist and are kept long enough to investigate an incident. */
export const LOGGING_RULES: RuleDefinition[] = [
  {
    id: 'PB-LOG-001',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_eks_cluster'],
    title: 'EKS sends all five control plane log types to CloudWatch',
    rationale: 'The audit log is the only record of who did what through the Kubernetes API; api, authenticator, '
      + 'controllerManager and scheduler logs are needed to diagnose control plane incidents.',
    fix: `Set enabled_cluster_log_types = ${JSON.stringify(EKS_LOG_TYPES)}.`,
    check: (r) => {
      const types = listOf(r.config.enabled_cluster_log_types);
      if (types === undefined) return [];
      const missing = EKS_LOG_TYPES.filter((t) => !types.includes(t));
      return missing.length ? [`enabled_cluster_log_types lacks ${missing.join(', ')}`] : [];
    },
  },
  {
    id: 'PB-LOG-002',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_db_instance'],
    title: 'RDS exports its engine log to CloudWatch (postgresql for PostgreSQL)',
    rationale: 'Connection, error and slow-query logs are otherwise kept only a few days on the instance and are '
      + 'lost with it.',
    fix: 'Set enabled_cloudwatch_logs_exports to include "postgresql" (and "upgrade") for PostgreSQL; for other '
      + 'engines export at least the error log.',
    check: (r) => {
      const exports = listOf(r.config.enabled_cloudwatch_logs_exports);
      if (exports === undefined) return [];
      const engine = r.config.engine;
      if (typeof engine === 'string' && !isExpression(engine) && engine.includes('postgres')) {
        return exports.includes('postgresql') ? [] : [`engine ${engine}: enabled_cloudwatch_logs_exports lacks "postgresql"`];
      }
      return exports.length ? [] : ['enabled_cloudwatch_logs_exports is empty'];
    },
  },
  {
    id: 'PB-LOG-003',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_vpc'],
    title: 'Every VPC has a flow log in the same stack',
    rationale: 'Flow logs are the network audit trail: without them there is no record of which addresses '
      + 'talked to what during an incident.',
    fix: 'Add an aws_flow_log with vpc_id = <this VPC\'s id> and traffic_type = "ALL" (HaVpc does this).',
    check: (r, stack) => {
      const logs = stack.ofType('aws_flow_log').filter((f) => references(f.config.vpc_id, r.address));
      if (logs.length === 0) return ['no aws_flow_log in the stack references this VPC'];
      // ACCEPT- or REJECT-only logs miss half of the traffic an investigation needs.
      const all = logs.some((f) => f.config.traffic_type === 'ALL' || isExpression(f.config.traffic_type));
      return all ? [] : [`its flow logs record only ${logs.map((f) => f.config.traffic_type).join(', ')} traffic, not ALL`];
    },
  },
  {
    id: 'PB-LOG-004',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_cloudwatch_log_group'],
    title: `Log groups keep logs for at least ${MIN_LOG_RETENTION_DAYS} days, and not forever`,
    rationale: `Compliance asks for ${MIN_LOG_RETENTION_DAYS} days of logs; a group without retention keeps every `
      + 'event forever, which costs money and keeps personal data longer than needed.',
    fix: `Set retention_in_days to ${MIN_LOG_RETENTION_DAYS} or more (a value CloudWatch accepts, such as 90, 180, 365).`,
    check: (r) => {
      const v = r.config.retention_in_days;
      if (isExpression(v)) return [];
      const days = numberOf(v);
      if (days === undefined || days === 0) return [`${show('retention_in_days', v)} (logs never expire)`];
      return days < MIN_LOG_RETENTION_DAYS ? [`retention_in_days = ${days} (< ${MIN_LOG_RETENTION_DAYS})`] : [];
    },
  },
  {
    id: 'PB-LOG-005',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_db_instance', 'aws_db_parameter_group'],
    title: 'PostgreSQL logs slow statements, connections, disconnections, lock waits and temporary files',
    rationale: 'The RDS default parameter group logs none of them: after an incident there is no record of the '
      + 'slow queries, the connection storm, the lock chain or the disk spills that caused it.',
    fix: 'Give PostgreSQL instances a custom parameter group with log_min_duration_statement and log_temp_files '
      + '>= 0 and log_connections, log_disconnections and log_lock_waits = 1 (HaPostgres does this).',
    check: (r) => postgresLoggingGaps(r),
  },
];

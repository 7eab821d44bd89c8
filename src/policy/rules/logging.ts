import { RuleDefinition } from './model';
import { isExpression, listOf, numberOf, references, show } from './values';
import { PolicyLevel } from '../policy-rule';

const AREA = 'logging';

/** The five EKS control plane log types. */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** Minimum log retention for compliance (the runbook's 90 days). */
export const MIN_LOG_RETENTION_DAYS = 90;

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
];

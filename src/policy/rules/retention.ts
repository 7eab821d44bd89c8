import { RuleDefinition } from './model';
import { isExpression, isSet, isTrue, numberOf, show, trueOrUnknown } from './values';
import { PolicyLevel } from '../policy-rule';

const AREA = 'retention';

/** Automated backup retention the runbook asks for. */
export const MIN_BACKUP_RETENTION_DAYS = 30;
/** KMS deletion window: the maximum, so a key scheduled for deletion by mistake can be recovered for a month. */
export const KMS_DELETION_WINDOW_DAYS = 30;
/** Types holding state that a `terraform destroy` or an accidental replacement would lose. */
export const STATEFUL_TYPES = [
  'aws_db_instance', 'aws_elasticache_replication_group', 'aws_kms_key', 'aws_cloudwatch_log_group', 'aws_eks_cluster', 'aws_s3_bucket',
];

/** Data that survives mistakes: backups, final snapshots and guards against destroy. */
export const RETENTION_RULES: RuleDefinition[] = [
  {
    id: 'PB-RET-001',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_db_instance'],
    title: `RDS keeps automated backups for at least ${MIN_BACKUP_RETENTION_DAYS} days`,
    rationale: 'Point-in-time recovery reaches back only as far as the backup retention; data corruption is '
      + 'often noticed weeks later.',
    fix: `Set backup_retention_period between ${MIN_BACKUP_RETENTION_DAYS} and 35.`,
    check: (r) => {
      const v = r.config.backup_retention_period;
      if (isExpression(v)) return [];
      const days = numberOf(v);
      return days === undefined || days < MIN_BACKUP_RETENTION_DAYS ? [show('backup_retention_period', v)] : [];
    },
  },
  {
    id: 'PB-RET-002',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_db_instance'],
    title: 'RDS deletion protection is on',
    rationale: 'Blocks deleting the database through any tool (console, CLI, Terraform) until it is turned off '
      + 'in a separate, reviewed change.',
    fix: 'Set deletion_protection = true.',
    check: (r) => trueOrUnknown(r.config.deletion_protection) ? [] : [show('deletion_protection', r.config.deletion_protection)],
  },
  {
    id: 'PB-RET-003',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_db_instance'],
    title: 'RDS takes a named final snapshot when deleted',
    rationale: 'Automated backups are deleted with the instance; the final snapshot is the last copy of the data.',
    fix: 'Set skip_final_snapshot = false and final_snapshot_identifier = "<name>-final".',
    check: (r) => {
      const problems: string[] = [];
      if (isTrue(r.config.skip_final_snapshot)) problems.push('skip_final_snapshot = true');
      if (!isSet(r.config.final_snapshot_identifier)) problems.push('final_snapshot_identifier is not set');
      return problems;
    },
  },
  {
    id: 'PB-RET-004',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_elasticache_replication_group'],
    title: 'ElastiCache keeps daily snapshots and takes a final snapshot',
    rationale: 'Redis persistence across a full cluster loss or a deletion exists only as snapshots.',
    fix: 'Set snapshot_retention_limit >= 1 (7 recommended) and final_snapshot_identifier = "<name>-final".',
    check: (r) => {
      const problems: string[] = [];
      const v = r.config.snapshot_retention_limit;
      const days = numberOf(v);
      if (!isExpression(v) && (days === undefined || days < 1)) problems.push(show('snapshot_retention_limit', v));
      if (!isSet(r.config.final_snapshot_identifier)) problems.push('final_snapshot_identifier is not set');
      return problems;
    },
  },
  {
    id: 'PB-RET-005',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_kms_key'],
    title: `KMS keys have a ${KMS_DELETION_WINDOW_DAYS}-day deletion window`,
    rationale: 'Deleting a key makes everything encrypted with it unreadable for good; the window is the only '
      + 'time to cancel a mistaken deletion, and 30 days is the KMS maximum.',
    fix: `Set deletion_window_in_days = ${KMS_DELETION_WINDOW_DAYS} (or leave it unset: the default is 30).`,
    check: (r) => {
      const v = r.config.deletion_window_in_days;
      if (v === undefined || v === null || isExpression(v)) return [];
      return numberOf(v) === KMS_DELETION_WINDOW_DAYS ? [] : [show('deletion_window_in_days', v)];
    },
  },
  {
    id: 'PB-RET-006',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: STATEFUL_TYPES,
    title: 'Stateful resources are protected by lifecycle.prevent_destroy',
    rationale: 'A rename of a construct id or a replacing change otherwise destroys the database, cache, key, '
      + 'logs, cluster or bucket in a plan that is easy to approve by mistake.',
    fix: 'Set lifecycle { prevent_destroy = true } (the library\'s constructs do, unless preventDestroy: false).',
    check: (r) => {
      const lifecycle = r.config.lifecycle;
      return lifecycle && isTrue(lifecycle.prevent_destroy) ? [] : ['lifecycle.prevent_destroy is not true'];
    },
  },
];

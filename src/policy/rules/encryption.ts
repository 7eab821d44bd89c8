import { RuleDefinition } from './model';
import { blocks, isExpression, isSet, isTrue, show, trueOrUnknown } from './values';
import { PolicyLevel } from '../policy-rule';

const AREA = 'encryption';

/** Encryption at rest and in transit, with customer-managed KMS keys (auditable, revocable, rotatable). */
export const ENCRYPTION_RULES: RuleDefinition[] = [
  {
    id: 'PB-ENC-001',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_eks_cluster'],
    title: 'EKS encrypts Kubernetes secrets with a customer-managed KMS key',
    rationale: 'Without envelope encryption, Secrets sit in etcd protected only by the AWS-owned volume key; a '
      + 'customer-managed key makes every decryption auditable in CloudTrail and revocable.',
    fix: 'Add encryption_config { resources = ["secrets"], provider { key_arn = <customer-managed KMS key ARN> } }.',
    check: (r) => {
      const configs = blocks(r.config.encryption_config);
      const ok = configs.some((c) => {
        const resources = c.resources;
        const coversSecrets = isExpression(resources) || (Array.isArray(resources) && resources.includes('secrets'));
        return coversSecrets && blocks(c.provider).some((p) => isSet(p.key_arn));
      });
      return ok ? [] : ['no encryption_config covers "secrets" with a provider key_arn'];
    },
  },
  {
    id: 'PB-ENC-002',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_db_instance'],
    title: 'RDS storage is encrypted with a customer-managed KMS key',
    rationale: 'Encrypts the database, its snapshots, backups and replicas; a customer-managed key keeps key use '
      + 'auditable and lets snapshots be shared only where the key policy allows. Cannot be changed after creation.',
    fix: 'Set storage_encrypted = true and kms_key_id = <customer-managed KMS key ARN>.',
    check: (r) => {
      const problems: string[] = [];
      if (!trueOrUnknown(r.config.storage_encrypted)) problems.push(show('storage_encrypted', r.config.storage_encrypted));
      if (!isSet(r.config.kms_key_id)) problems.push('kms_key_id is not set (the AWS-managed aws/rds key would be used)');
      return problems;
    },
  },
  {
    id: 'PB-ENC-003',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_elasticache_replication_group'],
    title: 'ElastiCache encrypts data at rest with a customer-managed KMS key',
    rationale: 'Cache nodes hold session and queue data and write it to disk (snapshots, swap); encryption at rest '
      + 'cannot be enabled on an existing replication group.',
    fix: 'Set at_rest_encryption_enabled = true and kms_key_id = <customer-managed KMS key ARN>.',
    check: (r) => {
      const problems: string[] = [];
      if (!trueOrUnknown(r.config.at_rest_encryption_enabled)) {
        problems.push(show('at_rest_encryption_enabled', r.config.at_rest_encryption_enabled));
      }
      if (!isSet(r.config.kms_key_id)) problems.push('kms_key_id is not set');
      return problems;
    },
  },
  {
    id: 'PB-ENC-004',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_elasticache_replication_group'],
    title: 'ElastiCache encrypts data in transit (TLS)',
    rationale: 'Redis traffic (including AUTH tokens) otherwise crosses the VPC in clear text.',
    fix: 'Set transit_encryption_enabled = true with transit_encryption_mode = "required" (or unset), and connect clients with TLS.',
    check: (r) => {
      if (!trueOrUnknown(r.config.transit_encryption_enabled)) return [show('transit_encryption_enabled', r.config.transit_encryption_enabled)];
      // "preferred" still accepts clear-text connections (a migration mode, not a production setting).
      const mode = r.config.transit_encryption_mode;
      return mode === undefined || mode === null || mode === 'required' || isExpression(mode)
        ? [] : [show('transit_encryption_mode', mode)];
    },
  },
  {
    id: 'PB-ENC-005',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_launch_template'],
    title: 'Launch templates encrypt every EBS volume with a customer-managed KMS key',
    rationale: 'Node volumes hold container images, emptyDir data and logs; without an explicit mapping the root '
      + 'volume\'s encryption depends on the AMI and on account defaults nobody reviews.',
    fix: 'Declare block_device_mappings for the root volume with ebs { encrypted = "true", kms_key_id = <key ARN> }.',
    check: (r) => {
      const mappings = blocks(r.config.block_device_mappings);
      if (mappings.length === 0) return ['declares no block_device_mappings, so volume encryption is left to the AMI'];
      const problems: string[] = [];
      mappings.forEach((m, i) => {
        if (m.no_device !== undefined && m.no_device !== null && m.no_device !== '') return; // suppresses a device
        const ebs = blocks(m.ebs)[0];
        const name = m.device_name ?? `#${i}`;
        if (!ebs) {
          problems.push(`block_device_mappings ${name} has no ebs block`);
          return;
        }
        if (!(isTrue(ebs.encrypted) || isExpression(ebs.encrypted))) problems.push(`ebs of ${name}: ${show('encrypted', ebs.encrypted)}`);
        if (!isSet(ebs.kms_key_id)) problems.push(`ebs of ${name}: kms_key_id is not set`);
      });
      return problems;
    },
  },
  {
    id: 'PB-ENC-006',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_cloudwatch_log_group'],
    title: 'Log groups are encrypted with a customer-managed KMS key',
    rationale: 'Audit, flow and application logs contain addresses, identities and sometimes payloads; a key of '
      + 'our own restricts who can read them and records every read.',
    fix: 'Set kms_key_id = <KMS key ARN> whose policy lets logs.<region>.amazonaws.com use it.',
    check: (r) => isSet(r.config.kms_key_id) ? [] : ['kms_key_id is not set'],
  },
  {
    id: 'PB-ENC-007',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_db_instance'],
    title: 'Performance Insights data is encrypted with a customer-managed KMS key',
    rationale: 'Performance Insights stores query text, which can include literals with personal data; it '
      + 'defaults to the AWS-managed key and the key cannot be changed later.',
    fix: 'When performance_insights_enabled = true, set performance_insights_kms_key_id = <customer-managed KMS key ARN>.',
    check: (r) => isTrue(r.config.performance_insights_enabled) && !isSet(r.config.performance_insights_kms_key_id)
      ? ['performance_insights_enabled = true but performance_insights_kms_key_id is not set'] : [],
  },
  {
    id: 'PB-ENC-008',
    level: PolicyLevel.WARNING,
    area: AREA,
    resourceTypes: ['aws_kms_key'],
    title: 'Symmetric KMS keys rotate their key material yearly',
    rationale: 'Rotation limits how much data one key version protects; it is free and transparent to callers.',
    fix: 'Set enable_key_rotation = true (asymmetric and HMAC keys cannot rotate and are not checked).',
    check: (r) => {
      const spec = r.config.customer_master_key_spec ?? r.config.key_spec;
      if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') return [];
      return trueOrUnknown(r.config.enable_key_rotation) ? [] : [show('enable_key_rotation', r.config.enable_key_rotation)];
    },
  },
];

import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformVariable } from 'cdktf';
import { baselineStack, BaselineStackOptions } from './baseline-stack';
import { ProductionBaseline } from '../../src/policy';

interface Case extends BaselineStackOptions {
  readonly rule: string;
  readonly name: string;
  /** Address of the resource the finding is on. */
  readonly address: string;
  readonly detail: RegExp;
  /** Other rules the same change breaks. */
  readonly alsoFires?: string[];
}

const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

const NON_COMPLIANT: Case[] = [
  {
    rule: 'PB-ENC-001',
    name: 'EKS without secrets encryption',
    address: 'aws_eks_cluster.cluster',
    patch: { cluster: { encryptionConfig: undefined } },
    detail: /no encryption_config covers "secrets"/,
  },
  {
    rule: 'PB-ENC-002',
    name: 'RDS storage not encrypted',
    address: 'aws_db_instance.db',
    patch: { db: { storageEncrypted: false } },
    detail: /storage_encrypted = false/,
  },
  {
    rule: 'PB-ENC-002',
    name: 'RDS on the AWS-managed key',
    address: 'aws_db_instance.db',
    patch: { db: { kmsKeyId: undefined } },
    detail: /kms_key_id is not set/,
  },
  {
    rule: 'PB-ENC-003',
    name: 'ElastiCache not encrypted at rest',
    address: 'aws_elasticache_replication_group.redis',
    patch: { redis: { atRestEncryptionEnabled: false } },
    detail: /at_rest_encryption_enabled = false/,
  },
  {
    rule: 'PB-ENC-003',
    name: 'ElastiCache on the AWS-managed key',
    address: 'aws_elasticache_replication_group.redis',
    patch: { redis: { kmsKeyId: undefined } },
    detail: /kms_key_id is not set/,
  },
  {
    rule: 'PB-ENC-004',
    name: 'ElastiCache without TLS',
    address: 'aws_elasticache_replication_group.redis',
    patch: { redis: { transitEncryptionEnabled: false } },
    detail: /transit_encryption_enabled = false/,
  },
  {
    rule: 'PB-ENC-004',
    name: 'ElastiCache TLS only preferred (clear text still accepted)',
    address: 'aws_elasticache_replication_group.redis',
    patch: { redis: { transitEncryptionMode: 'preferred' } },
    detail: /transit_encryption_mode = "preferred"/,
  },
  {
    rule: 'PB-ENC-005',
    name: 'launch template without block device mappings',
    address: 'aws_launch_template.lt',
    patch: { lt: { blockDeviceMappings: undefined } },
    detail: /no block_device_mappings/,
  },
  {
    rule: 'PB-ENC-005',
    name: 'unencrypted EBS volume',
    address: 'aws_launch_template.lt',
    patch: { lt: { blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'false' } }] } },
    detail: /ebs of \/dev\/xvda: encrypted = "false"; ebs of \/dev\/xvda: kms_key_id is not set/,
  },
  {
    rule: 'PB-ENC-006',
    name: 'log group without KMS key',
    address: 'aws_cloudwatch_log_group.logs',
    patch: { logs: { kmsKeyId: undefined } },
    detail: /kms_key_id is not set/,
  },
  {
    rule: 'PB-ENC-007',
    name: 'Performance Insights on the AWS-managed key',
    address: 'aws_db_instance.db',
    patch: { db: { performanceInsightsKmsKeyId: undefined } },
    detail: /performance_insights_kms_key_id is not set/,
  },
  {
    rule: 'PB-ENC-008',
    name: 'KMS key without rotation',
    address: 'aws_kms_key.key',
    patch: { key: { enableKeyRotation: false } },
    detail: /enable_key_rotation = false/,
  },

  {
    rule: 'PB-LOG-001',
    name: 'EKS with two log types',
    address: 'aws_eks_cluster.cluster',
    patch: { cluster: { enabledClusterLogTypes: ['api', 'audit'] } },
    detail: /lacks authenticator, controllerManager, scheduler/,
  },
  {
    rule: 'PB-LOG-002',
    name: 'PostgreSQL without the postgresql log export',
    address: 'aws_db_instance.db',
    patch: { db: { enabledCloudwatchLogsExports: ['upgrade'] } },
    detail: /engine postgres: .*lacks "postgresql"/,
  },
  {
    rule: 'PB-LOG-002',
    name: 'MySQL without any log export',
    address: 'aws_db_instance.db',
    patch: { db: { engine: 'mysql', enabledCloudwatchLogsExports: undefined } },
    detail: /enabled_cloudwatch_logs_exports is empty/,
  },
  {
    rule: 'PB-LOG-003',
    name: 'VPC without flow log',
    address: 'aws_vpc.vpc',
    omit: ['flow'],
    detail: /no aws_flow_log/,
  },
  {
    rule: 'PB-LOG-003',
    name: 'VPC whose flow log records only rejected traffic',
    address: 'aws_vpc.vpc',
    patch: { flow: { trafficType: 'REJECT' } },
    detail: /record only REJECT traffic, not ALL/,
  },
  {
    rule: 'PB-LOG-003',
    name: 'second VPC without flow log (nor default SG)',
    address: 'aws_vpc.other',
    extra: (s) => new Vpc(s, 'other', { cidrBlock: '10.1.0.0/16' }),
    detail: /no aws_flow_log/,
    alsoFires: ['PB-NET-006'],
  },
  {
    rule: 'PB-LOG-004',
    name: 'log retention 30 days',
    address: 'aws_cloudwatch_log_group.logs',
    patch: { logs: { retentionInDays: 30 } },
    detail: /retention_in_days = 30 \(< 90\)/,
  },
  {
    rule: 'PB-LOG-004',
    name: 'log retention unset',
    address: 'aws_cloudwatch_log_group.logs',
    patch: { logs: { retentionInDays: undefined } },
    detail: /retention_in_days is not set \(logs never expire\)/,
  },
  {
    rule: 'PB-LOG-004',
    name: 'log retention 0',
    address: 'aws_cloudwatch_log_group.logs',
    patch: { logs: { retentionInDays: 0 } },
    detail: /never expire/,
  },

  {
    rule: 'PB-NET-001',
    name: 'inline SSH from the internet',
    address: 'aws_security_group.sg',
    patch: { sg: { ingress: [{ fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }] } },
    detail: /ingress #0 allows tcp 22-22 from 0\.0\.0\.0\/0/,
  },
  {
    rule: 'PB-NET-001',
    name: 'inline UDP 443 from the internet',
    address: 'aws_security_group.sg',
    patch: { sg: { ingress: [{ fromPort: 443, toPort: 443, protocol: 'udp', ipv6CidrBlocks: ['::/0'] }] } },
    detail: /udp 443-443 from ::\/0/,
  },
  {
    rule: 'PB-NET-001',
    name: 'security group rule with all traffic',
    address: 'aws_security_group_rule.sg-rule',
    patch: { 'sg-rule': { protocol: '-1', fromPort: 0, toPort: 0 } },
    detail: /allows all traffic from 0\.0\.0\.0\/0/,
  },
  {
    rule: 'PB-NET-001',
    name: 'security group rule with a port range 80-443',
    address: 'aws_security_group_rule.sg-rule',
    patch: { 'sg-rule': { toPort: 443 } },
    detail: /tcp 80-443/,
  },
  {
    rule: 'PB-NET-001',
    name: 'ingress rule resource on 8080',
    address: 'aws_vpc_security_group_ingress_rule.ingress',
    patch: { ingress: { cidrIpv6: undefined, cidrIpv4: '0.0.0.0/0', fromPort: 8080, toPort: 8080 } },
    detail: /tcp 8080-8080/,
  },
  {
    rule: 'PB-NET-002',
    name: 'public RDS',
    address: 'aws_db_instance.db',
    patch: { db: { publiclyAccessible: true } },
    detail: /publicly_accessible = true/,
  },
  {
    rule: 'PB-NET-003',
    name: 'EKS public endpoint by default',
    address: 'aws_eks_cluster.cluster',
    patch: { cluster: { vpcConfig: { subnetIds: ['a', 'b', 'c'] } } },
    detail: /defaults to 0\.0\.0\.0\/0/,
  },
  {
    rule: 'PB-NET-003',
    name: 'EKS public endpoint open to the world',
    address: 'aws_eks_cluster.cluster',
    patch: { cluster: { vpcConfig: { subnetIds: ['a', 'b', 'c'], endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] } } },
    detail: /open to 0\.0\.0\.0\/0/,
  },
  {
    rule: 'PB-NET-004',
    name: 'subnet with public IPs',
    address: 'aws_subnet.subnet-1',
    patch: { 'subnet-1': { mapPublicIpOnLaunch: true } },
    detail: /map_public_ip_on_launch = true/,
  },
  {
    rule: 'PB-NET-005',
    name: 'launch template with a public IP',
    address: 'aws_launch_template.lt',
    patch: { lt: { networkInterfaces: [{ associatePublicIpAddress: 'true' }] } },
    detail: /network_interfaces #0: associate_public_ip_address = true/,
  },
  {
    rule: 'PB-NET-006',
    name: 'VPC without a managed default security group',
    address: 'aws_vpc.vpc',
    omit: ['default-sg'],
    detail: /no aws_default_security_group/,
  },
  {
    rule: 'PB-NET-006',
    name: 'default security group with rules',
    address: 'aws_default_security_group.default-sg',
    patch: { 'default-sg': { ingress: [{ fromPort: 0, toPort: 0, protocol: '-1', self: true }] } },
    detail: /ingress has rules/,
  },
  {
    rule: 'PB-NET-006',
    name: 'default security group leaving rules unmanaged',
    address: 'aws_default_security_group.default-sg',
    patch: { 'default-sg': { egress: undefined } },
    detail: /egress is not set to \[\]/,
  },

  {
    rule: 'PB-IAM-001',
    name: 'IMDSv1 allowed',
    address: 'aws_launch_template.lt',
    patch: { lt: { metadataOptions: { httpTokens: 'optional', httpPutResponseHopLimit: 1 } } },
    detail: /http_tokens = "optional"/,
  },
  {
    rule: 'PB-IAM-001',
    name: 'no metadata options',
    address: 'aws_launch_template.lt',
    patch: { lt: { metadataOptions: undefined } },
    detail: /http_tokens is not set/,
    alsoFires: ['PB-IAM-003'],
  },
  {
    rule: 'PB-IAM-002',
    name: 'hop limit 3',
    address: 'aws_launch_template.lt',
    patch: { lt: { metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 3 } } },
    detail: /hop_limit = 3/,
  },
  {
    rule: 'PB-IAM-003',
    name: 'hop limit 2',
    address: 'aws_launch_template.lt',
    patch: { lt: { metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 } } },
    detail: /hop_limit = 2/,
  },
  {
    rule: 'PB-IAM-003',
    name: 'hop limit left to the AMI',
    address: 'aws_launch_template.lt',
    patch: { lt: { metadataOptions: { httpTokens: 'required' } } },
    detail: /hop_limit is not set/,
  },
  {
    rule: 'PB-IAM-004',
    name: 'admin policy',
    address: 'aws_iam_policy.policy',
    patch: { policy: { policy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) } },
    detail: /statement #0 allows "\*" on Resource "\*"/,
  },
  {
    rule: 'PB-IAM-004',
    name: 'service wildcard',
    address: 'aws_iam_policy.policy',
    patch: { policy: { policy: policy({ Sid: 'S3', Action: ['s3:GetObject', 's3:*'], Resource: ['*'], Effect: 'Allow' }) } },
    detail: /statement "S3" allows "s3:\*"/,
  },
  {
    rule: 'PB-IAM-004',
    name: 'role inline policy wildcard',
    address: 'aws_iam_role.role',
    patch: { role: { inlinePolicy: [{ name: 'admin', policy: policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }) }] } },
    detail: /inline_policy admin statement #0 allows "iam:\*"/,
  },
  {
    rule: 'PB-IAM-004',
    name: 'policy document wildcard',
    address: 'data.aws_iam_policy_document.doc',
    patch: { doc: { statement: [{ actions: ['*'], resources: ['*'] }] } },
    detail: /statement #0 allows "\*"/,
  },
  {
    rule: 'PB-IAM-004',
    name: 'key policy granting kms:* to a role (not the account root)',
    address: 'aws_kms_key.key',
    patch: { key: { policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 'kms:*', Resource: '*' }) } },
    detail: /allows "kms:\*"/,
  },
  {
    rule: 'PB-IAM-005',
    name: 'literal RDS password',
    address: 'aws_db_instance.db',
    patch: { db: { manageMasterUserPassword: undefined, password: 'hunter2hunter2' } },
    detail: /^password is a literal value \(value not shown\)$/,
  },
  {
    rule: 'PB-IAM-005',
    name: 'literal Redis auth token',
    address: 'aws_elasticache_replication_group.redis',
    patch: { redis: { authToken: 'a-very-long-auth-token' } },
    detail: /auth_token is a literal/,
  },
  {
    rule: 'PB-IAM-005',
    name: 'literal secret string',
    address: 'aws_secretsmanager_secret_version.secret',
    patch: { secret: { secretString: '{"password":"x"}' } },
    detail: /secret_string is a literal/,
  },

  {
    rule: 'PB-HA-001',
    name: 'single-AZ RDS',
    address: 'aws_db_instance.db',
    patch: { db: { multiAz: false } },
    detail: /multi_az = false/,
  },
  {
    rule: 'PB-HA-002',
    name: 'ElastiCache with one node',
    address: 'aws_elasticache_replication_group.redis',
    patch: { redis: { numCacheClusters: 1 } },
    detail: /num_cache_clusters = 1 \(needs 2 or more\)/,
  },
  {
    rule: 'PB-HA-002',
    name: 'ElastiCache without failover and Multi-AZ',
    address: 'aws_elasticache_replication_group.redis',
    patch: { redis: { automaticFailoverEnabled: false, multiAzEnabled: undefined } },
    detail: /automatic_failover_enabled = false; multi_az_enabled is not set/,
  },
  {
    rule: 'PB-HA-002',
    name: 'cluster mode without replicas',
    address: 'aws_elasticache_replication_group.redis',
    patch: { redis: { numCacheClusters: undefined, numNodeGroups: 2, replicasPerNodeGroup: 0 } },
    detail: /replicas_per_node_group = 0/,
  },
  {
    rule: 'PB-HA-003',
    name: 'node group of 2',
    address: 'aws_eks_node_group.nodes',
    patch: { nodes: { scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 3 } } },
    detail: /scaling_config.min_size = 2/,
  },
  {
    rule: 'PB-HA-005',
    name: 'node group without node auto repair',
    address: 'aws_eks_node_group.nodes',
    patch: { nodes: { nodeRepairConfig: undefined } },
    detail: /node_repair_config.enabled is not set/,
  },
  {
    rule: 'PB-HA-005',
    name: 'node auto repair turned off',
    address: 'aws_eks_node_group.nodes',
    patch: { nodes: { nodeRepairConfig: { enabled: false } } },
    detail: /node_repair_config.enabled = false/,
  },
  {
    rule: 'PB-HA-006',
    name: 'EKS cluster not registered for zonal shift',
    address: 'aws_eks_cluster.cluster',
    patch: { cluster: { zonalShiftConfig: { enabled: false } } },
    detail: /zonal_shift_config.enabled = false/,
  },
  {
    rule: 'PB-LOG-005',
    name: 'PostgreSQL on the default parameter group',
    address: 'aws_db_instance.db',
    omit: ['pg'],
    patch: { db: { parameterGroupName: 'default.postgres16' } },
    detail: /parameter_group_name = "default.postgres16": the default parameter group logs no slow statements/,
  },
  {
    rule: 'PB-LOG-005',
    name: 'PostgreSQL parameter group without lock-wait log and with slow-statement logging off',
    address: 'aws_db_parameter_group.pg',
    patch: {
      pg: {
        parameter: [{ name: 'log_min_duration_statement', value: '-1' }, { name: 'log_connections', value: '1' },
          { name: 'log_disconnections', value: 'on' }, { name: 'log_temp_files', value: '0' }],
      },
    },
    detail: /^log_lock_waits is not set; log_min_duration_statement = "-1" \(logging off\)$/,
  },
  {
    rule: 'PB-HA-004',
    name: 'EKS in 2 subnets',
    address: 'aws_eks_cluster.cluster',
    patch: { cluster: { vpcConfig: { subnetIds: ['subnet-a', 'subnet-b'], endpointPublicAccess: false } } },
    detail: /has 2 subnet\(s\)/,
  },

  {
    rule: 'PB-NET-007',
    name: 'EKS VPC without an STS endpoint (image pulls private, credentials through NAT)',
    address: 'aws_vpc.vpc',
    omit: ['endpoint-sts'],
    detail: /no private-DNS interface endpoint for sts$/,
  },
  {
    rule: 'PB-NET-007',
    name: 'ECR endpoints without private DNS',
    address: 'aws_vpc.vpc',
    patch: { 'endpoint-ecr.api': { privateDnsEnabled: false }, 'endpoint-ecr.dkr': { privateDnsEnabled: undefined } },
    detail: /no private-DNS interface endpoint for ecr\.api, ecr\.dkr$/,
  },

  {
    rule: 'PB-RET-001',
    name: '7-day backups',
    address: 'aws_db_instance.db',
    patch: { db: { backupRetentionPeriod: 7 } },
    detail: /backup_retention_period = 7/,
  },
  {
    rule: 'PB-RET-001',
    name: 'backup retention unset',
    address: 'aws_db_instance.db',
    patch: { db: { backupRetentionPeriod: undefined } },
    detail: /backup_retention_period is not set/,
  },
  {
    rule: 'PB-RET-002',
    name: 'no deletion protection',
    address: 'aws_db_instance.db',
    patch: { db: { deletionProtection: undefined } },
    detail: /deletion_protection is not set/,
  },
  {
    rule: 'PB-RET-003',
    name: 'final snapshot skipped',
    address: 'aws_db_instance.db',
    patch: { db: { skipFinalSnapshot: true, finalSnapshotIdentifier: undefined } },
    detail: /skip_final_snapshot = true; final_snapshot_identifier is not set/,
  },
  {
    rule: 'PB-RET-004',
    name: 'no cache snapshots',
    address: 'aws_elasticache_replication_group.redis',
    patch: { redis: { snapshotRetentionLimit: 0, finalSnapshotIdentifier: undefined } },
    detail: /snapshot_retention_limit = 0; final_snapshot_identifier is not set/,
  },
  {
    rule: 'PB-RET-005',
    name: '7-day key deletion window',
    address: 'aws_kms_key.key',
    patch: { key: { deletionWindowInDays: 7 } },
    detail: /deletion_window_in_days = 7/,
  },
  ...[['db', 'aws_db_instance'], ['redis', 'aws_elasticache_replication_group'], ['key', 'aws_kms_key'],
    ['logs', 'aws_cloudwatch_log_group'], ['cluster', 'aws_eks_cluster'], ['bucket', 'aws_s3_bucket']].map(([name, type]) => ({
    rule: 'PB-RET-006',
    name: `${type} without prevent_destroy`,
    address: `${type}.${name}`,
    patch: { [name]: { lifecycle: { createBeforeDestroy: false } } },
    detail: /lifecycle.prevent_destroy is not true/,
  })),
];

/** Compliant edge cases: each must produce no finding at all. */
const COMPLIANT: Array<{ rules: string[]; name: string } & BaselineStackOptions> = [
  { rules: ['PB-NET-001'], name: 'TCP 443 and 80 open to the world (IPv4 and IPv6), other ports to the VPC only (the base stack)' },
  { rules: ['PB-IAM-004'], name: 'key policy root statement with kms:*, Deny *, ec2:Describe* on * (the base stack)' },
  { rules: ['PB-IAM-005'], name: 'secrets passed as sensitive variables (the base stack)' },
  {
    rules: ['PB-NET-003'],
    name: 'public endpoint limited to an office CIDR',
    patch: { cluster: { vpcConfig: { subnetIds: ['a', 'b', 'c'], endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] } } },
  },
  {
    rules: ['PB-ENC-008'],
    name: 'asymmetric key without rotation',
    patch: { key: { customerMasterKeySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', enableKeyRotation: undefined } },
  },
  { rules: ['PB-RET-005'], name: 'deletion window left to the default (30)', patch: { key: { deletionWindowInDays: undefined } } },
  { rules: ['PB-ENC-007'], name: 'Performance Insights off', patch: { db: { performanceInsightsEnabled: false, performanceInsightsKmsKeyId: undefined } } },
  {
    rules: ['PB-HA-002'],
    name: 'cluster mode with replicas',
    patch: { redis: { numCacheClusters: undefined, numNodeGroups: 3, replicasPerNodeGroup: 1 } },
  },
  { rules: ['PB-LOG-004'], name: 'one-year retention', patch: { logs: { retentionInDays: 365 } } },
  {
    rules: ['PB-LOG-005'],
    name: 'PostgreSQL logging everything (thresholds 0, switches "on")',
    patch: {
      pg: {
        parameter: [
          { name: 'log_min_duration_statement', value: '0' }, { name: 'log_temp_files', value: '0' },
          ...['log_connections', 'log_disconnections', 'log_lock_waits'].map((name) => ({ name, value: 'on' })),
        ],
      },
    },
  },
  { rules: ['PB-LOG-005'], name: 'a MySQL parameter group is not judged', patch: { pg: { family: 'mysql8.0', parameter: [] } } },
  { rules: ['PB-NET-007'], name: 'a VPC no EKS cluster or node group uses needs no endpoints', omit: ['cluster', 'nodes', 'endpoint-ecr.api', 'endpoint-ecr.dkr', 'endpoint-sts'] },
  { rules: ['PB-IAM-003', 'PB-IAM-002'], name: 'hop limit 1 (the base stack)' },
  {
    rules: ['PB-IAM-004'],
    name: 'policy document for a key policy, root principal with kms:*',
    patch: { doc: { statement: [{ actions: ['kms:*'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:root'] }] }] } },
  },
];

function ruleIds(o: BaselineStackOptions): string[] {
  const { stack } = baselineStack(o);
  return [...new Set(ProductionBaseline.evaluate(stack).map((f) => f.ruleId))].sort();
}

describe('ProductionBaseline rules', () => {
  test('the hand-written compliant stack has no finding', () => {
    const { stack } = baselineStack();
    expect(ProductionBaseline.evaluate(stack)).toEqual([]);
  });

  test('every rule has a non-compliant case', () => {
    const covered = new Set(NON_COMPLIANT.map((c) => c.rule));
    expect(ProductionBaseline.rules().map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  test.each(NON_COMPLIANT.map((c) => [c.rule, c.name, c] as const))('%s fires: %s', (_rule, _name, c) => {
    const { stack } = baselineStack(c);
    const findings = ProductionBaseline.evaluate(stack);
    expect([...new Set(findings.map((f) => f.ruleId))].sort()).toEqual([c.rule, ...(c.alsoFires ?? [])].sort());
    const finding = findings.find((f) => f.ruleId === c.rule && f.address === c.address);
    expect(finding).toBeDefined();
    expect(finding!.detail).toMatch(c.detail);
    expect(finding!.level).toBe(ProductionBaseline.rules().find((r) => r.id === c.rule)!.level);
  });

  test.each(COMPLIANT.map((c) => [c.rules.join(', '), c.name, c] as const))('%s compliant: %s', (_rules, _name, c) => {
    expect(ruleIds(c)).toEqual([]);
  });

  test('values that are Terraform expressions are not judged', () => {
    const { stack } = baselineStack({
      patchWith: (s) => {
        const n = new TerraformVariable(s, 'n', { type: 'number' });
        const ids = new TerraformVariable(s, 'ids', { type: 'list(string)' });
        const flag = new TerraformVariable(s, 'flag', { type: 'bool' });
        return {
          cluster: { vpcConfig: { subnetIds: ids.listValue, endpointPublicAccess: flag.booleanValue } },
          nodes: { scalingConfig: { minSize: n.numberValue, maxSize: 6, desiredSize: 3 } },
          db: { backupRetentionPeriod: n.numberValue, multiAz: flag.booleanValue },
          logs: { retentionInDays: n.numberValue },
        };
      },
    });
    expect(ProductionBaseline.evaluate(stack)).toEqual([]);
  });
});

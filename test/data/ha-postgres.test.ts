import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { HaPostgres, HaPostgresProps, PostgresEngineVersion } from '../../src/data/ha-postgres';
import { HaVpc } from '../../src/network/ha-vpc';
import { onlyResource, resourcesOf, synthJson } from '../util';

function build(stack: TerraformStack, overrides: Partial<HaPostgresProps> = {}): HaPostgres {
  const network = new HaVpc(stack, 'net', { name: 'ai-agents-prod' });
  const nodes = new SecurityGroup(stack, 'nodes', { vpcId: network.vpcId });
  return new HaPostgres(stack, 'postgres', {
    name: 'ai-agents-prod', network, allowedSecurityGroupIds: [nodes.id], ...overrides,
  });
}

const rdsKeyOf = (json: any) => Object.entries(resourcesOf(json, 'aws_kms_key')).find(([id]) => id.startsWith('postgres_'))!;

describe('HaPostgres', () => {
  const json = synthJson((s) => build(s));
  const db = onlyResource(json, 'aws_db_instance');
  const [keyId, key] = rdsKeyOf(json);

  test('PostgreSQL 16, Multi-AZ, db.t3.medium, names from `name`, never public', () => {
    expect(db).toMatchObject({
      identifier: 'ai-agents-prod-postgres',
      engine: 'postgres',
      engine_version: '16',
      instance_class: 'db.t3.medium',
      multi_az: true,
      publicly_accessible: false,
      port: 5432,
      db_name: 'ai_agents_prod',
      username: 'ai_agents_prod_admin',
    });
    expect(db.db_subnet_group_name).toMatch(/^\$\{aws_db_subnet_group\.net_db-subnets_\w+\.name\}$/);
  });

  test('gp3 storage with autoscaling, encrypted with the customer-managed key', () => {
    expect(db).toMatchObject({ storage_type: 'gp3', allocated_storage: 100, max_allocated_storage: 1000, storage_encrypted: true });
    expect(db.kms_key_id).toBe(`\${aws_kms_key.${keyId}.arn}`);
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(JSON.parse(key.policy).Statement.map((s: any) => s.Sid)).toEqual(['AccountAdministersKeyThroughIam', 'CloudWatchLogsUse']);
  });

  test('no password anywhere: RDS manages the master secret with the key; IAM auth on', () => {
    expect(db).toMatchObject({ manage_master_user_password: true, iam_database_authentication_enabled: true });
    expect(db.master_user_secret_kms_key_id).toBe(`\${aws_kms_key.${keyId}.arn}`);
    expect(db.password).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/"password(_wo)?"\s*:/);
  });

  test('TLS enforced through its own postgres16 parameter group and the current CA', () => {
    const pg = onlyResource(json, 'aws_db_parameter_group');
    expect(pg).toMatchObject({ family: 'postgres16', name: 'ai-agents-prod-postgres-postgres16' });
    expect(pg.parameter).toContainEqual({ name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' });
    expect(db.parameter_group_name).toMatch(/^\$\{aws_db_parameter_group\.postgres_parameter-group_\w+\.name\}$/);
    expect(db.ca_cert_identifier).toBe('rds-ca-rsa2048-g1');
  });

  test('backups 30 days in non-overlapping windows, final snapshot, deletion protection, prevent_destroy', () => {
    expect(db).toMatchObject({
      backup_retention_period: 30,
      backup_window: '02:00-03:00',
      maintenance_window: 'sun:04:00-sun:05:00',
      copy_tags_to_snapshot: true,
      delete_automated_backups: false,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'ai-agents-prod-postgres-final',
      deletion_protection: true,
      auto_minor_version_upgrade: true,
      allow_major_version_upgrade: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('Performance Insights with the key, Enhanced Monitoring with its role', () => {
    expect(db).toMatchObject({ performance_insights_enabled: true, monitoring_interval: 60 });
    expect(db.performance_insights_kms_key_id).toBe(`\${aws_kms_key.${keyId}.arn}`);
    expect(db.monitoring_role_arn).toMatch(/aws_iam_role\.postgres_monitoring-role.*\.arn/);
    const role = Object.values(resourcesOf(json, 'aws_iam_role')).find((r: any) => r.name === 'ai-agents-prod-postgres-monitoring') as any;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'monitoring.rds.amazonaws.com' });
    const att = onlyResource(json, 'aws_iam_role_policy_attachment');
    expect(att.policy_arn).toMatch(/^arn:\$\{data\.aws_partition\.\w+\.partition\}:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/);
  });

  test('log exports go to KMS-encrypted 90-day log groups created before the instance', () => {
    expect(db.enabled_cloudwatch_logs_exports).toEqual(['postgresql', 'upgrade']);
    const groups = Object.entries(resourcesOf(json, 'aws_cloudwatch_log_group')).filter(([id]) => id.startsWith('postgres_'));
    expect(groups.map(([, g]) => g.name).sort())
      .toEqual(['/aws/rds/instance/ai-agents-prod-postgres/postgresql', '/aws/rds/instance/ai-agents-prod-postgres/upgrade']);
    for (const [id, g] of groups) {
      expect(g).toMatchObject({ retention_in_days: 90, kms_key_id: `\${aws_kms_key.${keyId}.arn}`, lifecycle: { prevent_destroy: true } });
      expect(db.depends_on).toContain(`aws_cloudwatch_log_group.${id}`);
    }
  });

  test('own security group: 5432 only from the given groups, no other rule', () => {
    const sgs = Object.entries(resourcesOf(json, 'aws_security_group')).filter(([id]) => id.startsWith('postgres_'));
    expect(sgs).toHaveLength(1);
    const [sgId, sg] = sgs[0];
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(db.vpc_security_group_ids).toEqual([`\${aws_security_group.${sgId}.id}`]);
    const rules = (Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')) as any[])
      .filter((r) => r.security_group_id === `\${aws_security_group.${sgId}.id}`);
    expect(rules).toEqual([expect.objectContaining({
      security_group_id: `\${aws_security_group.${sgId}.id}`,
      referenced_security_group_id: '${aws_security_group.nodes.id}',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
    })]);
    expect(rules[0].cidr_ipv4).toBeUndefined();
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual({});
  });

  test('options: pinned version, given key, larger class, extra parameters, no prevent_destroy', () => {
    const j = synthJson((s) => build(s, {
      engineVersion: PostgresEngineVersion.of('16.10'),
      kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc',
      instanceClass: 'db.r6g.large',
      parameters: { work_mem: '65536' },
      preventDestroy: false,
      backupRetentionDays: 7,
      identifier: 'custom-db',
    }));
    const d = onlyResource(j, 'aws_db_instance');
    expect(d).toMatchObject({ engine_version: '16.10', instance_class: 'db.r6g.large', backup_retention_period: 7, identifier: 'custom-db' });
    expect(d.kms_key_id).toBe('arn:aws:kms:us-east-1:123456789012:key/abc');
    expect(d.lifecycle).toBeUndefined();
    expect(Object.keys(resourcesOf(j, 'aws_kms_key')).filter((id) => id.startsWith('postgres_'))).toEqual([]);
    expect(onlyResource(j, 'aws_db_parameter_group').parameter).toContainEqual(
      { name: 'work_mem', value: '65536', apply_method: 'pending-reboot' });
    expect(PostgresEngineVersion.V16_9.majorVersion).toBe('16');
  });

  test('another environment gets its own names, never the guide\'s aiagents; the example sets those explicitly', () => {
    let pg!: HaPostgres;
    const j = synthJson((s) => {
      const network = new HaVpc(s, 'net', { name: 'payments-staging' });
      pg = new HaPostgres(s, 'postgres', { name: 'payments-staging', network, allowedSecurityGroupIds: ['sg-1'] });
      new TerraformOutput(s, 'policy', { value: pg.iamConnectPolicyJson() });
    });
    const instance = onlyResource(j, 'aws_db_instance');
    expect(instance).toMatchObject({ db_name: 'payments_staging', username: 'payments_staging_admin' });
    expect([pg.databaseName, pg.masterUsername, pg.appRoleName]).toEqual(['payments_staging', 'payments_staging_admin', 'payments_staging_app']);
    expect(j.output.policy.value).toMatch(/dbuser:\$\{aws_db_instance\.postgres_instance_\w+\.resource_id\}\/payments_staging_app"/);
    expect(JSON.stringify(j)).not.toContain('aiagents');
  });

  test('exposes endpoint, secret ARN and an IAM connect policy', () => {
    let pg!: HaPostgres;
    const j = synthJson((s) => {
      pg = build(s);
      new TerraformOutput(s, 'secret', { value: pg.masterUserSecretArn });
      new TerraformOutput(s, 'policy', { value: pg.iamConnectPolicyJson('aiagents_app') });
    });
    expect(j.output.secret.value).toMatch(/^\$\{aws_db_instance\.postgres_instance_\w+\.master_user_secret\[0\]\.secret_arn\}$/);
    expect(j.output.policy.value).toContain('rds-db:connect');
    expect(j.output.policy.value).toMatch(/dbuser:\$\{aws_db_instance\.postgres_instance_\w+\.resource_id\}\/aiagents_app/);
  });

  describe('validation', () => {
    const fails = (o: Partial<HaPostgresProps>) => () => synthJson((s) => build(s, o));
    test('an app role equal to the master user', () => expect(fails({ masterUsername: 'x_admin', appRoleName: 'x_admin' }))
      .toThrow(/appRoleName must be 1-63 lower-case letters, digits or underscores, starting with a letter, and not the master user \(got 'x_admin'\)/));
    test('backup retention below 7', () => expect(fails({ backupRetentionDays: 3 })).toThrow(/backupRetentionDays must be between 7 and 35 for production \(got 3\)/));
    test('backup retention above 35', () => expect(fails({ backupRetentionDays: 36 })).toThrow(/backupRetentionDays must be between 7 and 35/));
    test('overlapping windows', () => expect(fails({ backupWindow: '03:30-04:30' })).toThrow(/maintenanceWindow must not overlap backupWindow '03:30-04:30'/));
    test('overlap across midnight', () => expect(fails({ backupWindow: '23:30-00:30', maintenanceWindow: 'mon:00:00-mon:01:00' })).toThrow(/must not overlap/));
    test('malformed backup window', () => expect(fails({ backupWindow: '3:00-4:00' })).toThrow(/backupWindow must be 'hh:mm-hh:mm'/));
    test('too short backup window', () => expect(fails({ backupWindow: '03:00-03:15' })).toThrow(/at least 30 minutes/));
    test('malformed maintenance window', () => expect(fails({ maintenanceWindow: 'sunday:04:00-sunday:05:00' })).toThrow(/maintenanceWindow must be 'ddd:hh:mm-ddd:hh:mm'/));
    test('bad name', () => expect(fails({ name: 'AI_Agents' })).toThrow(/name must be 2-40 lower-case/));
    test('bad identifier', () => expect(fails({ identifier: 'db--1' })).toThrow(/identifier must be 2-63/));
    test('storage ceiling below allocated storage', () => expect(fails({ allocatedStorageGiB: 500, maxAllocatedStorageGiB: 400 })).toThrow(/maxAllocatedStorageGiB must be a whole number of GiB greater than allocatedStorageGiB \(500\)/));
    test('allocated storage below gp3 minimum', () => expect(fails({ allocatedStorageGiB: 10 })).toThrow(/allocatedStorageGiB must be a whole number of GiB from 20/));
    test('instance class without db. prefix', () => expect(fails({ instanceClass: 't3.medium' })).toThrow(/instanceClass must be an RDS instance class/));
    test('empty allowedSecurityGroupIds', () => expect(fails({ allowedSecurityGroupIds: [] })).toThrow(/allowedSecurityGroupIds must list at least one security group/));
    test('reserved master user name', () => expect(fails({ masterUsername: 'postgres' })).toThrow(/masterUsername must be/));
    test('bad database name', () => expect(fails({ databaseName: 'ai-agents' })).toThrow(/databaseName must be/));
    test('monitoring interval', () => expect(fails({ monitoringIntervalSeconds: 0 })).toThrow(/monitoringIntervalSeconds must be one of 1, 5, 10, 15, 30, 60/));
    test('log retention below 90 days', () => expect(fails({ logRetentionDays: 30 })).toThrow(/logRetentionDays must be at least 90/));
    test('rds.force_ssl cannot be turned off', () => expect(fails({ parameters: { 'rds.force_ssl': '0' } })).toThrow(/must not turn off 'rds.force_ssl'/));
    test('malformed engine version', () => expect(() => PostgresEngineVersion.of('sixteen')).toThrow(/PostgresEngineVersion: version must be 'MAJOR' or 'MAJOR.MINOR'/));
  });
});

describe('HaPostgres monitoring role name', () => {
  test('stays within the 64-character IAM limit for a long identifier', () => {
    const identifier = 'a'.repeat(60);
    const json = synthJson((s: any) => {
      const network = new HaVpc(s, 'net', { name: 'pg-net' });
      new HaPostgres(s, 'db', { name: 'pg', identifier, network, allowedSecurityGroupIds: ['sg-0123456789abcdef0'] });
    });
    const role = Object.values<any>(json.resource.aws_iam_role).find((r) => String(r.name).startsWith('aaaa'));
    expect(role.name.length).toBeLessThanOrEqual(64);
    expect(onlyResource(json, 'aws_db_instance').identifier).toBe(identifier);
  });
});

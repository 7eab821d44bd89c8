import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformStack } from 'cdktf';
import { DatabaseBackup, DatabaseBackupProps } from '../../src/data/database-backup';
import { HaPostgres } from '../../src/data/ha-postgres';
import { HaVpc } from '../../src/network/ha-vpc';
import { onlyResource, resourcesOf, synthJson } from '../util';

function build(stack: TerraformStack, overrides: Partial<DatabaseBackupProps> = {}): DatabaseBackup {
  const network = new HaVpc(stack, 'net', { name: 'ai-agents-prod' });
  const nodes = new SecurityGroup(stack, 'nodes', { vpcId: network.vpcId });
  const database = new HaPostgres(stack, 'postgres', { name: 'ai-agents-prod', network, allowedSecurityGroupIds: [nodes.id] });
  return new DatabaseBackup(stack, 'backup', { name: 'ai-agents-prod', database, network, ...overrides });
}

const ref = (json: any, type: string, prefix: string, attr: string) => {
  const id = Object.keys(resourcesOf(json, type)).find((k) => k.startsWith(prefix));
  if (!id) throw new Error(`no ${type} ${prefix}*`);
  return `\${${type}.${id}.${attr}}`;
};

describe('DatabaseBackup', () => {
  const json = synthJson((s) => build(s));
  const vault = onlyResource(json, 'aws_backup_vault');
  const plan = onlyResource(json, 'aws_backup_plan');
  const selection = onlyResource(json, 'aws_backup_selection');
  const dbArn = ref(json, 'aws_db_instance', 'postgres_instance', 'arn');

  test('a vault encrypted with its own rotated customer-managed key, protected from destroy', () => {
    expect(vault).toMatchObject({ name: 'ai-agents-prod-db', force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(vault.kms_key_arn).toBe(ref(json, 'aws_kms_key', 'backup_key', 'arn'));
    expect(resourcesOf(json, 'aws_kms_key')[ref(json, 'aws_kms_key', 'backup_key', 'arn').split('.')[1]])
      .toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  test('the vault policy denies deleting recovery points or shortening their lifecycle, to everyone', () => {
    const policy = onlyResource(json, 'aws_backup_vault_policy');
    expect(policy.backup_vault_name).toBe(ref(json, 'aws_backup_vault', 'backup_vault', 'name'));
    expect(JSON.parse(policy.policy).Statement).toEqual([{
      Sid: 'DenyDeletingRecoveryPoints',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
      Resource: '*',
    }]);
  });

  test('a daily plan at 05:00 UTC keeping 35 days, selecting the database', () => {
    expect(plan.name).toBe('ai-agents-prod-db-daily');
    expect(plan.rule).toEqual([expect.objectContaining({
      rule_name: 'daily',
      schedule: 'cron(0 5 * * ? *)',
      start_window: 60,
      completion_window: 480,
      lifecycle: { delete_after: 35 },
      target_vault_name: ref(json, 'aws_backup_vault', 'backup_vault', 'name'),
    })]);
    expect(selection).toMatchObject({ name: 'ai-agents-prod-postgres', resources: [dbArn] });
    expect(selection.plan_id).toBe(ref(json, 'aws_backup_plan', 'backup_plan', 'id'));
  });

  test('the role trusts AWS Backup only and has the managed backup and restore policies', () => {
    const role = Object.values<any>(resourcesOf(json, 'aws_iam_role')).find((r) => r.name === 'ai-agents-prod-db-backup');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const policies = Object.values<any>(resourcesOf(json, 'aws_iam_role_policy_attachment'))
      .filter((a) => /backup_role/.test(a.role)).map((a) => a.policy_arn);
    expect(policies).toEqual([
      expect.stringMatching(/:iam::aws:policy\/service-role\/AWSBackupServiceRolePolicyForBackup$/),
      expect.stringMatching(/:iam::aws:policy\/service-role\/AWSBackupServiceRolePolicyForRestores$/),
    ]);
    expect(selection.iam_role_arn).toBe(ref(json, 'aws_iam_role', 'backup_role', 'arn'));
  });

  test('a weekly restore test of the newest recovery point in the vault', () => {
    const testPlan = onlyResource(json, 'aws_backup_restore_testing_plan');
    expect(testPlan).toMatchObject({
      name: 'ai_agents_prod_db_restore_test',
      schedule_expression: 'cron(0 6 ? * SAT *)',
      schedule_expression_timezone: 'Etc/UTC',
      recovery_point_selection: [{
        algorithm: 'LATEST_WITHIN_WINDOW',
        recovery_point_types: ['SNAPSHOT'],
        selection_window_days: 7,
        include_vaults: [ref(json, 'aws_backup_vault', 'backup_vault', 'arn')],
      }],
    });
  });

  test('the restored test instance lands in the isolated database subnets behind a closed security group', () => {
    const sel = onlyResource(json, 'aws_backup_restore_testing_selection');
    expect(sel).toMatchObject({
      name: 'postgres_latest',
      protected_resource_type: 'RDS',
      protected_resource_arns: [dbArn],
      validation_window_hours: 4,
      restore_testing_plan_name: ref(json, 'aws_backup_restore_testing_plan', 'backup_restore-testing-plan', 'name'),
      iam_role_arn: ref(json, 'aws_iam_role', 'backup_role', 'arn'),
    });
    expect(sel.restore_metadata_overrides).toEqual({
      dbSubnetGroupName: ref(json, 'aws_db_subnet_group', 'net_db-subnets', 'name'),
      vpcSecurityGroupIds: `["${ref(json, 'aws_security_group', 'backup_restore-test-security-group', 'id')}"]`,
    });
    const sg = Object.values<any>(resourcesOf(json, 'aws_security_group')).find((g) => g.name === 'ai-agents-prod-db-restore-test');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(Object.values<any>(resourcesOf(json, 'aws_vpc_security_group_ingress_rule'))
      .filter((r) => /restore-test/.test(r.security_group_id))).toEqual([]);
  });

  test('props change schedule, retention, validation window; restore testing can be turned off', () => {
    const j = synthJson((s) => build(s, {
      scheduleExpression: 'cron(30 7 * * ? *)',
      retentionDays: 90,
      restoreTestValidationWindowHours: 12,
      restoreTestScheduleExpression: 'cron(0 8 ? * SUN *)',
    }));
    expect(onlyResource(j, 'aws_backup_plan').rule[0]).toMatchObject({ schedule: 'cron(30 7 * * ? *)', lifecycle: { delete_after: 90 } });
    expect(onlyResource(j, 'aws_backup_restore_testing_plan').schedule_expression).toBe('cron(0 8 ? * SUN *)');
    expect(onlyResource(j, 'aws_backup_restore_testing_selection').validation_window_hours).toBe(12);
    const off = synthJson((s) => build(s, { restoreTesting: false }));
    expect(resourcesOf(off, 'aws_backup_restore_testing_plan')).toEqual({});
    expect(resourcesOf(off, 'aws_backup_restore_testing_selection')).toEqual({});
    expect(onlyResource(off, 'aws_backup_selection')).toBeDefined();
  });

  test('a given vault key is used as is', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/0b7c6f2e-1111-4222-8333-944455556666';
    const j = synthJson((s) => build(s, { kmsKeyArn: key }));
    expect(onlyResource(j, 'aws_backup_vault').kms_key_arn).toBe(key);
    expect(Object.keys(resourcesOf(j, 'aws_kms_key')).filter((id) => id.startsWith('backup_'))).toEqual([]);
  });
});

describe('DatabaseBackup validation', () => {
  const bad = (overrides: Partial<DatabaseBackupProps>) => () => synthJson((s) => build(s, overrides));
  test('schedules are six-field cron expressions', () => {
    expect(bad({ scheduleExpression: 'rate(1 day)' })).toThrow(/scheduleExpression must be an EventBridge cron expression/);
    expect(bad({ restoreTestScheduleExpression: 'cron(0 6 * *)' })).toThrow(/restoreTestScheduleExpression must be an EventBridge cron expression/);
  });
  test('a daily schedule clear of the database\'s windows (none within the hour before or during them)', () => {
    // HaPostgres defaults: backups 02:00-03:00, maintenance sun:04:00-sun:05:00.
    expect(bad({ scheduleExpression: 'cron(30 1 * * ? *)' })).toThrow(/scheduleExpression must not start within an hour before or during the database's backup window '02:00-03:00'/);
    expect(bad({ scheduleExpression: 'cron(0 4 * * ? *)' })).toThrow(/during the database's maintenance window 'sun:04:00-sun:05:00'.*'cron\(0 5 \* \* \? \*\)'/);
    expect(bad({ scheduleExpression: 'cron(0 3 * * ? *)' })).toThrow(/maintenance window/);
    expect(bad({ scheduleExpression: 'cron(0 5 * * ? *)' })).not.toThrow();
  });
  test('the default schedule follows the database\'s windows', () => {
    const json = synthJson((s) => {
      const network = new HaVpc(s, 'net', { name: 'ai-agents-prod' });
      const database = new HaPostgres(s, 'postgres', {
        name: 'ai-agents-prod',
        network,
        allowedSecurityGroupIds: ['sg-0123456789abcdef0'],
        backupWindow: '03:00-04:00',
        maintenanceWindow: 'sun:05:00-sun:06:00',
      });
      new DatabaseBackup(s, 'backup', { name: 'ai-agents-prod', database, network });
    });
    expect(onlyResource(json, 'aws_backup_plan').rule[0].schedule).toBe('cron(0 6 * * ? *)');
  });
  test('retention 7 to 36500 days', () => {
    expect(bad({ retentionDays: 3 })).toThrow(/retentionDays must be a whole number of days from 7 to 36500/);
  });
  test('validation window 1 to 168 hours', () => {
    expect(bad({ restoreTestValidationWindowHours: 0 })).toThrow(/restoreTestValidationWindowHours must be a whole number of hours from 1 to 168/);
  });
  test('name', () => {
    expect(bad({ name: 'Bad_Name' })).toThrow(/name/);
  });
});

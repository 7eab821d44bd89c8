import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { DatabaseBackup } from '../../src/data/database-backup';
import { HaPostgres } from '../../src/data/ha-postgres';
import { HaVpc } from '../../src/network/ha-vpc';
import { RECOVERY_FACTS } from '../../src/private/recovery-facts';
import { onlyResource, resourcesOf, synthJson } from '../util';

/** The synthesized recovery resources against the upstream facts in src/private/recovery-facts.ts. */
describe.each([
  ['the example name', 'ai-agents-prod'],
  ['the longest name the library accepts (40 characters)', 'a234567890-234567890-234567890-234567890'],
])('DatabaseBackup names and settings follow AWS Backup\'s rules, for %s', (_label, name) => {
  const json = synthJson((s) => {
    const network = new HaVpc(s, 'net', { name: 'facts' });
    const nodes = new SecurityGroup(s, 'nodes', { vpcId: network.vpcId });
    const database = new HaPostgres(s, 'postgres', { name: 'facts', network, allowedSecurityGroupIds: [nodes.id] });
    new DatabaseBackup(s, 'backup', { name, database, network });
  });

  test('vault, plan and selection names', () => {
    expect(onlyResource(json, 'aws_backup_vault').name).toMatch(RECOVERY_FACTS.backupVaultName.value);
    expect(onlyResource(json, 'aws_backup_plan').name.length).toBeLessThanOrEqual(50);
    expect(onlyResource(json, 'aws_backup_selection').name.length).toBeLessThanOrEqual(50);
  });

  test('restore testing names and algorithm', () => {
    const plan = onlyResource(json, 'aws_backup_restore_testing_plan');
    const selection = onlyResource(json, 'aws_backup_restore_testing_selection');
    expect(plan.name).toMatch(RECOVERY_FACTS.restoreTestingName.value);
    expect(selection.name).toMatch(RECOVERY_FACTS.restoreTestingName.value);
    expect(RECOVERY_FACTS.restoreTestingAlgorithms.value).toContain(plan.recovery_point_selection[0].algorithm);
    expect(selection.protected_resource_type).toBe('RDS');
  });

  test('the service role: trust principal and managed policies', () => {
    const role = Object.values<any>(resourcesOf(json, 'aws_iam_role')).find((r) => /backup/.test(r.name ?? ''));
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal.Service).toBe('backup.amazonaws.com');
    const attached = Object.values<any>(resourcesOf(json, 'aws_iam_role_policy_attachment')).map((a) => String(a.policy_arn));
    for (const policy of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores']) {
      expect(attached.some((a) => a.endsWith(`:iam::aws:policy/service-role/${policy}`))).toBe(true);
    }
  });
});

test('every fact names its source', () => {
  for (const [key, fact] of Object.entries(RECOVERY_FACTS)) {
    expect({ key, source: fact.source }).toEqual({ key, source: expect.stringMatching(/^(https:\/\/(docs\.aws\.amazon\.com|registry\.terraform\.io)\/|hashicorp\/terraform-provider-aws )/) });
  }
});

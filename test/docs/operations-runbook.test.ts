import * as fs from 'fs';
import { OperationsRunbook } from '../../src';
import { synthesizeExample } from '../examples/synth-example';

describe('OperationsRunbook for examples/prod', () => {
  const example = synthesizeExample();
  afterAll(() => fs.rmSync(example.outdir, { recursive: true, force: true }));
  const runbook = OperationsRunbook.fromOutputDirectory(example.outdir);
  const all = Object.values(runbook.files()).join('\n');

  test('reads the real names of the environment from the synthesized app', () => {
    expect(runbook.facts).toMatchObject({
      region: 'us-east-1',
      clusterName: 'ai-agents-prod',
      clusterLogGroup: '/aws/eks/ai-agents-prod/cluster',
      nodeGroupNames: ['general-*'], // a name prefix: EKS appends a timestamp
      dbIdentifier: 'ai-agents-prod-postgres',
      dbName: 'aiagents',
      dbUser: 'aiagents_admin',
      dbIamAuth: true,
      dbAppUser: 'aiagents_app',
      redisReplicationGroupId: 'ai-agents-prod-redis',
      ingressNamespace: 'ingress-nginx',
      ingressService: 'ingress-nginx-controller',
      clusterIssuers: ['letsencrypt-staging', 'letsencrypt-prod'],
      appNamespace: 'production',
      appServiceAccount: 'app-sa',
      observabilityNamespace: 'observability',
      otelService: 'otel-collector',
    });
    expect(runbook.facts.logGroups).toContain('/aws/eks/ai-agents-prod/containers');
  });

  test("covers the guide's verification, troubleshooting, recovery and maintenance procedures", () => {
    for (const expected of [
      'aws eks update-kubeconfig --region us-east-1 --name ai-agents-prod',
      'kubectl get nodes -L topology.kubernetes.io/zone',
      'kubectl get clusterissuer',
      'aws rds reboot-db-instance --region us-east-1 --db-instance-identifier ai-agents-prod-postgres --force-failover',
      'aws elasticache test-failover --region us-east-1 --replication-group-id ai-agents-prod-redis',
      'kubectl drain <node-name> --ignore-daemonsets --delete-emptydir-data',
      'kubectl auth can-i delete secrets --as=system:serviceaccount:production:app-sa',
      'kubectl port-forward -n observability svc/otel-collector 8888:8888',
    ]) {
      expect(all).toContain(expected);
    }
  });

  test("fixes the guide's weaknesses: no passwords, verified TLS, IAM authentication", () => {
    expect(all).not.toMatch(/--pass\b|-a\s+\S+\s+PING|db_password|GenerateStrongPassword/);
    expect(all).not.toMatch(/PGPASSWORD=(?!\$\()/); // only ever set from a token command
    expect(all).toContain('aws rds generate-db-auth-token');
    // IAM tokens only work for roles granted rds_iam: the application role, never the master user.
    expect(all).toMatch(/generate-db-auth-token [^\n]*--username aiagents_app/);
    expect(all).not.toMatch(/generate-db-auth-token [^\n]*--username aiagents_admin/);
    expect(all).toContain("--query 'DBInstances[0].MasterUserSecret.SecretArn'");
    expect(all).toContain('sslmode=verify-full');
    expect(all).toMatch(/redis-cli --tls/);
    expect(all).not.toContain('<not in this app>');
  });

  test('recovery and maintenance use the backup vault, the restore test and the restore props by their real names', () => {
    expect(runbook.facts).toMatchObject({
      backupVaultName: 'ai-agents-prod-db',
      restoreTestingPlanName: 'ai_agents_prod_db_restore_test',
      backupSchedule: 'cron(0 6 * * ? *)',
      restoreTestSchedule: 'cron(0 6 ? * SAT *)',
    });
    const files = runbook.files();
    const recovery = files['recovery.md'];
    expect(recovery).toContain('aws backup list-recovery-points-by-backup-vault --region us-east-1 --backup-vault-name ai-agents-prod-db');
    expect(recovery).toContain("restoreToPointInTime: { sourceInstanceIdentifier: 'ai-agents-prod-postgres'");
    expect(recovery).toContain("identifier: 'ai-agents-prod-postgres-r1'");
    expect(recovery).toMatch(/kmsKeyArn: .*rds_kms_key_arn/);
    expect(recovery).toMatch(/deletionProtection: false.*\n?.*preventDestroy: false/);
    expect(recovery).toContain('snapshotName');
    // The manual command keeps the restore in the private subnets, Multi-AZ and protected.
    expect(recovery).toMatch(/restore-db-instance-to-point-in-time[^`]*--multi-az --no-publicly-accessible[^`]*--db-subnet-group-name[^`]*--deletion-protection/);
    const maintenance = files['maintenance.md'];
    expect(maintenance).toContain('| weekly (automated, cron(0 6 ? * SAT *)) | AWS Backup restores the newest recovery point of `ai-agents-prod-db`');
    expect(maintenance).toContain('aws backup list-backup-jobs --region us-east-1 --by-backup-vault-name ai-agents-prod-db --by-state FAILED');
    // Without DatabaseBackup the weekly restore test is the manual one.
    const manual = OperationsRunbook.fromFacts({ ...runbook.facts, backupVaultName: undefined, restoreTestingPlanName: undefined }).files();
    expect(manual['maintenance.md']).toContain('| weekly | restore test of the newest automated snapshot into a scratch instance |');
    expect(manual['recovery.md']).toContain('aws rds describe-db-snapshots --region us-east-1 --db-instance-identifier ai-agents-prod-postgres');
  });

  test('writes the pages to a directory', () => {
    const dir = fs.mkdtempSync(`${example.outdir}/runbook-`);
    const written = runbook.writeTo(dir);
    expect(written.map((f) => f.slice(dir.length + 1)).sort())
      .toEqual(['README.md', 'alerts.md', 'applications.md', 'maintenance.md', 'recovery.md', 'troubleshooting.md', 'verification.md']);
  });

  test('applications.md gives each application namespace its self-test command, read from the synthesized release', () => {
    expect(runbook.facts.applicationNamespaces).toEqual([
      { namespace: 'production', serviceAccount: 'app-sa', releaseName: 'workload-baseline-production', releaseNamespace: 'kube-system' },
    ]);
    const page = runbook.files()['applications.md'];
    expect(page).toContain('( helm test workload-baseline-production -n kube-system --filter name=app-self-test-production; rc=$?; '
      + 'kubectl logs -n production app-self-test-production; exit $rc )');
    expect(runbook.files()['README.md']).toContain('[applications.md](applications.md)');
    // An app without application namespaces gets no page (and no dead link).
    const bare = OperationsRunbook.fromFacts({ ...runbook.facts, applicationNamespaces: [] });
    expect(Object.keys(bare.files())).not.toContain('applications.md');
    expect(bare.files()['README.md']).not.toContain('applications.md');
  });

  test('alerts.md lists every alarm of the app with its real name, the topic and the dashboard', () => {
    const page = runbook.files()['alerts.md'];
    expect(runbook.facts.alertsTopic).toBe('ai-agents-prod-alerts');
    expect(runbook.facts.dashboardName).toBe('ai-agents-prod-platform');
    expect(runbook.facts.alarms).toHaveLength(16);
    for (const a of runbook.facts.alarms ?? []) expect(page).toContain(`| \`${a.name}\` | ${a.metric} |`);
    expect(page).toContain('SNS topic `ai-agents-prod-alerts`');
    expect(page).toContain('Dashboard: `ai-agents-prod-platform`');
    expect(page).toContain('`/aws/elasticache/ai-agents-prod-redis/slow-log`');
    // Every alarm row has first steps.
    for (const row of page.split('\n').filter((l) => l.startsWith('| `'))) expect(row).not.toMatch(/\|\s*\|$/);
  });

  test('maintenance.md names the alarms that automate the guide\'s checks and says which stay manual', () => {
    const page = runbook.files()['maintenance.md'];
    expect(page).toContain('automated: alarm `ai-agents-prod-certificate-expiry`');
    expect(page).toContain('automated: alarm `ai-agents-prod-node-disk`');
    expect(page).toContain('automated: alarm `ai-agents-prod-crash-loop`');
    expect(page).toMatch(/automated: 13 node group, database and cache alarms/);
    expect(page).toContain('Still by hand, and why');
  });

  test('fromFacts renders a runbook for a platform described by hand', () => {
    const custom = OperationsRunbook.fromFacts({ ...runbook.facts, clusterName: 'payments-prod', region: 'eu-west-1' });
    expect(custom.files()['verification.md']).toContain('aws eks update-kubeconfig --region eu-west-1 --name payments-prod');
  });
});

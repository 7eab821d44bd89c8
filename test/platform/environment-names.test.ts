import { App, TerraformStack, Testing } from 'cdktf';
import { OperationsRunbook } from '../../src/docs/operations-runbook';
import { ProductionEksPlatform } from '../../src/platform/production-eks-platform';

/** A platform for another team, region and namespace carries its own names everywhere, never the guide's. */
describe('ProductionEksPlatform for payments-staging in eu-west-1', () => {
  const app = new App({ outdir: Testing.app().outdir });
  const infra = new TerraformStack(app, 'infra');
  const platform = new ProductionEksPlatform(infra, 'platform', {
    name: 'payments-staging',
    region: 'eu-west-1',
    acmeEmail: 'payments@example.com',
    owner: 'payments',
    adminPrincipalArns: ['arn:aws:iam::123456789012:role/payments-admin'],
    addons: { appNamespace: 'payments' },
  });

  test('database, master user and application role come from name', () => {
    expect([platform.postgres.databaseName, platform.postgres.masterUsername, platform.postgres.appRoleName])
      .toEqual(['payments_staging', 'payments_staging_admin', 'payments_staging_app']);
  });

  test('next_steps uses the application role and the app namespace given', () => {
    expect(platform.nextSteps).toMatch(/generate-db-auth-token [^\n]*--username payments_staging_app\)/);
    expect(platform.nextSteps).toMatch(/user=payments_staging_app /);
    expect(platform.nextSteps).toContain('kubectl auth can-i list pods --as=system:serviceaccount:payments:app-sa -n payments');
    expect(platform.nextSteps).not.toMatch(/aiagents|production/);
  });

  test('no guide name in the synthesized stacks; the runbook reads the application role from them', () => {
    app.synth();
    const runbook = OperationsRunbook.fromOutputDirectory(app.outdir);
    expect(runbook.facts).toMatchObject({ dbName: 'payments_staging', dbAppUser: 'payments_staging_app', appNamespace: 'payments' });
    expect(JSON.stringify(runbook.files())).not.toMatch(/aiagents/);
  });
});

import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { HaEksCluster } from '../../src/cluster/ha-eks-cluster';
import { HaNodeGroup } from '../../src/cluster/ha-node-group';
import { HaPostgres } from '../../src/data/ha-postgres';
import { ProductionEksPlatform } from '../../src/platform/production-eks-platform';
import { ProductionEksPlatformProps } from '../../src/platform/production-eks-platform-props';
import { ProductionBaseline } from '../../src/policy/production-baseline';
import { PROP_HINTS } from '../../src/policy/prop-hints';
import { EXISTING_NETWORK } from '../guardrails/fixtures';

/**
 * Findings on resources the library creates speak props: the construct, the prop to change and the exact
 * acknowledge line. Each documented opt-out below is set on a building block and through ProductionEksPlatform.
 */

const ADMIN = 'arn:aws:iam::123456789012:role/platform-admin';
const NETWORK = EXISTING_NETWORK;

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'infra');
  new AwsProvider(s, 'aws', { region: 'eu-west-1' });
  return s;
}
const open = (s: TerraformStack, rule: string) => ProductionBaseline.evaluate(s).filter((f) => f.ruleId === rule && !f.acknowledged);

describe('findings on building blocks name the construct, the prop and the acknowledge line', () => {
  test('backupRetentionDays: 10 passes the prop check and PB-RET-001 names the prop and its range', () => {
    const s = stack();
    new HaPostgres(s, 'postgres', { name: 'payments-staging', network: NETWORK, allowedSecurityGroupIds: ['sg-1'], backupRetentionDays: 10 });
    const [f] = open(s, 'PB-RET-001');
    expect(f.fix).toBe("Set backupRetentionDays between 30 and 35 (the prop accepts 7-35; the baseline asks for 30) on HaPostgres 'infra/postgres'.");
    expect(f.acknowledgeWith).toBe("ProductionBaseline.acknowledge(haPostgres, 'PB-RET-001', '<why this is acceptable here>'), "
      + "where haPostgres is the HaPostgres 'infra/postgres'");
    expect(f.terraformFix).toMatch(/backup_retention_period/);
    expect(f.message).toContain(`Fix: ${f.fix} Or accept it on purpose: ${f.acknowledgeWith}.`);
    expect(f.message).not.toMatch(/Fix: Set backup_retention_period/);
  });

  test('the acknowledge line it prints works: the finding is acknowledged', () => {
    const s = stack();
    const db = new HaPostgres(s, 'postgres', { name: 'payments-staging', network: NETWORK, allowedSecurityGroupIds: ['sg-1'], backupRetentionDays: 10 });
    ProductionBaseline.acknowledge(db, 'PB-RET-001', 'staging: 10 days are enough');
    expect(open(s, 'PB-RET-001')).toEqual([]);
  });

  test('allowPublicEndpointFromAnywhere: PB-NET-003 names the opt-in, not vpc_config', () => {
    const s = stack();
    new HaEksCluster(s, 'cluster', { name: 'payments-staging', network: NETWORK, adminPrincipalArns: [ADMIN], allowPublicEndpointFromAnywhere: true });
    const [f] = open(s, 'PB-NET-003');
    expect(f.fix).toMatch(/^Set allowPublicEndpointFromAnywhere to false .* in publicAccessCidrs.* on HaEksCluster 'infra\/cluster'\./);
    expect(f.message).not.toMatch(/endpoint_public_access = false/);
    expect(f.acknowledgeWith).toMatch(/^ProductionBaseline\.acknowledge\(haEksCluster, 'PB-NET-003', /);
  });

  test('minSize: 1 names minSize, not scaling_config.min_size', () => {
    const s = stack();
    const cluster = new HaEksCluster(s, 'cluster', { name: 'payments-staging', network: NETWORK, adminPrincipalArns: [ADMIN] });
    new HaNodeGroup(s, 'nodes', { cluster, minSize: 1 });
    const [f] = open(s, 'PB-HA-003');
    expect(f.fix).toMatch(/^Set minSize to 3 or more .* on HaNodeGroup 'infra\/nodes'\./);
    expect(f.message).not.toMatch(/scaling_config\.min_size >= 3/);
  });

  test('preventDestroy: false names preventDestroy; one acknowledge on the construct covers all its resources', () => {
    const s = stack();
    const db = new HaPostgres(s, 'postgres', { name: 'payments-staging', network: NETWORK, allowedSecurityGroupIds: ['sg-1'], preventDestroy: false });
    const findings = open(s, 'PB-RET-006');
    expect(findings.length).toBeGreaterThan(1); // instance, key, log groups
    for (const f of findings) expect(f.fix).toMatch(/^Set preventDestroy to true .* on HaPostgres 'infra\/postgres'/);
    ProductionBaseline.acknowledge(db, 'PB-RET-006', 'staging is rebuilt nightly');
    expect(open(s, 'PB-RET-006')).toEqual([]);
  });

  test('a rule no prop can break points at the override that broke it', () => {
    const s = stack();
    const db = new HaPostgres(s, 'postgres', { name: 'payments-staging', network: NETWORK, allowedSecurityGroupIds: ['sg-1'] });
    db.instance.multiAz = false;
    const [f] = open(s, 'PB-HA-001');
    expect(f.fix).toMatch(/^HaPostgres 'infra\/postgres' sets this itself, and no prop of it turns it off: an escape-hatch override/);
    expect(f.fix).toMatch(/In Terraform terms: Set multi_az = true\./);
  });

  test('a hand-written resource keeps the Terraform fix', () => {
    const s = stack();
    const { DbInstance } = jest.requireActual('@cdktf/provider-aws/lib/db-instance');
    new DbInstance(s, 'raw', { instanceClass: 'db.t3.micro', engine: 'postgres', backupRetentionPeriod: 1 });
    const [f] = open(s, 'PB-RET-001');
    expect(f.fix).toBe(f.terraformFix);
    expect(f.acknowledgeWith).toMatch(/where resource is the construct at 'infra\/raw'/);
  });

  test('every hinted rule id exists', () => {
    const ids = ProductionBaseline.rules().map((r) => r.id);
    for (const hints of Object.values(PROP_HINTS)) for (const id of Object.keys(hints)) expect(ids).toContain(id);
  });
});

describe('through ProductionEksPlatform, findings name the platform prop and property', () => {
  const PLATFORM: ProductionEksPlatformProps = {
    name: 'payments-staging', region: 'eu-west-1', acmeEmail: 'devops@example.com', adminPrincipalArns: [ADMIN], owner: 'payments',
  };
  const build = (p: Partial<ProductionEksPlatformProps>) => {
    const app = new App({ outdir: Testing.app().outdir });
    const infra = new TerraformStack(app, 'infra');
    const platform = new ProductionEksPlatform(infra, 'platform', { ...PLATFORM, ...p });
    return { infra, platform };
  };

  test.each([
    ['postgres.backupRetentionDays', { postgres: { backupRetentionDays: 10 } }, 'PB-RET-001', 'platform.postgres'],
    ['nodeGroup.minSize', { nodeGroup: { minSize: 1 } }, 'PB-HA-003', 'platform.nodeGroup'],
    ['cluster.allowPublicEndpointFromAnywhere', { cluster: { allowPublicEndpointFromAnywhere: true } }, 'PB-NET-003', 'platform.cluster'],
    ['postgres.deletionProtection', { postgres: { deletionProtection: false } }, 'PB-RET-002', 'platform.postgres'],
  ])('%s', (prop, props, rule, accessor) => {
    const { infra } = build(props as Partial<ProductionEksPlatformProps>);
    const [f] = open(infra, rule);
    expect(f.fix).toMatch(new RegExp(`^Set ${prop.replace('.', '\\.')} .* on ProductionEksPlatform 'infra/platform'\\.`));
    expect(f.acknowledgeWith).toMatch(new RegExp(`^ProductionBaseline\\.acknowledge\\(${accessor.replace('.', '\\.')}, '${rule}', `));
    expect(f.acknowledgeWith).toMatch(/where platform is the ProductionEksPlatform 'infra\/platform'$/);
  });

  test('the public endpoint fix names clusterPublicAccessCidrs, the platform prop', () => {
    const { infra } = build({ cluster: { allowPublicEndpointFromAnywhere: true } });
    expect(open(infra, 'PB-NET-003')[0].fix).toMatch(/in clusterPublicAccessCidrs/);
  });

  test('synth fails with the prop, the acknowledge line and a note against skipValidation, listed first', () => {
    const { infra } = build({ postgres: { backupRetentionDays: 10 } });
    let message = '';
    try {
      Testing.synth(infra, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Set postgres\.backupRetentionDays between 30 and 35/);
    expect(message).toMatch(/ProductionBaseline\.acknowledge\(platform\.postgres, 'PB-RET-001'/);
    const note = message.indexOf('Do not pass skipValidation: true');
    expect(note).toBeGreaterThan(-1);
    expect(note).toBeLessThan(message.indexOf('[PB-RET-001]'));
  });

  test('acknowledging as the line says makes synth pass', () => {
    const { infra, platform } = build({ postgres: { backupRetentionDays: 10 } });
    ProductionBaseline.acknowledge(platform.postgres, 'PB-RET-001', 'staging: 10 days are enough');
    expect(() => Testing.synth(infra, true)).not.toThrow();
  });
});

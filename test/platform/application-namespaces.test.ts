import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { ProductionEksPlatform } from '../../src/platform/production-eks-platform';
import { ProductionEksPlatformProps } from '../../src/platform/production-eks-platform-props';
import { EXISTING_NETWORK } from '../guardrails/fixtures';

/** The application namespaces of ProductionEksPlatform (issue 18): wiring, ConfigMap, schema SQL and warnings. */
const PROPS: ProductionEksPlatformProps = {
  name: 'ai-agents-prod',
  region: 'us-east-1',
  acmeEmail: 'devops@company.com',
  adminPrincipalArns: ['arn:aws:iam::111122223333:role/admin'],
  owner: 'platform-team',
};

/** Synthesizes a platform (after `tweak`) and returns the warnings of both stacks. */
function warningsOf(props: Partial<ProductionEksPlatformProps>, tweak?: (p: ProductionEksPlatform) => void): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-ns-'));
  try {
    const app = new App({ outdir });
    const infra = new TerraformStack(app, 'infra');
    const platform = new ProductionEksPlatform(infra, 'platform', { ...PROPS, ...props });
    tweak?.(platform);
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    return Object.values<any>(manifest.stacks).flatMap((s) => (s.annotations ?? [])
      .filter((a: any) => a.level === '@cdktf/warn').map((a: any) => a.message as string));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

let shared: ProductionEksPlatform | undefined;
/** One platform with team-a, shared by the tests that only read it. */
function withTeamA(): ProductionEksPlatform {
  shared ??= new ProductionEksPlatform(new TerraformStack(Testing.app(), 'infra'), 'platform', { ...PROPS, applicationNamespaces: [{ namespace: 'team-a' }] });
  return shared;
}

function objectsOfNamespace(p: ProductionEksPlatform, ns: string): any[] {
  const json = JSON.parse(Testing.synth(p.addonsStack));
  const release = Object.values<any>(json.resource.helm_release).find((r) => r.name === `workload-baseline-${ns}`);
  return JSON.parse(release.values[0]).objects;
}

describe('ProductionEksPlatform application namespaces', () => {
  test('the default namespace plus one per applicationNamespaces entry, and addApplicationNamespace', () => {
    const p = new ProductionEksPlatform(new TerraformStack(Testing.app(), 'infra'), 'platform', {
      ...PROPS, applicationNamespaces: [{ namespace: 'team-a' }],
    });
    p.addApplicationNamespace({ namespace: 'team-b', redisKeyPrefix: 'b:', databaseUser: 'bee_app', databaseSchema: 'bee' });
    const seats = p.applicationNamespaces
      .map((n) => [n.namespace, n.serviceAccountName, n.databaseUser, n.databaseSchema, n.redisUserName, n.redisKeyPrefix]);
    expect(seats).toEqual([
      ['production', 'app-sa', 'ai_agents_prod_app', 'public', 'ai-agents-prod-app', 'production:'],
      ['team-a', 'app-sa', 'team_a_app', 'team_a', 'ai-agents-prod-redis-team-a', 'team-a:'],
      ['team-b', 'app-sa', 'bee_app', 'bee', 'ai-agents-prod-redis-team-b', 'b:'],
    ]);
    expect(p.addons.applicationNamespaces.map((w) => w.namespace)).toEqual(['production', 'team-a', 'team-b']);
  });

  test('next_steps (the property and the synthesized output) names every namespace and its self-test, also one added after construction', () => {
    const p = new ProductionEksPlatform(new TerraformStack(Testing.app(), 'infra'), 'platform', PROPS);
    p.addApplicationNamespace({ namespace: 'team-late' });
    const output = JSON.parse(Testing.synth(p.infrastructureStack)).output.next_steps.value as string;
    for (const steps of [p.nextSteps, output]) {
      expect(steps).toMatch(/15\.1 production: .*helm test workload-baseline-production -n kube-system --filter name=app-self-test-production/);
      expect(steps).toMatch(/15\.2 team-late: .*helm test workload-baseline-team-late -n kube-system --filter name=app-self-test-team-late/);
    }
  });

  test('the in-cluster stack declares rds_ca_bundle_pem only when the bundle is not given as addons.rdsCaBundlePem', () => {
    const variables = (p: ProductionEksPlatform) => Object.keys(JSON.parse(Testing.synth(p.addonsStack)).variable ?? {});
    const asked = new ProductionEksPlatform(new TerraformStack(Testing.app(), 'infra'), 'platform', PROPS);
    expect(variables(asked)).toEqual(['rds_ca_bundle_pem']);
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const given = new ProductionEksPlatform(new TerraformStack(Testing.app(), 'infra'), 'platform', { ...PROPS, addons: { rdsCaBundlePem: pem } });
    expect(variables(given)).toEqual([]);
    expect(given.rdsCaBundleVariable).toBeUndefined();
  });

  test('teams added in one apply join the cache user group one after the other (ElastiCache refuses changes while it is modifying)', () => {
    const p = new ProductionEksPlatform(new TerraformStack(Testing.app(), 'infra'), 'platform', {
      ...PROPS, applicationNamespaces: [{ namespace: 'team-a' }, { namespace: 'team-b' }],
    });
    p.addApplicationNamespace({ namespace: 'team-c' });
    const associations = JSON.parse(Testing.synth(p.infrastructureStack)).resource.aws_elasticache_user_group_association;
    const byUser = Object.fromEntries(Object.entries<any>(associations).map(([name, a]) => [a.user_id, { name, dependsOn: a.depends_on ?? [] }]));
    const ref = (user: string) => `aws_elasticache_user_group_association.${byUser[user].name}`;
    const user = (team: string) => Object.keys(byUser).find((u) => u.includes(`namespace-${team}_redis-user`))!;
    const [a, b, c] = ['team-a', 'team-b', 'team-c'].map(user);
    expect([a, b, c].every((u) => u !== undefined)).toBe(true);
    expect(byUser[a].dependsOn).toEqual([]);
    expect(byUser[b].dependsOn).toEqual([ref(a)]);
    expect(byUser[c].dependsOn).toEqual([ref(b)]);
  });

  test("team-a's app-connection ConfigMap names its own users, schema, prefix and the shared endpoints", () => {
    const p = withTeamA();
    const cm = objectsOfNamespace(p, 'team-a').find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'app-connection');
    expect(cm.metadata.namespace).toBe('team-a');
    expect(cm.data).toMatchObject({
      PGUSER: 'team_a_app',
      PG_SCHEMA: 'team_a',
      PGDATABASE: 'ai_agents_prod',
      PGPORT: '5432',
      PGSSLMODE: 'verify-full',
      PGSSLROOTCERT: '/etc/rds-ca/rds-ca-bundle.pem',
      PG_TENANT_SETTING: 'app.current_tenant_id',
      REDIS_USER: 'ai-agents-prod-redis-team-a',
      REDIS_KEY_PREFIX: 'team-a:',
      REDIS_PORT: '6379',
      REDIS_TLS: 'true',
      REDIS_REPLICATION_GROUP_ID: 'ai-agents-prod-redis',
      AWS_REGION: 'us-east-1',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability.svc.cluster.local:4318',
    });
    expect(cm.data.PGHOST).toMatch(/aws_db_instance\..*\.address/);
    expect(cm.data.REDIS_HOST).toMatch(/aws_elasticache_replication_group\..*\.primary_endpoint_address/);
    expect(Object.keys(cm.data).sort()).toEqual([
      'AWS_REGION', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'PGDATABASE', 'PGHOST', 'PGPORT', 'PGSSLMODE', 'PGSSLROOTCERT', 'PGUSER',
      'PG_SCHEMA', 'PG_TENANT_SETTING', 'REDIS_HOST', 'REDIS_KEY_PREFIX', 'REDIS_PORT', 'REDIS_READER_HOST',
      'REDIS_REPLICATION_GROUP_ID', 'REDIS_TLS', 'REDIS_USER',
    ]);
    const ca = objectsOfNamespace(p, 'team-a').find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'rds-ca-bundle');
    expect(ca.binaryData).toEqual({ 'rds-ca-bundle.pem': '${base64encode(var.rds_ca_bundle_pem)}' });
  });

  test("the Redis users' ACLs are limited to their own prefixes", () => {
    const p = withTeamA();
    const users = Object.values<any>(JSON.parse(Testing.synth(p.infrastructureStack)).resource.aws_elasticache_user);
    expect(users.map((u) => `${u.user_name}: ${u.access_string}`).sort()).toEqual([
      'ai-agents-prod-app: on ~production:* +@all -@dangerous -scan -randomkey',
      'ai-agents-prod-redis-team-a: on ~team-a:* +@all -@dangerous -scan -randomkey',
      'default: off -@all',
    ]);
  });

  test("schemaSql creates the namespace's login role with the tenant schema's grants, in its own schema", () => {
    const p = withTeamA();
    const sql = p.applicationNamespaces[1].schemaSql();
    expect(sql).toContain('CREATE ROLE "team_a_app" LOGIN NOSUPERUSER NOBYPASSRLS');
    expect(sql).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON "team_a".tenant_data TO "team_a_app";');
    expect(sql).toContain('GRANT rds_iam TO "team_a_app";');
  });

  test("a Pod Identity role for a service account the platform does not create warns, naming both (the README's snippet)", () => {
    const warnings = warningsOf({}, (p) => {
      p.cluster.addPodIdentityRole('reports', { namespace: 'production', serviceAccount: 'reports' });
      p.cluster.addPodIdentityRole('team-b', { namespace: 'team-b', serviceAccount: 'app-sa' });
    }).filter((w) => w.includes('Pod Identity role'));
    expect(warnings).toEqual([
      expect.stringMatching(/bound to namespace 'production' and service account 'reports', which the platform does not create \(the namespace exists, the service account does not\)/),
      expect.stringMatching(/bound to namespace 'team-b' and service account 'app-sa', which the platform does not create \(neither exists\).*addApplicationNamespace/),
    ]);
  });

  test("a second role for an application namespace's service account fails synth: EKS takes one association per service account", () => {
    expect(() => warningsOf({}, (p) => {
      p.cluster.addPodIdentityRole('app', { namespace: 'production', serviceAccount: 'app-sa' }); // the HaPostgres README snippet
    })).toThrow(/serviceAccount already has the application namespace's role .*one Pod Identity association per service account.*got 'production\/app-sa'/);
  });

  test("the platform's own roles and an added namespace's raise no such warning", () => {
    const warnings = warningsOf({ applicationNamespaces: [{ namespace: 'team-a' }] });
    expect(warnings.filter((w) => w.includes('Pod Identity role'))).toEqual([]);
  });

  test('the API rule is the kubernetes ClusterIP from the cluster, with an existing network too; an empty one warns that the RBAC cannot be used', () => {
    const p = new ProductionEksPlatform(new TerraformStack(Testing.app(), 'infra'), 'platform', { ...PROPS, existingNetwork: EXISTING_NETWORK });
    const api = objectsOfNamespace(p, 'production').find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'allow-kube-api-egress');
    expect(api.spec.egress[0].to).toEqual([{ ipBlock: { cidr: expect.stringMatching(/^\$\{cidrhost\(.*service_ipv4_cidr.*, 1\)\}\/32$/) } }]);
    expect(warningsOf({ existingNetwork: EXISTING_NETWORK }).filter((w) => w.includes('apiServerCidrs'))).toEqual([]);
    expect(warningsOf({ addons: { apiServerCidrs: [] } }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/production\/app-sa has Kubernetes API rights, but no apiServerCidrs/)]));
  });

  test("a hand-written ACL for the default namespace's Redis user without its prefix warns", () => {
    const acl = (access?: string) => warningsOf({ redis: { appUserAccessString: access } }).filter((w) => w.includes('appUserAccessString'));
    expect(acl('on ~* +@all -@dangerous')).toEqual([expect.stringMatching(/does not limit the default namespace's Redis user to its key prefix 'production:'/)]);
    expect(acl('on ~production:* +@read')).toEqual([]);
    expect(acl(undefined)).toEqual([]);
  });
});


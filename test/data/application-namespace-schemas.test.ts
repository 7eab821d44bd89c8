/**
 * Two application namespaces' database users on a real PostgreSQL 16 server (the schema scripts applied by an
 * RDS-like non-superuser master, as next_steps 6 and 15.x do): each user works in its own schema with the
 * grants TenantIsolationSchema gives, and neither can touch the other's tables.
 */
import { Testing, TerraformStack } from 'cdktf';
import { Client } from 'pg';
import { MASTER, TestServer } from './tenant-isolation-server';
import { ProductionEksPlatform } from '../../src/platform/production-eks-platform';

jest.setTimeout(60_000);

const DB = 'ai_agents_prod';
const T1 = '11111111-1111-1111-1111-111111111111';
const server = new TestServer();
const platform = new ProductionEksPlatform(new TerraformStack(Testing.app(), 'infra'), 'platform', {
  name: 'ai-agents-prod',
  region: 'us-east-1',
  acmeEmail: 'devops@company.com',
  adminPrincipalArns: ['arn:aws:iam::111122223333:role/admin'],
  owner: 'platform-team',
  applicationNamespaces: [{ namespace: 'team-a' }],
});
const [production, teamA] = platform.applicationNamespaces;
let prodApp: Client;
let teamApp: Client;

async function inTenant(c: Client, schema: string, sql: string): Promise<string> {
  try {
    await c.query('BEGIN');
    await c.query("SELECT set_config('app.current_tenant_id', $1, true)", [T1]);
    const r = await c.query(sql.replace(/\bS\./g, `"${schema}".`));
    await c.query('COMMIT');
    return JSON.stringify(r.rows);
  } catch (e) {
    await c.query('ROLLBACK');
    return `error: ${(e as Error).message}`;
  }
}

beforeAll(async () => {
  await server.start();
  await server.rdsLikeMaster(DB);
  for (const n of [production, teamA]) await server.sql(MASTER, DB, n.schemaSql());
  // Run again: the scripts converge.
  for (const n of [production, teamA]) await server.sql(MASTER, DB, n.schemaSql());
  prodApp = await server.connect(production.databaseUser, DB);
  teamApp = await server.connect(teamA.databaseUser, DB);
});
afterAll(async () => {
  await prodApp?.end();
  await teamApp?.end();
  await server.stop();
});

test('the namespaces have their own users and schemas', () => {
  expect([production.databaseUser, production.databaseSchema, teamA.databaseUser, teamA.databaseSchema])
    .toEqual(['ai_agents_prod_app', 'public', 'team_a_app', 'team_a']);
});

test('each user writes and reads its tenant rows in its own schema', async () => {
  for (const [c, schema] of [[prodApp, 'public'], [teamApp, 'team_a']] as const) {
    expect(await inTenant(c, schema, `INSERT INTO S.tenant_data (tenant_id, data) VALUES ('${T1}', '{"s":"${schema}"}') RETURNING data`))
      .toMatch(/error: .*foreign key/); // the tenant row comes first, and the user may not create tenants
  }
  await server.sql('postgres', DB, `INSERT INTO public.tenants VALUES ('${T1}', 'p'); INSERT INTO team_a.tenants VALUES ('${T1}', 't');`);
  expect(await inTenant(prodApp, 'public', `INSERT INTO S.tenant_data (tenant_id, data) VALUES ('${T1}', '{"s":"public"}') RETURNING data`))
    .toBe('[{"data":{"s":"public"}}]');
  expect(await inTenant(teamApp, 'team_a', `INSERT INTO S.tenant_data (tenant_id, data) VALUES ('${T1}', '{"s":"team_a"}') RETURNING data`))
    .toBe('[{"data":{"s":"team_a"}}]');
  expect(await inTenant(teamApp, 'team_a', 'SELECT data FROM S.tenant_data')).toBe('[{"data":{"s":"team_a"}}]');
});

test("neither user can read or write the other namespace's tables", async () => {
  expect(await inTenant(teamApp, 'public', 'SELECT data FROM S.tenant_data')).toMatch(/error: permission denied for table tenant_data/);
  expect(await inTenant(prodApp, 'team_a', 'SELECT data FROM S.tenant_data')).toMatch(/error: permission denied for schema team_a/);
  expect(await inTenant(teamApp, 'public', 'DELETE FROM S.tenant_data')).toMatch(/error: permission denied/);
});

test('neither user is a member of the other owner role, and neither may log in as the other', async () => {
  const rows = await server.sql('postgres', DB, `SELECT pg_has_role('team_a_app', 'ai_agents_prod_owner', 'MEMBER') AS a,
    pg_has_role('ai_agents_prod_app', 'team_a_owner', 'MEMBER') AS b, pg_has_role('team_a_app', 'ai_agents_prod_app', 'MEMBER') AS c`);
  expect(rows).toEqual([{ a: false, b: false, c: false }]);
});

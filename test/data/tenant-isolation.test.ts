/**
 * Runs the tenant isolation SQL against a real PostgreSQL server started for this file (initdb into a temp
 * directory, pg_ctl on a free port) and checks the isolation as the application and owner roles.
 * The PostgreSQL binaries must be installed: without them this test fails, it does not skip.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { TenantIsolationSchema } from '../../src/data/tenant-isolation';

jest.setTimeout(120_000);

const TENANT_A = '11111111-1111-1111-1111-111111111111';
const TENANT_B = '22222222-2222-2222-2222-222222222222';
const ROW_A = 'aaaaaaaa-0000-0000-0000-000000000001';
const ROW_B = 'bbbbbbbb-0000-0000-0000-000000000001';
const DB = 'aiagents';

/** Directory holding initdb/pg_ctl: PATH first, then the newest /usr/lib/postgresql/<v>/bin. */
function findPgBin(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const dir = path.join(base, v, 'bin');
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  }
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl, postgres, psql) not found on PATH or in '
    + '/usr/lib/postgresql/*/bin: install PostgreSQL (for example apt-get install postgresql) to run this test');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

interface PsqlResult { readonly ok: boolean; readonly out: string; readonly err: string }

class TestServer {
  private bin = '';
  private dir = '';
  private port = 0;
  private started = false;
  private asUser: string[] = [];

  async start(): Promise<void> {
    this.bin = findPgBin();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rls-test-'));
    // initdb refuses to run as root: run the server as an unprivileged user that owns the directory.
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
      fs.chownSync(this.dir, uid, gid);
      this.asUser = ['runuser', '-u', 'nobody', '--'];
    }
    this.port = await freePort();
    this.server('initdb', ['-D', this.data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    this.server('pg_ctl', ['-D', this.data, '-l', path.join(this.dir, 'server.log'), '-w', '-t', '60',
      '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    this.started = true;
    this.mustRun('postgres', `CREATE DATABASE ${DB};`, 'postgres');
  }

  stop(): void {
    if (this.started) {
      try {
        this.server('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        this.started = false;
      }
    }
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Runs a script as `user` in one session; ON_ERROR_STOP makes the first error fail the run. */
  psql(user: string, sql: string, db = DB): PsqlResult {
    const psqlBin = fs.existsSync(path.join(this.bin, 'psql')) ? path.join(this.bin, 'psql') : 'psql';
    const r = spawnSync(psqlBin, ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(this.port),
      '-U', user, '-d', db, '-f', '-'], { input: sql, encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '10' } });
    if (r.error) throw r.error;
    return { ok: r.status === 0, out: (r.stdout ?? '').trim(), err: (r.stderr ?? '').trim() };
  }

  mustRun(user: string, sql: string, db = DB): string {
    const r = this.psql(user, sql, db);
    if (!r.ok) throw new Error(`psql as ${user} failed: ${r.err}\n--- sql ---\n${sql}`);
    return r.out;
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  private server(cmd: string, args: string[]): void {
    const [exe, ...pre] = [...this.asUser, path.join(this.bin, cmd)];
    const r = spawnSync(exe, [...pre, ...args], { encoding: 'utf8', cwd: this.dir });
    if (r.status !== 0) {
      const log = path.join(this.dir, 'server.log');
      throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`);
    }
  }
}

const server = new TestServer();
/** The guide's role names; the defaults are `tenant_app` and `tenant_owner` (see the options test). */
const GUIDE_ROLES = { appRoleName: 'aiagents_app' };
const app = (sql: string) => server.psql('aiagents_app', sql);
const asTenant = (tenant: string, sql: string) => `SET app.current_tenant_id = '${tenant}';\n${sql}`;

beforeAll(async () => {
  await server.start();
  // The script runs as the database's privileged user, as the master user does on RDS.
  server.mustRun('postgres', TenantIsolationSchema.sql(GUIDE_ROLES));
  server.mustRun('postgres', [
    `INSERT INTO tenants VALUES ('${TENANT_A}', 'Tenant A'), ('${TENANT_B}', 'Tenant B');`,
    `INSERT INTO tenant_data (id, tenant_id, data) VALUES ('${ROW_A}', '${TENANT_A}', '{"v":"a"}'),`,
    `  ('${ROW_B}', '${TENANT_B}', '{"v":"b"}');`,
  ].join('\n'));
});

afterAll(() => server.stop());

describe('TenantIsolationSchema on a real PostgreSQL server', () => {
  test('the script is idempotent (a second run succeeds and keeps the data)', () => {
    server.mustRun('postgres', TenantIsolationSchema.sql(GUIDE_ROLES));
    expect(server.mustRun('postgres', 'SELECT count(*) FROM tenant_data;')).toBe('2');
  });

  test('RLS is enabled and forced on both tables; the app role is no owner, superuser or BYPASSRLS', () => {
    expect(server.mustRun('postgres',
      "SELECT relname, relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner) FROM pg_class WHERE relname IN ('tenants', 'tenant_data') ORDER BY relname;"))
      .toBe('tenant_data|t|t|aiagents_owner\ntenants|t|t|aiagents_owner');
    expect(server.mustRun('postgres',
      "SELECT rolname, rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname LIKE 'aiagents_%' ORDER BY rolname;"))
      .toBe('aiagents_app|f|f|t\naiagents_owner|f|f|f');
  });

  test('tenant A reads only its own rows', () => {
    const r = app(asTenant(TENANT_A, 'SELECT id, tenant_id FROM tenant_data ORDER BY id;\nSELECT name FROM tenants;'));
    expect(r.err).toBe('');
    expect(r.out).toBe(`${ROW_A}|${TENANT_A}\nTenant A`);
  });

  test('tenant A cannot insert a row for tenant B', () => {
    const r = app(asTenant(TENANT_A, `INSERT INTO tenant_data (tenant_id, data) VALUES ('${TENANT_B}', '{}');`));
    expect(r.ok).toBe(false);
    expect(r.err).toMatch(/new row violates row-level security policy/);
    expect(server.mustRun('postgres', `SELECT count(*) FROM tenant_data WHERE tenant_id = '${TENANT_B}';`)).toBe('1');
  });

  test('tenant A cannot move its row to tenant B', () => {
    const r = app(asTenant(TENANT_A, `UPDATE tenant_data SET tenant_id = '${TENANT_B}' WHERE id = '${ROW_A}';`));
    expect(r.ok).toBe(false);
    expect(r.err).toMatch(/new row violates row-level security policy/);
  });

  test("tenant A cannot update or delete tenant B's rows (they are invisible to it)", () => {
    const r = app(asTenant(TENANT_A, [
      `UPDATE tenant_data SET data = '{"v":"hacked"}' WHERE id = '${ROW_B}' RETURNING id;`,
      `DELETE FROM tenant_data WHERE id = '${ROW_B}' RETURNING id;`,
    ].join('\n')));
    expect(r.ok).toBe(true);
    expect(r.out).toBe('');
    expect(server.mustRun('postgres', `SELECT data->>'v' FROM tenant_data WHERE id = '${ROW_B}';`)).toBe('b');
  });

  test('tenant A can write its own rows', () => {
    const r = app(asTenant(TENANT_A, `INSERT INTO tenant_data (tenant_id, data) VALUES ('${TENANT_A}', '{"v":"a2"}') RETURNING tenant_id;`));
    expect(r.ok).toBe(true);
    expect(r.out).toBe(TENANT_A);
  });

  test('no tenant set (or an empty one) returns zero rows, not an error', () => {
    const unset = app('SELECT count(*) FROM tenant_data;\nSELECT count(*) FROM tenants;');
    expect(unset).toEqual({ ok: true, out: '0\n0', err: '' });
    const empty = app("SET app.current_tenant_id = '';\nSELECT count(*) FROM tenant_data;");
    expect(empty).toEqual({ ok: true, out: '0', err: '' });
  });

  test('with no tenant set, the app cannot insert at all', () => {
    const r = app(`INSERT INTO tenant_data (tenant_id, data) VALUES ('${TENANT_A}', '{}');`);
    expect(r.ok).toBe(false);
    expect(r.err).toMatch(/row-level security/);
  });

  test('the app cannot switch RLS off', () => {
    const disable = app('ALTER TABLE tenant_data DISABLE ROW LEVEL SECURITY;');
    expect(disable.ok).toBe(false);
    expect(disable.err).toMatch(/must be owner/);
    const off = app('SET row_security = off;\nSELECT count(*) FROM tenant_data;');
    expect(off.ok).toBe(false);
    expect(off.err).toMatch(/row-level security/);
  });

  test('the table owner cannot bypass the policy (FORCE ROW LEVEL SECURITY)', () => {
    const asOwner = (sql: string) => server.psql('postgres', `SET ROLE aiagents_owner;\n${sql}`);
    expect(asOwner('SELECT count(*) FROM tenant_data;')).toEqual({ ok: true, out: '0', err: '' });
    expect(asOwner(asTenant(TENANT_B, 'SELECT id FROM tenant_data;')).out).toBe(ROW_B);
    const write = asOwner(asTenant(TENANT_A, `INSERT INTO tenant_data (tenant_id) VALUES ('${TENANT_B}');`));
    expect(write.ok).toBe(false);
    expect(write.err).toMatch(/new row violates row-level security policy/);
  });
});

describe('TenantIsolationSchema options and command', () => {
  test('names are configurable and quoted', () => {
    const sql = TenantIsolationSchema.sql({ schemaName: 'tenancy', ownerRoleName: 'own', appRoleName: 'web', tenantSettingName: 'web.tenant' });
    expect(sql).toContain('CREATE SCHEMA IF NOT EXISTS "tenancy";');
    expect(sql).toContain('ALTER TABLE "tenancy".tenant_data FORCE ROW LEVEL SECURITY;');
    expect(sql).toContain("WITH CHECK (tenant_id = NULLIF(current_setting('web.tenant', true), '')::uuid);");
    expect(sql).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON "tenancy".tenant_data TO "web";');
    expect(TenantIsolationSchema.sql({ grantRdsIam: false })).not.toContain('rds_iam');
  });

  test('roles default to tenant_app and tenant_owner; the owner follows the app role (aiagents_app -> aiagents_owner)', () => {
    expect(TenantIsolationSchema.sql()).toContain('CREATE ROLE "tenant_owner" NOLOGIN');
    expect(TenantIsolationSchema.sql()).toContain('TO "tenant_app"');
    expect(TenantIsolationSchema.sql({ appRoleName: 'payments_staging_app' })).toContain('"payments_staging_owner"');
    expect(TenantIsolationSchema.sql({ appRoleName: 'web' })).toContain('"web_owner"');
    expect(TenantIsolationSchema.sql()).not.toContain('aiagents');
  });

  test('app role must differ from the owner', () => {
    expect(() => TenantIsolationSchema.sql({ appRoleName: 'x', ownerRoleName: 'x' }))
      .toThrow(/appRoleName must differ from ownerRoleName/);
  });

  test('names are validated (no SQL injection through options)', () => {
    expect(() => TenantIsolationSchema.sql({ appRoleName: 'app"; DROP TABLE x; --' })).toThrow(/appRoleName must be 1-63 lower-case/);
    expect(() => TenantIsolationSchema.sql({ tenantSettingName: 'tenant' })).toThrow(/tenantSettingName must be a custom setting name/);
  });

  test('psql command reads the master secret at run time and verifies TLS', () => {
    const cmd = TenantIsolationSchema.psqlCommand({
      host: 'db.example.internal', databaseName: 'aiagents', masterUserSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1', region: 'us-east-1',
    });
    expect(cmd).toContain("aws secretsmanager get-secret-value --secret-id 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1' --region 'us-east-1'");
    expect(cmd).toContain('psql "host=db.example.internal port=5432 dbname=aiagents sslmode=verify-full sslrootcert=global-bundle.pem"');
    expect(cmd).toContain("-v ON_ERROR_STOP=1 -f 'tenant-isolation.sql'");
  });
});

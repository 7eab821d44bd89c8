import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  expectedElastiCacheToken, expectedRdsToken, fakePodIdentityAgent, freePort, recordingServer, REGION, runSelfTest, SIGNING_TIME, steps, TestPki,
} from './app-self-test-harness';
import { enableTls, RedisTestServer } from './app-self-test-servers';
import { APP_SELF_TEST_STEPS } from '../../src/addons/private/app-self-test-script';
import { TenantIsolationSchema } from '../../src/data/tenant-isolation';
import { MASTER, SUPERUSER, TestServer } from '../data/tenant-isolation-server';

/**
 * The self-test's PostgreSQL steps against the embedded PostgreSQL 16 with TLS on, the real tenant-isolation
 * schema applied by an RDS-like master, and the application role logging in with `password` over TLS only
 * (RDS IAM authentication: the token is a cleartext password inside TLS). The role's password is the token
 * the AWS SDK computes at the fixed signing time, so the login proves the script sent exactly that token.
 * The last test runs every step of the script at once (Redis, fakes and refused paths included).
 */
jest.setTimeout(120_000);

const DB = 'appdb';
const APP = 'production_app';
const TENANT_A = '11111111-1111-4111-8111-111111111111';
const TENANT_B = '22222222-2222-4222-8222-222222222222';
const PG_STEPS = ['credentials', 'rds-token', 'postgres-tls', 'postgres-login', 'postgres-tenant'];

const pg = new TestServer();
let dir: string;
let agent: Awaited<ReturnType<typeof fakePodIdentityAgent>>;
let env: Record<string, string>;

const superuser = (sql: string) => pg.sql(SUPERUSER, DB, sql);
const rows = async () => Number((await superuser('SELECT count(*) AS n FROM tenant_data'))[0].n);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-self-test-pg-'));
  const pki = new TestPki(dir);
  const ca = pki.ca('test-ca');
  pki.ca('other-ca');
  const [cert, key] = pki.server('postgres', 'test-ca', 'localhost');
  await pg.start();
  await pg.rdsLikeMaster(DB);
  await pg.sql(MASTER, DB, TenantIsolationSchema.sql({ appRoleName: APP }));
  await superuser(`ALTER ROLE ${APP} PASSWORD '${await expectedRdsToken('localhost', pg.port, APP)}';
    INSERT INTO tenants VALUES ('${TENANT_A}', 'a'), ('${TENANT_B}', 'b');
    INSERT INTO tenant_data (tenant_id, data) VALUES ('${TENANT_A}', '{}'), ('${TENANT_B}', '{}'), ('${TENANT_B}', '{}');`);
  // 'scram_app' stands for a role without rds_iam on RDS: the server asks for a real password, not the token.
  await superuser('CREATE ROLE scram_app LOGIN PASSWORD \'x\'; GRANT USAGE ON SCHEMA public TO scram_app;');
  await enableTls(pg, DB, cert, key, { [APP]: 'password', scram_app: 'scram-sha-256' });
  agent = await fakePodIdentityAgent(dir);
  env = {
    ...agent.env,
    AWS_REGION: REGION,
    SELFTEST_SIGNING_TIME: SIGNING_TIME,
    PGHOST: 'localhost',
    PGPORT: String(pg.port),
    PGDATABASE: DB,
    PGUSER: APP,
    PGSSLMODE: 'verify-full',
    PGSSLROOTCERT: ca,
    PG_TENANT_SETTING: 'app.current_tenant_id',
    PG_SCHEMA: 'public',
  };
});
afterAll(async () => {
  await agent?.close();
  await pg.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const last = (run: { lines: string[] }) => run.lines[run.lines.length - 1];

test('passes: TLS verify-full, login with the IAM token, a random tenant sees nothing of the others', async () => {
  const run = await runSelfTest(env, PG_STEPS);
  expect(run.code).toBe(0);
  expect(steps(run)).toEqual([...PG_STEPS.map((s) => `ok ${s}`), 'ok all']);
  expect(run.lines[2]).toMatch(new RegExp(`^ok postgres-tls: localhost:${pg.port} TLSv1\\.3, certificate verified for localhost \\(verify-full`));
  expect(run.lines[3]).toMatch(/^ok postgres-login: logged in as production_app to appdb with the IAM token \(PostgreSQL 16\./);
  expect(run.lines[4]).toMatch(/^ok postgres-tenant: tenant [0-9a-f-]{36} set for one transaction: 0 own rows, 0 of other tenants; another tenant's row refused by row-level security; nothing visible after ROLLBACK$/);
});

test('with SELFTEST_TENANT_ID it writes a row, reads back only its own rows, and leaves nothing behind', async () => {
  const before = await rows();
  const run = await runSelfTest({ ...env, SELFTEST_TENANT_ID: TENANT_A }, PG_STEPS);
  expect(run.code).toBe(0);
  expect(last({ lines: run.lines.slice(0, -1) })).toBe(`ok postgres-tenant: tenant ${TENANT_A} set for one transaction: 2 own rows (one written, rolled back), 0 of other tenants; another tenant's row refused by row-level security; nothing visible after ROLLBACK`);
  expect(await rows()).toBe(before);
});

describe('each PostgreSQL check can fail', () => {
  test('a server certificate from another CA', async () => {
    const run = await runSelfTest({ ...env, PGSSLROOTCERT: path.join(dir, 'other-ca.crt') }, PG_STEPS);
    expect(run.code).toBe(1);
    expect(last(run)).toMatch(/^FAIL postgres-tls: certificate of localhost not verified against .*other-ca\.crt: unable to get local issuer certificate$/);
  });

  test('a certificate for another name (verify-full checks the host name)', async () => {
    const run = await runSelfTest({ ...env, PGHOST: '127.0.0.1' }, PG_STEPS);
    expect(last(run)).toMatch(/^FAIL postgres-tls: certificate of 127\.0\.0\.1 not verified .*IP address mismatch/);
  });

  test('a weaker sslmode in the connection settings', async () => {
    const run = await runSelfTest({ ...env, PGSSLMODE: 'require' }, PG_STEPS);
    expect(last(run)).toBe('FAIL postgres-tls: PGSSLMODE is require: the application must verify the server (verify-full)');
  });

  test('a token the server does not accept (signed at another time)', async () => {
    const run = await runSelfTest({ ...env, SELFTEST_SIGNING_TIME: '2026-12-06T08:00:01Z' }, PG_STEPS);
    expect(last(run)).toMatch(/^FAIL postgres-login: login refused: 28P01 password authentication failed for user "production_app"$/);
  });

  test('a role that must log in with a password (no rds_iam on RDS)', async () => {
    const run = await runSelfTest({ ...env, PGUSER: 'scram_app' }, PG_STEPS);
    expect(last(run)).toBe('FAIL postgres-login: the server asked for a SCRAM password, not the IAM token: is rds_iam granted to scram_app?');
  });

  test.each([
    ['the role bypasses RLS', `ALTER ROLE ${APP} BYPASSRLS`, `ALTER ROLE ${APP} NOBYPASSRLS`, /is superuser or BYPASSRLS/],
    ['RLS not forced', 'ALTER TABLE tenant_data NO FORCE ROW LEVEL SECURITY', 'ALTER TABLE tenant_data FORCE ROW LEVEL SECURITY',
      /row-level security is not enabled and forced/],
    ['a policy that lets every tenant read every row', 'CREATE POLICY leak ON tenant_data FOR SELECT USING (true)', 'DROP POLICY leak ON tenant_data',
      /sees 3 rows of other tenants$/],
    ['a policy that lets a tenant write rows of others', 'CREATE POLICY leak ON tenant_data FOR INSERT WITH CHECK (true)',
      'DROP POLICY leak ON tenant_data', /another tenant's row failed, but not by row-level security: 23503/],
  ])('isolation broken: %s', async (_, breakIt, restore, message) => {
    await superuser(breakIt);
    try {
      const run = await runSelfTest(env, PG_STEPS);
      expect(run.code).toBe(1);
      expect(last(run)).toMatch(new RegExp(`^FAIL postgres-tenant: .*${message.source}`));
    } finally {
      await superuser(restore);
    }
    expect((await runSelfTest(env, PG_STEPS)).code).toBe(0); // restored
  });
});

test('the whole script, every step in order, against PostgreSQL, Redis and the fakes (loopback only)', async () => {
  const [cert, key] = new TestPki(dir).server('redis', 'test-ca', 'localhost');
  const redis = new RedisTestServer(dir);
  await redis.start(cert, key, path.join(dir, 'test-ca.crt'), [{
    name: 'production-app',
    password: await expectedElastiCacheToken('ai-agents-prod-redis', 'production-app'),
    rules: '~production:* resetchannels +@all -@dangerous',
  }]);
  const collector = await recordingServer(() => [200, '{}']);
  const closed = await freePort();
  try {
    const run = await runSelfTest({
      ...env,
      REDIS_HOST: 'localhost',
      REDIS_PORT: String(redis.port),
      REDIS_TLS: 'true',
      REDIS_USER: 'production-app',
      REDIS_KEY_PREFIX: 'production:',
      REDIS_REPLICATION_GROUP_ID: 'ai-agents-prod-redis',
      SELFTEST_REDIS_CA_FILE: path.join(dir, 'test-ca.crt'),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      SELFTEST_NAMESPACE: 'production',
      SELFTEST_DNS_NAME: 'localhost',
      SELFTEST_INTERNET_TARGET: `127.0.0.1:${closed}`,
      SELFTEST_FORBIDDEN_IN_CLUSTER_TARGET: `127.0.0.1:${closed}`,
      SELFTEST_IMDS_TARGET: `127.0.0.1:${closed}`,
    });
    expect(run.stderr).toBe('');
    expect(steps(run)).toEqual([...APP_SELF_TEST_STEPS.map((s) => `ok ${s}`), 'ok all']);
    expect(run.code).toBe(0);
    expect(collector.requests).toHaveLength(1);
  } finally {
    await collector.close();
    await redis.stop();
  }
});

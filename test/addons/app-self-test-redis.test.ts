import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectedElastiCacheToken, fakePodIdentityAgent, REGION, runSelfTest, SIGNING_TIME, steps, TestPki } from './app-self-test-harness';
import { RedisTestServer } from './app-self-test-servers';

/**
 * The self-test's Redis steps against a real redis-server (Debian's, installed by .ci/run) with TLS only and
 * ACL users whose passwords are the IAM tokens the AWS SDK computes for them: TLS with hostname verification,
 * AUTH as the IAM user with the token, a key round trip under the prefix, and NOPERM outside it.
 */
jest.setTimeout(30_000);

const GROUP = 'ai-agents-prod-redis';
const PREFIX = 'production:';
const REDIS_STEPS = ['credentials', 'elasticache-token', 'redis-tls', 'redis-auth', 'redis-prefix', 'redis-outside-prefix'];

let dir: string;
let pki: TestPki;
let redis: RedisTestServer;
let agent: Awaited<ReturnType<typeof fakePodIdentityAgent>>;
let env: Record<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-self-test-redis-'));
  pki = new TestPki(dir);
  const ca = pki.ca('test-ca');
  pki.ca('other-ca');
  const [cert, key] = pki.server('redis', 'test-ca', 'localhost');
  redis = new RedisTestServer(dir);
  const rules = (prefix: string) => `~${prefix}* resetchannels +@all -@dangerous`;
  await redis.start(cert, key, ca, [
    { name: 'production-app', password: await expectedElastiCacheToken(GROUP, 'production-app'), rules: rules(PREFIX) },
    { name: 'staging-app', password: await expectedElastiCacheToken(GROUP, 'staging-app'), rules: rules('staging:') },
    // A user whose ACL is not limited to a prefix: the check must catch it.
    { name: 'wide-app', password: await expectedElastiCacheToken(GROUP, 'wide-app'), rules: '~* resetchannels +@all -@dangerous' },
  ]);
  agent = await fakePodIdentityAgent(dir);
  env = {
    ...agent.env,
    AWS_REGION: REGION,
    SELFTEST_SIGNING_TIME: SIGNING_TIME,
    REDIS_HOST: 'localhost',
    REDIS_PORT: String(redis.port),
    REDIS_TLS: 'true',
    REDIS_USER: 'production-app',
    REDIS_KEY_PREFIX: PREFIX,
    REDIS_REPLICATION_GROUP_ID: GROUP,
    SELFTEST_REDIS_CA_FILE: ca,
  };
});
afterAll(async () => {
  await redis?.stop();
  await agent?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('passes against redis-server with TLS, the IAM token as password and an ACL limited to the prefix', async () => {
  expect(await redis.listening()).toBe(true);
  const run = await runSelfTest(env, REDIS_STEPS);
  expect(run.code).toBe(0);
  expect(steps(run)).toEqual([...REDIS_STEPS.map((s) => `ok ${s}`), 'ok all']);
  expect(run.lines[2]).toMatch(new RegExp(`^ok redis-tls: localhost:${redis.port} TLSv1\\.[23], certificate verified for localhost$`));
  expect(run.lines[3]).toBe('ok redis-auth: AUTH as production-app with the IAM token: OK');
  expect(run.lines[4]).toMatch(/^ok redis-prefix: SET, GET, DEL of production:app-self-test:[0-9a-f]{32} under the prefix: OK$/);
  expect(run.lines[5]).toMatch(/^ok redis-outside-prefix: SET and GET of app-self-test-outside-prefix:[0-9a-f]{32} refused: NOPERM$/);
});

test("another namespace's user passes with its own prefix (each user's ACL is its own)", async () => {
  const run = await runSelfTest({ ...env, REDIS_USER: 'staging-app', REDIS_KEY_PREFIX: 'staging:' }, REDIS_STEPS);
  expect(run.code).toBe(0);
  // ...and it cannot use production's prefix: the round trip under production: is refused.
  const cross = await runSelfTest({ ...env, REDIS_USER: 'staging-app', REDIS_KEY_PREFIX: PREFIX }, REDIS_STEPS);
  expect(cross.lines[cross.lines.length - 1]).toMatch(/^FAIL redis-prefix: SET production:app-self-test:\S+ answered NOPERM/);
});

describe('each Redis check can fail', () => {
  test('a key outside the prefix allowed (ACL ~*)', async () => {
    const run = await runSelfTest({ ...env, REDIS_USER: 'wide-app' }, REDIS_STEPS);
    expect(run.code).toBe(1);
    expect(run.lines[run.lines.length - 1]).toMatch(
      /^FAIL redis-outside-prefix: SET app-self-test-outside-prefix:\S+ outside production:\* answered 'OK': the user's ACL is not limited to its prefix$/);
  });

  test('a certificate from another CA', async () => {
    const run = await runSelfTest({ ...env, SELFTEST_REDIS_CA_FILE: path.join(dir, 'other-ca.crt') }, REDIS_STEPS);
    expect(run.lines[run.lines.length - 1]).toMatch(/^FAIL redis-tls: certificate of localhost not verified: (unable to get local issuer certificate|self-signed certificate in certificate chain)$/);
  });

  test('a certificate for another name (hostname verification is on)', async () => {
    const run = await runSelfTest({ ...env, REDIS_HOST: '127.0.0.1' }, REDIS_STEPS);
    expect(run.lines[run.lines.length - 1]).toMatch(/^FAIL redis-tls: certificate of 127\.0\.0\.1 not verified: IP address mismatch/);
  });

  test('a token that is not the one the server expects (signed at another time)', async () => {
    const run = await runSelfTest({ ...env, SELFTEST_SIGNING_TIME: '2026-12-06T08:00:01Z' }, REDIS_STEPS);
    expect(run.lines[run.lines.length - 1]).toMatch(/^FAIL redis-auth: AUTH as production-app refused: WRONGPASS/);
  });

  test('TLS off in the connection settings', async () => {
    const run = await runSelfTest({ ...env, REDIS_TLS: 'false' }, REDIS_STEPS);
    expect(run.lines[run.lines.length - 1]).toBe('FAIL redis-tls: REDIS_TLS is false: the cache only accepts TLS');
  });
});

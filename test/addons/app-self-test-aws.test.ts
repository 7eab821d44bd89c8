import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { Signer } from '@aws-sdk/rds-signer';
import {
  callScript, CREDS, expectedElastiCacheToken, expectedRdsToken, fakePodIdentityAgent, freePort, listener, POD_IDENTITY_TOKEN,
  recordingServer, REGION, runSelfTest, SIGNING_TIME, steps, TestPki,
} from './app-self-test-harness';
import { APP_SELF_TEST_STEPS } from '../../src/addons/private/app-self-test-script';

/**
 * The self-test's AWS side (Pod Identity credentials, RDS and ElastiCache IAM tokens), its OTLP data point and
 * its refused-path checks, against recording fakes on loopback. The tokens are compared with the AWS SDK's own
 * signer at a fixed time and fixed credentials, never with the script itself.
 */
jest.setTimeout(30_000);

let dir: string;
let agent: Awaited<ReturnType<typeof fakePodIdentityAgent>>;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-self-test-aws-'));
  agent = await fakePodIdentityAgent(dir);
});
afterAll(async () => {
  await agent?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CONNECTION = {
  PGHOST: 'aiagents.cluster-abc.us-east-1.rds.amazonaws.com',
  PGPORT: '5432',
  PGUSER: 'aiagents_app',
  REDIS_REPLICATION_GROUP_ID: 'ai-agents-prod-redis',
  REDIS_USER: 'production-app',
  AWS_REGION: REGION,
};
const TOKEN_STEPS = ['credentials', 'rds-token', 'elasticache-token'];

describe('credentials from the Pod Identity agent', () => {
  test('sends the token file content as Authorization and prints no secret', async () => {
    const before = agent.requests.length;
    const run = await runSelfTest({ ...agent.env, ...CONNECTION }, TOKEN_STEPS);
    expect(run.code).toBe(0);
    expect(steps(run)).toEqual(['ok credentials', 'ok rds-token', 'ok elasticache-token', 'ok all']);
    expect(run.lines[3]).toBe('ok all: 3 steps passed');
    const calls = agent.requests.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'GET', url: '/v1/credentials' });
    expect(calls[0].headers.authorization).toBe(POD_IDENTITY_TOKEN);
    for (const secret of [CREDS.SecretAccessKey, CREDS.Token, CREDS.AccessKeyId, 'X-Amz-Signature']) {
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
  });

  test('fails when the agent refuses the token (wrong token file)', async () => {
    const wrong = path.join(dir, 'wrong-token');
    fs.writeFileSync(wrong, 'not-the-token');
    const run = await runSelfTest({ ...agent.env, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: wrong, ...CONNECTION }, TOKEN_STEPS);
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([expect.stringMatching(/^FAIL credentials: .*answered HTTP 403/)]); // stops at the first failure
  });

  test('fails when the agent cannot be reached (egress to it not allowed)', async () => {
    const port = await freePort();
    const run = await runSelfTest({ ...agent.env, AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/v1/credentials`, ...CONNECTION },
      TOKEN_STEPS);
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([expect.stringMatching(/^FAIL credentials: .* not reachable .*Pod Identity agent/)]);
  });

  test('fails when the token file is missing (no Pod Identity association)', async () => {
    const run = await runSelfTest({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${agent.url}/v1/credentials`, ...CONNECTION }, TOKEN_STEPS);
    expect(run.lines).toEqual(['FAIL credentials: AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is not set (EKS Pod Identity injects it when the service account has a Pod Identity association)']);
  });
});

describe('IAM tokens equal the AWS SDK\'s', () => {
  const creds = `{'AccessKeyId': '${CREDS.AccessKeyId}', 'SecretAccessKey': '${CREDS.SecretAccessKey}', 'Token': '${CREDS.Token}'}`;
  const at = 'datetime.datetime(2026, 12, 6, 8, 0, 0, tzinfo=datetime.timezone.utc)';

  test('RDS: @aws-sdk/rds-signer getAuthToken() at the same time with the same credentials', async () => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'clearTimeout', 'clearInterval'],
      now: new Date(SIGNING_TIME),
    });
    let sdk: string;
    try {
      sdk = await new Signer({
        hostname: CONNECTION.PGHOST,
        port: 5432,
        username: CONNECTION.PGUSER,
        region: REGION,
        credentials: { accessKeyId: CREDS.AccessKeyId, secretAccessKey: CREDS.SecretAccessKey, sessionToken: CREDS.Token },
      }).getAuthToken();
    } finally {
      jest.useRealTimers();
    }
    const ours = callScript(`m.rds_token(${creds}, '${REGION}', '${CONNECTION.PGHOST}', 5432, '${CONNECTION.PGUSER}', ${at})`);
    expect(sdk).toMatch(/^aiagents\.cluster-abc\.us-east-1\.rds\.amazonaws\.com:5432\/\?Action=connect&DBUser=aiagents_app&X-Amz-Algorithm=/);
    expect(ours).toBe(sdk);
    expect(ours).toBe(await expectedRdsToken(CONNECTION.PGHOST, 5432, CONNECTION.PGUSER)); // and the harness agrees
  });

  test('ElastiCache: SignatureV4.presign of GET <replication-group>/?Action=connect&User=<user>, service elasticache', async () => {
    const ours = callScript(`m.elasticache_token(${creds}, '${REGION}', 'ai-agents-prod-redis', 'production-app', ${at})`);
    const sdk = await expectedElastiCacheToken('ai-agents-prod-redis', 'production-app');
    expect(ours).toMatch(/^ai-agents-prod-redis\/\?Action=connect&User=production-app&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAIOSFODNN7EXAMPLE%2F20261206%2Fus-east-1%2Felasticache%2Faws4_request&X-Amz-Date=20261206T080000Z&X-Amz-Expires=900&/);
    expect(ours).toBe(sdk);
  });

  test('a token signed with another secret, user or host differs (the comparison can fail)', async () => {
    const other = callScript(`m.rds_token(dict(${creds}, SecretAccessKey='other'), '${REGION}', '${CONNECTION.PGHOST}', 5432, '${CONNECTION.PGUSER}', ${at})`);
    expect(other).not.toBe(await expectedRdsToken(CONNECTION.PGHOST, 5432, CONNECTION.PGUSER));
    expect(await expectedRdsToken(CONNECTION.PGHOST, 5432, 'aiagents_admin')).not.toBe(await expectedRdsToken(CONNECTION.PGHOST, 5432, CONNECTION.PGUSER));
  });
});

describe('one OTLP/HTTP data point to the collector', () => {
  test('POSTs one JSON gauge point to <endpoint>/v1/metrics', async () => {
    const collector = await recordingServer(() => [200, '{}']);
    try {
      const run = await runSelfTest({ OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/`, SELFTEST_NAMESPACE: 'production' }, ['otlp']);
      expect(run.lines[0]).toBe(`ok otlp: one data point of app_self_test.run accepted by ${collector.url}/v1/metrics (HTTP 200)`);
      expect(collector.requests).toHaveLength(1);
      const [r] = collector.requests;
      expect(r).toMatchObject({ method: 'POST', url: '/v1/metrics' });
      expect(r.headers['content-type']).toBe('application/json');
      const body = JSON.parse(r.body);
      const rm = body.resourceMetrics[0];
      expect(rm.resource.attributes).toContainEqual({ key: 'k8s.namespace.name', value: { stringValue: 'production' } });
      const metric = rm.scopeMetrics[0].metrics[0];
      expect(metric.name).toBe('app_self_test.run');
      expect(metric.gauge.dataPoints).toHaveLength(1);
      expect(metric.gauge.dataPoints[0].asInt).toBe('1');
      expect(Number(metric.gauge.dataPoints[0].timeUnixNano) / 1e9).toBeCloseTo(Date.now() / 1e3, -2);
    } finally {
      await collector.close();
    }
  });

  test('fails when the collector rejects it or cannot be reached', async () => {
    const rejecting = await recordingServer(() => [400, '{"message":"bad"}']);
    try {
      const run = await runSelfTest({ OTEL_EXPORTER_OTLP_ENDPOINT: rejecting.url }, ['otlp']);
      expect(run.lines).toEqual([expect.stringMatching(/^FAIL otlp: .* answered HTTP 400/)]);
    } finally {
      await rejecting.close();
    }
    const run = await runSelfTest({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}` }, ['otlp']);
    expect(run.lines).toEqual([expect.stringMatching(/^FAIL otlp: .* not reachable .*collector/)]);
  });
});

describe('cluster DNS and the refused paths', () => {
  const REFUSED = ['internet-refused', 'namespace-refused', 'imds-refused'];

  test('passes when every forbidden target refuses or times out', async () => {
    const closed = await freePort();
    const run = await runSelfTest({
      SELFTEST_DNS_NAME: 'localhost',
      SELFTEST_INTERNET_TARGET: `127.0.0.1:${closed}`,
      SELFTEST_FORBIDDEN_IN_CLUSTER_TARGET: `localhost:${closed}`,
      SELFTEST_IMDS_TARGET: `127.0.0.1:${closed}`,
    }, ['dns', ...REFUSED]);
    expect(run.code).toBe(0);
    expect(steps(run)).toEqual(['ok dns', 'ok internet-refused', 'ok namespace-refused', 'ok imds-refused', 'ok all']);
    expect(run.lines[1]).toBe(`ok internet-refused: 127.0.0.1:${closed} not reachable (127.0.0.1 connection refused)`);
  });

  test.each(REFUSED)('%s fails when a connection succeeds', async (step) => {
    const open = await listener();
    const closed = await freePort();
    try {
      const target = (s: string) => `127.0.0.1:${s === step ? open.port : closed}`;
      const run = await runSelfTest({
        SELFTEST_INTERNET_TARGET: target('internet-refused'),
        SELFTEST_FORBIDDEN_IN_CLUSTER_TARGET: target('namespace-refused'),
        SELFTEST_IMDS_TARGET: target('imds-refused'),
      }, REFUSED);
      expect(run.code).toBe(1);
      expect(run.lines[run.lines.length - 1]).toMatch(new RegExp(`^FAIL ${step}: connected to 127\\.0\\.0\\.1:${open.port}: .* is reachable from this namespace$`));
    } finally {
      await open.close();
    }
  });

  // A 64-character label is rejected before any lookup: the test sends no DNS query off this machine.
  const unresolvable = `${'x'.repeat(64)}.test`;
  test('a check with several targets (IMDS over IPv4 and IPv6) tries each and fails on any that connects', async () => {
    const closed = await freePort();
    const ok = await runSelfTest({ SELFTEST_IMDS_TARGET: `127.0.0.1:${closed},[::1]:${closed}` }, ['imds-refused']);
    expect(ok.lines[0]).toMatch(new RegExp(`^ok imds-refused: 127\\.0\\.0\\.1:${closed} not reachable \\(.*\\); \\[::1\\]:${closed} not reachable \\(.*\\)$`));
    const open = await listener();
    try {
      const run = await runSelfTest({ SELFTEST_IMDS_TARGET: `[::1]:${closed},127.0.0.1:${open.port}` }, ['imds-refused']);
      expect(run.lines).toEqual([expect.stringMatching(new RegExp(`^FAIL imds-refused: connected to 127\\.0\\.0\\.1:${open.port}: `))]);
    } finally {
      await open.close();
    }
  });

  test('an unresolvable name fails the DNS step and a refused check (nothing was tried)', async () => {
    const run = await runSelfTest({ SELFTEST_DNS_NAME: unresolvable }, ['dns']);
    expect(run.lines).toEqual([expect.stringMatching(/^FAIL dns: cannot resolve x{64}\.test/)]);
    const probe = await runSelfTest({ SELFTEST_FORBIDDEN_IN_CLUSTER_TARGET: `${unresolvable}:80` }, ['namespace-refused']);
    expect(probe.lines).toEqual([expect.stringMatching(/^FAIL namespace-refused: cannot resolve x{64}\.test/)]);
  });
});

test('the script refuses unknown steps and arguments, and lists the steps in order', async () => {
  const run = await runSelfTest({}, ['no-such-step']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`steps: ${APP_SELF_TEST_STEPS.join(' ')}`);
  expect(APP_SELF_TEST_STEPS).toEqual(['dns', 'credentials', 'rds-token', 'elasticache-token', 'postgres-tls', 'postgres-login',
    'postgres-tenant', 'redis-tls', 'redis-auth', 'redis-prefix', 'redis-outside-prefix', 'otlp', 'internet-refused',
    'namespace-refused', 'imds-refused']);
});

describe('TLS verification as libpq and the Redis clients do it', () => {
  test('OpenSSL default flags, not Python 3.13\'s X.509 strict mode', () => {
    expect(callScript('m.tls_context(None).verify_flags == m.ssl.VERIFY_X509_TRUSTED_FIRST')).toBe('True');
    expect(callScript('m.tls_context(None).check_hostname and m.tls_context(None).verify_mode == m.ssl.CERT_REQUIRED')).toBe('True');
  });

  test('accepts a server whose CA strict mode would reject (meaningful when SELFTEST_PYTHON is a 3.13)', async () => {
    const pki = new TestPki(dir);
    const ca = pki.laxCa('lax-ca');
    const [cert, key] = pki.server('lax-server', 'lax-ca', 'localhost');
    const server = tls.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, (s) => s.on('error', () => undefined).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const run = await runSelfTest({ REDIS_HOST: 'localhost', REDIS_PORT: String(port), REDIS_TLS: 'true', SELFTEST_REDIS_CA_FILE: ca },
        ['redis-tls']);
      expect(run.lines[0]).toMatch(/^ok redis-tls: localhost:\d+ TLSv1\.3, certificate verified for localhost$/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

test('network safety: the harness refuses to run a step whose address is unset or not loopback', () => {
  expect(() => runSelfTest({}, ['internet-refused'])).toThrow(/SELFTEST_INTERNET_TARGET must be set to a loopback address/);
  expect(() => runSelfTest({ SELFTEST_IMDS_TARGET: '127.0.0.1:1,169.254.169.254:80' }, ['imds-refused'])).toThrow(/not loopback-only/);
  expect(() => runSelfTest({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability:4318' }, ['otlp'])).toThrow(/not loopback-only/);
  expect(() => runSelfTest({})).toThrow(/must be set/); // a full run needs every address
});

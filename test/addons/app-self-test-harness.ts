/**
 * Runs the application self-test's script (src/addons/private/app-self-test-script.ts) with `python3`, against
 * servers on loopback only: every address the script contacts comes from the environment given here, and the
 * environment is built from scratch (no proxy variables, nothing of the host's), so a test can reach nothing
 * but 127.0.0.1.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { APP_SELF_TEST_SCRIPT } from '../../src/addons/private/app-self-test-script';

/** Fixed credentials the fake Pod Identity agent hands out (not real: shaped like AWS's). */
export const CREDS = {
  AccessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  Token: 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+sessiontoken/with=chars',
  Expiration: '2026-12-06T09:00:00Z',
};
export const REGION = 'us-east-1';
/** The signing time the tests fix (SELFTEST_SIGNING_TIME), so the expected token is known in advance. */
export const SIGNING_TIME = '2026-12-06T08:00:00Z';
export const POD_IDENTITY_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.pod-identity-token.signature';

/**
 * The Python that runs the script: `python3`, or SELFTEST_PYTHON (for example a Python 3.13, the image's
 * version, whose default TLS context is stricter than older ones).
 */
export const PYTHON = process.env.SELFTEST_PYTHON ?? 'python3';

export interface Run { code: number | null; lines: string[]; stdout: string; stderr: string }

let scriptFile: string | undefined;
/** The script, written once per test process to a temp file. */
export function scriptPath(): string {
  if (!scriptFile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-self-test-'));
    scriptFile = path.join(dir, 'app_self_test.py');
    fs.writeFileSync(scriptFile, APP_SELF_TEST_SCRIPT);
  }
  return scriptFile;
}

/** Hosts a test may point the script at: loopback, or a name rejected before any lookup (a 64-character label). */
const LOOPBACK = /^(127\.0\.0\.1|\[::1\]|::1|localhost|x{64}\.test)$/;

/** The variables that carry an address, by the steps that contact it; their defaults are real (public) addresses. */
const ADDRESSES: Array<[string, string[]]> = [
  ['SELFTEST_DNS_NAME', ['dns']], ['SELFTEST_INTERNET_TARGET', ['internet-refused']], ['SELFTEST_IMDS_TARGET', ['imds-refused']],
  ['SELFTEST_FORBIDDEN_IN_CLUSTER_TARGET', ['namespace-refused']], ['AWS_CONTAINER_CREDENTIALS_FULL_URI', ['credentials']],
  ['PGHOST', ['postgres-tls']], ['REDIS_HOST', ['redis-tls']], ['OTEL_EXPORTER_OTLP_ENDPOINT', ['otlp']],
];

/**
 * Network safety: every address a run's steps would contact must be given and be loopback, so a test can never
 * reach a public, link-local or cluster address (an unset target would fall back to aws.amazon.com or IMDS).
 */
function checkLoopbackOnly(env: Record<string, string>, only?: string[]): void {
  for (const [name, users] of ADDRESSES) {
    if (only && !users.some((s) => only.includes(s))) continue;
    const value = env[name];
    if (value === undefined) {
      if (name === 'AWS_CONTAINER_CREDENTIALS_FULL_URI' || name.startsWith('SELFTEST_') || !only) {
        throw new Error(`test harness: ${name} must be set to a loopback address for steps ${users.join(', ')}`);
      }
      continue; // a ConfigMap variable left unset: the step fails before contacting anything
    }
    for (const target of value.split(',')) {
      const host = target.trim().replace(/^https?:\/\//, '').replace(/(:\d+)?(\/.*)?$/, '');
      if (!LOOPBACK.test(host)) throw new Error(`test harness: ${name}=${value} is not loopback-only`);
    }
  }
}

/** Runs the script (asynchronously: the fakes answer from this process) with only the given environment. */
export function runSelfTest(env: Record<string, string>, only?: string[]): Promise<Run> {
  checkLoopbackOnly(env, only);
  const args = ['-I', '-B', scriptPath(), ...(only ? ['--only', only.join(',')] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SELFTEST_TIMEOUT_SECONDS: '5', SELFTEST_PROBE_TIMEOUT_SECONDS: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, lines: stdout.split('\n').filter((l) => l) }));
  });
}

/** Calls a function of the script as a module (python3 -c), returning its printed result. */
export function callScript(expression: string, env: Record<string, string> = {}): string {
  const code = [
    'import importlib.util, datetime',
    `spec = importlib.util.spec_from_file_location('app_self_test', ${JSON.stringify(scriptPath())})`,
    'm = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
    `print(${expression})`,
  ].join('\n');
  return execFileSync(PYTHON, ['-I', '-B', '-c', code], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } }).trim();
}

/** A free loopback port (nothing listens on it once this returns: a connect is refused). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A TCP listener on loopback that accepts and holds connections (to prove a "refused" check fails when reachable). */
export async function listener(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets: net.Socket[] = [];
  const srv = net.createServer((s) => { sockets.push(s); s.on('error', () => undefined); });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    port: (srv.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => { sockets.forEach((s) => s.destroy()); srv.close(() => resolve()); }),
  };
}

export interface Recorded { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }

/** A recording HTTP server on loopback: `answer` decides status and body per request. */
export async function recordingServer(answer: (r: Recorded) => [number, string]):
Promise<{ url: string; requests: Recorded[]; close: () => Promise<void> }> {
  const requests: Recorded[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(r);
      const [status, text] = answer(r);
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(srv.address() as net.AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => srv.close(() => resolve())),
  };
}

/**
 * The EKS Pod Identity agent, faked: answers CREDS only when the Authorization header carries the token
 * file's content (as the agent does), 403 otherwise. Returns the env the script needs to reach it.
 */
export async function fakePodIdentityAgent(dir: string) {
  const server = await recordingServer((r) => (r.method === 'GET' && r.url === '/v1/credentials' && r.headers.authorization === POD_IDENTITY_TOKEN
    ? [200, JSON.stringify({ ...CREDS, AccountId: '111122223333' })]
    : [403, '{"Message":"invalid token"}']));
  const tokenFile = path.join(dir, 'eks-pod-identity-token');
  fs.writeFileSync(tokenFile, `${POD_IDENTITY_TOKEN}\n`);
  return {
    ...server,
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}/v1/credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile },
  };
}

/** RFC 3986 query encoding, as the AWS SDKs format presigned URLs. */
function escape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A presigned token computed by the AWS SDK's SignatureV4 (the independent implementation), formatted as the
 * SDK's RDS signer formats it: `<host>/?<sorted query>`.
 */
export async function sdkPresignedToken(service: string, hostHeader: string, query: Record<string, string>, at: string): Promise<string> {
  const signer = new SignatureV4({
    service,
    region: REGION,
    sha256: Sha256,
    credentials: { accessKeyId: CREDS.AccessKeyId, secretAccessKey: CREDS.SecretAccessKey, sessionToken: CREDS.Token },
  });
  const [hostname, port] = hostHeader.split(':');
  const signed = await signer.presign({
    method: 'GET', protocol: 'https:', hostname, port: port ? Number(port) : undefined, path: '/', query, headers: { host: hostHeader },
  }, { expiresIn: 900, signingDate: new Date(at) });
  const q = signed.query as Record<string, string>;
  return `${hostHeader}/?${Object.keys(q).sort().map((k) => `${escape(k)}=${escape(q[k])}`).join('&')}`;
}

/** The IAM token the script must send to PostgreSQL at SIGNING_TIME. */
export function expectedRdsToken(host: string, port: number, user: string): Promise<string> {
  return sdkPresignedToken('rds-db', `${host}:${port}`, { Action: 'connect', DBUser: user }, SIGNING_TIME);
}

/** The IAM token the script must send to Redis at SIGNING_TIME. */
export function expectedElastiCacheToken(replicationGroupId: string, user: string): Promise<string> {
  return sdkPresignedToken('elasticache', replicationGroupId, { Action: 'connect', User: user }, SIGNING_TIME);
}

/** A throwaway CA and server certificates from `openssl` (the machine's), in `dir`. */
export class TestPki {
  constructor(public readonly dir: string) {}

  /** Creates a self-signed CA; returns the path of its certificate. */
  ca(name: string): string {
    const key = path.join(this.dir, `${name}.key`);
    const crt = path.join(this.dir, `${name}.crt`);
    this.openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt,
      '-days', '2', '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    return crt;
  }

  /**
   * A CA whose basicConstraints are not marked critical: OpenSSL's defaults (libpq, the Redis clients) accept
   * it, X.509 strict mode (Python 3.13's default context) rejects it.
   */
  laxCa(name: string): string {
    const key = path.join(this.dir, `${name}.key`);
    const crt = path.join(this.dir, `${name}.crt`);
    this.openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt,
      '-days', '2', '-subj', `/CN=${name}`, '-addext', 'basicConstraints=CA:TRUE', '-addext', 'keyUsage=keyCertSign,cRLSign']);
    return crt;
  }

  /** A server certificate for `dnsName` signed by CA `caName`; returns [cert, key]. */
  server(name: string, caName: string, dnsName: string): [string, string] {
    const key = path.join(this.dir, `${name}.key`);
    const csr = path.join(this.dir, `${name}.csr`);
    const crt = path.join(this.dir, `${name}.crt`);
    const ext = path.join(this.dir, `${name}.ext`);
    fs.writeFileSync(ext, `subjectAltName=DNS:${dnsName}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
    this.openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${dnsName}`]);
    this.openssl(['x509', '-req', '-in', csr, '-CA', path.join(this.dir, `${caName}.crt`), '-CAkey', path.join(this.dir, `${caName}.key`),
      '-CAcreateserial', '-out', crt, '-days', '2', '-extfile', ext]);
    return [crt, key];
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}

/** The lines of a run as `[status, step]` pairs, for compact assertions. */
export function steps(run: Run): string[] {
  return run.lines.map((l) => l.replace(/^(ok|FAIL) ([a-z-]+):.*$/, '$1 $2'));
}

/**
 * Real servers for the self-test's tests, on loopback only: PostgreSQL 16 (the tenant-isolation suite's
 * embedded server) switched to TLS with IAM-like logins, and Debian's `redis-server` with TLS and ACL users.
 */
import { ChildProcess, spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { freePort } from './app-self-test-harness';
import { SUPERUSER, TestServer } from '../data/tenant-isolation-server';

/**
 * Turns TLS on in a running TestServer with the given certificate and key, and makes `logins` (role name ->
 * pg_hba method) log in to `database` only over TLS with that method (`password`: the IAM token arrives as a
 * cleartext password inside TLS, as on RDS); every other role keeps the suite's trust login.
 */
export async function enableTls(pg: TestServer, database: string, cert: string, key: string, logins: Record<string, string>): Promise<void> {
  const dataDir = String((await pg.sql(SUPERUSER, 'postgres', 'SHOW data_directory'))[0].data_directory);
  const hbaFile = String((await pg.sql(SUPERUSER, 'postgres', 'SHOW hba_file'))[0].hba_file);
  const owner = fs.statSync(dataDir);
  const place = (src: string, name: string) => {
    const dst = path.join(dataDir, name);
    fs.copyFileSync(src, dst);
    fs.chmodSync(dst, 0o600); // PostgreSQL refuses a key others can read
    fs.chownSync(dst, owner.uid, owner.gid);
    return dst;
  };
  const certFile = place(cert, 'server.crt');
  const keyFile = place(key, 'server.key');
  const hba = fs.readFileSync(hbaFile, 'utf8');
  const lines = Object.entries(logins).flatMap(([role, method]) => [
    `hostssl ${database} ${role} 127.0.0.1/32 ${method}`,
    `host all ${role} all reject`, // no login without TLS, and none to other databases
  ]);
  fs.writeFileSync(hbaFile, `${lines.join('\n')}\n${hba}`);
  // One statement per call: ALTER SYSTEM cannot run in the implicit transaction of a multi-statement query.
  for (const statement of [`ALTER SYSTEM SET ssl_cert_file = '${certFile}'`, `ALTER SYSTEM SET ssl_key_file = '${keyFile}'`,
    'ALTER SYSTEM SET ssl = on', 'SELECT pg_reload_conf()']) {
    await pg.sql(SUPERUSER, 'postgres', statement);
  }
  // The reload is asynchronous: wait until the server reports TLS on.
  for (let i = 0; i < 50; i++) {
    if ((await pg.sql(SUPERUSER, 'postgres', 'SHOW ssl'))[0].ssl === 'on') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('PostgreSQL did not turn TLS on (see its log)');
}

/** One ACL user of the test Redis: a password (the IAM token it must receive) and its ACL rules. */
export interface RedisUser { readonly name: string; readonly password: string; readonly rules: string }

/** Debian's redis-server on a loopback TLS port (no plaintext port), the default user disabled, ACL users from a file. */
export class RedisTestServer {
  public port = 0;
  private child?: ChildProcess;

  constructor(private readonly dir: string) {}

  async start(cert: string, key: string, ca: string, users: RedisUser[]): Promise<void> {
    const aclFile = path.join(this.dir, 'users.acl');
    fs.writeFileSync(aclFile, ['user default off', ...users.map((u) =>
      `user ${u.name} on #${crypto.createHash('sha256').update(u.password).digest('hex')} ${u.rules}`)].join('\n') + '\n');
    for (let attempt = 1; ; attempt++) {
      this.port = await freePort();
      const child = spawn('redis-server', ['--port', '0', '--tls-port', String(this.port), '--bind', '127.0.0.1',
        '--tls-cert-file', cert, '--tls-key-file', key, '--tls-ca-cert-file', ca, '--tls-auth-clients', 'no',
        '--aclfile', aclFile, '--save', '', '--appendonly', 'no', '--dir', this.dir, '--protected-mode', 'yes'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      child.stdout?.on('data', (d) => { log += d; });
      child.stderr?.on('data', (d) => { log += d; });
      const ready = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 10_000);
        const check = () => { if (/Ready to accept connections/.test(log)) { clearTimeout(timer); resolve(true); } };
        child.stdout?.on('data', check);
        child.on('exit', () => { clearTimeout(timer); resolve(false); });
      });
      if (ready) {
        this.child = child;
        return;
      }
      child.kill('SIGKILL');
      if (attempt >= 3 || !/Address already in use/.test(log)) throw new Error(`redis-server did not start:\n${log}`);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.on('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  /** True when something accepts TCP connections on the port (to prove the server really runs). */
  listening(): Promise<boolean> {
    return new Promise((resolve) => {
      const s = net.connect(this.port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
  }
}

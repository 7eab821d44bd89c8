/**
 * TenantIsolationSchema.psqlCommand with hostile and tricky values: every value is checked against its format
 * (so nothing reaches the shell that could run as a command or turn TLS verification off), and the generated
 * command is run in a real shell with fake `aws`, `jq` and `psql` on PATH that record exactly what they got.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Token } from 'cdktf';
import { TenantIsolationPsqlCommandOptions, TenantIsolationSchema } from '../../src/data/tenant-isolation';
import { shellQuote } from '../../src/private/shell';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0b9c1a2e-5f3d-4c1e-9a77-1f2e3d4c5b6a-AbC123';
const PASSWORD = 'p\'w"$(touch pwned-by-password)`touch pwned2`;&|<>\\ !x';
const base: TenantIsolationPsqlCommandOptions = { host: 'db-1.abc123xyz.eu-west-1.rds.amazonaws.com', databaseName: 'app_db', masterUserSecretArn: ARN };

let dir: string;
let fakeBin: string;
let log: string;

/** A fake tool: appends {tool, argv, env subset} as a JSON line to $FAKE_LOG, then does `body`. */
function fake(name: string, body: string): void {
  fs.writeFileSync(path.join(fakeBin, name), `#!${process.execPath}
const fs = require('fs');
const env = { PGUSER: process.env.PGUSER, PGPASSWORD: process.env.PGPASSWORD, SECRET: process.env.SECRET };
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify({ tool: ${JSON.stringify(name)}, argv: process.argv.slice(2), env }) + '\\n');
${body}
`, { mode: 0o755 });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psql-command-'));
  fakeBin = path.join(dir, 'bin');
  fs.mkdirSync(fakeBin);
  log = path.join(dir, 'calls.jsonl');
  fake('aws', `if (process.env.FAKE_AWS_FAIL) { console.error('AccessDenied'); process.exit(254); }
process.stdout.write(process.env.FAKE_SECRET + '\\n');`);
  // jq -er .field: print the field of the JSON on stdin; exit 1 when it is null (as jq -e does).
  fake('jq', `const input = fs.readFileSync(0, 'utf8');
const field = process.argv[process.argv.length - 1].slice(1);
const v = JSON.parse(input)[field];
if (v === undefined || v === null) { console.log('null'); process.exit(1); }
console.log(v);`);
  fake('psql', '');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Call { readonly tool: string; readonly argv: string[]; readonly env: Record<string, string | undefined> }

/** Runs the command in `sh` inside a scratch directory; reports the calls and what the calling shell kept. */
function runInShell(cmd: string, secret: object, extraEnv: Record<string, string> = {}) {
  const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
  fs.rmSync(log, { force: true });
  const r = spawnSync('sh', ['-c', `${cmd}\nstatus=$?\nprintf 'after:[%s][%s][%s]' "$SECRET" "$PGPASSWORD" "$PGUSER"\nexit $status`], {
    cwd,
    encoding: 'utf8',
    env: { PATH: `${fakeBin}:${process.env.PATH}`, FAKE_LOG: log, FAKE_SECRET: JSON.stringify(secret), ...extraEnv },
  });
  const calls: Call[] = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls, files: fs.readdirSync(cwd) };
}

describe('the generated command in a real shell (fake aws, jq and psql on PATH)', () => {
  const cmd = TenantIsolationSchema.psqlCommand({
    ...base,
    region: 'eu-west-1',
    databaseName: 'app_db',
    port: 6432,
    sqlFile: 'sql/tenant-isolation.sql',
    sslRootCert: '/etc/ssl/rds/global-bundle.pem',
  });

  // One run serves the first three tests (each fake tool is a node process: keep the count down).
  let r: ReturnType<typeof runInShell>;
  beforeAll(() => {
    r = runInShell(cmd, { username: 'rdsmaster', password: PASSWORD });
  });

  test('aws and psql get exactly the intended arguments; TLS is verify-full', () => {
    expect(r.status).toBe(0);
    expect(r.calls.find((c) => c.tool === 'aws')?.argv).toEqual([
      'secretsmanager', 'get-secret-value', '--secret-id', ARN, '--region', 'eu-west-1', '--query', 'SecretString', '--output', 'text',
    ]);
    expect(r.calls.find((c) => c.tool === 'psql')?.argv).toEqual([
      '-X', 'host=db-1.abc123xyz.eu-west-1.rds.amazonaws.com port=6432 dbname=app_db sslmode=verify-full sslrootcert=/etc/ssl/rds/global-bundle.pem',
      '-v', 'ON_ERROR_STOP=1', '-f', 'sql/tenant-isolation.sql',
    ]);
  });

  test('the password reaches psql only through its environment, byte for byte, and runs nothing', () => {
    const psql = r.calls.find((c) => c.tool === 'psql');
    expect(psql?.env).toEqual({ PGUSER: 'rdsmaster', PGPASSWORD: PASSWORD });
    for (const c of r.calls) expect(c.argv.join(' ')).not.toContain('p\'w"');
    expect(r.files).toEqual([]);
  });

  test('nothing of the secret is left in the calling shell', () => {
    expect(r.stdout).toBe('after:[][][]');
  });

  test('psql does not run when the secret cannot be read', () => {
    const failed = runInShell(cmd, { username: 'rdsmaster', password: PASSWORD }, { FAKE_AWS_FAIL: '1' });
    expect(failed.status).not.toBe(0);
    expect(failed.calls.map((c) => c.tool)).toEqual(['aws']);
  });

  test('psql does not run when the secret has no password', () => {
    const failed = runInShell(cmd, { username: 'rdsmaster' });
    expect(failed.status).not.toBe(0);
    expect(failed.calls.map((c) => c.tool)).not.toContain('psql');
  });

  test('defaults: port 5432, global-bundle.pem, tenant-isolation.sql, no --region (the database is always given)', () => {
    const d = runInShell(TenantIsolationSchema.psqlCommand(base), { username: 'u', password: 'p' });
    expect(d.calls.find((c) => c.tool === 'aws')?.argv).not.toContain('--region');
    expect(d.calls.find((c) => c.tool === 'psql')?.argv).toEqual(['-X',
      'host=db-1.abc123xyz.eu-west-1.rds.amazonaws.com port=5432 dbname=app_db sslmode=verify-full sslrootcert=global-bundle.pem',
      '-v', 'ON_ERROR_STOP=1', '-f', 'tenant-isolation.sql']);
  });
});

describe('hostile values are refused before they reach a shell', () => {
  test.each<[keyof TenantIsolationPsqlCommandOptions, string, RegExp]>([
    ['host', 'db.example.com; touch pwned', /host must be a DNS host name/],
    ['host', '$(touch pwned)', /host must be a DNS host name/],
    ['host', 'db.example.com sslmode=disable', /host must be a DNS host name/],
    ['host', "db' ; touch pwned ; '", /host must be a DNS host name/],
    ['masterUserSecretArn', "arn:aws:secretsmanager:us-east-1:123456789012:secret:x'; touch pwned; '", /masterUserSecretArn must be a Secrets Manager secret ARN/],
    ['masterUserSecretArn', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:`id`', /masterUserSecretArn must be a Secrets Manager secret ARN/],
    ['region', 'us-east-1; touch pwned', /region must be an AWS region name/],
    ['region', "us-east-1' --endpoint-url 'http://evil", /region must be an AWS region name/],
    ['databaseName', 'aiagents sslmode=disable', /databaseName must be 1-63 lower-case letters/],
    ['databaseName', 'x$(id)', /databaseName must be 1-63 lower-case letters/],
    ['sqlFile', "x.sql'; touch pwned; '", /sqlFile must be a file path/],
    ['sqlFile', '-c', /sqlFile must be a file path/],
    ['sslRootCert', 'bundle.pem sslmode=disable', /sslRootCert must be a file path/],
    ['sslRootCert', 'bundle.pem\nsslmode=disable', /sslRootCert must be a file path/],
  ])('%s = %p', (prop, value, message) => {
    expect(() => TenantIsolationSchema.psqlCommand({ ...base, [prop]: value })).toThrow(message);
  });

  test('port must be an integer from 1 to 65535', () => {
    expect(() => TenantIsolationSchema.psqlCommand({ ...base, port: 0 })).toThrow(/port must be an integer from 1 to 65535/);
  });

  test('unresolved tokens (HaPostgres.address, the secret ARN) pass unchecked but quoted; no Terraform template starts', () => {
    const host = Token.asString({ resolve: () => 'h' });
    const arn = Token.asString({ resolve: () => 'a' });
    const cmd = TenantIsolationSchema.psqlCommand({ host, databaseName: 'app_db', masterUserSecretArn: arn, region: 'us-east-1' });
    expect(cmd).toContain(`--secret-id '${arn}' --region 'us-east-1'`);
    expect(cmd).toContain(`'host=${host} port=5432`);
    expect(cmd.split(host).join('').split(arn).join('')).not.toMatch(/\$\{|%\{/);
  });
});

describe('shellQuote', () => {
  test.each([
    ["it's"], ['$(touch pwned)'], ['`touch pwned`'], ['a\nb'], ['\\'], ['!x'], ["''"], ['"; touch pwned; "'], [''],
  ])('%p survives a real shell unchanged and runs nothing', (value) => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'quote-'));
    try {
      const r = spawnSync('sh', ['-c', `printf '%s' ${shellQuote(value)}`], { cwd, encoding: 'utf8' });
      expect(r.stdout).toBe(value);
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

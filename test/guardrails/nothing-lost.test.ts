import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import * as ts from 'typescript';
import { buildGuideEnvironment, GuideSettings } from '../../examples/prod/environment';
import { ProductionEksPlatformProps } from '../../src/platform/production-eks-platform-props';
import { ProductionBaseline } from '../../src/policy/production-baseline';
import { UpgradeSafety } from '../../src/policy/upgrade-safety';
import { synthesizeExample } from '../examples/synth-example';

/**
 * Nothing stateful is lost by accident: in the synthesized example every stateful resource has Terraform's
 * prevent_destroy and the service's own protection, and each construct turns them off only through one
 * explicit prop whose documentation says what is lost.
 */
const example = synthesizeExample();
afterAll(() => fs.rmSync(example.outdir, { recursive: true, force: true }));
const infra = example.stacks['ai-agents-prod-infra'];

type Resource = { address: string; type: string; config: any };
const resourcesIn = (stack: any, types: string[]): Resource[] => Object.entries<any>(stack.resource ?? {})
  .filter(([type]) => types.includes(type))
  .flatMap(([type, byName]) => Object.entries<any>(byName).map(([n, config]) => ({ address: `${type}.${n}`, type, config })));
const unprotected = (stack: any, types: string[]) => resourcesIn(stack, types)
  .filter((r) => r.config.lifecycle?.prevent_destroy !== true).map((r) => r.address).sort();

/** Stateful types, plus the ElastiCache RBAC users and group the cache cannot run without. */
const PROTECTED_TYPES = [...UpgradeSafety.STATEFUL_RESOURCE_TYPES, 'aws_elasticache_user', 'aws_elasticache_user_group'];

describe('the example protects every stateful resource', () => {
  test('every stateful resource has lifecycle.prevent_destroy (and there are as many as the guide needs)', () => {
    const stateful = resourcesIn(infra, PROTECTED_TYPES);
    expect(stateful.length).toBeGreaterThanOrEqual(20);
    expect(new Set(stateful.map((r) => r.type))).toEqual(new Set([
      'aws_db_instance', 'aws_elasticache_replication_group', 'aws_kms_key', 'aws_cloudwatch_log_group', 'aws_eks_cluster',
      'aws_elasticache_user', 'aws_elasticache_user_group', 'aws_backup_vault',
    ]));
    expect(unprotected(infra, PROTECTED_TYPES)).toEqual([]);
    // The in-cluster stack holds no AWS state at all (only Helm releases).
    expect(resourcesIn(example.stacks['ai-agents-prod-in-cluster'], PROTECTED_TYPES)).toEqual([]);
  });

  test('RDS: deletion protection, a final snapshot, automated backups kept after deletion', () => {
    for (const db of resourcesIn(infra, ['aws_db_instance'])) {
      expect(db.config).toMatchObject({
        deletion_protection: true,
        skip_final_snapshot: false,
        final_snapshot_identifier: 'ai-agents-prod-postgres-final',
        delete_automated_backups: false,
        backup_retention_period: 30,
        copy_tags_to_snapshot: true,
      });
    }
  });

  test('ElastiCache: a final snapshot on deletion and daily snapshots', () => {
    const [rg] = resourcesIn(infra, ['aws_elasticache_replication_group']);
    expect(rg.config).toMatchObject({ final_snapshot_identifier: 'ai-agents-prod-redis-final', snapshot_retention_limit: 5 });
  });

  test('KMS keys: 30-day deletion window (the maximum) and rotation', () => {
    const keys = resourcesIn(infra, ['aws_kms_key']);
    expect(keys.length).toBeGreaterThanOrEqual(6);
    for (const k of keys) expect({ address: k.address, ...k.config }).toMatchObject({ deletion_window_in_days: 30, enable_key_rotation: true });
  });

  test('log groups: kept at least 90 days, encrypted', () => {
    for (const g of resourcesIn(infra, ['aws_cloudwatch_log_group'])) {
      expect(g.config.retention_in_days).toBeGreaterThanOrEqual(90);
      // The platform's add-on groups reuse the control-plane log group's key.
      expect(g.config.kms_key_id).toMatch(/^\$\{aws_(kms_key\.[^.]+\.arn|cloudwatch_log_group\.[^.]+\.kms_key_id)\}$/);
    }
  });

  test('the EKS cluster has prevent_destroy (the AWS provider 5.x has no EKS deletion protection)', () => {
    const [cluster] = resourcesIn(infra, ['aws_eks_cluster']);
    expect(cluster.config.lifecycle).toEqual({ prevent_destroy: true });
  });
});

describe('each opt-out is one explicit prop and unprotects only its own construct', () => {
  const SETTINGS: GuideSettings = { acmeEmail: 'devops@example.com', adminRoleArn: 'arn:aws:iam::123456789012:role/platform-admin', apiCidrs: [], owner: 'platform-team' };
  /** The example with one opt-out, the baseline findings it raises acknowledged (as docs/destroy.md does). */
  const synthWith = (changes: Partial<ProductionEksPlatformProps>): any => {
    const { infra: stack, platform } = buildGuideEnvironment(Testing.app(), SETTINGS, changes);
    for (const rule of ['PB-RET-002', 'PB-RET-006']) ProductionBaseline.acknowledge(platform, rule, 'test of the opt-out');
    return JSON.parse(Testing.synth(stack, true));
  };
  const owner = (address: string) => address.split('.')[1].split('_')[1];

  test.each([
    ['vpc', { vpc: { preventDestroy: false } }, ['network']],
    // The platform's add-on log groups follow the cluster's setting (they hold the cluster's container logs).
    ['cluster', { cluster: { preventDestroy: false } }, ['cluster', 'addon-identities']],
    ['postgres', { postgres: { preventDestroy: false } }, ['postgres']],
    ['redis', { redis: { preventDestroy: false } }, ['redis']],
    ['alerting', { alerting: { preventDestroy: false } }, ['alerts']],
    ['databaseBackup', { databaseBackup: { preventDestroy: false } }, ['database-backup']],
  ] as const)('%s.preventDestroy: false', (_name, changes, owners) => {
    const json = synthWith(changes as Partial<ProductionEksPlatformProps>);
    const lost = unprotected(json, PROTECTED_TYPES);
    expect(lost.length).toBeGreaterThan(0);
    expect(new Set(lost.map(owner))).toEqual(new Set(owners));
    // Service-level protections are not touched by prevent_destroy.
    expect(resourcesIn(json, ['aws_db_instance'])[0].config).toMatchObject({ deletion_protection: true, skip_final_snapshot: false });
  });

  test('postgres.deletionProtection: false turns off RDS deletion protection only; the final snapshot stays', () => {
    const json = synthWith({ postgres: { deletionProtection: false } });
    expect(resourcesIn(json, ['aws_db_instance'])[0].config).toMatchObject({
      deletion_protection: false, skip_final_snapshot: false, final_snapshot_identifier: 'ai-agents-prod-postgres-final',
    });
    expect(unprotected(json, PROTECTED_TYPES)).toEqual([]);
  });

  test('without the acknowledgements the baseline fails synth on the opt-out', () => {
    const { infra: stack } = buildGuideEnvironment(Testing.app(), SETTINGS, { postgres: { deletionProtection: false } });
    expect(() => Testing.synth(stack, true)).toThrow(/PB-RET-002.*deletion_protection = false/);
  });

  // The doc comments of the opt-out props: each says it defaults to on and what turning it off loses.
  const OPT_OUTS: Array<[string, string, string, RegExp]> = [
    ['src/network/ha-vpc.ts', 'HaVpcOptions', 'preventDestroy', /flow log history and its key/],
    ['src/cluster/ha-eks-cluster.ts', 'HaEksClusterOptions', 'preventDestroy', /every workload and secret in it/],
    ['src/data/ha-postgres.ts', 'HaPostgresOptions', 'preventDestroy', /delete them/],
    ['src/data/ha-postgres.ts', 'HaPostgresOptions', 'deletionProtection', /delete the database/],
    ['src/data/ha-redis.ts', 'HaRedisOptions', 'preventDestroy', /delete the cache/],
    ['src/platform/state-backend.ts', 'StateBucketProps', 'preventDestroy', /every state file/],
    ['src/data/database-backup.ts', 'DatabaseBackupOptions', 'preventDestroy', /delete the vault/],
    ['src/data/database-backup.ts', 'DatabaseBackupOptions', 'restoreTesting', /weekly proof/],
    ['src/platform/production-eks-platform-props.ts', 'ProductionEksPlatformProps', 'databaseBackupEnabled', /backups that outlive the instance/],
  ];
  test.each(OPT_OUTS)('%s %s.%s is documented: default on, what is lost', (file, iface, prop, loss) => {
    const doc = propertyDoc(file, iface, prop);
    expect(doc).toMatch(/@default true/);
    expect(doc).toMatch(/Setting false/);
    expect(doc).toMatch(loss);
  });
});

/** The JSDoc text of a property of an interface in a source file. */
function propertyDoc(file: string, iface: string, prop: string): string {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(__dirname, '..', '..', file), 'utf8'), ts.ScriptTarget.Latest, true);
  let doc = '';
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== iface) return;
    for (const m of node.members) {
      if (m.name && ts.isIdentifier(m.name) && m.name.text === prop) {
        doc = ts.getJSDocCommentsAndTags(m).map((d) => d.getText(source)).join('\n');
      }
    }
  });
  if (!doc) throw new Error(`${iface}.${prop} not found in ${file}`);
  return doc.replace(/\s*\n\s*\*\s*/g, ' ');
}

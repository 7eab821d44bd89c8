import { App, TerraformStack, Testing } from 'cdktf';
import { buildGuideEnvironment, GuideSettings, guidePlatformProps } from '../../examples/prod/environment';
import { KubernetesVersion } from '../../src/cluster/kubernetes-version';
import { HaPostgres } from '../../src/data/ha-postgres';
import { ProductionEksPlatform } from '../../src/platform/production-eks-platform';
import { ProductionEksPlatformProps } from '../../src/platform/production-eks-platform-props';
import { ProductionBaseline } from '../../src/policy/production-baseline';
import { UpgradeFinding, UpgradeFindingKind, UpgradeSafety } from '../../src/policy/upgrade-safety';

/**
 * The mock provider of the offline Terraform checks plans a replacement-forcing change as an in-place update,
 * so "nothing is lost on change" is checked on the synthesized JSON with UpgradeSafety: the example's
 * infrastructure stack is synthesized as deployed and again with a change.
 */
const SETTINGS: GuideSettings = {
  acmeEmail: 'devops@example.com',
  adminRoleArn: 'arn:aws:iam::123456789012:role/platform-admin',
  apiCidrs: [],
  owner: 'platform-team',
};

/** The platform as the example builds it (tsc may resolve the example's package import to lib/). */
type GuidePlatform = ReturnType<typeof buildGuideEnvironment>['platform'];

function synthInfra(changes: Partial<ProductionEksPlatformProps> = {}, tweak?: (platform: GuidePlatform) => void): string {
  const app: App = Testing.app();
  const { infra, platform } = buildGuideEnvironment(app, SETTINGS, changes);
  tweak?.(platform);
  return Testing.synth(infra, true);
}

const deployed = synthInfra();
const resource = (json: string, type: string): any => {
  const all = Object.values(JSON.parse(json).resource[type]);
  expect(all).toHaveLength(1);
  return all[0];
};
const summary = (findings: UpgradeFinding[]) => findings.map((f) => `${f.kind} ${f.address} ${f.attribute ?? ''}`.trim());

describe('upgrading the example environment loses nothing', () => {
  // The guide's day-2 changes: a Kubernetes upgrade, new node type, a bigger database, one more Redis replica.
  const upgraded = synthInfra({
    kubernetesVersion: KubernetesVersion.V1_36,
    nodeInstanceTypes: ['m6i.large'],
    dbInstanceClass: 'db.r6g.large',
    redis: { nodeCount: 3 },
  });

  test('the change really changes the cluster, nodes, database and cache', () => {
    expect(resource(deployed, 'aws_eks_cluster').version).toBe('1.35');
    expect(resource(upgraded, 'aws_eks_cluster').version).toBe('1.36');
    expect(resource(upgraded, 'aws_eks_node_group').instance_types).toEqual(['m6i.large']);
    expect(resource(upgraded, 'aws_db_instance').instance_class).toBe('db.r6g.large');
    expect(resource(deployed, 'aws_elasticache_replication_group').num_cache_clusters).toBe(2);
    expect(resource(upgraded, 'aws_elasticache_replication_group').num_cache_clusters).toBe(3);
  });

  test('no stateful resource is destroyed, replaced or unprotected', () => {
    const findings = UpgradeSafety.compare(deployed, upgraded);
    expect(UpgradeSafety.formatFindings(findings)).toBe('Upgrade safety: no stateful resource is destroyed, replaced or unprotected.');
    expect(findings).toEqual([]);
  });

  test('the node group is replaced (new instance types) with create_before_destroy: new nodes come up first', () => {
    const ng = resource(upgraded, 'aws_eks_node_group');
    expect(UpgradeSafety.replacementAttributes('aws_eks_node_group')).toContain('instance_types');
    expect(ng.lifecycle).toMatchObject({ create_before_destroy: true });
    // A unique name per generation: the old and the new group coexist while EKS drains the old one.
    expect(ng.node_group_name).toBeUndefined();
    expect(ng.node_group_name_prefix).toBe('general-');

    // Without create_before_destroy the same change would delete every node first: the check reports it.
    const withoutOverlap = JSON.parse(upgraded);
    for (const g of Object.values<any>(withoutOverlap.resource.aws_eks_node_group)) delete g.lifecycle.create_before_destroy;
    expect(summary(UpgradeSafety.compare(deployed, JSON.stringify(withoutOverlap)))).toEqual([
      'REPLACED_WITHOUT_OVERLAP aws_eks_node_group.platform_nodes_node-group_9E1EF1A3 instance_types',
    ]);
  });
});

describe('the check fails on changes that lose state', () => {
  test('a changed database identifier renames the instance (endpoint changes) and replaces its log groups', () => {
    const findings = UpgradeSafety.compare(deployed, synthInfra({ postgres: { identifier: 'ai-agents-prod-db' } }));
    expect(summary(findings)).toEqual(expect.arrayContaining([
      'IDENTITY_CHANGED aws_db_instance.platform_postgres_instance_72684512 identifier',
      'REPLACED aws_cloudwatch_log_group.platform_postgres_log-group-postgresql_3BE633C9 name',
      'REPLACED aws_cloudwatch_log_group.platform_postgres_log-group-upgrade_AA4AE158 name',
    ]));
    const rename = findings.find((f) => f.kind === UpgradeFindingKind.IDENTITY_CHANGED)!;
    expect(rename).toMatchObject({ before: '"ai-agents-prod-postgres"', after: '"ai-agents-prod-db"' });
    expect(rename.message).toMatch(/endpoint changes/);
  });

  test('a renamed construct id is a new address: every stateful resource is destroyed', () => {
    const app = Testing.app();
    const infra = new TerraformStack(app, 'ai-agents-prod-infra');
    new ProductionEksPlatform(infra, 'environment', guidePlatformProps(SETTINGS));
    const findings = UpgradeSafety.compare(deployed, Testing.synth(infra, true));
    const destroyed = findings.filter((f) => f.kind === UpgradeFindingKind.DESTROYED).map((f) => f.address);
    expect(destroyed).toEqual(expect.arrayContaining([
      'aws_db_instance.platform_postgres_instance_72684512',
      'aws_elasticache_replication_group.platform_redis_replication-group_951D6D68',
      'aws_eks_cluster.platform_cluster_7D72E0C2',
      'aws_kms_key.platform_postgres_key_81ACE9D0',
      'aws_cloudwatch_log_group.platform_cluster_log-group_B09A3AA8',
    ]));
    expect(findings.find((f) => f.address.startsWith('aws_db_instance'))!.message).toMatch(/moved/);
  });

  test('a different KMS key for the database replaces the instance (and destroys the old key)', () => {
    const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/0b7c6f2e-1111-4222-8333-944455556666';
    const findings = UpgradeSafety.compare(deployed, synthInfra({ postgres: { kmsKeyArn: keyArn } }));
    expect(summary(findings)).toEqual(expect.arrayContaining([
      'REPLACED aws_db_instance.platform_postgres_instance_72684512 kms_key_id',
      'DESTROYED aws_kms_key.platform_postgres_key_81ACE9D0',
    ]));
    const replaced = findings.find((f) => f.attribute === 'kms_key_id')!;
    expect(replaced.after).toBe(JSON.stringify(keyArn));
    expect(replaced.message).toMatch(/forces replacement/);
  });

  test('a new replication group id replaces the cache', () => {
    const findings = UpgradeSafety.compare(deployed, synthInfra({ redis: { replicationGroupId: 'ai-agents-prod-cache' } }));
    expect(summary(findings)).toContain('REPLACED aws_elasticache_replication_group.platform_redis_replication-group_951D6D68 replication_group_id');
  });

  test('switching protections off is reported, even without a replacement', () => {
    // The decommissioning change of docs/destroy.md: the opt-outs, and the baseline findings they raise acknowledged.
    const findings = UpgradeSafety.compare(deployed, synthInfra({ postgres: { preventDestroy: false, deletionProtection: false } }, (p) => {
      ProductionBaseline.acknowledge(p.postgres, 'PB-RET-002', 'decommissioning the environment (docs/destroy.md)');
      ProductionBaseline.acknowledge(p.postgres, 'PB-RET-006', 'decommissioning the environment (docs/destroy.md)');
    }));
    expect(summary(findings)).toEqual(expect.arrayContaining([
      'PROTECTION_REMOVED aws_db_instance.platform_postgres_instance_72684512 lifecycle.prevent_destroy',
      'PROTECTION_REMOVED aws_db_instance.platform_postgres_instance_72684512 deletion_protection',
      'PROTECTION_REMOVED aws_kms_key.platform_postgres_key_81ACE9D0 lifecycle.prevent_destroy',
    ]));
    expect(findings.every((f) => f.kind === UpgradeFindingKind.PROTECTION_REMOVED)).toBe(true);
    expect(UpgradeSafety.formatFindings(findings)).toMatch(/^Upgrade safety: \d+ finding\(s\)\.\nPROTECTION_REMOVED/);
  });
});

describe('UpgradeSafety.compare on hand-written stacks', () => {
  const stack = (resources: object, extra: object = {}) => JSON.stringify({ resource: resources, ...extra });
  const bucket = { aws_s3_bucket: { state: { bucket: 'acme-state', lifecycle: { prevent_destroy: true } } } };

  test('a moved block carries the resource to its new address', () => {
    const renamed = { aws_s3_bucket: { terraform_state: bucket.aws_s3_bucket.state } };
    expect(UpgradeSafety.compare(stack(bucket), stack(renamed))).toEqual([
      expect.objectContaining({ kind: UpgradeFindingKind.DESTROYED, address: 'aws_s3_bucket.state' }),
    ]);
    expect(UpgradeSafety.compare(stack(bucket), stack(renamed, {
      moved: [{ from: 'aws_s3_bucket.state', to: 'aws_s3_bucket.terraform_state' }],
    }))).toEqual([]);
  });

  test('nested replacement-forcing attributes are compared (EKS service CIDR, block as list or object)', () => {
    const eks = (cidr: string) => stack({ aws_eks_cluster: { c: { name: 'x', kubernetes_network_config: [{ service_ipv4_cidr: cidr }] } } });
    expect(UpgradeSafety.compare(eks('172.20.0.0/16'), eks('172.20.0.0/16'))).toEqual([]);
    expect(summary(UpgradeSafety.compare(eks('172.20.0.0/16'), eks('10.100.0.0/16'))))
      .toEqual(['REPLACED aws_eks_cluster.c kubernetes_network_config.service_ipv4_cidr']);
  });

  test('resource types that hold no state are not judged; the stateful types are listed', () => {
    const sg = (name: string) => stack({ aws_security_group: { sg: { name } } });
    expect(UpgradeSafety.compare(sg('a'), stack({}))).toEqual([]);
    expect(UpgradeSafety.compare(sg('a'), sg('b'))).toEqual([]);
    expect(UpgradeSafety.STATEFUL_RESOURCE_TYPES.sort()).toEqual([
      'aws_backup_vault', 'aws_cloudwatch_log_group', 'aws_db_instance', 'aws_eks_cluster', 'aws_elasticache_replication_group', 'aws_kms_key',
      'aws_s3_bucket',
    ]);
    expect(UpgradeSafety.replacementAttributes('aws_db_instance')).toEqual(expect.arrayContaining(['kms_key_id', 'storage_encrypted', 'db_name', 'username']));
    expect(UpgradeSafety.replacementAttributes('aws_security_group')).toEqual([]);
  });

  test('a final snapshot that is no longer taken is a lost protection', () => {
    const rg = (extra: object) => stack({ aws_elasticache_replication_group: { r: { replication_group_id: 'r', ...extra } } });
    expect(summary(UpgradeSafety.compare(rg({ final_snapshot_identifier: 'r-final' }), rg({}))))
      .toEqual(['PROTECTION_REMOVED aws_elasticache_replication_group.r final_snapshot_identifier']);
  });
});

describe('adding alerting to a deployed environment replaces nothing stateful', () => {
  // The environment as deployed before alerting existed: the same stack without the topic, its key, the
  // alarms, rules, dashboard and event subscription.
  const ALERTING_TYPES = ['aws_sns_topic', 'aws_sns_topic_policy', 'aws_sns_topic_subscription', 'aws_cloudwatch_metric_alarm',
    'aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target', 'aws_cloudwatch_dashboard', 'aws_db_event_subscription'];
  const before = JSON.parse(deployed);
  for (const t of ALERTING_TYPES) delete before.resource[t];
  for (const t of ['aws_kms_key', 'aws_kms_alias']) {
    for (const id of Object.keys(before.resource[t])) if (id.startsWith('platform_alerts_')) delete before.resource[t][id];
  }

  test('the pre-alerting stack really lacks the alerting pieces, and nothing left in it refers to them', () => {
    // A reference left behind (say the cache pointing at the topic) would be a change to a stateful resource.
    expect(JSON.stringify(before.resource)).not.toMatch(/aws_sns_topic|aws_cloudwatch_metric_alarm|aws_db_event_subscription|platform_alerts_|platform_monitoring_/);
    expect(Object.keys(JSON.parse(deployed).resource.aws_cloudwatch_metric_alarm).length).toBeGreaterThan(10);
  });

  test('UpgradeSafety finds no stateful resource destroyed, replaced or unprotected', () => {
    expect(UpgradeSafety.compare(JSON.stringify(before), deployed)).toEqual([]);
  });
});

describe('recovery changes (README "Restore")', () => {
  test('adding the database backups (vault, plan, restore test) replaces no stateful resource', () => {
    const withoutBackups = synthInfra({ databaseBackupEnabled: false });
    expect(JSON.parse(withoutBackups).resource.aws_backup_vault).toBeUndefined();
    expect(resource(deployed, 'aws_backup_vault').name).toBe('ai-agents-prod-db');
    expect(resource(deployed, 'aws_backup_restore_testing_plan')).toBeDefined();
    expect(UpgradeSafety.compare(withoutBackups, deployed)).toEqual([]);
  });

  // Step 1 of the workflow: the restored instance is added next to the old one, which stays untouched.
  const withRestored = synthInfra({}, (p) => {
    new HaPostgres(p, 'postgres-restored', {
      name: 'ai-agents-prod',
      identifier: 'ai-agents-prod-postgres-r1',
      network: p.network,
      allowedSecurityGroupIds: [p.cluster.nodeSecurityGroupId],
      restoreToPointInTime: { sourceInstanceIdentifier: p.postgres.identifier, restoreTime: '2026-11-30T23:45:00Z' },
      kmsKeyArn: p.postgres.kmsKeyArn,
    });
  });

  test('adding a restored instance next to the old one is safe', () => {
    const instances = Object.values<any>(JSON.parse(withRestored).resource.aws_db_instance);
    expect(instances.map((i) => i.identifier).sort()).toEqual(['ai-agents-prod-postgres', 'ai-agents-prod-postgres-r1']);
    expect(UpgradeSafety.compare(deployed, withRestored)).toEqual([]);
  });

  test('restoring into the existing instance replaces it: the finding points to the workflow', () => {
    const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/0b7c6f2e-1111-4222-8333-944455556666';
    const findings = UpgradeSafety.compare(deployed, synthInfra({ postgres: { snapshotIdentifier: 'ai-agents-prod-postgres-final', kmsKeyArn: keyArn } }));
    const restore = findings.find((f) => f.attribute === 'snapshot_identifier')!;
    expect(restore).toMatchObject({ kind: UpgradeFindingKind.REPLACED, address: 'aws_db_instance.platform_postgres_instance_72684512' });
    expect(restore.message).toMatch(/setting snapshot_identifier on the existing resource replaces it.*new instance with a new identifier next to the old one, switch clients, then retire the old one/);
  });

  test('retiring the old instance after the switch is a finding naming its restored successor', () => {
    const stack = (resources: object) => JSON.stringify({ resource: { aws_db_instance: resources } });
    const old = { identifier: 'db', deletion_protection: true, lifecycle: { prevent_destroy: true } };
    const restored = { identifier: 'db-r1', restore_to_point_in_time: [{ source_db_instance_identifier: 'db', use_latest_restorable_time: true }] };
    expect(UpgradeSafety.compare(stack({ old }), stack({ old, restored }))).toEqual([]);
    const findings = UpgradeSafety.compare(stack({ old, restored }), stack({ restored }));
    expect(summary(findings)).toEqual(['DESTROYED aws_db_instance.old']);
    expect(findings[0].message).toMatch(/aws_db_instance\.restored was restored from it: retiring the old instance is the last step.*documented opt-outs/);
    // Without a successor the generic message stays.
    expect(UpgradeSafety.compare(stack({ old }), stack({}))[0].message).toMatch(/moved/);
  });

  test('a backup vault that may be force-destroyed or is renamed is reported', () => {
    const vault = (extra: object) => JSON.stringify({ resource: { aws_backup_vault: { v: { name: 'db', force_destroy: false, ...extra } } } });
    expect(summary(UpgradeSafety.compare(vault({}), vault({ force_destroy: true })))).toEqual(['PROTECTION_REMOVED aws_backup_vault.v force_destroy']);
    expect(summary(UpgradeSafety.compare(vault({}), vault({ name: 'db2' })))).toEqual(['REPLACED aws_backup_vault.v name']);
  });
});

describe('adding the resilience defaults (issue 14) to a deployed environment replaces nothing stateful', () => {
  // The environment as the previous release synthesized it: no interface endpoints, no node repair or zonal
  // shift blocks, no logging parameters, no account-wide EBS setting.
  const previous = JSON.parse(deployed);
  const r = previous.resource;
  for (const [id, e] of Object.entries<any>(r.aws_vpc_endpoint)) if (e.vpc_endpoint_type === 'Interface') delete r.aws_vpc_endpoint[id];
  for (const type of ['aws_security_group', 'aws_vpc_security_group_ingress_rule']) {
    for (const id of Object.keys(r[type])) if (id.includes('interface-endpoints')) delete r[type][id];
  }
  delete r.aws_ebs_encryption_by_default;
  delete r.aws_ebs_default_kms_key;
  for (const g of Object.values<any>(r.aws_eks_node_group)) delete g.node_repair_config;
  for (const c of Object.values<any>(r.aws_eks_cluster)) delete c.zonal_shift_config;
  for (const pg of Object.values<any>(r.aws_db_parameter_group)) pg.parameter = pg.parameter.filter((p: any) => p.name === 'rds.force_ssl');
  const before = JSON.stringify(previous);

  test('the previous release really lacked them', () => {
    expect(Object.values<any>(r.aws_vpc_endpoint).map((e) => e.vpc_endpoint_type)).toEqual(['Gateway']);
    expect(resource(before, 'aws_db_parameter_group').parameter).toHaveLength(1);
    expect(resource(deployed, 'aws_db_parameter_group').parameter).toHaveLength(7);
  });

  test('no finding: the new blocks and parameters are in-place updates, the endpoints and the EBS setting are new resources', () => {
    expect(UpgradeSafety.compare(before, deployed)).toEqual([]);
    // Both blocks are updatable in place in the AWS provider (no ForceNew in internal/service/eks).
    expect(UpgradeSafety.replacementAttributes('aws_eks_cluster')).not.toContain('zonal_shift_config');
    expect(UpgradeSafety.replacementAttributes('aws_eks_node_group')).not.toContain('node_repair_config');
    // The parameter group keeps the name, family and description the previous release deployed (commit 0aa66e9's
    // example snapshot): each of them forces a new group.
    const now = resource(deployed, 'aws_db_parameter_group');
    expect([now.name, now.family, now.description])
      .toEqual(['ai-agents-prod-postgres-postgres16', 'postgres16', 'PostgreSQL ai-agents-prod-postgres: TLS required']);
  });
});

describe('issue 20: the account default EBS key goes back to aws/ebs on upgrade, and the upgrade check says so', () => {
  // The previous release made the cluster's key the account's default key whenever ebsEncryptionByDefault was on.
  const previous = synthInfra({ ebsCustomerManagedDefaultKey: true });

  test('the previous release had the default key; now only the switch, at the same address', () => {
    expect(resource(previous, 'aws_ebs_default_kms_key').lifecycle).toEqual({ prevent_destroy: true });
    expect(JSON.parse(deployed).resource.aws_ebs_default_kms_key).toBeUndefined();
    const switches = (json: string) => Object.keys(JSON.parse(json).resource.aws_ebs_encryption_by_default);
    expect(switches(deployed)).toEqual(switches(previous));
  });

  test('removing the protected default key is a finding (prevent_destroy does not cover a removed block)', () => {
    const findings = UpgradeSafety.compare(previous, deployed);
    expect(summary(findings)).toEqual([expect.stringMatching(/^DESTROYED aws_ebs_default_kms_key\.platform_ebs-default-encryption_default-key_\w+$/)]);
    expect(findings[0].message).toMatch(/had prevent_destroy .* applies only to resources still in the configuration/);
    // Keeping the opt-in keeps the key: no finding.
    expect(UpgradeSafety.compare(previous, synthInfra({ ebsCustomerManagedDefaultKey: true }))).toEqual([]);
  });
});

describe('adding or removing an application namespace loses nothing and touches no other namespace', () => {
  const withTeam = (): { infra: string; inCluster: any } => {
    const app: App = Testing.app();
    const { infra, platform } = buildGuideEnvironment(app, SETTINGS, { applicationNamespaces: [{ namespace: 'team-a' }] });
    return { infra: Testing.synth(infra, true), inCluster: JSON.parse(Testing.synth(platform.addonsStack)) };
  };
  const added = withTeam();

  test('adding team-a creates its role, Redis user and association, and changes no existing resource', () => {
    expect(UpgradeSafety.compare(deployed, added.infra)).toEqual([]);
    const before = JSON.parse(deployed).resource;
    const after = JSON.parse(added.infra).resource;
    const created = Object.entries<any>(after).flatMap(([type, rs]) => Object.keys(rs).filter((id) => !before[type]?.[id]).map((id) => `${type}.${id}`));
    expect(created.map((a) => a.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual([
      'aws_eks_pod_identity_association.platform_namespace-team-a_identity_association',
      'aws_elasticache_user.platform_namespace-team-a_redis-user',
      'aws_elasticache_user_group_association.platform_namespace-team-a_redis-user-group',
      'aws_iam_role.platform_namespace-team-a_identity_role',
      'aws_iam_role_policy.platform_namespace-team-a_identity_inline',
    ]);
    // Every resource that existed is unchanged, except that the user group now leaves its member list to the associations.
    for (const [type, rs] of Object.entries<any>(before)) {
      for (const [id, r] of Object.entries<any>(rs)) {
        const now = { ...after[type][id] };
        if (type === 'aws_elasticache_user_group') {
          expect(now.lifecycle).toEqual({ ...r.lifecycle, ignore_changes: ['user_ids'] });
          now.lifecycle = r.lifecycle;
        }
        expect({ [`${type}.${id}`]: now }).toEqual({ [`${type}.${id}`]: r });
      }
    }
  });

  test('removing it again destroys only what it added', () => {
    expect(UpgradeSafety.compare(added.infra, deployed)).toEqual([]);
  });

  test("the production namespace's release is the same with or without team-a", () => {
    const release = (stack: any, name: string) => Object.values<any>(stack.resource.helm_release).find((r) => r.name === name);
    const { platform } = buildGuideEnvironment(Testing.app(), SETTINGS);
    const alone = JSON.parse(Testing.synth(platform.addonsStack));
    expect(release(added.inCluster, 'workload-baseline-production').values).toEqual(release(alone, 'workload-baseline-production').values);
    expect(release(added.inCluster, 'workload-baseline-team-a')).toBeDefined();
  });
});

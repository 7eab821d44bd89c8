import * as fs from 'fs';
import { portable, synthesizeExample } from './synth-example';

const example = synthesizeExample();
afterAll(() => fs.rmSync(example.outdir, { recursive: true, force: true }));
const infra = example.stacks['ai-agents-prod-infra'];
const inCluster = example.stacks['ai-agents-prod-in-cluster'];

describe('examples/prod', () => {
  test('synthesizes the infrastructure and the in-cluster stack, in that order', () => {
    expect(Object.keys(example.stacks).sort()).toEqual(['ai-agents-prod-in-cluster', 'ai-agents-prod-infra']);
    expect(example.manifest.stacks['ai-agents-prod-in-cluster'].dependencies).toEqual(['ai-agents-prod-infra']);
    expect(Object.keys(inCluster.terraform.required_providers)).toEqual(['helm']);
    expect(Object.keys(infra.terraform.required_providers)).toEqual(['aws']);
  });

  test('no policy finding is open in either stack', () => {
    for (const s of Object.values<any>(example.manifest.stacks)) {
      expect(s.annotations.filter((a: any) => a.level === 'error')).toEqual([]);
    }
  });

  test("the guide's outputs exist; next_steps carries the real names", () => {
    expect(Object.keys(infra.output)).toEqual(expect.arrayContaining([
      'cluster_endpoint', 'cluster_ca_certificate', 'rds_endpoint', 'elasticache_endpoint', 'next_steps',
    ]));
    const next = infra.output.next_steps.value as string;
    expect(next).toContain('aws eks update-kubeconfig --region us-east-1 --name ai-agents-prod');
    expect(next).toContain('kubectl get nodes -L topology.kubernetes.io/zone');
    expect(next).toContain('kubectl get clusterissuer');
    expect(next).toContain('--replication-group-id ai-agents-prod-redis');
    expect(next).toMatch(/generate-db-auth-token .*--username aiagents_app/);
    expect(next).not.toMatch(/generate-db-auth-token [^\n]*--username aiagents_admin/);
  });

  test('every taggable AWS resource carries environment, owner and managed-by tags', () => {
    let tagged = 0;
    for (const [type, byName] of Object.entries<any>(infra.resource)) {
      for (const [name, r] of Object.entries<any>(byName)) {
        if (r.tags === undefined) continue;
        tagged++;
        expect({ address: `${type}.${name}`, ...r.tags }).toMatchObject({
          'environment': 'production', 'owner': 'platform-team', 'managed-by': 'cdktf-eks-platform', 'platform': 'ai-agents-prod',
        });
      }
    }
    expect(tagged).toBeGreaterThan(60);
  });

  test('the synthesized stacks match the reviewed snapshot', () => {
    expect(portable(example.stacks)).toMatchSnapshot();
  });
});

describe('stable Terraform addresses of stateful resources', () => {
  // Renaming any of these replaces the resource: for the database, cache, keys and log groups that is data
  // loss. Changing this list must be a deliberate, reviewed decision (with `moved` blocks for users).
  const STATEFUL = ['aws_db_instance', 'aws_elasticache_replication_group', 'aws_kms_key', 'aws_cloudwatch_log_group', 'aws_eks_cluster', 'aws_s3_bucket',
    'aws_backup_vault'];
  const addresses = Object.entries<any>(infra.resource)
    .filter(([type]) => STATEFUL.includes(type))
    .flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`))
    .sort();

  test('are exactly the pinned ones', () => {
    expect(addresses).toEqual([
      'aws_backup_vault.platform_database-backup_vault_6827D5E9',
      'aws_cloudwatch_log_group.platform_addon-identities_container-logs_28F6B256',
      'aws_cloudwatch_log_group.platform_addon-identities_otel-metrics_60D877AD',
      'aws_cloudwatch_log_group.platform_cluster_log-group_B09A3AA8',
      'aws_cloudwatch_log_group.platform_network_flow-log-group_0545A0B0',
      'aws_cloudwatch_log_group.platform_postgres_log-group-postgresql_3BE633C9',
      'aws_cloudwatch_log_group.platform_postgres_log-group-upgrade_AA4AE158',
      'aws_cloudwatch_log_group.platform_redis_log-group-engine-log_A0C089B5',
      'aws_cloudwatch_log_group.platform_redis_log-group-slow-log_9F2408D8',
      'aws_db_instance.platform_postgres_instance_72684512',
      'aws_eks_cluster.platform_cluster_7D72E0C2',
      'aws_elasticache_replication_group.platform_redis_replication-group_951D6D68',
      'aws_kms_key.platform_alerts_key_A796D122',
      'aws_kms_key.platform_cluster_ebs-key_80A38FA8',
      'aws_kms_key.platform_cluster_log-key_33BB4C37',
      'aws_kms_key.platform_cluster_secrets-key_A606DB2D',
      'aws_kms_key.platform_database-backup_key_AFEAF044',
      'aws_kms_key.platform_network_flow-log-key_7D3CA039',
      'aws_kms_key.platform_postgres_key_81ACE9D0',
      'aws_kms_key.platform_redis_key_FDA99B26',
    ]);
  });

  test('all carry prevent_destroy', () => {
    for (const address of addresses) {
      const [type, name] = address.split('.');
      expect({ address, lifecycle: infra.resource[type][name].lifecycle }).toEqual({ address, lifecycle: { prevent_destroy: true } });
    }
  });
});

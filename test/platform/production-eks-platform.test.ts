import * as fs from 'fs';
import * as path from 'path';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { INetwork, ProductionBaseline, ProductionEksPlatform, ProductionEksPlatformProps } from '../../src';

const REQUIRED: ProductionEksPlatformProps = {
  name: 'team-prod',
  region: 'us-east-1',
  acmeEmail: 'ops@example.com',
  adminPrincipalArns: ['arn:aws:iam::123456789012:role/platform-admin'],
  owner: 'team-a',
};

function build(extra: Partial<ProductionEksPlatformProps> = {}, prepare?: (stack: TerraformStack) => void) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'infra');
  prepare?.(stack);
  const platform = new ProductionEksPlatform(stack, 'platform', { ...REQUIRED, ...extra });
  return { app, stack, platform };
}

const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack, true));
/** Synthesizes the whole app (cross-stack references resolve only then) and returns one stack's JSON. */
function synthInApp(stack: TerraformStack): any {
  const app = App.of(stack);
  app.synth();
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
}
const of = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

describe('ProductionEksPlatform', () => {
  const { stack, platform } = build();
  const infra = synth(stack);
  const addons = synthInApp(platform.addonsStack);

  test('builds every piece and exposes it', () => {
    expect(platform.vpc).toBeDefined();
    expect(platform.network).toBe(platform.vpc);
    expect(platform.cluster.cluster.node.path).toBe('infra/platform/cluster/cluster');
    expect(platform.postgres.instance.node.path).toBe('infra/platform/postgres/instance');
    expect(platform.addons.node.scope).toBe(platform.addonsStack);
    expect(of(infra, 'aws_eks_cluster')[0].name).toBe('team-prod');
    expect(of(infra, 'aws_db_instance')[0].identifier).toBe('team-prod-postgres');
    expect(of(infra, 'aws_elasticache_replication_group')[0].replication_group_id).toBe('team-prod-redis');
  });

  test("sizing defaults are the guide's", () => {
    expect(of(infra, 'aws_db_instance')[0].instance_class).toBe('db.t3.medium');
    expect(of(infra, 'aws_elasticache_replication_group')[0].node_type).toBe('cache.t3.small');
    expect(of(infra, 'aws_eks_node_group')[0].instance_types).toEqual(['t3.large']);
  });

  test('the data tier admits 5432 and 6379 only from the nodes (the cluster security group)', () => {
    // The interface endpoints' rule (443 from the VPC CIDR) is checked in test/network/interface-endpoints.test.ts.
    const rules = of(infra, 'aws_vpc_security_group_ingress_rule').filter((r) => !r.security_group_id.includes('interface-endpoints'));
    const clusterSg = '${aws_eks_cluster.platform_cluster_7D72E0C2.vpc_config[0].cluster_security_group_id}';
    expect(rules.map((r) => [r.from_port, r.to_port, r.referenced_security_group_id]).sort())
      .toEqual([[5432, 5432, clusterSg], [6379, 6379, clusterSg]]);
    expect(rules.every((r) => r.cidr_ipv4 === undefined && r.cidr_ipv6 === undefined)).toBe(true);
  });

  test('subnets carry the cluster tag; the AWS provider is created with the region', () => {
    for (const s of of(infra, 'aws_subnet').filter((x) => ['public', 'private'].includes(x.tags.tier))) {
      expect(s.tags['kubernetes.io/cluster/team-prod']).toBe('shared');
    }
    expect(infra.provider.aws).toEqual([{ region: 'us-east-1' }]);
  });

  test('the add-ons live in their own stack that reads the cluster through remote state', () => {
    expect(platform.addonsStack).not.toBe(stack);
    expect(platform.addonsStack.node.id).toBe('team-prod-in-cluster');
    expect(Object.keys(addons.terraform.required_providers)).toEqual(['helm']);
    expect(addons.data.terraform_remote_state).toBeDefined();
    const helm = addons.provider.helm[0];
    expect(helm.kubernetes.exec.args).toEqual(expect.arrayContaining(['eks', 'get-token', '--region', 'us-east-1']));
    expect(helm.kubernetes.host).toMatch(/terraform_remote_state/);
    expect(of(addons, 'helm_release').map((r) => r.name)).toEqual(expect.arrayContaining([
      'ingress-nginx', 'cert-manager', 'cluster-issuers', 'otel-collector', 'cluster-autoscaler', 'default-storage-class',
    ]));
  });

  test('the add-ons get their log groups (90 days, KMS) and Pod Identity roles on the AWS side', () => {
    const groups = of(infra, 'aws_cloudwatch_log_group').filter((g) => /containers|otel-metrics/.test(g.name));
    expect(groups.map((g) => g.name).sort()).toEqual(['/aws/eks/team-prod/containers', '/aws/eks/team-prod/otel-metrics']);
    for (const g of groups) expect(g).toMatchObject({ retention_in_days: 90, lifecycle: { prevent_destroy: true } });
    const associations = of(infra, 'aws_eks_pod_identity_association').map((a) => `${a.namespace}/${a.service_account}`).sort();
    expect(associations).toEqual(expect.arrayContaining([
      'amazon-cloudwatch/fluent-bit', 'kube-system/aws-load-balancer-controller', 'kube-system/cluster-autoscaler', 'observability/otel-collector',
    ]));
  });

  test('outputs: the guide\'s names, none of them a secret', () => {
    expect(Object.keys(infra.output).sort()).toEqual([
      'cluster_ca_certificate', 'cluster_endpoint', 'cluster_name', 'elasticache_endpoint', 'elasticache_reader_endpoint',
      'kubeconfig_command', 'next_steps', 'rds_endpoint', 'rds_master_secret_arn', 'rds_kms_key_arn', 'backup_vault_name',
      'alerts_topic_arn', 'dashboard_url',
    ].concat(Object.keys(infra.output).filter((k) => k.startsWith('cross-stack-output'))).sort());
    // No output references a secret attribute (the master password stays in Secrets Manager).
    expect(JSON.stringify(infra.output)).not.toMatch(/\$\{[^}]*(password|auth_token|secret_string)[^}]*\}/i);
  });

  test('the load balancer controller may touch only what carries its own cluster tag, and only the nodes\' security group', () => {
    const role = of(infra, 'aws_iam_role_policy').find((p) => JSON.stringify(p.policy).includes('CreateTaggedLoadBalancers'));
    const policy = JSON.parse(role.policy);
    const text = JSON.stringify(policy);
    // The controller tags what it creates with elbv2.k8s.aws/cluster; a condition on any other key denies it.
    expect(text).not.toContain('service.k8s.aws/cluster');
    const bySid = Object.fromEntries(policy.Statement.map((st: any) => [st.Sid, st]));
    for (const sid of ['CreateTaggedLoadBalancers', 'TagSecurityGroupsOnCreate', 'TagLoadBalancersOnCreate']) {
      expect(bySid[sid].Condition.Null).toEqual({ 'aws:RequestTag/elbv2.k8s.aws/cluster': 'false' });
    }
    for (const sid of ['ManageOwnSecurityGroups', 'ManageOwnLoadBalancers']) {
      expect(bySid[sid].Condition.Null).toEqual({ 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' });
    }
    expect(bySid.TagSecurityGroupsOnCreate.Condition.StringEquals).toEqual({ 'ec2:CreateAction': 'CreateSecurityGroup' });
    expect(bySid.NodeSecurityGroupIngress.Resource).toMatch(/:security-group\/\$\{aws_eks_cluster\.[^}]*cluster_security_group_id\}$/);
    // Log agents write; they may not shorten the retention Terraform owns.
    const logPolicies = of(infra, 'aws_iam_role_policy').filter((p) => String(p.policy).includes('WriteOwnGroup'));
    expect(logPolicies).toHaveLength(2);
    for (const p of logPolicies) expect(p.policy).not.toContain('PutRetentionPolicy');
  });

  test('AWS Backup of the database is on by default; next_steps name the vault and the restore workflow', () => {
    expect(platform.databaseBackup!.selection.node.path).toBe('infra/platform/database-backup/selection');
    expect(of(infra, 'aws_backup_selection')[0].resources).toEqual(['${aws_db_instance.platform_postgres_instance_72684512.arn}']);
    expect(of(infra, 'aws_backup_restore_testing_selection')[0].restore_metadata_overrides.dbSubnetGroupName)
      .toMatch(/aws_db_subnet_group\.platform_network_db-subnets_\w+\.name/);
    expect(infra.output.backup_vault_name.value).toBe('team-prod-db');
    expect(infra.output.rds_kms_key_arn.value).toBe('${aws_kms_key.platform_postgres_key_81ACE9D0.arn}');
    expect(platform.nextSteps).toContain('aws backup list-recovery-points-by-backup-vault --region us-east-1 --backup-vault-name team-prod-db');
    expect(platform.nextSteps).toMatch(/13\. Restore .*identifier team-prod-postgres-r1, restoreToPointInTime \{ sourceInstanceIdentifier: 'team-prod-postgres' \}.*rds_kms_key_arn.*rds_endpoint/);
  });

  test('database backup settings pass through; turning it off is one prop', () => {
    const tuned = synth(build({ databaseBackup: { retentionDays: 90, restoreTesting: false } }).stack);
    expect(of(tuned, 'aws_backup_plan')[0].rule[0].lifecycle).toEqual({ delete_after: 90 });
    expect(of(tuned, 'aws_backup_restore_testing_plan')).toEqual([]);
    const off = build({ databaseBackupEnabled: false });
    const json = synth(off.stack);
    expect(off.platform.databaseBackup).toBeUndefined();
    expect(of(json, 'aws_backup_vault')).toEqual([]);
    expect(json.output.backup_vault_name).toBeUndefined();
    expect(off.platform.nextSteps).toContain('12. Backups: aws rds describe-db-instance-automated-backups --region us-east-1 --db-instance-identifier team-prod-postgres');
  });

  test('rds_endpoint is the host name, as the guide uses it with psql -h', () => {
    expect(infra.output.rds_endpoint.value).toBe('${aws_db_instance.platform_postgres_instance_72684512.address}');
  });

  test('every taggable resource gets environment, owner, managed-by', () => {
    const tagged = Object.values<any>(infra.resource).flatMap((byName) => Object.values<any>(byName)).filter((r) => r.tags);
    expect(tagged.length).toBeGreaterThan(50);
    for (const r of tagged) expect(r.tags).toMatchObject({ 'environment': 'production', 'owner': 'team-a', 'managed-by': 'cdktf-eks-platform' });
  });
});

describe('ProductionEksPlatform in a caller\'s stacks', () => {
  const network: INetwork = {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: '10.8.0.0/16',
    publicSubnetIds: ['subnet-a1', 'subnet-b1', 'subnet-c1'],
    privateSubnetIds: ['subnet-a2', 'subnet-b2', 'subnet-c2'],
    databaseSubnetIds: ['subnet-a3', 'subnet-b3', 'subnet-c3'],
    cacheSubnetIds: ['subnet-a4', 'subnet-b4', 'subnet-c4'],
    databaseSubnetCidrs: ['10.8.6.0/24', '10.8.7.0/24', '10.8.8.0/24'],
    cacheSubnetCidrs: ['10.8.9.0/24', '10.8.10.0/24', '10.8.11.0/24'],
    dbSubnetGroupName: 'shared-db',
    cacheSubnetGroupName: 'shared-cache',
  };

  test('uses an existing network instead of creating a VPC', () => {
    const { stack, platform } = build({ existingNetwork: network });
    const json = synth(stack);
    expect(platform.vpc).toBeUndefined();
    expect(json.resource.aws_vpc).toBeUndefined();
    expect(Object.values<any>(json.resource.aws_eks_cluster)[0].vpc_config.subnet_ids).toEqual(network.privateSubnetIds);
    expect(Object.values<any>(json.resource.aws_db_instance)[0].db_subnet_group_name).toBe('shared-db');
  });

  test("keeps the caller's AWS provider and takes the caller's add-ons stack", () => {
    const app = Testing.app();
    const addonsStack = new TerraformStack(app, 'my-addons');
    const { stack, platform } = (() => {
      const s = new TerraformStack(app, 'infra');
      new AwsProvider(s, 'aws', { region: 'us-east-1', defaultTags: [{ tags: { costCenter: '42' } }] });
      return { stack: s, platform: new ProductionEksPlatform(s, 'platform', { ...REQUIRED, addonsStack }) };
    })();
    expect(synth(stack).provider.aws).toHaveLength(1);
    expect(platform.addonsStack).toBe(addonsStack);
    expect(Object.keys(synth(addonsStack).resource.helm_release).length).toBeGreaterThan(5);
  });

  test('fails synth on an unacknowledged policy finding of a resource the caller adds; an acknowledgement with a reason passes', () => {
    const bad = build({}, (s) => { new CloudwatchLogGroup(s, 'my-logs', { name: '/team/app', retentionInDays: 7 }); });
    expect(() => synth(bad.stack)).toThrow(/PB-LOG-004|PB-ENC/);

    const acked = build({}, (s) => {
      const group = new CloudwatchLogGroup(s, 'my-logs', { name: '/team/app', retentionInDays: 7 });
      for (const rule of ProductionBaseline.evaluate(s).filter((f) => f.address.includes('my-logs')).map((f) => f.ruleId)) {
        ProductionBaseline.acknowledge(group, rule, 'Scratch logs of a load test, deleted weekly.');
      }
    });
    expect(() => synth(acked.stack)).not.toThrow();
  });
});

describe('ProductionEksPlatform validation', () => {
  test.each<[string, Partial<ProductionEksPlatformProps>, RegExp]>([
    ['a bad name', { name: 'Team_Prod' }, /name must be 2-40 lower-case letters.*got 'Team_Prod'/],
    ['a bad region', { region: 'us-east' }, /region must be an AWS region name \(got 'us-east'\)/],
    ['a bad ACME e-mail', { acmeEmail: 'ops-at-example' }, /acmeEmail must be an e-mail address \(got 'ops-at-example'\)/],
    ['no admin', { adminPrincipalArns: [] }, /adminPrincipalArns must name at least one principal/],
    ['an empty owner', { owner: ' ' }, /owner must not be empty/],
    ['two instance classes', { dbInstanceClass: 'db.t3.large', postgres: { instanceClass: 'db.r6g.large' } }, /dbInstanceClass conflicts with postgres.instanceClass \("db.r6g.large"\).*Set only one/],
    ['two node types', { cacheNodeType: 'cache.t3.small', redis: { nodeType: 'cache.r7g.large' } }, /cacheNodeType conflicts with redis.nodeType/],
  ])('rejects %s', (_label, extra, message) => {
    expect(() => build(extra)).toThrow(message);
  });

  test('rejects the infrastructure stack as the add-ons stack', () => {
    const app = new App();
    const stack = new TerraformStack(app, 'infra');
    expect(() => new ProductionEksPlatform(stack, 'platform', { ...REQUIRED, addonsStack: stack }))
      .toThrow(/addonsStack must not be the infrastructure stack \(got 'infra'\)/);
  });
});

import { Testing } from 'cdktf';
import {
  ACCOUNT, dbiResourceId, elasticacheArn, evaluate, extract, OTHER_ACCOUNT, platformIam, PlatformIam, REGION, SynthesizedRole,
} from './platform-iam';
import { buildGuideEnvironment, GuideSettings } from '../../examples/prod/environment';

/**
 * Each application namespace's Pod Identity role, evaluated with @cloud-copilot/iam-simulate as AWS would
 * decide the calls its pods make:
 * - RDS IAM authentication: the client signs a token; RDS authorizes `rds-db:connect` on
 *   `arn:aws:rds-db:<region>:<account>:dbuser:<DbiResourceId>/<db user>`
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html); no
 *   condition keys are sent.
 * - ElastiCache IAM authentication: `elasticache:Connect` is authorized on the replication group AND on the
 *   user (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html, "IAM policy"): both requests
 *   must be allowed.
 * - The trust: EKS Pod Identity's session tags (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html).
 * examples/prod (one namespace) and a two-namespace variant (team-a added) are both checked.
 */
const SETTINGS: GuideSettings = {
  acmeEmail: 'devops@company.com', adminRoleArn: `arn:aws:iam::${ACCOUNT}:role/platform-admin`, apiCidrs: [], owner: 'platform-team',
};

function twoNamespaces(): PlatformIam {
  const { infra } = buildGuideEnvironment(Testing.app(), SETTINGS, { applicationNamespaces: [{ namespace: 'team-a' }] });
  return extract(JSON.parse(Testing.synth(infra)));
}

interface Seat { namespace: string; serviceAccount: string; dbUser: string; redisUser: string }
const PRODUCTION: Seat = { namespace: 'production', serviceAccount: 'app-sa', dbUser: 'aiagents_app', redisUser: 'ai-agents-prod-app' };
const TEAM_A: Seat = { namespace: 'team-a', serviceAccount: 'app-sa', dbUser: 'team_a_app', redisUser: 'ai-agents-prod-redis-team-a' };

const DB_ID = dbiResourceId('platform_postgres_instance_72684512');
const dbUser = (user: string, id = DB_ID) => `arn:aws:rds-db:${REGION}:${ACCOUNT}:dbuser:${id}/${user}`;
const RG = elasticacheArn('replicationgroup', 'ai-agents-prod-redis');

function roleOf(iam: PlatformIam, s: Seat): SynthesizedRole {
  const r = iam.roles[`${iam.clusterName}-${s.namespace}-${s.serviceAccount}`];
  if (!r) throw new Error(`no role for ${s.namespace}/${s.serviceAccount}`);
  return r;
}

const call = (r: SynthesizedRole, action: string, resource: string) =>
  evaluate({ principal: r.arn, action, resource, identityPolicies: r.inline });

function podIdentityContext(iam: PlatformIam, namespace: string, serviceAccount: string, account = ACCOUNT) {
  const tags = {
    'aws:RequestTag/eks-cluster-arn': iam.clusterArn,
    'aws:RequestTag/eks-cluster-name': iam.clusterName,
    'aws:RequestTag/kubernetes-namespace': namespace,
    'aws:RequestTag/kubernetes-service-account': serviceAccount,
    'aws:RequestTag/kubernetes-pod-name': `${serviceAccount}-5d8c7b9f4-abcde`,
    'aws:RequestTag/kubernetes-pod-uid': '7a0c1d2e-3f40-4b5c-8d6e-9f0a1b2c3d4e',
  };
  return { ...tags, 'aws:TagKeys': Object.keys(tags).map((k) => k.replace('aws:RequestTag/', '')), 'aws:SourceAccount': account };
}

async function expectSeat(iam: PlatformIam, mine: Seat, others: Seat[]): Promise<void> {
  const r = roleOf(iam, mine);
  // Allowed: its own database user and its own Redis user on this replication group.
  expect(await call(r, 'rds-db:connect', dbUser(mine.dbUser))).toBe('Allowed');
  expect(await call(r, 'elasticache:Connect', RG)).toBe('Allowed');
  expect(await call(r, 'elasticache:Connect', elasticacheArn('user', mine.redisUser))).toBe('Allowed');
  // Denied: the master, other namespaces' users, another instance, another replication group, anything else.
  const denied: Array<[string, string]> = [
    ['rds-db:connect', dbUser('aiagents_admin')],
    ['rds-db:connect', dbUser(mine.dbUser, dbiResourceId('another-instance'))],
    ['rds-db:connect', `arn:aws:rds-db:us-west-2:${ACCOUNT}:dbuser:${DB_ID}/${mine.dbUser}`],
    ['elasticache:Connect', elasticacheArn('replicationgroup', 'another-redis')],
    ['elasticache:Connect', elasticacheArn('user', 'ai-agents-prod-redis-default-off')],
    ['elasticache:DescribeReplicationGroups', RG],
    ['rds:DescribeDBInstances', `arn:aws:rds:${REGION}:${ACCOUNT}:db:ai-agents-prod-postgres`],
    ['s3:GetObject', 'arn:aws:s3:::ai-agents-prod-data/key'],
    ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-0a1b2c3d-AbCdEf`],
  ];
  for (const o of others) {
    denied.push(['rds-db:connect', dbUser(o.dbUser)], ['elasticache:Connect', elasticacheArn('user', o.redisUser)]);
  }
  for (const [action, resource] of denied) {
    expect({ action, resource, result: await call(r, action, resource) }).toEqual({ action, resource, result: 'ImplicitlyDenied' });
  }
  // The trust admits its own namespace and service account only (not another team's, not another account).
  const assume = (ns: string, sa: string, account?: string) => evaluate({
    principal: 'pods.eks.amazonaws.com', action: 'sts:AssumeRole', resource: r.arn, context: podIdentityContext(iam, ns, sa, account), resourcePolicy: r.trust,
  });
  expect(await assume(mine.namespace, mine.serviceAccount)).toBe('Allowed');
  expect(await assume(mine.namespace, 'default')).toBe('ImplicitlyDenied');
  expect(await assume(mine.namespace, mine.serviceAccount, OTHER_ACCOUNT)).toBe('ImplicitlyDenied');
  for (const o of others) expect(await assume(o.namespace, o.serviceAccount)).toBe('ImplicitlyDenied');
}

describe('application namespace identities (IAM simulation)', () => {
  test('examples/prod: production/app-sa connects as aiagents_app and ai-agents-prod-app, nothing else', async () => {
    const iam = platformIam();
    expect(iam.podIdentityBindings[roleOf(iam, PRODUCTION).name]).toEqual({ namespace: 'production', serviceAccount: 'app-sa' });
    await expectSeat(iam, PRODUCTION, [TEAM_A]);
  });

  test('two namespaces: each role reaches its own users only, and trusts only its own service account', async () => {
    const iam = twoNamespaces();
    expect(iam.podIdentityBindings[roleOf(iam, TEAM_A).name]).toEqual({ namespace: 'team-a', serviceAccount: 'app-sa' });
    await expectSeat(iam, PRODUCTION, [TEAM_A]);
    await expectSeat(iam, TEAM_A, [PRODUCTION]);
  });

  test('each role has exactly one inline policy of two statements, with no wildcard resource', () => {
    const iam = twoNamespaces();
    for (const seat of [PRODUCTION, TEAM_A]) {
      const r = roleOf(iam, seat);
      expect(r.managedPolicyArns).toEqual([]);
      expect(r.inline).toHaveLength(1);
      expect(r.inline[0].Statement.map((s: any) => [s.Action, s.Resource])).toEqual([
        ['rds-db:connect', dbUser(seat.dbUser)],
        ['elasticache:Connect', [RG, elasticacheArn('user', seat.redisUser)]],
      ]);
    }
  });
});

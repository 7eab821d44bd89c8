import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EXISTING_NETWORK } from './fixtures';
import { CertManager } from '../../src/addons/cert-manager';
import { ClusterConnection } from '../../src/addons/cluster-connection';
import { IngressNginx } from '../../src/addons/ingress-nginx';
import { PlatformAddons } from '../../src/addons/platform-addons';
import { WorkloadBaseline } from '../../src/addons/workload-baseline';
import { HaEksCluster, HaEksClusterProps } from '../../src/cluster/ha-eks-cluster';
import { HaNodeGroup, HaNodeGroupProps, NodeAmiType } from '../../src/cluster/ha-node-group';
import { KubernetesVersion } from '../../src/cluster/kubernetes-version';
import { HaPostgres, HaPostgresProps, PostgresEngineVersion } from '../../src/data/ha-postgres';
import { HaRedis, HaRedisProps, RedisEngineVersion } from '../../src/data/ha-redis';
import { HaVpc, HaVpcProps } from '../../src/network/ha-vpc';
import { ProductionEksPlatform } from '../../src/platform/production-eks-platform';
import { ProductionEksPlatformProps } from '../../src/platform/production-eks-platform-props';
import { StateBucket, StateBucketProps } from '../../src/platform/state-backend';
import { ProductionBaseline } from '../../src/policy/production-baseline';
import { formatValue, PropValidationError } from '../../src/private/errors';

/**
 * The bad-input catalogue: invalid props and combinations of props across the building blocks. Each must be
 * rejected while the construct tree is built (or at synth), by a PropValidationError that names the prop, the
 * value given and a fix, never by an error from deep inside cdktf, the provider bindings or a TypeError.
 */

const ADMIN = 'arn:aws:iam::123456789012:role/platform-admin';
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const NETWORK = EXISTING_NETWORK;
const CONNECTION: ClusterConnection = {
  clusterName: 'ai-agents-prod',
  endpoint: 'https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com',
  certificateAuthorityData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==',
  region: 'us-east-1',
};

function awsStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'infra');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}
const vpc = (p: Partial<HaVpcProps>) => () => { new HaVpc(awsStack(), 'network', { name: 'ai-agents-prod', availabilityZones: AZS, ...p }); };
const cluster = (p: Partial<HaEksClusterProps>, s: TerraformStack = awsStack()) =>
  new HaEksCluster(s, 'cluster', { name: 'ai-agents-prod', network: NETWORK, adminPrincipalArns: [ADMIN], ...p });
const eks = (p: Partial<HaEksClusterProps>) => () => { cluster(p); };
const nodes = (p: Partial<HaNodeGroupProps>) => () => {
  const s = awsStack();
  new HaNodeGroup(s, 'nodes', { cluster: cluster({}, s), ...p });
};
const postgres = (p: Partial<HaPostgresProps>) => () => {
  new HaPostgres(awsStack(), 'postgres', { name: 'ai-agents-prod', network: NETWORK, allowedSecurityGroupIds: ['sg-0123456789abcdef0'], ...p });
};
const redis = (p: Partial<HaRedisProps>) => () => {
  new HaRedis(awsStack(), 'redis', { name: 'ai-agents-prod', network: NETWORK, allowedSecurityGroupIds: ['sg-0123456789abcdef0'], ...p });
};
const bucket = (p: Partial<StateBucketProps>) => () => { new StateBucket(awsStack(), 'state', { bucketName: 'acme-terraform-state', ...p }); };
const addonsStack = () => new TerraformStack(Testing.app(), 'addons');
const PLATFORM: ProductionEksPlatformProps = {
  name: 'ai-agents-prod', region: 'us-east-1', acmeEmail: 'devops@example.com', adminPrincipalArns: [ADMIN], owner: 'platform-team',
};
const platform = (p: Partial<ProductionEksPlatformProps>, prepare?: (infra: TerraformStack) => void) => () => {
  const infra = new TerraformStack(Testing.app(), 'infra');
  prepare?.(infra);
  new ProductionEksPlatform(infra, 'platform', { ...PLATFORM, ...p });
};

interface BadInput {
  /** What is wrong, for the test name. */
  readonly why: string;
  readonly build: () => void;
  /** The prop the error must name. */
  readonly prop: string;
  /** The value the error must report (and show in its message). */
  readonly value: unknown;
}

const CASES: BadInput[] = [
  // --- HaVpc
  { why: 'fewer than 3 availability zones without the opt-in', build: vpc({ availabilityZones: ['us-east-1a', 'us-east-1b'] }), prop: 'availabilityZones', value: ['us-east-1a', 'us-east-1b'] },
  { why: 'availabilityZoneCount 2 without the opt-in', build: vpc({ availabilityZones: undefined, availabilityZoneCount: 2 }), prop: 'availabilityZoneCount', value: 2 },
  { why: 'a zone listed twice', build: vpc({ availabilityZones: ['us-east-1a', 'us-east-1a', 'us-east-1b'] }), prop: 'availabilityZones', value: ['us-east-1a', 'us-east-1a', 'us-east-1b'] },
  { why: 'availabilityZoneCount ignored next to availabilityZones', build: vpc({ availabilityZoneCount: 4 }), prop: 'availabilityZoneCount', value: 4 },
  { why: 'a VPC CIDR larger than /16', build: vpc({ cidrBlock: '10.0.0.0/8' }), prop: 'cidrBlock', value: '10.0.0.0/8' },
  { why: 'a VPC CIDR with host bits', build: vpc({ cidrBlock: '10.0.0.1/16' }), prop: 'cidrBlock', value: '10.0.0.1/16' },
  { why: 'flow log retention below 90 days', build: vpc({ flowLogRetentionDays: 30 }), prop: 'flowLogRetentionDays', value: 30 },
  { why: 'a subnet mask ignored next to explicit subnet CIDRs', build: vpc({ publicSubnetMask: 26, subnetCidrs: { public: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'] } }), prop: 'publicSubnetMask', value: 26 },
  { why: 'a private subnet outside the VPC', build: vpc({ subnetCidrs: { private: ['10.1.0.0/24', '10.0.1.0/24', '10.0.2.0/24'] } }), prop: 'subnetCidrs.private', value: '10.1.0.0/24' },
  { why: 'subnets of /30', build: vpc({ privateSubnetMask: 30 }), prop: 'privateSubnetMask', value: 30 },
  { why: 'an upper-case name', build: vpc({ name: 'AI_Agents' }), prop: 'name', value: 'AI_Agents' },
  { why: 'a VPC CIDR with an octet above 255', build: vpc({ cidrBlock: '10.420.0.0/16' }), prop: 'cidrBlock', value: '10.420.0.0/16' },
  { why: 'zones of another region than the provider', build: vpc({ availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] }), prop: 'availabilityZones', value: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
  { why: 'a subnet mask given as a string', build: vpc({ privateSubnetMask: '20' as unknown as number }), prop: 'privateSubnetMask', value: '20' },

  // --- HaEksCluster
  { why: 'public endpoint 0.0.0.0/0 without the opt-in', build: eks({ publicAccessCidrs: ['0.0.0.0/0'] }), prop: 'publicAccessCidrs', value: '0.0.0.0/0' },
  { why: 'the anywhere opt-in with CIDRs that do not use it', build: eks({ allowPublicEndpointFromAnywhere: true, publicAccessCidrs: ['203.0.113.0/24'] }), prop: 'allowPublicEndpointFromAnywhere', value: true },
  { why: 'a public CIDR with host bits', build: eks({ publicAccessCidrs: ['203.0.113.7/24'] }), prop: 'publicAccessCidrs', value: '203.0.113.7/24' },
  { why: 'a single CoreDNS replica', build: eks({ coreDnsReplicas: 1 }), prop: 'coreDnsReplicas', value: 1 },
  { why: 'no admin and no deployer', build: eks({ adminPrincipalArns: [] }), prop: 'adminPrincipalArns', value: [] },
  { why: 'an assumed-role session ARN as admin', build: eks({ adminPrincipalArns: ['arn:aws:sts::123456789012:assumed-role/admin/me'] }), prop: 'adminPrincipalArns', value: 'arn:aws:sts::123456789012:assumed-role/admin/me' },
  { why: 'the deployer also listed as admin', build: eks({ deployerPrincipalArn: ADMIN }), prop: 'adminPrincipalArns', value: ADMIN },
  { why: 'control-plane logs kept 60 days', build: eks({ logRetentionDays: 60 }), prop: 'logRetentionDays', value: 60 },
  { why: 'a control plane in 2 subnets', build: eks({ subnetIds: ['subnet-a', 'subnet-b'] }), prop: 'subnetIds', value: 2 },

  // --- HaNodeGroup
  { why: 'min above max', build: nodes({ minSize: 5, maxSize: 3 }), prop: 'maxSize', value: 3 },
  { why: 'desired outside min..max', build: nodes({ minSize: 3, maxSize: 10, desiredSize: 12 }), prop: 'desiredSize', value: 12 },
  { why: 'desired below min', build: nodes({ minSize: 3, desiredSize: 2 }), prop: 'desiredSize', value: 2 },
  { why: 'IMDS hop limit 3', build: nodes({ httpPutResponseHopLimit: 3 }), prop: 'httpPutResponseHopLimit', value: 3 },
  { why: 'no instance types', build: nodes({ instanceTypes: [] }), prop: 'instanceTypes', value: [] },
  { why: 'Graviton types with the x86 image', build: nodes({ instanceTypes: ['m7g.large'] }), prop: 'instanceTypes', value: 'm7g.large' },
  { why: 'x86 types with the arm64 image', build: nodes({ instanceTypes: ['t3.large'], amiType: NodeAmiType.AL2023_ARM_64_STANDARD }), prop: 'instanceTypes', value: 't3.large' },
  { why: 'a name too long for the EKS name prefix', build: nodes({ name: 'a'.repeat(37) }), prop: 'name', value: 'a'.repeat(37) },
  { why: 'a 10 GiB root volume', build: nodes({ diskSizeGiB: 10 }), prop: 'diskSizeGiB', value: 10 },
  { why: 'nodes in 2 subnets', build: nodes({ subnetIds: ['subnet-a', 'subnet-b'] }), prop: 'subnetIds', value: 2 },

  // --- KubernetesVersion
  { why: "a version with a 'v'", build: () => KubernetesVersion.of('v1.35'), prop: 'version', value: 'v1.35' },
  { why: 'a patch version', build: () => KubernetesVersion.of('1.35.2'), prop: 'version', value: '1.35.2' },
  { why: 'a version past EKS support', build: () => KubernetesVersion.of('1.29'), prop: 'version', value: '1.29' },

  // --- HaPostgres, PostgresEngineVersion
  { why: 'backups kept 3 days', build: postgres({ backupRetentionDays: 3 }), prop: 'backupRetentionDays', value: 3 },
  { why: 'backup retention given as a string', build: postgres({ backupRetentionDays: '35' as unknown as number }), prop: 'backupRetentionDays', value: '35' },
  { why: 'backup window overlapping the maintenance window', build: postgres({ backupWindow: '04:30-05:30', maintenanceWindow: 'sun:05:00-sun:06:00' }), prop: 'maintenanceWindow', value: 'sun:05:00-sun:06:00' },
  { why: 'a 15-minute backup window', build: postgres({ backupWindow: '02:00-02:15' }), prop: 'backupWindow', value: '02:00-02:15' },
  { why: 'an upper-case maintenance day', build: postgres({ maintenanceWindow: 'Sun:04:00-Sun:05:00' }), prop: 'maintenanceWindow', value: 'Sun:04:00-Sun:05:00' },
  { why: 'a storage ceiling below the allocated storage', build: postgres({ allocatedStorageGiB: 100, maxAllocatedStorageGiB: 50 }), prop: 'maxAllocatedStorageGiB', value: 50 },
  { why: "the reserved master user 'postgres'", build: postgres({ masterUsername: 'postgres' }), prop: 'masterUsername', value: 'postgres' },
  { why: 'TLS switched off through parameters', build: postgres({ parameters: { 'rds.force_ssl': '0' } }), prop: 'parameters', value: { 'rds.force_ssl': '0' } },
  { why: 'a monitoring interval of 7 s', build: postgres({ monitoringIntervalSeconds: 7 }), prop: 'monitoringIntervalSeconds', value: 7 },
  { why: "an instance class without 'db.'", build: postgres({ instanceClass: 'r6g.large' }), prop: 'instanceClass', value: 'r6g.large' },
  { why: 'no client security group', build: postgres({ allowedSecurityGroupIds: [] }), prop: 'allowedSecurityGroupIds', value: [] },
  { why: 'a malformed engine version', build: () => PostgresEngineVersion.of('16.x'), prop: 'version', value: '16.x' },

  // --- HaRedis, RedisEngineVersion
  { why: 'cache zones of another region than the provider', build: redis({ preferredAvailabilityZones: ['us-east-1a', 'eu-west-1b'] }), prop: 'preferredAvailabilityZones', value: ['eu-west-1b'] },
  { why: 'Redis with 1 node', build: redis({ nodeCount: 1 }), prop: 'nodeCount', value: 1 },
  { why: 'snapshots off', build: redis({ snapshotRetentionDays: 0 }), prop: 'snapshotRetentionDays', value: 0 },
  { why: 'fewer zones than nodes', build: redis({ nodeCount: 3, preferredAvailabilityZones: ['us-east-1a', 'us-east-1b'] }), prop: 'preferredAvailabilityZones', value: ['us-east-1a', 'us-east-1b'] },
  { why: 'snapshot window overlapping the maintenance window', build: redis({ snapshotWindow: '05:00-07:00', maintenanceWindow: 'sun:06:00-sun:07:00' }), prop: 'maintenanceWindow', value: 'sun:06:00-sun:07:00' },
  { why: "an app user named 'default'", build: redis({ appUserName: 'default' }), prop: 'appUserName', value: 'default' },
  { why: 'a replication group id over 40 characters', build: redis({ replicationGroupId: 'r'.repeat(41) }), prop: 'replicationGroupId', value: 'r'.repeat(41) },
  { why: 'Redis 6 (no IAM authentication)', build: () => RedisEngineVersion.of('6.2'), prop: 'version', value: '6.2' },

  // --- In-cluster add-ons
  { why: 'a bad ACME e-mail', build: () => { new CertManager(addonsStack(), 'cert-manager', { acmeEmail: 'devops@example' }); }, prop: 'acmeEmail', value: 'devops@example' },
  { why: 'a cert-manager chart range', build: () => { new CertManager(addonsStack(), 'cert-manager', { acmeEmail: 'devops@example.com', chartVersion: '~1.19' }); }, prop: 'chartVersion', value: '~1.19' },
  { why: 'one ingress replica', build: () => { new IngressNginx(addonsStack(), 'ingress', { replicas: 1 }); }, prop: 'replicas', value: 1 },
  { why: 'an ingress source range with host bits', build: () => { new IngressNginx(addonsStack(), 'ingress', { loadBalancerSourceRanges: ['203.0.113.7/24'] }); }, prop: 'loadBalancerSourceRanges', value: '203.0.113.7/24' },
  { why: 'the load balancer controller without a VPC id', build: () => { new PlatformAddons(addonsStack(), 'addons', { connection: CONNECTION, acmeEmail: 'devops@example.com', loadBalancerController: true }); }, prop: 'connection.vpcId', value: undefined },
  { why: 'database egress to every address', build: () => { new WorkloadBaseline(addonsStack(), 'workloads', { databaseCidrs: ['0.0.0.0/0'] }); }, prop: 'databaseCidrs', value: '0.0.0.0/0' },
  { why: 'an upper-case namespace', build: () => { new WorkloadBaseline(addonsStack(), 'workloads', { namespace: 'Production' }); }, prop: 'namespace', value: 'Production' },
  {
    why: 'a wildcard TLS host (HTTP-01 cannot validate it)',
    build: () => new WorkloadBaseline(addonsStack(), 'workloads').addTlsIngress({ host: '*.example.com', serviceName: 'app', servicePort: 8080 }),
    prop: 'addTlsIngress.host',
    value: '*.example.com',
  },

  // --- StateBucket
  { why: 'an invalid bucket name', build: bucket({ bucketName: 'My_State' }), prop: 'bucketName', value: 'My_State' },
  { why: 'state history kept 7 days', build: bucket({ noncurrentVersionRetentionDays: 7 }), prop: 'noncurrentVersionRetentionDays', value: 7 },

  // --- ProductionEksPlatform
  { why: 'vpc zones of another region than the platform region', build: platform({ region: 'eu-west-1', vpc: { availabilityZones: AZS } }), prop: 'vpc.availabilityZones', value: AZS },
  { why: 'dbInstanceClass and a different postgres.instanceClass', build: platform({ dbInstanceClass: 'db.r6g.large', postgres: { instanceClass: 'db.t3.medium' } }), prop: 'dbInstanceClass', value: 'db.r6g.large' },
  { why: 'nodeInstanceTypes and different nodeGroup.instanceTypes', build: platform({ nodeInstanceTypes: ['t3.large'], nodeGroup: { instanceTypes: ['m6i.large'] } }), prop: 'nodeInstanceTypes', value: ['t3.large'] },
  { why: 'addonsStack equal to the infrastructure stack', build: () => { const s = new TerraformStack(Testing.app(), 'infra'); new ProductionEksPlatform(s, 'platform', { ...PLATFORM, addonsStack: s }); }, prop: 'addonsStack', value: 'infra' },
  { why: 'a bad ACME e-mail on the platform', build: platform({ acmeEmail: 'devops at example.com' }), prop: 'acmeEmail', value: 'devops at example.com' },
  { why: 'vpc options next to an existing network', build: platform({ existingNetwork: NETWORK, vpc: { cidrBlock: '10.1.0.0/16' } }), prop: 'vpc', value: '<HaVpcOptions>' },
  { why: 'add-on log retention below 90 days', build: platform({ logRetentionDays: 30 }), prop: 'logRetentionDays', value: 30 },
  { why: 'an alert e-mail without a domain', build: platform({ alerting: { emailAddresses: ['oncall'] } }), prop: 'alerting.emailAddresses', value: 'oncall' },
  { why: 'an alert webhook over plain HTTP', build: platform({ alerting: { httpsEndpoints: ['http://hooks.example.com/x'] } }), prop: 'alerting.httpsEndpoints', value: 'http://hooks.example.com/x' },
  { why: 'a database CPU alarm threshold above 100%', build: platform({ alerting: { postgres: { cpuPercent: 150 } } }), prop: 'alerting.postgres.cpuPercent', value: 150 },
  { why: 'a certificate expiry threshold beyond the renewal window', build: platform({ alerting: { cluster: { certificateExpiryDays: 90 } } }), prop: 'alerting.cluster.certificateExpiryDays', value: 90 },
  { why: 'cluster.adminPrincipalArns that the platform would override', build: platform({ cluster: { adminPrincipalArns: ['arn:aws:iam::123456789012:role/other'] } }), prop: 'cluster.adminPrincipalArns', value: ['arn:aws:iam::123456789012:role/other'] },
  { why: 'vpc.clusterName tagging the subnets for another cluster', build: platform({ vpc: { clusterName: 'other-cluster' } }), prop: 'vpc.clusterName', value: 'other-cluster' },
  {
    why: "a region different from the stack's AWS provider",
    build: platform({ region: 'us-east-1' }, (s) => { new AwsProvider(s, 'aws', { region: 'eu-west-1' }); }),
    prop: 'region',
    value: 'us-east-1',
  },
  { why: 'Postgres backups kept 3 days through the platform', build: platform({ postgres: { backupRetentionDays: 3 } }), prop: 'postgres.backupRetentionDays', value: 3 },
  { why: 'Redis with 1 node through the platform', build: platform({ redis: { nodeCount: 1 } }), prop: 'redis.nodeCount', value: 1 },
  { why: 'an upper-case platform name', build: platform({ name: 'AI-Agents' }), prop: 'name', value: 'AI-Agents' },

  // --- Application namespaces (issue 18)
  { why: 'an application namespace Kubernetes rejects', build: platform({ applicationNamespaces: [{ namespace: 'Team_A' }] }), prop: 'namespace', value: 'Team_A' },
  { why: 'kube-system as the application namespace', build: platform({ addons: { appNamespace: 'kube-system' } }), prop: 'addons.appNamespace', value: 'kube-system' },
  { why: "an add-on's namespace as a team namespace", build: platform({ applicationNamespaces: [{ namespace: 'cert-manager' }] }), prop: 'namespace', value: 'cert-manager' },
  {
    why: 'a namespace too long for its Helm release name',
    build: platform({ applicationNamespaces: [{ namespace: 'team-payments-and-settlements-europe', databaseUser: 'pay_app', databaseSchema: 'pay', redisUserName: 'ai-agents-prod-pay' }] }),
    prop: 'namespace',
    value: 'team-payments-and-settlements-europe',
  },
  { why: 'a kube- prefixed namespace', build: platform({ applicationNamespaces: [{ namespace: 'kube-apps' }] }), prop: 'namespace', value: 'kube-apps' },
  { why: 'the default namespace twice', build: platform({ applicationNamespaces: [{ namespace: 'production' }] }), prop: 'namespace', value: 'production' },
  {
    why: 'the same team namespace twice',
    build: platform({ applicationNamespaces: [{ namespace: 'team-a' }, { namespace: 'team-a' }] }),
    prop: 'namespace',
    value: 'team-a',
  },
  {
    why: "a key prefix inside another namespace's",
    build: platform({ applicationNamespaces: [{ namespace: 'team-a', redisKeyPrefix: 'production:team-a:' }] }),
    prop: 'redisKeyPrefix',
    value: 'production:team-a:',
  },
  { why: 'a key prefix with a glob', build: platform({ applicationNamespaces: [{ namespace: 'team-a', redisKeyPrefix: 'team-*' }] }), prop: 'redisKeyPrefix', value: 'team-*' },
  {
    why: "another namespace's database user",
    build: platform({ applicationNamespaces: [{ namespace: 'team-a', databaseUser: 'ai_agents_prod_app' }] }),
    prop: 'databaseUser',
    value: 'ai_agents_prod_app',
  },
  {
    why: 'an egress destination that is a host name, not a CIDR',
    build: platform({ applicationNamespaces: [{ namespace: 'team-a', egressDestinations: [{ name: 'payments', cidrs: ['api.stripe.com'] }] }] }),
    prop: 'egressDestinations[0].cidrs',
    value: 'api.stripe.com',
  },
  {
    why: 'an egress destination of every address',
    build: () => { new WorkloadBaseline(addonsStack(), 'w', { egressDestinations: [{ name: 'anywhere', cidrs: ['0.0.0.0/0'] }] }); },
    prop: 'egressDestinations[0].cidrs',
    value: '0.0.0.0/0',
  },
  {
    why: 'an egress destination covering instance metadata (the node\'s credentials)',
    build: () => { new WorkloadBaseline(addonsStack(), 'w', { egressDestinations: [{ name: 'metadata', cidrs: ['169.254.0.0/16'], ports: [80] }] }); },
    prop: 'egressDestinations[0].cidrs',
    value: '169.254.0.0/16',
  },
  { why: 'an unknown Pod Security level', build: () => { new WorkloadBaseline(addonsStack(), 'w', { podSecurityLevel: 'strict' }); }, prop: 'podSecurityLevel', value: 'strict' },
  { why: 'a quota that is not a quantity', build: () => { new WorkloadBaseline(addonsStack(), 'w', { quota: { limitsMemory: '16 GB' } }); }, prop: 'quota.limitsMemory', value: '16 GB' },

  // --- ProductionBaseline.acknowledge
  { why: 'an unknown rule id', build: () => ProductionBaseline.acknowledge(awsStack(), 'PB-XYZ-999', 'because'), prop: 'ruleId', value: 'PB-XYZ-999' },
  { why: 'an acknowledgement without a reason', build: () => ProductionBaseline.acknowledge(awsStack(), 'PB-HA-001', '  '), prop: 'reason', value: '  ' },
];

/** Runs `build` and returns what it threw (undefined when nothing). */
function thrownBy(build: () => void): unknown {
  try {
    build();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('bad input is rejected with a PropValidationError naming the prop, the value and the fix', () => {
  test('the catalogue covers every building block with at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.why)).size).toBe(CASES.length);
  });

  test.each(CASES.map((c) => [c.why, c] as const))('%s', (_why, c) => {
    const error = thrownBy(c.build);
    if (!(error instanceof PropValidationError)) {
      // Show what was thrown instead (or that nothing was): a bug to fix in the construct.
      throw new Error(`expected a PropValidationError for ${c.prop}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    expect(error.prop).toBe(c.prop);
    expect(error.value).toEqual(c.value);
    expect(error.message).toContain(formatValue(c.value));
    expect(error.message).toContain(c.prop);
    // A fix sentence: more than a word, ending the message.
    expect(error.fix.trim().split(/\s+/).length).toBeGreaterThan(2);
    expect(error.message.endsWith(error.fix)).toBe(true);
  });
});

describe('valid input passes (the catalogue does not reject everything)', () => {
  test('the defaults of every block build', () => {
    expect(() => {
      vpc({})();
      eks({})();
      nodes({})();
      postgres({})();
      redis({})();
      bucket({})();
      platform({})();
      new CertManager(addonsStack(), 'cert-manager', { acmeEmail: 'devops@example.com' });
      new WorkloadBaseline(addonsStack(), 'w').addTlsIngress({ host: 'app.example.com', serviceName: 'app', servicePort: 8080 });
      KubernetesVersion.of('1.35');
      ProductionBaseline.acknowledge(awsStack(), 'PB-HA-001', 'staging: single AZ');
    }).not.toThrow();
  });

  test('the same value on both sides of an override is not a conflict; Graviton types with the arm64 image build', () => {
    expect(() => platform({ dbInstanceClass: 'db.r6g.large', postgres: { instanceClass: 'db.r6g.large' }, vpc: { clusterName: 'ai-agents-prod' } })()).not.toThrow();
    expect(() => nodes({ instanceTypes: ['m7g.large', 'c6gn.large'], amiType: NodeAmiType.AL2023_ARM_64_STANDARD })()).not.toThrow();
    expect(() => eks({ allowPublicEndpointFromAnywhere: true })()).not.toThrow();
    expect(() => platform({}, (s) => { new AwsProvider(s, 'aws', { region: 'us-east-1' }); })()).not.toThrow();
  });
});

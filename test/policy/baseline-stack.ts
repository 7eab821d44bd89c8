import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { newStack } from '../util';

/** Props overrides per resource of the baseline stack (camelCase provider props; `undefined` removes one). */
export type Patch = { [resource: string]: { [prop: string]: unknown } };

export interface BaselineStackOptions {
  readonly patch?: Patch;
  /** Builds further patches from the stack (for values that reference variables or resources in it). */
  readonly patchWith?: (stack: TerraformStack) => Patch;
  /** Resources of the compliant stack to leave out. */
  readonly omit?: string[];
  /** Adds more resources. */
  readonly extra?: (stack: TerraformStack) => void;
}

const ROOT = 'arn:aws:iam::123456789012:root';
const PREVENT_DESTROY = { preventDestroy: true };

/**
 * A hand-written stack of plain provider resources (no library constructs) that passes every baseline rule;
 * each rule's test breaks exactly one thing in it.
 */
export function baselineStack(o: BaselineStackOptions = {}): { stack: TerraformStack; resources: { [name: string]: any } } {
  const { stack } = newStack();
  const p: Patch = { ...o.patch, ...o.patchWith?.(stack) };
  const omit = new Set(o.omit ?? []);
  const r: { [name: string]: any } = {};
  const add = <T>(name: string, make: (props: any) => T, base: object): void => {
    if (!omit.has(name)) r[name] = make({ ...base, ...p[name] });
  };
  const secret = new TerraformVariable(stack, 'redis_auth_token', { type: 'string', sensitive: true });

  add('key', (x) => new KmsKey(stack, 'key', x), {
    description: 'platform',
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }],
    }),
    lifecycle: PREVENT_DESTROY,
  });
  const keyArn = r.key?.arn ?? 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  add('vpc', (x) => new Vpc(stack, 'vpc', x), { cidrBlock: '10.0.0.0/16' });
  add('default-sg', (x) => new DefaultSecurityGroup(stack, 'default-sg', x), { vpcId: r.vpc.id, ingress: [], egress: [] });
  add('logs', (x) => new CloudwatchLogGroup(stack, 'logs', x), {
    name: '/aws/vpc/flow-logs', kmsKeyId: keyArn, retentionInDays: 90, lifecycle: PREVENT_DESTROY,
  });
  add('flow', (x) => new FlowLog(stack, 'flow', x), {
    vpcId: r.vpc.id,
    trafficType: 'ALL',
    logDestination: 'arn:aws:logs:us-east-1:123456789012:log-group:flow',
    iamRoleArn: 'arn:aws:iam::123456789012:role/flow',
  });
  const subnets = [0, 1, 2].map((i) => new Subnet(stack, `subnet-${i}`, {
    vpcId: r.vpc.id, cidrBlock: `10.0.${i}.0/24`, mapPublicIpOnLaunch: false, ...p[`subnet-${i}`],
  }));

  for (const svc of ['ecr.api', 'ecr.dkr', 'sts']) {
    add(`endpoint-${svc}`, (x) => new VpcEndpoint(stack, `endpoint-${svc.replace('.', '-')}`, x), {
      vpcId: r.vpc.id,
      serviceName: `com.amazonaws.us-east-1.${svc}`,
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      subnetIds: subnets.map((s) => s.id),
    });
  }

  add('sg', (x) => new SecurityGroup(stack, 'sg', x), {
    vpcId: r.vpc.id,
    ingress: [
      { fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'], ipv6CidrBlocks: ['::/0'] },
      { fromPort: 5432, toPort: 5432, protocol: 'tcp', cidrBlocks: ['10.0.0.0/16'] },
    ],
  });
  add('sg-rule', (x) => new SecurityGroupRule(stack, 'sg-rule', x), {
    type: 'ingress', securityGroupId: 'sg-123', fromPort: 80, toPort: 80, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'],
  });
  add('ingress', (x) => new VpcSecurityGroupIngressRule(stack, 'ingress', x), {
    securityGroupId: 'sg-123', ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv6: '::/0',
  });

  add('cluster', (x) => new EksCluster(stack, 'cluster', x), {
    name: 'prod',
    roleArn: 'arn:aws:iam::123456789012:role/eks',
    vpcConfig: { subnetIds: subnets.map((s) => s.id), endpointPublicAccess: false, endpointPrivateAccess: true },
    encryptionConfig: { resources: ['secrets'], provider: { keyArn } },
    enabledClusterLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
    zonalShiftConfig: { enabled: true },
    lifecycle: PREVENT_DESTROY,
  });
  add('lt', (x) => new LaunchTemplate(stack, 'lt', x), {
    metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'true', kmsKeyId: keyArn, volumeSize: 50 } }],
    networkInterfaces: [{ associatePublicIpAddress: 'false' }],
  });
  add('nodes', (x) => new EksNodeGroup(stack, 'nodes', x), {
    clusterName: 'prod',
    nodeRoleArn: 'arn:aws:iam::123456789012:role/node',
    subnetIds: subnets.map((s) => s.id),
    scalingConfig: { minSize: 3, maxSize: 6, desiredSize: 3 },
    nodeRepairConfig: { enabled: true },
  });

  add('pg', (x) => new DbParameterGroup(stack, 'pg', x), {
    name: 'prod-postgres16',
    family: 'postgres16',
    parameter: [
      { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
      ...[['log_min_duration_statement', '1000'], ['log_connections', '1'], ['log_disconnections', '1'], ['log_lock_waits', '1'],
        ['log_temp_files', '10240']].map(([name, value]) => ({ name, value, applyMethod: 'immediate' })),
    ],
  });

  add('db', (x) => new DbInstance(stack, 'db', x), {
    identifier: 'prod',
    engine: 'postgres',
    engineVersion: '16.4',
    instanceClass: 'db.r6g.large',
    allocatedStorage: 100,
    username: 'app',
    manageMasterUserPassword: true,
    storageEncrypted: true,
    kmsKeyId: keyArn,
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: keyArn,
    enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
    parameterGroupName: r.pg?.name ?? 'prod-postgres16',
    publiclyAccessible: false,
    multiAz: true,
    backupRetentionPeriod: 30,
    deletionProtection: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: 'prod-final',
    lifecycle: PREVENT_DESTROY,
  });
  add('redis', (x) => new ElasticacheReplicationGroup(stack, 'redis', x), {
    replicationGroupId: 'prod',
    description: 'cache',
    nodeType: 'cache.r6g.large',
    engine: 'redis',
    atRestEncryptionEnabled: true,
    kmsKeyId: keyArn,
    transitEncryptionEnabled: true,
    authToken: secret.stringValue,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    numCacheClusters: 2,
    snapshotRetentionLimit: 7,
    finalSnapshotIdentifier: 'prod-final',
    lifecycle: PREVENT_DESTROY,
  });

  add('policy', (x) => new IamPolicy(stack, 'policy', x), {
    name: 'app',
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bucket/*' },
        { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    }),
  });
  add('role', (x) => new IamRole(stack, 'role', x), {
    name: 'app',
    assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    inlinePolicy: [{ name: 'logs', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }] }) }],
  });
  add('doc', (x) => new DataAwsIamPolicyDocument(stack, 'doc', x), {
    statement: [{ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] }],
  });
  add('secret', (x) => new SecretsmanagerSecretVersion(stack, 'secret', x), { secretId: 'db', secretString: secret.stringValue });
  add('bucket', (x) => new S3Bucket(stack, 'bucket', x), { bucket: 'prod-artifacts', lifecycle: PREVENT_DESTROY });

  o.extra?.(stack);
  return { stack, resources: r };
}

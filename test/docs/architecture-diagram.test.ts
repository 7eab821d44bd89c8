import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { App, TerraformStack } from 'cdktf';
import { ArchitectureDiagram, EbsDefaultEncryption, HaVpc, InterfaceEndpointService } from '../../src';

describe('ArchitectureDiagram', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'infra');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const vpc = new HaVpc(stack, 'net', { name: 'diagram' });
  const cluster = new EksCluster(stack, 'eks', {
    name: 'diagram',
    roleArn: 'arn:aws:iam::123456789012:role/eks',
    version: '1.34',
    vpcConfig: { subnetIds: vpc.privateSubnetIds },
    enabledClusterLogTypes: ['api', 'audit'],
  });
  new EksNodeGroup(stack, 'nodes', {
    clusterName: cluster.name,
    nodeGroupName: 'general',
    nodeRoleArn: 'arn:aws:iam::123456789012:role/node',
    subnetIds: vpc.privateSubnetIds,
    instanceTypes: ['t3.large'],
    scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 10 },
  });
  new EksNodeGroup(stack, 'batch-nodes', {
    clusterName: cluster.name,
    nodeGroupName: 'batch',
    nodeRoleArn: 'arn:aws:iam::123456789012:role/node',
    subnetIds: vpc.privateSubnetIds,
    instanceTypes: ['c6i.xlarge'],
    scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 6 },
  });
  const dbSg = new SecurityGroup(stack, 'db-sg', { vpcId: vpc.vpcId, name: 'db' });
  const database = new DbInstance(stack, 'db', {
    identifier: 'diagram-postgres',
    engine: 'postgres',
    engineVersion: '16.8',
    instanceClass: 'db.t3.medium',
    multiAz: true,
    backupRetentionPeriod: 30,
    vpcSecurityGroupIds: [dbSg.id],
  });
  new VpcSecurityGroupIngressRule(stack, 'db-from-nodes', {
    securityGroupId: dbSg.id,
    referencedSecurityGroupId: cluster.vpcConfig.clusterSecurityGroupId,
    ipProtocol: 'tcp',
    fromPort: 5432,
    toPort: 5432,
  });
  new BackupVault(stack, 'vault', { name: 'diagram-db' });
  new BackupSelection(stack, 'backup', { name: 'db', planId: 'plan', iamRoleArn: 'arn:aws:iam::123456789012:role/backup', resources: [database.arn] });
  app.synth();
  const mermaid = ArchitectureDiagram.fromOutputDirectory(outdir).toMermaid();

  test('one subgraph per availability zone, each with its four tiers and a NAT gateway', () => {
    for (const az of ['AZ 1', 'AZ 2', 'AZ 3']) expect(mermaid).toContain(`["${az}"]`);
    expect(mermaid.match(/\["public /g)).toHaveLength(3);
    expect(mermaid.match(/\["private /g)).toHaveLength(3);
    expect(mermaid.match(/\["database /g)).toHaveLength(3);
    expect(mermaid.match(/\["cache /g)).toHaveLength(3);
    expect(mermaid.match(/NAT gateway/g)).toHaveLength(3);
  });

  test('cluster, node group and database with their settings', () => {
    expect(mermaid).toContain('EKS diagram v1.34');
    expect(mermaid).toContain('node group general<br/>t3.large min 3 / max 10');
    expect(mermaid).toContain('PostgreSQL 16.8 db.t3.medium<br/>Multi-AZ, backups 30d');
  });

  test('security group rules become edges from the nodes to the database', () => {
    expect(mermaid).toMatch(/n\d+ ==>\|tcp 5432\| n\d+/);
  });

  test('the backup vault, fed daily by the database its plan selects', () => {
    expect(mermaid).toContain('[("AWS Backup vault diagram-db<br/>no restore test")]');
    const dbNode = /(n\d+)\[\("PostgreSQL/.exec(mermaid)![1];
    const vaultNode = /(n\d+)\[\("AWS Backup vault/.exec(mermaid)![1];
    expect(mermaid).toContain(`${dbNode} -.->|daily backup| ${vaultNode}`);
  });

  test('every node group of the cluster gets the data-tier edge, not only the last one', () => {
    const idOf = (label: RegExp) => new RegExp(`^\\s*(n\\d+)\\S*${label.source}`, 'm').exec(mermaid)?.[1];
    const db = idOf(/\("PostgreSQL/);
    for (const group of ['general', 'batch']) {
      const id = idOf(new RegExp(`"node group ${group}<br/>`));
      expect(id).toBeDefined();
      expect(mermaid).toContain(`  ${id} ==>|tcp 5432| ${db}`);
    }
  });

  test('markdown wraps the diagram in a mermaid block', () => {
    const md = ArchitectureDiagram.fromOutputDirectory(outdir).toMarkdown('Example');
    expect(md.startsWith('# Example\n')).toBe(true);
    expect(md).toContain('```mermaid\nflowchart TB\n');
  });
});

describe('ArchitectureDiagram: resilience pieces', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-resilience-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'infra');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const vpc = new HaVpc(stack, 'net', { name: 'diagram', interfaceEndpointServices: [InterfaceEndpointService.ECR_API, InterfaceEndpointService.STS] });
  const cluster = new EksCluster(stack, 'eks', {
    name: 'diagram',
    roleArn: 'arn:aws:iam::123456789012:role/eks',
    version: '1.34',
    vpcConfig: { subnetIds: vpc.privateSubnetIds },
    zonalShiftConfig: { enabled: true },
  });
  new EksNodeGroup(stack, 'nodes', {
    clusterName: cluster.name,
    nodeGroupName: 'general',
    nodeRoleArn: 'arn:aws:iam::123456789012:role/node',
    subnetIds: vpc.privateSubnetIds,
    scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 10 },
    nodeRepairConfig: { enabled: true },
  });
  const pg = new DbParameterGroup(stack, 'pg', { family: 'postgres16', parameter: [{ name: 'log_min_duration_statement', value: '500' }] });
  new DbInstance(stack, 'db', {
    identifier: 'diagram-postgres',
    engine: 'postgres',
    engineVersion: '16',
    instanceClass: 'db.t3.medium',
    multiAz: true,
    backupRetentionPeriod: 30,
    parameterGroupName: pg.name,
  });
  new EbsDefaultEncryption(stack, 'ebs', { kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
  app.synth();
  const mermaid = ArchitectureDiagram.fromOutputDirectory(outdir).toMermaid();

  test('interface endpoints in the VPC, used by the nodes', () => {
    expect(mermaid).toMatch(/n\d+\[\/"2 interface endpoints, private DNS, :443 from the VPC<br\/>(ecr\.api, sts|sts, ecr\.api)"\/\]/);
    expect(mermaid).toMatch(/n\d+ -\.->\|images, credentials\| n\d+/);
  });

  test('zonal shift, node auto repair, database logging and account-wide EBS encryption are shown', () => {
    expect(mermaid).toContain('1.34<br/>0 log types, secrets KMS, zonal shift');
    expect(mermaid).toContain('min 3 / max 10, auto repair');
    expect(mermaid).toContain('backups 30d<br/>logs statements >= 500 ms, connections, lock waits');
    expect(mermaid).toMatch(/n\d+\[\\"account \+ region: EBS encryption by default<br\/>customer-managed default key"\/\]/);
  });
});

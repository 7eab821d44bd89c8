import { HaVpc, HaVpcProps } from '../../src/network/ha-vpc';
import { InterfaceEndpointService, monthlyCostUsd, VpcInterfaceEndpoints, VpcInterfaceEndpointsProps } from '../../src/network/interface-endpoints';
import { resourcesOf, synthJson } from '../util';

const interfaceEndpoints = (json: any): any[] =>
  (Object.values(resourcesOf(json, 'aws_vpc_endpoint')) as any[]).filter((e) => e.vpc_endpoint_type === 'Interface');

describe('HaVpc interface endpoints', () => {
  let vpc!: HaVpc;
  const json = synthJson((s) => { vpc = new HaVpc(s, 'net', { name: 'ai-agents-prod' }); });
  const endpoints = interfaceEndpoints(json);
  const sgs = resourcesOf(json, 'aws_security_group');
  const [sgId, sg] = Object.entries(sgs).find(([id]) => id.includes('interface-endpoints'))!;

  test('on by default: ECR API, ECR Docker, STS, EKS Auth, EC2, Logs, ELB, Auto Scaling', () => {
    const region = /^com\.amazonaws\.\$\{data\.aws_region\.AwsContext_region_\w+\.name\}\./;
    expect(endpoints.every((e) => region.test(e.service_name))).toBe(true);
    expect(endpoints.map((e) => e.service_name.replace(region, '')).sort())
      .toEqual(['ecr.api', 'ecr.dkr', 'sts', 'eks-auth', 'ec2', 'logs', 'elasticloadbalancing', 'autoscaling'].sort());
    expect(vpc.interfaceEndpoints!.serviceNames).toHaveLength(8);
  });

  test('private DNS, in the private subnets of all 3 zones, with their own security group', () => {
    for (const e of endpoints) {
      expect(e).toMatchObject({ private_dns_enabled: true, security_group_ids: [`\${aws_security_group.${sgId}.id}`] });
      expect(e.vpc_id).toMatch(/^\$\{aws_vpc\.net_vpc_\w+\.id\}$/);
      expect(e.subnet_ids).toEqual([0, 1, 2].map((i) => expect.stringMatching(new RegExp(`^\\$\\{aws_subnet\\.net_private-${i}_\\w+\\.id\\}$`))));
    }
  });

  test('the security group admits TCP 443 from the VPC CIDR only, and nothing leaves it', () => {
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    const rules = (Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')) as any[])
      .filter((r) => r.security_group_id === `\${aws_security_group.${sgId}.id}`);
    expect(rules).toEqual([expect.objectContaining({
      cidr_ipv4: expect.stringMatching(/^\$\{aws_vpc\.net_vpc_\w+\.cidr_block\}$/), ip_protocol: 'tcp', from_port: 443, to_port: 443,
    })]);
    expect(rules[0].referenced_security_group_id).toBeUndefined();
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual({});
  });

  test('cost: 0.01 USD per endpoint per AZ-hour x 730 h (us-east-1)', () => {
    expect(monthlyCostUsd(1, 1)).toBe(7.3);
    expect(monthlyCostUsd(1, 3)).toBe(21.9);
    expect(vpc.interfaceEndpoints!.estimatedMonthlyCostUsd).toBe(175.2);
  });

  test('interfaceEndpoints: false turns them off; the S3 gateway endpoint stays', () => {
    const off = synthJson((s) => new HaVpc(s, 'net', { name: 'x1', interfaceEndpoints: false }));
    expect(interfaceEndpoints(off)).toEqual([]);
    expect(Object.keys(resourcesOf(off, 'aws_security_group'))).toEqual([]);
    expect(Object.values(resourcesOf(off, 'aws_vpc_endpoint'))).toHaveLength(1);
  });

  test('a chosen set of services, with stable addresses per service', () => {
    const j = synthJson((s) => new HaVpc(s, 'net', {
      name: 'x1',
      interfaceEndpointServices: [InterfaceEndpointService.ECR_API, InterfaceEndpointService.ECR_DKR, InterfaceEndpointService.of('sqs')],
    }));
    expect(Object.keys(resourcesOf(j, 'aws_vpc_endpoint')).filter((id) => id.includes('interface-endpoints')).map((id) => id.replace(/_[0-9A-F]{8}$/, '')))
      .toEqual(['net_interface-endpoints_endpoint-ecr-api', 'net_interface-endpoints_endpoint-ecr-dkr', 'net_interface-endpoints_endpoint-sqs']);
  });

  describe('validation', () => {
    const vpcFails = (o: Partial<HaVpcProps>) => () => synthJson((s) => new HaVpc(s, 'net', { name: 'x1', ...o }));
    const fails = (o: Partial<VpcInterfaceEndpointsProps>) => () => synthJson((s) => new VpcInterfaceEndpoints(s, 'ep', {
      name: 'x1', vpcId: 'vpc-1', vpcCidrBlock: '10.0.0.0/16', subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'], ...o,
    }));
    test('services given with the endpoints off', () => expect(vpcFails({ interfaceEndpoints: false, interfaceEndpointServices: [InterfaceEndpointService.STS] }))
      .toThrow(/interfaceEndpointServices has no effect with interfaceEndpoints: false \(got \["sts"\]\)/));
    test('empty service list', () => expect(fails({ services: [] })).toThrow(/services must list at least one service/));
    test('a service twice', () => expect(fails({ services: [InterfaceEndpointService.STS, InterfaceEndpointService.of('sts')] }))
      .toThrow(/services must not list a service twice \(got 'sts'\)/));
    test('a full service name instead of its short name', () => expect(fails({ services: [InterfaceEndpointService.of('com.amazonaws.us-east-1.sqs ')] }))
      .toThrow(/services must name endpoint services by the part after com\.amazonaws\.<region>\./));
    test('no subnets', () => expect(fails({ subnetIds: [] })).toThrow(/subnetIds must list at least one subnet/));
    test('fewer than 3 subnets', () => expect(fails({ subnetIds: ['subnet-a', 'subnet-b'] }))
      .toThrow(/subnetIds must give at least 3 subnets .*single point of failure \(got 2\)/));
    test('fewer than 3 subnets allowed on purpose', () => expect(fails({ subnetIds: ['subnet-a'], allowFewerThanThreeAzs: true })).not.toThrow());
    test('bad name', () => expect(fails({ name: 'X_1' })).toThrow(/name must be 2-40 lower-case/));
  });
});

import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AwsContext } from '../private/aws-context';
import { invalidProp } from '../private/errors';
import { validateName } from '../private/validation';

/**
 * An AWS service reachable through an interface VPC endpoint (`com.amazonaws.<region>.<name>`).
 * The defaults (`InterfaceEndpointService.defaults`) are what the nodes and the platform's controllers
 * call; the others are there for teams that need them.
 */
export class InterfaceEndpointService {
  /** ECR API: registry authorization and image manifests (kubelet's image pulls). */
  public static readonly ECR_API = new InterfaceEndpointService('ecr.api');
  /** ECR Docker registry endpoint: image pulls (layers then come from S3, through the S3 gateway endpoint). */
  public static readonly ECR_DKR = new InterfaceEndpointService('ecr.dkr');
  /** STS: credentials of IRSA roles (`AssumeRoleWithWebIdentity`). */
  public static readonly STS = new InterfaceEndpointService('sts');
  /** EKS Auth: credentials of EKS Pod Identity roles (`AssumeRoleForPodIdentity`), used by the VPC CNI and the add-ons. */
  public static readonly EKS_AUTH = new InterfaceEndpointService('eks-auth');
  /** EC2: the VPC CNI attaches network interfaces and assigns pod IPs. The EBS CSI driver attaches volumes. */
  public static readonly EC2 = new InterfaceEndpointService('ec2');
  /** CloudWatch Logs: Fluent Bit's container logs. */
  public static readonly LOGS = new InterfaceEndpointService('logs');
  /** Elastic Load Balancing: the AWS Load Balancer Controller reconciles the ingress NLB. */
  public static readonly ELASTIC_LOAD_BALANCING = new InterfaceEndpointService('elasticloadbalancing');
  /** EC2 Auto Scaling: the cluster autoscaler resizes the node groups. */
  public static readonly AUTOSCALING = new InterfaceEndpointService('autoscaling');
  /** EKS API (not a default: managed nodes get the cluster details in their user data). */
  public static readonly EKS = new InterfaceEndpointService('eks');
  /** Systems Manager (not a default): with SSM_MESSAGES and EC2_MESSAGES, Session Manager to nodes without NAT. */
  public static readonly SSM = new InterfaceEndpointService('ssm');
  /** Session Manager channels (not a default). */
  public static readonly SSM_MESSAGES = new InterfaceEndpointService('ssmmessages');
  /** SSM agent messages (not a default). */
  public static readonly EC2_MESSAGES = new InterfaceEndpointService('ec2messages');
  /** KMS (not a default). */
  public static readonly KMS = new InterfaceEndpointService('kms');

  /** Any other service, by the part of its endpoint service name after the region (for example `sqs`). */
  public static of(name: string): InterfaceEndpointService {
    return new InterfaceEndpointService(name);
  }

  /**
   * The default set: what nodes need to pull images and get credentials without the NAT path (ECR API, ECR
   * Docker, STS, EKS Auth, EC2 for pod networking), CloudWatch Logs for container logs, and the APIs of the
   * load balancer controller and the cluster autoscaler.
   */
  public static defaults(): InterfaceEndpointService[] {
    const s = InterfaceEndpointService;
    return [s.ECR_API, s.ECR_DKR, s.STS, s.EKS_AUTH, s.EC2, s.LOGS, s.ELASTIC_LOAD_BALANCING, s.AUTOSCALING];
  }

  /** @param name the part of the endpoint service name after `com.amazonaws.<region>.` */
  private constructor(public readonly name: string) {}
}

/**
 * Interface endpoint pricing used in the docs: USD 0.01 per endpoint per availability zone per hour in
 * us-east-1 (US East, N. Virginia), plus USD 0.01 per GB processed (first PB), from
 * https://aws.amazon.com/privatelink/pricing/ (read 2026-12). Other regions cost more or less.
 */
export const INTERFACE_ENDPOINT_USD_PER_AZ_HOUR = 0.01;
/** Hours in a month for cost estimates (AWS Pricing Calculator convention). */
export const HOURS_PER_MONTH = 730;

/** Props of `VpcInterfaceEndpoints`. */
export interface VpcInterfaceEndpointsProps {
  /** Name prefix (security group and Name tags). Lower-case letters, digits and hyphens. */
  readonly name: string;
  /** VPC of the endpoints. It needs DNS support and DNS hostnames on (private DNS names). */
  readonly vpcId: string;
  /** CIDR block of the VPC: the only source the endpoints' security group admits (TCP 443). */
  readonly vpcCidrBlock: string;
  /** Subnets for the endpoint network interfaces, one per availability zone (the private subnets). */
  readonly subnetIds: string[];
  /**
   * Services to reach privately. Each costs USD 0.01 per AZ-hour in us-east-1: 21.90 USD a month in 3 zones.
   * @default InterfaceEndpointService.defaults() (8 services: about 175 USD a month in 3 zones in us-east-1)
   */
  readonly services?: InterfaceEndpointService[];
  /**
   * Allow fewer than 3 subnets. With private DNS every node resolves the service to the endpoint's
   * interfaces, so an endpoint in one zone makes that zone a single point of failure for image pulls and
   * credentials. For test environments only.
   * @default false
   */
  readonly allowFewerThanThreeAzs?: boolean;
  /**
   * Tags for every resource of the construct.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Interface VPC endpoints with private DNS in the given (private) subnets, so that nodes pull images and get
 * credentials without going through the NAT gateways: a NAT or internet-path failure then no longer stops
 * new pods from starting. One security group admits TCP 443 from the VPC CIDR only and allows no egress.
 *
 * Cost: USD 0.01 per endpoint per AZ-hour (us-east-1, https://aws.amazon.com/privatelink/pricing/), that is
 * 7.30 USD per endpoint per zone per month, 21.90 USD per endpoint in 3 zones, plus USD 0.01 per GB processed.
 */
export class VpcInterfaceEndpoints extends Construct {
  /** Security group of the endpoint interfaces: TCP 443 from the VPC CIDR, no egress. */
  public readonly securityGroup: SecurityGroup;
  /** The endpoints, in the order of `services` (escape hatches to the `aws_vpc_endpoint` resources). */
  public readonly endpoints: VpcEndpoint[];
  /** Names of the services with an endpoint (for example `ecr.api`). */
  public readonly serviceNames: string[];
  /** Estimated fixed monthly cost in USD at us-east-1 prices (endpoints x zones x 0.01 x 730), without data processing. */
  public readonly estimatedMonthlyCostUsd: number;

  /**
   * @param props VPC, subnets and services of the endpoints
   */
  constructor(scope: Construct, id: string, props: VpcInterfaceEndpointsProps) {
    super(scope, id);
    const who = `VpcInterfaceEndpoints '${id}'`;
    validateName(who, props.name);
    const services = props.services ?? InterfaceEndpointService.defaults();
    if (services.length === 0) {
      invalidProp(who, 'services', services, 'must list at least one service',
        'Leave services unset for the defaults, or do not create the construct (HaVpc: interfaceEndpoints: false).');
    }
    const names = services.map((s) => s.name);
    const bad = names.find((n) => !/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(n));
    if (bad !== undefined) {
      invalidProp(who, 'services', bad, 'must name endpoint services by the part after com.amazonaws.<region>. (lower-case letters, digits, dots, hyphens)',
        "Use for example InterfaceEndpointService.of('sqs').");
    }
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) {
      invalidProp(who, 'services', repeated, 'must not list a service twice', 'List each service once.');
    }
    const subnetIds = props.subnetIds;
    if (!Token.isUnresolved(subnetIds)) {
      if (subnetIds.length === 0) {
        invalidProp(who, 'subnetIds', subnetIds, 'must list at least one subnet', 'Give the private subnets, one per availability zone.');
      }
      if (subnetIds.length < 3 && !props.allowFewerThanThreeAzs) {
        invalidProp(who, 'subnetIds', subnetIds.length,
          'must give at least 3 subnets (one per availability zone): with private DNS an endpoint in fewer zones is a single point of failure',
          'Use the private subnets of 3 zones, or set allowFewerThanThreeAzs: true (test environments only).');
      }
    }
    const tags = (extra: { [key: string]: string }) => ({ ...props.tags, ...extra });
    const ctx = AwsContext.of(this);

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.name}-vpc-endpoints`,
      description: `Interface VPC endpoints of ${props.name}: HTTPS from the VPC only`,
      vpcId: props.vpcId,
      tags: tags({ Name: `${props.name}-vpc-endpoints` }),
    });
    new VpcSecurityGroupIngressRule(this, 'https-from-vpc', {
      securityGroupId: this.securityGroup.id,
      cidrIpv4: props.vpcCidrBlock,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'HTTPS from inside the VPC',
      tags: tags({ Name: `${props.name}-vpc-endpoints-https` }),
    });

    // One construct id per service, so adding or removing a service never replaces the others.
    this.endpoints = names.map((n) => new VpcEndpoint(this, `endpoint-${n.replace(/\./g, '-')}`, {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${ctx.region}.${n}`,
      vpcEndpointType: 'Interface',
      subnetIds,
      securityGroupIds: [this.securityGroup.id],
      privateDnsEnabled: true,
      tags: tags({ Name: `${props.name}-${n}` }),
    }));
    this.serviceNames = names;
    const zones = Token.isUnresolved(subnetIds) ? 3 : subnetIds.length;
    this.estimatedMonthlyCostUsd = monthlyCostUsd(names.length, zones);
  }
}

/** Fixed monthly cost in USD of `endpoints` interface endpoints in `zones` zones at us-east-1 prices. */
export function monthlyCostUsd(endpoints: number, zones: number): number {
  return Math.round(endpoints * zones * INTERFACE_ENDPOINT_USD_PER_AZ_HOUR * HOURS_PER_MONTH * 100) / 100;
}

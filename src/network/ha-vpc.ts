import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { flowLogWritePolicy } from './flow-log-policy';
import { InterfaceEndpointService, VpcInterfaceEndpoints } from './interface-endpoints';
import { INetwork } from './network';
import { layoutSubnets } from './subnet-layout';
import { ownPolicyResources } from '../policy/prop-hints';
import { AwsContext } from '../private/aws-context';
import { Cidr, cidrProblem, formatCidr, parseCidr } from '../private/cidr';
import { invalidProp } from '../private/errors';
import { createManagedKey, logsKeyGrant } from '../private/kms';
import { createLogGroup, DEFAULT_LOG_RETENTION_DAYS, validateLogRetention } from '../private/log-group';
import { validateName, validateZonesInRegion } from '../private/validation';

/**
 * Zone IDs where EKS does not create clusters (UnsupportedAvailabilityZoneException): zone names map to IDs
 * per account, so `us-east-1a` may be one of them. Source: EKS user guide, "Subnet requirements and
 * considerations", https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html (read 2026-12-01).
 */
const EKS_UNSUPPORTED_ZONE_IDS = ['use1-az3', 'usw1-az2', 'cac1-az3'];

/** Explicit CIDR blocks per subnet tier, one per availability zone, in AZ order. */
export interface HaVpcSubnetCidrs {
  /**
   * CIDR blocks of the public subnets (NAT gateways, internet-facing load balancers), one per AZ.
   * @default - allocated from the VPC CIDR with `publicSubnetMask`
   */
  readonly public?: string[];
  /**
   * CIDR blocks of the private (node and pod) subnets, one per AZ.
   * @default - allocated from the VPC CIDR with `privateSubnetMask`
   */
  readonly private?: string[];
  /**
   * CIDR blocks of the isolated database subnets, one per AZ.
   * @default - allocated from the VPC CIDR with `databaseSubnetMask`
   */
  readonly database?: string[];
  /**
   * CIDR blocks of the isolated cache subnets, one per AZ.
   * @default - allocated from the VPC CIDR with `cacheSubnetMask`
   */
  readonly cache?: string[];
}

/** Tunables of `HaVpc`, also accepted as pass-through props by `ProductionEksPlatform`. */
export interface HaVpcOptions {
  /**
   * IPv4 CIDR block of the VPC, between /16 and /24 in size.
   * @default '10.0.0.0/16'
   */
  readonly cidrBlock?: string;

  /**
   * Availability zones to use, in order. At least 3 unless `allowFewerThanThreeAzs` is set.
   * @default - the first `availabilityZoneCount` zones of the region that need no opt-in, leaving out the zone
   * IDs where EKS cannot place a cluster (use1-az3, usw1-az2, cac1-az3)
   */
  readonly availabilityZones?: string[];

  /**
   * How many availability zones to use when `availabilityZones` is not given.
   * @default 3
   */
  readonly availabilityZoneCount?: number;

  /**
   * Allow fewer than 3 availability zones. This gives up the HA guarantee of the platform (AC1): losing one
   * zone can then take down NAT egress, the database standby or the cache replica. For test environments only.
   * @default false
   */
  readonly allowFewerThanThreeAzs?: boolean;

  /**
   * Prefix length of each public subnet (one per AZ).
   * @default 24
   */
  readonly publicSubnetMask?: number;

  /**
   * Prefix length of each private (node) subnet (one per AZ). With the VPC CNI every pod takes an address
   * from this subnet: give busy clusters a larger one (for example 20).
   * @default 24
   */
  readonly privateSubnetMask?: number;

  /**
   * Prefix length of each database subnet (one per AZ).
   * @default 24
   */
  readonly databaseSubnetMask?: number;

  /**
   * Prefix length of each cache subnet (one per AZ).
   * @default 24
   */
  readonly cacheSubnetMask?: number;

  /**
   * Explicit subnet CIDRs per tier. The tiers not given here are allocated automatically around them.
   * @default - every tier is allocated from the start of the VPC CIDR in ascending addresses, in the order
   * public, private, database, cache (a larger tier starts at its own alignment, leaving a gap before it);
   * only when the VPC is too small for that do later blocks fill such gaps
   */
  readonly subnetCidrs?: HaVpcSubnetCidrs;

  /**
   * EKS cluster name: when set, subnets carry `kubernetes.io/cluster/<name>=shared` so the AWS load balancer
   * integration can find them.
   * @default - no cluster tag
   */
  readonly clusterName?: string;

  /**
   * Retention of the VPC flow log group, in days (at least 90).
   * @default 90
   */
  readonly flowLogRetentionDays?: number;

  /**
   * KMS key (ARN) that encrypts the flow log group. Its policy must let CloudWatch Logs use it.
   * @default - a customer-managed key is created for the flow logs
   */
  readonly flowLogKmsKeyArn?: string;

  /**
   * Create an S3 gateway endpoint on the private, database and cache route tables (free, keeps S3 traffic,
   * such as image layers from ECR, off the NAT gateways).
   * @default true
   */
  readonly s3GatewayEndpoint?: boolean;

  /**
   * Interface endpoints (private DNS, in the private subnets of every zone, 443 from the VPC CIDR only) so
   * that nodes pull images and get credentials without the NAT path (see `VpcInterfaceEndpoints`). Cost at
   * us-east-1 prices (https://aws.amazon.com/privatelink/pricing/): USD 0.01 per endpoint per AZ-hour, so
   * 0.01 x 730 h x 3 zones = 21.90 USD per endpoint per month; the 8 default services about 175 USD a month,
   * plus USD 0.01 per GB processed. Setting false sends that traffic through the NAT gateways again.
   * @default true
   */
  readonly interfaceEndpoints?: boolean;

  /**
   * Services that get an interface endpoint (with `interfaceEndpoints`).
   * @default InterfaceEndpointService.defaults(): ECR API, ECR Docker, STS, EKS Auth, EC2, CloudWatch Logs, Elastic Load Balancing, Auto Scaling
   */
  readonly interfaceEndpointServices?: InterfaceEndpointService[];

  /**
   * Keep Terraform from destroying the flow log group and its key (`prevent_destroy`). Setting false allows
   * `terraform destroy` to delete the flow log history and its key.
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * Tags for every resource of the construct.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/** Props of `HaVpc`. */
export interface HaVpcProps extends HaVpcOptions {
  /**
   * Name prefix for every resource (Name tags, subnet groups, log group).
   * Lower-case letters, digits and hyphens.
   */
  readonly name: string;
}


/**
 * A highly available VPC: public, private, database and cache subnets in each of (at least) 3 availability
 * zones, one NAT gateway per zone, isolated data tiers, flow logs to an encrypted log group, a closed default
 * security group, an S3 gateway endpoint and interface endpoints for image pulls and credentials.
 */
export class HaVpc extends Construct implements INetwork {
  /** The VPC (escape hatch to the underlying `aws_vpc` resource). */
  public readonly vpc: Vpc;
  public readonly vpcId: string;
  public readonly vpcCidrBlock: string;
  /** Availability zones in use (may be tokens when read from the region). */
  public readonly availabilityZones: string[];
  /** Public subnets, one per AZ, in AZ order (escape hatch to the `aws_subnet` resources). */
  public readonly publicSubnets: Subnet[];
  /** Private (node and pod) subnets, one per AZ, in AZ order (escape hatch to the `aws_subnet` resources). */
  public readonly privateSubnets: Subnet[];
  /** Isolated database subnets, one per AZ, in AZ order (escape hatch to the `aws_subnet` resources). */
  public readonly databaseSubnets: Subnet[];
  /** Isolated cache subnets, one per AZ, in AZ order (escape hatch to the `aws_subnet` resources). */
  public readonly cacheSubnets: Subnet[];
  public readonly publicSubnetIds: string[];
  public readonly privateSubnetIds: string[];
  public readonly databaseSubnetIds: string[];
  public readonly cacheSubnetIds: string[];
  /** CIDR blocks of the public subnets, in AZ order. */
  public readonly publicSubnetCidrs: string[];
  /** CIDR blocks of the private subnets, in AZ order. */
  public readonly privateSubnetCidrs: string[];
  public readonly databaseSubnetCidrs: string[];
  public readonly cacheSubnetCidrs: string[];
  /** The internet gateway of the public subnets (escape hatch to the `aws_internet_gateway` resource). */
  public readonly internetGateway: InternetGateway;
  /** One NAT gateway per availability zone. */
  public readonly natGateways: NatGateway[];
  /** One private route table per availability zone, each routing to its own zone's NAT gateway. */
  public readonly privateRouteTables: RouteTable[];
  /** Route table shared by the public subnets, with the default route to the internet gateway. */
  public readonly publicRouteTable: RouteTable;
  /** Route table of the database subnets: local route only (plus the S3 gateway endpoint), no internet egress. */
  public readonly databaseRouteTable: RouteTable;
  /** Route table of the cache subnets: local route only (plus the S3 gateway endpoint), no internet egress. */
  public readonly cacheRouteTable: RouteTable;
  /** RDS subnet group over the database subnets (escape hatch to the `aws_db_subnet_group` resource). */
  public readonly dbSubnetGroup: DbSubnetGroup;
  /** ElastiCache subnet group over the cache subnets (escape hatch to the `aws_elasticache_subnet_group` resource). */
  public readonly cacheSubnetGroup: ElasticacheSubnetGroup;
  public readonly dbSubnetGroupName: string;
  public readonly cacheSubnetGroupName: string;
  /** KMS-encrypted CloudWatch log group `/aws/vpc/<name>/flow-logs` that receives the VPC flow logs. */
  public readonly flowLogGroup: CloudwatchLogGroup;
  /** The VPC flow log (all traffic, 60-second aggregation) to `flowLogGroup` (escape hatch to the `aws_flow_log` resource). */
  public readonly flowLog: FlowLog;
  /** The key created for the flow logs, when none was given. */
  public readonly flowLogKey?: KmsKey;
  /** The VPC default security group, managed with no ingress or egress rules so nothing can use it by accident. */
  public readonly defaultSecurityGroup: DefaultSecurityGroup;
  /** S3 gateway endpoint on the private, database and cache route tables. Undefined when `s3GatewayEndpoint` is false. */
  public readonly s3Endpoint?: VpcEndpoint;
  /** Interface endpoints in the private subnets. Undefined when `interfaceEndpoints` is false. */
  public readonly interfaceEndpoints?: VpcInterfaceEndpoints;

  /**
   * @param props name, CIDR layout, availability zones and flow log settings of the VPC
   */
  constructor(scope: Construct, id: string, props: HaVpcProps) {
    super(scope, id);
    ownPolicyResources(this, 'HaVpc'); // findings on its resources name its props
    const who = `HaVpc '${id}'`;
    const name = props.name;
    validateName(who, name);
    const tags = (extra: { [key: string]: string }) => ({ ...props.tags, ...extra });
    const preventDestroy = props.preventDestroy ?? true;

    // --- Availability zones
    let azs: string[];
    if (props.availabilityZones) {
      azs = props.availabilityZones;
      if (props.availabilityZoneCount !== undefined && props.availabilityZoneCount !== azs.length) {
        invalidProp(who, 'availabilityZoneCount', props.availabilityZoneCount,
          `has no effect with availabilityZones (${azs.length} zones given)`,
          'Give either availabilityZones or availabilityZoneCount, not both.');
      }
      if (new Set(azs).size !== azs.length) {
        invalidProp(who, 'availabilityZones', azs, 'must not repeat a zone', 'List each availability zone once.');
      }
      validateZonesInRegion(this, who, 'availabilityZones', azs);
    } else {
      const count = props.availabilityZoneCount ?? 3;
      if (!Number.isInteger(count) || count < 1 || count > 6) {
        invalidProp(who, 'availabilityZoneCount', count, 'must be a whole number from 1 to 6', 'Use 3 (the default).');
      }
      const available = new DataAwsAvailabilityZones(this, 'azs', {
        state: 'available',
        filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
        // A VPC of this library carries an EKS cluster: a zone EKS refuses would fail the cluster at apply.
        excludeZoneIds: EKS_UNSUPPORTED_ZONE_IDS,
        // element() wraps around: in a region with fewer zones, "3 zones" would silently become 2. Fail the plan.
        lifecycle: {
          postcondition: [{
            condition: `\${length(self.names) >= ${count}}`,
            errorMessage: `HaVpc '${id}': availabilityZoneCount is ${count} but the region has fewer available zones that need no opt-in. Use a region with ${count} zones or list availabilityZones.`,
          }],
        },
      });
      azs = Array.from({ length: count }, (_, i) => Fn.element(available.names, i));
    }
    if (azs.length < 3 && !props.allowFewerThanThreeAzs) {
      invalidProp(who, props.availabilityZones ? 'availabilityZones' : 'availabilityZoneCount',
        props.availabilityZones ?? azs.length, 'must give at least 3 availability zones for high availability',
        'Use 3 zones, or set allowFewerThanThreeAzs: true to give up the HA guarantee (test environments only).');
    }
    if (azs.length < 2) {
      invalidProp(who, 'availabilityZones', azs.length, 'must give at least 2 zones (RDS and ElastiCache subnet groups need 2)',
        'Use 3 zones.');
    }
    this.availabilityZones = azs;

    // --- CIDR layout
    const cidrText = props.cidrBlock ?? '10.0.0.0/16';
    const vpcCidr = parseCidr(cidrText);
    if (!vpcCidr) {
      invalidProp(who, 'cidrBlock', cidrText, `must be an IPv4 network in CIDR notation: ${cidrProblem(cidrText)}`,
        "Use a private range such as '10.0.0.0/16'.");
    }
    if (vpcCidr.prefix < 16 || vpcCidr.prefix > 24) {
      invalidProp(who, 'cidrBlock', cidrText, 'must be between /16 and /24 (the VPC limits)',
        "Use a /16 such as '10.0.0.0/16' for room to grow.");
    }
    const layout = layoutSubnets(who, vpcCidr, azs.length, props);

    // --- VPC, gateways, subnets
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: cidrText,
      enableDnsHostnames: true, // EKS private endpoint and RDS/ElastiCache DNS need both
      enableDnsSupport: true,
      tags: tags({ Name: name }),
    });
    this.vpcId = this.vpc.id;
    this.vpcCidrBlock = this.vpc.cidrBlock;

    // The default security group catches resources created without one: keep it with no rules at all.
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'default-sg', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: tags({ Name: `${name}-default-closed` }),
    });

    this.internetGateway = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: tags({ Name: name }) });

    const clusterTag: { [key: string]: string } = props.clusterName ? { [`kubernetes.io/cluster/${props.clusterName}`]: 'shared' } : {};
    const subnets = (tier: string, cidrs: Cidr[], extra: { [key: string]: string }) =>
      cidrs.map((c, i) => new Subnet(this, `${tier}-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: formatCidr(c),
        availabilityZone: azs[i],
        mapPublicIpOnLaunch: false, // nothing gets a public IP by accident, not even in public subnets
        tags: tags({ Name: `${name}-${tier}-${i + 1}`, tier, ...extra }),
      }));
    this.publicSubnets = subnets('public', layout.public, { 'kubernetes.io/role/elb': '1', ...clusterTag });
    this.privateSubnets = subnets('private', layout.private, { 'kubernetes.io/role/internal-elb': '1', ...clusterTag });
    this.databaseSubnets = subnets('database', layout.database, {});
    this.cacheSubnets = subnets('cache', layout.cache, {});
    this.publicSubnetIds = this.publicSubnets.map((s) => s.id);
    this.privateSubnetIds = this.privateSubnets.map((s) => s.id);
    this.databaseSubnetIds = this.databaseSubnets.map((s) => s.id);
    this.cacheSubnetIds = this.cacheSubnets.map((s) => s.id);
    this.publicSubnetCidrs = layout.public.map(formatCidr);
    this.privateSubnetCidrs = layout.private.map(formatCidr);
    this.databaseSubnetCidrs = layout.database.map(formatCidr);
    this.cacheSubnetCidrs = layout.cache.map(formatCidr);

    // --- Routing: public through the IGW; private through its own zone's NAT (a zone outage leaves the
    // others' egress intact); database and cache have only the local route.
    this.publicRouteTable = new RouteTable(this, 'public-rt', { vpcId: this.vpc.id, tags: tags({ Name: `${name}-public` }) });
    new Route(this, 'public-default', {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });
    this.publicSubnets.forEach((s, i) => new RouteTableAssociation(this, `public-rta-${i}`, {
      subnetId: s.id, routeTableId: this.publicRouteTable.id,
    }));

    this.natGateways = [];
    this.privateRouteTables = [];
    this.publicSubnets.forEach((s, i) => {
      const eip = new Eip(this, `nat-eip-${i}`, { domain: 'vpc', tags: tags({ Name: `${name}-nat-${i + 1}` }) });
      const nat = new NatGateway(this, `nat-${i}`, {
        allocationId: eip.allocationId,
        subnetId: s.id,
        tags: tags({ Name: `${name}-nat-${i + 1}` }),
        dependsOn: [this.internetGateway],
      });
      this.natGateways.push(nat);
      const rt = new RouteTable(this, `private-rt-${i}`, { vpcId: this.vpc.id, tags: tags({ Name: `${name}-private-${i + 1}` }) });
      new Route(this, `private-default-${i}`, { routeTableId: rt.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      new RouteTableAssociation(this, `private-rta-${i}`, { subnetId: this.privateSubnets[i].id, routeTableId: rt.id });
      this.privateRouteTables.push(rt);
    });

    // Explicit isolated tables, so a change to the VPC's main route table can never reach the data tiers.
    this.databaseRouteTable = new RouteTable(this, 'database-rt', { vpcId: this.vpc.id, tags: tags({ Name: `${name}-database` }) });
    this.cacheRouteTable = new RouteTable(this, 'cache-rt', { vpcId: this.vpc.id, tags: tags({ Name: `${name}-cache` }) });
    this.databaseSubnets.forEach((s, i) => new RouteTableAssociation(this, `database-rta-${i}`, {
      subnetId: s.id, routeTableId: this.databaseRouteTable.id,
    }));
    this.cacheSubnets.forEach((s, i) => new RouteTableAssociation(this, `cache-rta-${i}`, {
      subnetId: s.id, routeTableId: this.cacheRouteTable.id,
    }));

    // --- Subnet groups for the data tier
    this.dbSubnetGroup = new DbSubnetGroup(this, 'db-subnets', {
      name: `${name}-database`,
      description: `Database subnets of ${name}`,
      subnetIds: this.databaseSubnetIds,
      tags: tags({ Name: `${name}-database` }),
    });
    this.cacheSubnetGroup = new ElasticacheSubnetGroup(this, 'cache-subnets', {
      name: `${name}-cache`,
      description: `Cache subnets of ${name}`,
      subnetIds: this.cacheSubnetIds,
      tags: tags({ Name: `${name}-cache` }),
    });
    this.dbSubnetGroupName = this.dbSubnetGroup.name;
    this.cacheSubnetGroupName = this.cacheSubnetGroup.name;

    // --- S3 gateway endpoint
    const ctx = AwsContext.of(this);
    if (props.s3GatewayEndpoint ?? true) {
      this.s3Endpoint = new VpcEndpoint(this, 's3-endpoint', {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${ctx.region}.s3`,
        vpcEndpointType: 'Gateway',
        routeTableIds: [...this.privateRouteTables.map((r) => r.id), this.databaseRouteTable.id, this.cacheRouteTable.id],
        tags: tags({ Name: `${name}-s3` }),
      });
    }

    if (props.interfaceEndpoints ?? true) {
      this.interfaceEndpoints = new VpcInterfaceEndpoints(this, 'interface-endpoints', {
        name,
        vpcId: this.vpc.id,
        vpcCidrBlock: this.vpc.cidrBlock,
        subnetIds: this.privateSubnetIds,
        services: props.interfaceEndpointServices,
        allowFewerThanThreeAzs: props.allowFewerThanThreeAzs,
        tags: props.tags,
      });
    } else if (props.interfaceEndpointServices) {
      invalidProp(who, 'interfaceEndpointServices', props.interfaceEndpointServices.map((x) => x.name), 'has no effect with interfaceEndpoints: false',
        'Drop interfaceEndpointServices, or turn interfaceEndpoints back on.');
    }

    // --- Flow logs
    const retention = props.flowLogRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    validateLogRetention(who, 'flowLogRetentionDays', retention);
    let keyArn = props.flowLogKmsKeyArn;
    if (!keyArn) {
      this.flowLogKey = createManagedKey(this, 'flow-log-key', {
        description: `VPC flow logs of ${name}`,
        alias: `${name}/vpc-flow-logs`,
        grants: [logsKeyGrant(this)],
        tags: tags({ Name: `${name}-vpc-flow-logs` }),
        preventDestroy,
      }).key;
      keyArn = this.flowLogKey.arn;
    }
    this.flowLogGroup = createLogGroup(this, 'flow-log-group', {
      name: `/aws/vpc/${name}/flow-logs`,
      kmsKeyArn: keyArn,
      retentionDays: retention,
      tags: tags({ Name: `${name}-flow-logs` }),
      preventDestroy,
    });
    const role = new IamRole(this, 'flow-log-role', {
      name: `${name}-vpc-flow-logs`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } },
        }],
      }),
      tags: tags({ Name: `${name}-vpc-flow-logs` }),
    });
    new IamRolePolicy(this, 'flow-log-policy', {
      role: role.id,
      name: 'write-flow-logs',
      policy: flowLogWritePolicy(this.flowLogGroup.arn),
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.flowLogGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: tags({ Name: `${name}-flow-logs` }),
    });
  }
}

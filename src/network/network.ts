/**
 * What the other building blocks need from a network. `HaVpc` provides it; for a VPC that another team or
 * stack owns, pass an object with these fields (for example read from that stack's outputs).
 */
export interface INetwork {
  /** The VPC id. */
  readonly vpcId: string;
  /** The VPC's primary IPv4 CIDR block. */
  readonly vpcCidrBlock: string;
  /** Public subnets, one per availability zone (load balancers, NAT gateways). */
  readonly publicSubnetIds: string[];
  /** Private subnets with egress through NAT, one per availability zone (cluster nodes). */
  readonly privateSubnetIds: string[];
  /** Isolated subnets for databases, one per availability zone (no route to the internet). */
  readonly databaseSubnetIds: string[];
  /** Isolated subnets for caches, one per availability zone (no route to the internet). */
  readonly cacheSubnetIds: string[];
  /** CIDR blocks of the database subnets (for egress rules of network policies). */
  readonly databaseSubnetCidrs: string[];
  /** CIDR blocks of the cache subnets (for egress rules of network policies). */
  readonly cacheSubnetCidrs: string[];
  /** Name of the RDS DB subnet group over the database subnets. */
  readonly dbSubnetGroupName: string;
  /** Name of the ElastiCache subnet group over the cache subnets. */
  readonly cacheSubnetGroupName: string;
}

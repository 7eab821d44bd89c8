/**
 * Typical creation times (seconds) per resource type, for the apply critical-path estimate.
 * Sources: the reference guide's own apply breakdown (EKS 10-12 min, node groups 5-7 min, RDS 10+ min,
 * ElastiCache 5-7 min, VPC and networking ~1 min), AWS documentation (NAT gateways become available in a
 * few minutes; Multi-AZ RDS creation including the standby commonly takes 15+ min), and Helm releases with
 * `wait` (a release waits for its pods and load balancer: ~1-2 min). Anything not listed is taken as a
 * fast control-plane API call.
 */
export const CREATION_SECONDS: Record<string, number> = {
  aws_eks_cluster: 600,
  aws_eks_node_group: 300,
  aws_eks_addon: 60,
  aws_db_instance: 900,
  aws_elasticache_replication_group: 600,
  aws_nat_gateway: 120,
  aws_vpc: 15,
  aws_subnet: 10,
  aws_internet_gateway: 10,
  aws_eip: 5,
  aws_route_table: 5,
  aws_route: 5,
  aws_kms_key: 10,
  aws_iam_role: 5,
  aws_iam_openid_connect_provider: 5,
  aws_eks_access_entry: 5,
  aws_eks_pod_identity_association: 10,
  aws_launch_template: 5,
  aws_cloudwatch_log_group: 3,
  aws_security_group: 5,
  aws_db_parameter_group: 10,
  aws_elasticache_parameter_group: 10,
  aws_flow_log: 10,
  aws_vpc_endpoint: 30,
  aws_s3_bucket: 5,
  helm_release: 120,
};
export const DEFAULT_SECONDS = 2;

# HaVpc applied against the mock provider: the applied network matches the guide's HA layout.
run "network_layout" {
  command = apply

  assert {
    condition     = aws_vpc.network_vpc_4E8F0223.cidr_block == "10.0.0.0/16"
    error_message = "VPC CIDR must default to 10.0.0.0/16"
  }

  assert {
    condition = length(distinct([
      aws_subnet.network_private-0_A0649C48.availability_zone,
      aws_subnet.network_private-1_4188AF2B.availability_zone,
      aws_subnet.network_private-2_96169D1F.availability_zone,
    ])) == 3
    error_message = "private (node) subnets must span 3 availability zones"
  }

  assert {
    condition = length(distinct([
      aws_nat_gateway.network_nat-0_D2F55FEE.subnet_id,
      aws_nat_gateway.network_nat-1_A72B97BB.subnet_id,
      aws_nat_gateway.network_nat-2_1CA02788.subnet_id,
    ])) == 3
    error_message = "one NAT gateway per availability zone"
  }

  assert {
    condition = alltrue([
      aws_route.network_private-default-0_41C60DD1.nat_gateway_id == aws_nat_gateway.network_nat-0_D2F55FEE.id,
      aws_route.network_private-default-1_E19087E3.nat_gateway_id == aws_nat_gateway.network_nat-1_A72B97BB.id,
      aws_route.network_private-default-2_AE1BB53C.nat_gateway_id == aws_nat_gateway.network_nat-2_1CA02788.id,
    ])
    error_message = "each private route table must route to its own zone's NAT gateway"
  }

  assert {
    condition = alltrue([
      aws_route_table_association.network_database-rta-0_2798C293.route_table_id == aws_route_table.network_database-rt_D8FBEA73.id,
      aws_route_table_association.network_cache-rta-0_23C0E525.route_table_id == aws_route_table.network_cache-rt_4E722A69.id,
      length(aws_route_table.network_database-rt_D8FBEA73.route) == 0,
      length(aws_route_table.network_cache-rt_4E722A69.route) == 0,
    ])
    error_message = "database and cache subnets must use route tables without internet routes"
  }

  assert {
    condition = alltrue([
      aws_cloudwatch_log_group.network_flow-log-group_73759AFD.retention_in_days == 90,
      aws_cloudwatch_log_group.network_flow-log-group_73759AFD.kms_key_id == aws_kms_key.network_flow-log-key_12E26101.arn,
      aws_kms_key.network_flow-log-key_12E26101.enable_key_rotation,
      aws_flow_log.network_flow-log_4CEF6CCF.traffic_type == "ALL",
    ])
    error_message = "flow logs must go to a KMS-encrypted log group kept 90 days"
  }

  assert {
    condition     = length(aws_default_security_group.network_default-sg_0F35F98C.ingress) == 0 && length(aws_default_security_group.network_default-sg_0F35F98C.egress) == 0
    error_message = "the default security group must have no rules"
  }

  assert {
    condition     = length(aws_db_subnet_group.network_db-subnets_82F31EB8.subnet_ids) == 3 && length(aws_elasticache_subnet_group.network_cache-subnets_8E9593C9.subnet_ids) == 3
    error_message = "subnet groups must cover the 3 data subnets"
  }

  assert {
    condition = toset([
      for e in [
        aws_vpc_endpoint.network_interface-endpoints_endpoint-ecr-api_385F55B8,
        aws_vpc_endpoint.network_interface-endpoints_endpoint-ecr-dkr_162C8FC0,
        aws_vpc_endpoint.network_interface-endpoints_endpoint-sts_6635B0ED,
        aws_vpc_endpoint.network_interface-endpoints_endpoint-eks-auth_6A41E500,
        aws_vpc_endpoint.network_interface-endpoints_endpoint-ec2_3396EF63,
        aws_vpc_endpoint.network_interface-endpoints_endpoint-logs_2C3AC056,
        aws_vpc_endpoint.network_interface-endpoints_endpoint-elasticloadbalancing_100C9CBC,
        aws_vpc_endpoint.network_interface-endpoints_endpoint-autoscaling_160DAF46,
      ] : e.service_name if(
        e.vpc_endpoint_type == "Interface" && e.private_dns_enabled &&
        toset(e.subnet_ids) == toset([
          aws_subnet.network_private-0_A0649C48.id, aws_subnet.network_private-1_4188AF2B.id, aws_subnet.network_private-2_96169D1F.id,
        ]) &&
        toset(e.security_group_ids) == toset([aws_security_group.network_interface-endpoints_security-group_B9D7A9E1.id])
      )
    ]) == toset([for s in ["ecr.api", "ecr.dkr", "sts", "eks-auth", "ec2", "logs", "elasticloadbalancing", "autoscaling"] : "com.amazonaws.us-east-1.${s}"])
    error_message = "interface endpoints must use private DNS in the 3 private subnets, behind their own security group"
  }

  assert {
    condition = alltrue([
      aws_vpc_security_group_ingress_rule.network_interface-endpoints_https-from-vpc_7F837489.cidr_ipv4 == aws_vpc.network_vpc_4E8F0223.cidr_block,
      aws_vpc_security_group_ingress_rule.network_interface-endpoints_https-from-vpc_7F837489.ip_protocol == "tcp",
      aws_vpc_security_group_ingress_rule.network_interface-endpoints_https-from-vpc_7F837489.from_port == 443,
      aws_vpc_security_group_ingress_rule.network_interface-endpoints_https-from-vpc_7F837489.to_port == 443,
      aws_vpc_security_group_ingress_rule.network_interface-endpoints_https-from-vpc_7F837489.security_group_id == aws_security_group.network_interface-endpoints_security-group_B9D7A9E1.id,
    ])
    error_message = "the endpoints' security group must admit TCP 443 from the VPC CIDR"
  }
}

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
}

# Resilience defaults of examples/prod's infrastructure stack (issue 14), asserted on the applied (mock)
# values: interface endpoints, node auto repair, zonal shift, PostgreSQL server logging, EBS encryption by default.

run "resilience_defaults" {
  command = apply

  assert {
    condition = toset([
      for e in [
        aws_vpc_endpoint.platform_network_interface-endpoints_endpoint-ecr-api_DD2C2953,
        aws_vpc_endpoint.platform_network_interface-endpoints_endpoint-ecr-dkr_8B820360,
        aws_vpc_endpoint.platform_network_interface-endpoints_endpoint-sts_7F2BCD1A,
        aws_vpc_endpoint.platform_network_interface-endpoints_endpoint-eks-auth_94B0ADB2,
        aws_vpc_endpoint.platform_network_interface-endpoints_endpoint-ec2_A33D4D38,
        aws_vpc_endpoint.platform_network_interface-endpoints_endpoint-logs_C6561F0A,
        aws_vpc_endpoint.platform_network_interface-endpoints_endpoint-elasticloadbalancing_868D0D84,
        aws_vpc_endpoint.platform_network_interface-endpoints_endpoint-autoscaling_5A389562,
      ] : e.service_name if(
        e.vpc_endpoint_type == "Interface" && e.private_dns_enabled &&
        e.vpc_id == aws_vpc.platform_network_vpc_7092732B.id &&
        toset(e.subnet_ids) == toset([
          aws_subnet.platform_network_private-0_A6D1FBDE.id,
          aws_subnet.platform_network_private-1_050276B5.id,
          aws_subnet.platform_network_private-2_49C2A2CB.id,
        ]) &&
        toset(e.security_group_ids) == toset([aws_security_group.platform_network_interface-endpoints_security-group_1C447EBB.id])
      )
    ]) == toset([for s in ["ecr.api", "ecr.dkr", "sts", "eks-auth", "ec2", "logs", "elasticloadbalancing", "autoscaling"] : "com.amazonaws.us-east-1.${s}"])
    error_message = "interface endpoints (ECR API/DKR, STS, EKS Auth, EC2, Logs, ELB, Auto Scaling) must use private DNS in the 3 private subnets with their own security group"
  }

  assert {
    condition = alltrue([
      aws_vpc_security_group_ingress_rule.platform_network_interface-endpoints_https-from-vpc_C7412917.security_group_id == aws_security_group.platform_network_interface-endpoints_security-group_1C447EBB.id,
      aws_vpc_security_group_ingress_rule.platform_network_interface-endpoints_https-from-vpc_C7412917.cidr_ipv4 == aws_vpc.platform_network_vpc_7092732B.cidr_block,
      aws_vpc_security_group_ingress_rule.platform_network_interface-endpoints_https-from-vpc_C7412917.from_port == 443,
      aws_vpc_security_group_ingress_rule.platform_network_interface-endpoints_https-from-vpc_C7412917.to_port == 443,
    ])
    error_message = "the endpoints' security group must admit TCP 443 from the VPC CIDR"
  }

  assert {
    condition     = aws_eks_node_group.platform_nodes_node-group_9E1EF1A3.node_repair_config[0].enabled
    error_message = "the node group must have node auto repair on"
  }

  assert {
    condition     = aws_eks_cluster.platform_cluster_7D72E0C2.zonal_shift_config[0].enabled
    error_message = "the cluster must be registered for ARC zonal shift"
  }

  assert {
    condition = {
      for p in aws_db_parameter_group.platform_postgres_parameter-group_4D15675A.parameter : p.name => "${p.value}/${p.apply_method}"
      } == {
      "rds.force_ssl"               = "1/pending-reboot"
      "log_min_duration_statement"  = "1000/immediate"
      "log_connections"             = "1/immediate"
      "log_disconnections"          = "1/immediate"
      "log_lock_waits"              = "1/immediate"
      "log_temp_files"              = "10240/immediate"
      "log_autovacuum_min_duration" = "5000/immediate"
    }
    error_message = "the PostgreSQL parameter group must require TLS and log slow statements, connections, disconnections, lock waits, temp files and autovacuum"
  }

  assert {
    condition     = aws_ebs_encryption_by_default.platform_ebs-default-encryption_encryption-by-default_E50CFAD7.enabled
    error_message = "EBS encryption by default must be on (the account's default key stays aws/ebs: no aws_ebs_default_kms_key)"
  }
}

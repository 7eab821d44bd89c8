# The reference guide's acceptance criteria, asserted on the applied (mock) values of examples/prod's
# infrastructure stack. Resource addresses are the example's; renaming one fails this test on purpose.

run "acceptance_criteria" {
  command = apply

  # AC1: nodes, subnets and NAT in 3 availability zones.
  assert {
    condition = length(distinct([
      for s in [
        aws_subnet.platform_network_private-0_A6D1FBDE,
        aws_subnet.platform_network_private-1_050276B5,
        aws_subnet.platform_network_private-2_49C2A2CB,
      ] : s.availability_zone if contains(tolist(aws_eks_node_group.platform_nodes_node-group_9E1EF1A3.subnet_ids), s.id)
    ])) == 3
    error_message = "AC1: the node group must span the private subnets of 3 availability zones"
  }

  assert {
    condition = alltrue([
      for tier in [
        [aws_subnet.platform_network_public-0_2FC58EDD, aws_subnet.platform_network_public-1_88F7589D, aws_subnet.platform_network_public-2_DFAC0F42],
        [aws_subnet.platform_network_database-0_DB7D8A0B, aws_subnet.platform_network_database-1_433BFE39, aws_subnet.platform_network_database-2_B2200BA1],
        [aws_subnet.platform_network_cache-0_1011B680, aws_subnet.platform_network_cache-1_9948DE7B, aws_subnet.platform_network_cache-2_BD8EE7F1],
      ] : length(distinct([for s in tier : s.availability_zone])) == 3
    ])
    error_message = "AC1: public, database and cache subnets must each span 3 availability zones"
  }

  assert {
    condition = length(distinct([
      aws_nat_gateway.platform_network_nat-0_77BF7F10.subnet_id,
      aws_nat_gateway.platform_network_nat-1_CA74121A.subnet_id,
      aws_nat_gateway.platform_network_nat-2_492AFBA5.subnet_id,
    ])) == 3
    error_message = "AC1: one NAT gateway per availability zone"
  }

  # AC2: autoscaling node group, minimum 3 nodes.
  assert {
    condition = (
      aws_eks_node_group.platform_nodes_node-group_9E1EF1A3.scaling_config[0].min_size >= 3 &&
      aws_eks_node_group.platform_nodes_node-group_9E1EF1A3.scaling_config[0].max_size > aws_eks_node_group.platform_nodes_node-group_9E1EF1A3.scaling_config[0].min_size
    )
    error_message = "AC2: the node group must autoscale from at least 3 nodes"
  }

  # AC3: PostgreSQL Multi-AZ, encrypted with the customer-managed key, 30-day backups, protected.
  assert {
    condition = (
      aws_db_instance.platform_postgres_instance_72684512.multi_az &&
      aws_db_instance.platform_postgres_instance_72684512.storage_encrypted &&
      aws_db_instance.platform_postgres_instance_72684512.kms_key_id == aws_kms_key.platform_postgres_key_81ACE9D0.arn &&
      aws_db_instance.platform_postgres_instance_72684512.backup_retention_period == 30 &&
      aws_db_instance.platform_postgres_instance_72684512.deletion_protection &&
      !aws_db_instance.platform_postgres_instance_72684512.publicly_accessible &&
      !aws_db_instance.platform_postgres_instance_72684512.skip_final_snapshot
    )
    error_message = "AC3: RDS must be Multi-AZ, KMS-encrypted, keep 30 days of backups, be deletion-protected and private"
  }

  assert {
    condition     = aws_db_instance.platform_postgres_instance_72684512.manage_master_user_password && aws_db_instance.platform_postgres_instance_72684512.iam_database_authentication_enabled
    error_message = "AC3: no password in configuration: RDS-managed master secret and IAM authentication"
  }

  # AC4: Redis replication with failover, encrypted, snapshots kept 5 days in 03:00-05:00 UTC.
  assert {
    condition = (
      aws_elasticache_replication_group.platform_redis_replication-group_951D6D68.num_cache_clusters >= 2 &&
      aws_elasticache_replication_group.platform_redis_replication-group_951D6D68.automatic_failover_enabled &&
      aws_elasticache_replication_group.platform_redis_replication-group_951D6D68.multi_az_enabled &&
      aws_elasticache_replication_group.platform_redis_replication-group_951D6D68.at_rest_encryption_enabled == "true" &&
      aws_elasticache_replication_group.platform_redis_replication-group_951D6D68.transit_encryption_enabled &&
      aws_elasticache_replication_group.platform_redis_replication-group_951D6D68.kms_key_id == aws_kms_key.platform_redis_key_FDA99B26.arn
    )
    error_message = "AC4: Redis must replicate with automatic failover across zones, encrypted at rest (KMS) and in transit"
  }

  assert {
    condition = (
      aws_elasticache_replication_group.platform_redis_replication-group_951D6D68.snapshot_retention_limit == 5 &&
      aws_elasticache_replication_group.platform_redis_replication-group_951D6D68.snapshot_window == "03:00-05:00"
    )
    error_message = "AC4: Redis snapshots must be kept 5 days, taken 03:00-05:00 UTC"
  }

  # AC1/AC6: EKS control-plane logging and secrets encryption, private API.
  assert {
    condition = (
      length(setsubtract(["api", "audit", "authenticator", "controllerManager", "scheduler"], tolist(aws_eks_cluster.platform_cluster_7D72E0C2.enabled_cluster_log_types))) == 0 &&
      aws_eks_cluster.platform_cluster_7D72E0C2.encryption_config[0].provider[0].key_arn == aws_kms_key.platform_cluster_secrets-key_A606DB2D.arn &&
      contains(tolist(aws_eks_cluster.platform_cluster_7D72E0C2.encryption_config[0].resources), "secrets") &&
      aws_eks_cluster.platform_cluster_7D72E0C2.vpc_config[0].endpoint_private_access &&
      !aws_eks_cluster.platform_cluster_7D72E0C2.vpc_config[0].endpoint_public_access
    )
    error_message = "EKS must log all 5 control-plane log types, encrypt secrets with its key and keep the API private"
  }

  # AC6: 90-day retention, KMS encryption on every log group Terraform owns.
  assert {
    condition = alltrue([
      for g in [
        aws_cloudwatch_log_group.platform_cluster_log-group_B09A3AA8,
        aws_cloudwatch_log_group.platform_addon-identities_container-logs_28F6B256,
        aws_cloudwatch_log_group.platform_addon-identities_otel-metrics_60D877AD,
        aws_cloudwatch_log_group.platform_network_flow-log-group_0545A0B0,
        aws_cloudwatch_log_group.platform_postgres_log-group-postgresql_3BE633C9,
        aws_cloudwatch_log_group.platform_postgres_log-group-upgrade_AA4AE158,
        aws_cloudwatch_log_group.platform_redis_log-group-engine-log_A0C089B5,
        aws_cloudwatch_log_group.platform_redis_log-group-slow-log_9F2408D8,
      ] : g.retention_in_days == 90 && g.kms_key_id != null && g.kms_key_id != ""
    ])
    error_message = "AC6: every log group must keep 90 days and be KMS-encrypted"
  }

  assert {
    condition     = aws_cloudwatch_log_group.platform_cluster_log-group_B09A3AA8.name == "/aws/eks/ai-agents-prod/cluster"
    error_message = "AC6: control-plane logs go to /aws/eks/<name>/cluster (the guide's commands read it)"
  }

  # Data tier admits only the nodes.
  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.platform_postgres_ingress-0_3A993389.from_port == 5432 &&
      aws_vpc_security_group_ingress_rule.platform_postgres_ingress-0_3A993389.referenced_security_group_id == aws_eks_cluster.platform_cluster_7D72E0C2.vpc_config[0].cluster_security_group_id &&
      aws_vpc_security_group_ingress_rule.platform_redis_ingress-0_2C9DC87E.from_port == 6379 &&
      aws_vpc_security_group_ingress_rule.platform_redis_ingress-0_2C9DC87E.referenced_security_group_id == aws_eks_cluster.platform_cluster_7D72E0C2.vpc_config[0].cluster_security_group_id
    )
    error_message = "the data tier must admit 5432/6379 only from the nodes' security group"
  }

  # IMDSv2 with hop limit 1 on the nodes.
  assert {
    condition = (
      aws_launch_template.platform_nodes_launch-template_1EBD05D0.metadata_options[0].http_tokens == "required" &&
      aws_launch_template.platform_nodes_launch-template_1EBD05D0.metadata_options[0].http_put_response_hop_limit == 1
    )
    error_message = "nodes must require IMDSv2 with a hop limit of 1"
  }
}

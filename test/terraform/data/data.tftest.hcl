# HaPostgres and HaRedis applied against the mock provider: the guide's AC3/AC4 settings hold.
run "postgres" {
  command = apply

  assert {
    condition = alltrue([
      aws_db_instance.postgres_instance_919E2690.storage_encrypted,
      aws_db_instance.postgres_instance_919E2690.kms_key_id == aws_kms_key.postgres_key_53654BA9.arn,
      aws_db_instance.postgres_instance_919E2690.performance_insights_kms_key_id == aws_kms_key.postgres_key_53654BA9.arn,
      aws_db_instance.postgres_instance_919E2690.master_user_secret_kms_key_id == aws_kms_key.postgres_key_53654BA9.arn,
      aws_kms_key.postgres_key_53654BA9.enable_key_rotation,
    ])
    error_message = "PostgreSQL storage, Performance Insights and the master secret must be encrypted with the rotated customer-managed key"
  }

  assert {
    condition     = aws_db_instance.postgres_instance_919E2690.multi_az && !aws_db_instance.postgres_instance_919E2690.publicly_accessible
    error_message = "PostgreSQL must be Multi-AZ and never publicly accessible"
  }

  assert {
    condition = alltrue([
      aws_db_instance.postgres_instance_919E2690.backup_retention_period == 30,
      aws_db_instance.postgres_instance_919E2690.deletion_protection,
      !aws_db_instance.postgres_instance_919E2690.skip_final_snapshot,
      aws_db_instance.postgres_instance_919E2690.final_snapshot_identifier == "fixture-data-postgres-final",
    ])
    error_message = "PostgreSQL must keep 30 days of backups, be deletion-protected and take a final snapshot"
  }

  assert {
    condition = alltrue([
      aws_db_instance.postgres_instance_919E2690.manage_master_user_password,
      aws_db_instance.postgres_instance_919E2690.iam_database_authentication_enabled,
      aws_db_instance.postgres_instance_919E2690.password == null,
      one([for p in aws_db_parameter_group.postgres_parameter-group_121A1C1C.parameter : p.value if p.name == "rds.force_ssl"]) == "1",
    ])
    error_message = "PostgreSQL must use an RDS-managed master secret, IAM auth and enforced TLS"
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.postgres_ingress-0_8F1F8F38.from_port == 5432 && aws_vpc_security_group_ingress_rule.postgres_ingress-0_8F1F8F38.referenced_security_group_id == aws_security_group.nodes.id
    error_message = "PostgreSQL must admit 5432 from the node security group only"
  }
}

run "redis" {
  command = apply

  assert {
    condition = alltrue([
      aws_elasticache_replication_group.redis_replication-group_5BD9E6FB.automatic_failover_enabled,
      aws_elasticache_replication_group.redis_replication-group_5BD9E6FB.multi_az_enabled,
      aws_elasticache_replication_group.redis_replication-group_5BD9E6FB.num_cache_clusters >= 2,
    ])
    error_message = "Redis must have a replica with automatic failover across zones"
  }

  assert {
    condition = alltrue([
      aws_elasticache_replication_group.redis_replication-group_5BD9E6FB.at_rest_encryption_enabled == "true",
      aws_elasticache_replication_group.redis_replication-group_5BD9E6FB.kms_key_id == aws_kms_key.redis_key_62C733E5.arn,
      aws_elasticache_replication_group.redis_replication-group_5BD9E6FB.transit_encryption_enabled,
      aws_elasticache_replication_group.redis_replication-group_5BD9E6FB.transit_encryption_mode == "required",
    ])
    error_message = "Redis must be encrypted at rest with the customer-managed key and require TLS"
  }

  assert {
    condition = alltrue([
      aws_elasticache_replication_group.redis_replication-group_5BD9E6FB.snapshot_retention_limit == 5,
      aws_elasticache_replication_group.redis_replication-group_5BD9E6FB.snapshot_window == "03:00-05:00",
    ])
    error_message = "Redis must keep 5 daily snapshots taken in 03:00-05:00 UTC"
  }

  assert {
    condition = alltrue([
      aws_elasticache_user.redis_app-user_736F2E77.authentication_mode[0].type == "iam",
      aws_elasticache_user.redis_default-user_EF9C12C8.access_string == "off -@all",
      aws_elasticache_replication_group.redis_replication-group_5BD9E6FB.auth_token == null,
    ])
    error_message = "Redis must authenticate the app with IAM, switch off the default user and use no auth token"
  }
}

run "recovery" {
  command = apply

  assert {
    condition = alltrue([
      aws_backup_vault.backup_vault_A3268EAD.kms_key_arn == aws_kms_key.backup_key_AB270222.arn,
      aws_kms_key.backup_key_AB270222.enable_key_rotation,
      !aws_backup_vault.backup_vault_A3268EAD.force_destroy,
      contains(jsondecode(aws_backup_vault_policy.backup_vault-policy_754F1B0B.policy).Statement[0].Action, "backup:DeleteRecoveryPoint"),
      jsondecode(aws_backup_vault_policy.backup_vault-policy_754F1B0B.policy).Statement[0].Effect == "Deny",
    ])
    error_message = "The backup vault must be encrypted with the rotated customer-managed key and deny deleting recovery points"
  }

  assert {
    condition = alltrue([
      one(aws_backup_plan.backup_plan_FCCCE43A.rule).schedule == "cron(0 5 * * ? *)",
      one(aws_backup_plan.backup_plan_FCCCE43A.rule).lifecycle[0].delete_after == 35,
      one(aws_backup_plan.backup_plan_FCCCE43A.rule).target_vault_name == aws_backup_vault.backup_vault_A3268EAD.name,
      aws_backup_selection.backup_selection_31765CE5.plan_id == aws_backup_plan.backup_plan_FCCCE43A.id,
      one(aws_backup_selection.backup_selection_31765CE5.resources) == aws_db_instance.postgres_instance_919E2690.arn,
      jsondecode(aws_iam_role.backup_role_1FD82D33.assume_role_policy).Statement[0].Principal.Service == "backup.amazonaws.com",
    ])
    error_message = "AWS Backup must snapshot the database daily at 05:00 UTC into the vault and keep 35 days"
  }

  assert {
    condition = alltrue([
      aws_backup_restore_testing_plan.backup_restore-testing-plan_157A2962.schedule_expression == "cron(0 6 ? * SAT *)",
      aws_backup_restore_testing_plan.backup_restore-testing-plan_157A2962.recovery_point_selection[0].algorithm == "LATEST_WITHIN_WINDOW",
      one(aws_backup_restore_testing_plan.backup_restore-testing-plan_157A2962.recovery_point_selection[0].include_vaults) == aws_backup_vault.backup_vault_A3268EAD.arn,
      aws_backup_restore_testing_selection.backup_restore-testing-selection_6ACE5D11.protected_resource_type == "RDS",
      one(aws_backup_restore_testing_selection.backup_restore-testing-selection_6ACE5D11.protected_resource_arns) == aws_db_instance.postgres_instance_919E2690.arn,
      aws_backup_restore_testing_selection.backup_restore-testing-selection_6ACE5D11.restore_metadata_overrides["dbSubnetGroupName"] == aws_db_subnet_group.network_db-subnets_82F31EB8.name,
      aws_backup_restore_testing_selection.backup_restore-testing-selection_6ACE5D11.restore_metadata_overrides["vpcSecurityGroupIds"] == jsonencode([aws_security_group.backup_restore-test-security-group_3D14B74E.id]),
    ])
    error_message = "The weekly restore test must restore the newest recovery point into the database subnets behind the closed security group"
  }

  assert {
    condition = alltrue([
      aws_db_instance.postgres-restored_instance_B32A1D26.restore_to_point_in_time[0].source_db_instance_identifier == aws_db_instance.postgres_instance_919E2690.identifier,
      aws_db_instance.postgres-restored_instance_B32A1D26.identifier != aws_db_instance.postgres_instance_919E2690.identifier,
      aws_db_instance.postgres-restored_instance_B32A1D26.kms_key_id == aws_kms_key.postgres_key_53654BA9.arn,
      aws_db_instance.postgres-restored_instance_B32A1D26.multi_az,
      aws_db_instance.postgres-restored_instance_B32A1D26.deletion_protection,
      aws_db_instance.postgres-restored_instance_B32A1D26.storage_encrypted,
      aws_elasticache_replication_group.redis-seeded_replication-group_9FDDF8DA.snapshot_name == "fixture-data-redis-final",
    ])
    error_message = "The restored database and the seeded cache must be new resources next to the old ones, with every protection"
  }
}

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

# Mock defaults for the data tier (HaPostgres, HaRedis): well-formed ARNs and ids for computed attributes.
mock_resource "aws_db_instance" {
  defaults = {
    arn         = "arn:aws:rds:us-east-1:123456789012:db:mock-postgres"
    resource_id = "db-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    address     = "mock-postgres.abcdefghijkl.us-east-1.rds.amazonaws.com"
    endpoint    = "mock-postgres.abcdefghijkl.us-east-1.rds.amazonaws.com:5432"
    master_user_secret = [{
      kms_key_id    = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"
      secret_arn    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-00000000-0000-0000-0000-000000000000-AbCdEf"
      secret_status = "active"
    }]
  }
}
mock_resource "aws_db_parameter_group" {
  defaults = {
    arn = "arn:aws:rds:us-east-1:123456789012:pg:mock"
  }
}
mock_resource "aws_elasticache_replication_group" {
  defaults = {
    arn                      = "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:mock-redis"
    primary_endpoint_address = "master.mock-redis.abcdef.use1.cache.amazonaws.com"
    reader_endpoint_address  = "replica.mock-redis.abcdef.use1.cache.amazonaws.com"
  }
}
mock_resource "aws_elasticache_user" {
  defaults = {
    arn = "arn:aws:elasticache:us-east-1:123456789012:user:mock"
  }
}
mock_resource "aws_elasticache_user_group" {
  defaults = {
    arn = "arn:aws:elasticache:us-east-1:123456789012:usergroup:mock"
  }
}
mock_resource "aws_elasticache_parameter_group" {
  defaults = {
    arn = "arn:aws:elasticache:us-east-1:123456789012:parametergroup:mock"
  }
}
mock_resource "aws_backup_vault" {
  defaults = {
    arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:mock"
  }
}
mock_resource "aws_backup_plan" {
  defaults = {
    arn = "arn:aws:backup:us-east-1:123456789012:backup-plan:mock"
  }
}
mock_resource "aws_backup_restore_testing_plan" {
  defaults = {
    arn = "arn:aws:backup:us-east-1:123456789012:restore-testing-plan:mock"
  }
}

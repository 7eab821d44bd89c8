# HaPostgres's parameter group applied against the mock provider: TLS required, and the server log records
# slow statements, connections, disconnections, lock waits, temporary files and autovacuum runs.
run "postgres_server_logging" {
  command = apply

  assert {
    condition = {
      for p in aws_db_parameter_group.postgres_parameter-group_121A1C1C.parameter : p.name => "${p.value}/${p.apply_method}"
      } == {
      "rds.force_ssl"               = "1/pending-reboot"
      "log_min_duration_statement"  = "1000/immediate"
      "log_connections"             = "1/immediate"
      "log_disconnections"          = "1/immediate"
      "log_lock_waits"              = "1/immediate"
      "log_temp_files"              = "10240/immediate"
      "log_autovacuum_min_duration" = "5000/immediate"
    }
    error_message = "the parameter group must require TLS and set the logging parameters (applied immediately)"
  }

  assert {
    condition     = aws_db_instance.postgres_instance_919E2690.parameter_group_name == aws_db_parameter_group.postgres_parameter-group_121A1C1C.name
    error_message = "the instance must use the construct's parameter group"
  }
}

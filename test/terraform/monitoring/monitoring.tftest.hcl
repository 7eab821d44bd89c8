# The alerting building blocks used alone, applied against the mock provider: the topic, its subscribers and
# policy, the alarms with the fixture's thresholds, the RDS event subscription and the ElastiCache event rule.
run "alerting_building_blocks" {
  command = apply

  assert {
    condition = (
      aws_sns_topic.alerts_topic_3313844B.name == "fixture-alerts-alerts" &&
      aws_sns_topic.alerts_topic_3313844B.kms_master_key_id == aws_kms_key.alerts_key_FC9ECF44.arn
    )
    error_message = "the topic is <name>-alerts, encrypted with its own key"
  }

  assert {
    condition = (
      aws_sns_topic_subscription.alerts_email-0_ECD0CBB7.protocol == "email" &&
      aws_sns_topic_subscription.alerts_email-0_ECD0CBB7.endpoint == "oncall@example.com" &&
      aws_sns_topic_subscription.alerts_https-0_3506BC71.protocol == "https" &&
      aws_sns_topic_subscription.alerts_https-0_3506BC71.endpoint == "https://hooks.example.com/alerts" &&
      !aws_sns_topic_subscription.alerts_https-0_3506BC71.endpoint_auto_confirms
    )
    error_message = "one e-mail and one HTTPS subscription from the props"
  }

  assert {
    condition = length([
      for s in jsondecode(aws_sns_topic_policy.alerts_policy_B19E4474.policy).Statement : s
      if s.Effect == "Deny" && try(s.Condition.Bool["aws:SecureTransport"], "") == "false" && s.Principal == "*"
    ]) == 1
    error_message = "the topic policy must deny every request without TLS"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.postgres-alarms_free-storage_0F47547E.threshold == 200 * 1073741824 * 20 / 100 &&
      aws_cloudwatch_metric_alarm.postgres-alarms_free-storage_0F47547E.dimensions["DBInstanceIdentifier"] == aws_db_instance.postgres_instance_919E2690.identifier &&
      one(aws_cloudwatch_metric_alarm.postgres-alarms_free-storage_0F47547E.insufficient_data_actions) == aws_sns_topic.alerts_topic_3313844B.arn &&
      try(length(aws_cloudwatch_metric_alarm.postgres-alarms_free-storage_0F47547E.ok_actions), 0) == 0 &&
      contains(jsondecode(aws_cloudwatch_event_rule.postgres-alarms_recovered_DCADED05.event_pattern).detail.alarmName, aws_cloudwatch_metric_alarm.postgres-alarms_free-storage_0F47547E.alarm_name) &&
      aws_cloudwatch_event_target.postgres-alarms_recovered-target_FFB6A083.arn == aws_sns_topic.alerts_topic_3313844B.arn
    )
    error_message = "the free storage alarm is 20% of the 200 GiB allocated, on the instance, notifying on INSUFFICIENT_DATA, and back to OK through the recovery rule"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.redis-alarms_fixture-alerts-redis-003-evictions_465F197C.dimensions["CacheClusterId"] == "fixture-alerts-redis-003" &&
      aws_cloudwatch_metric_alarm.redis-alarms_fixture-alerts-redis-003-evictions_465F197C.threshold == 100
    )
    error_message = "the third Redis node has its own alarms with the given threshold"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.cluster-alarms_certificate-expiry_270CF93D.threshold == 21 * 86400 &&
      aws_cloudwatch_metric_alarm.cluster-alarms_node-disk_33BF8F0F.threshold == 100 * 1073741824 * 20 / 100 &&
      aws_cloudwatch_metric_alarm.cluster-alarms_node-disk_33BF8F0F.dimensions["k8s.cluster.name"] == "fixture-alerts"
    )
    error_message = "cluster alarms follow the props: 21 days, 80% of a 100 GiB disk"
  }

  assert {
    condition = (
      aws_db_event_subscription.postgres_events_6DA1B7D1.sns_topic == aws_sns_topic.alerts_topic_3313844B.arn &&
      contains(aws_db_event_subscription.postgres_events_6DA1B7D1.event_categories, "failover") &&
      aws_cloudwatch_event_target.redis_events-target_2ECCC8EE.arn == aws_sns_topic.alerts_topic_3313844B.arn &&
      jsondecode(aws_cloudwatch_event_rule.redis_events_8116C942.event_pattern).source == ["aws.elasticache"]
    )
    error_message = "RDS events and ElastiCache failure events reach the topic"
  }
}

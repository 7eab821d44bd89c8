# Alerting of examples/prod's infrastructure stack, asserted on the applied (mock) values: one encrypted topic
# with the example's e-mail subscriber, every alarm notifying it on ALARM and OK, the RDS event subscription and
# the ElastiCache notifications on the same topic, the node group's launch failures routed there, one dashboard.

run "alerting" {
  command = apply

  assert {
    condition = (
      aws_sns_topic.platform_alerts_topic_0BF07A7F.name == "ai-agents-prod-alerts" &&
      aws_sns_topic.platform_alerts_topic_0BF07A7F.kms_master_key_id == aws_kms_key.platform_alerts_key_A796D122.arn &&
      aws_kms_key.platform_alerts_key_A796D122.enable_key_rotation
    )
    error_message = "one topic <name>-alerts, encrypted with its own rotating customer-managed key"
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_sns_topic_policy.platform_alerts_policy_9593A6B0.policy).Statement :
      s.Effect == "Deny" && try(s.Condition.Bool["aws:SecureTransport"], "") == "false"
    ])
    error_message = "the topic policy must refuse requests without TLS"
  }

  assert {
    condition = (
      aws_sns_topic_subscription.platform_alerts_email-0_940F8E46.protocol == "email" &&
      aws_sns_topic_subscription.platform_alerts_email-0_940F8E46.endpoint == "devops@example.com" &&
      aws_sns_topic_subscription.platform_alerts_email-0_940F8E46.topic_arn == aws_sns_topic.platform_alerts_topic_0BF07A7F.arn
    )
    error_message = "the example subscribes PLATFORM_ALERT_EMAILS (placeholder devops@example.com) by e-mail"
  }

  assert {
    condition = alltrue([
      for a in [
        aws_cloudwatch_metric_alarm.platform_monitoring_postgres_cpu_356421F9,
        aws_cloudwatch_metric_alarm.platform_monitoring_postgres_free-storage_B47C5852,
        aws_cloudwatch_metric_alarm.platform_monitoring_postgres_freeable-memory_9CE5030B,
        aws_cloudwatch_metric_alarm.platform_monitoring_postgres_connections_F6213BAB,
        aws_cloudwatch_metric_alarm.platform_monitoring_redis_ai-agents-prod-redis-001-engine-cpu_0DEC00B4,
        aws_cloudwatch_metric_alarm.platform_monitoring_redis_ai-agents-prod-redis-002-replication-lag_03FFE68A,
        aws_cloudwatch_metric_alarm.platform_monitoring_nodes-alarms_ready-nodes_7F229435,
        aws_cloudwatch_metric_alarm.platform_monitoring_cluster_certificate-expiry_4724281E,
        aws_cloudwatch_metric_alarm.platform_monitoring_cluster_node-disk_08ED790A,
        aws_cloudwatch_metric_alarm.platform_monitoring_cluster_crash-loop_FAE7BB82,
      ] : one(a.alarm_actions) == aws_sns_topic.platform_alerts_topic_0BF07A7F.arn && try(length(a.ok_actions), 0) == 0
    ])
    error_message = "every alarm must notify the topic on ALARM, and have no OK action (a new alarm's first OK would notify)"
  }

  assert {
    condition = alltrue([
      for t in [
        aws_cloudwatch_event_target.platform_monitoring_postgres_recovered-target_E9DC81F7,
        aws_cloudwatch_event_target.platform_monitoring_redis_recovered-target_FFFE2513,
        aws_cloudwatch_event_target.platform_monitoring_nodes-alarms_recovered-target_D21343ED,
        aws_cloudwatch_event_target.platform_monitoring_cluster_recovered-target_C5AD778E,
      ] : t.arn == aws_sns_topic.platform_alerts_topic_0BF07A7F.arn
    ]) && jsondecode(aws_cloudwatch_event_rule.platform_monitoring_nodes-alarms_recovered_D5D1C37C.event_pattern).detail.previousState.value == ["ALARM"]
    error_message = "the way back from ALARM to OK reaches the topic through the recovery rules"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.platform_monitoring_postgres_free-storage_B47C5852.dimensions["DBInstanceIdentifier"] == aws_db_instance.platform_postgres_instance_72684512.identifier &&
      aws_cloudwatch_metric_alarm.platform_monitoring_postgres_free-storage_B47C5852.threshold == aws_db_instance.platform_postgres_instance_72684512.allocated_storage * 1073741824 / 10
    )
    error_message = "the free storage alarm watches the instance at 10% of its allocated storage"
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.platform_monitoring_redis_ai-agents-prod-redis-002-replication-lag_03FFE68A.dimensions["CacheClusterId"] == "${aws_elasticache_replication_group.platform_redis_replication-group_951D6D68.replication_group_id}-002"
    error_message = "Redis alarms are per member cluster <group>-00N"
  }

  # ElastiCache's own notifications refuse encrypted topics: its failure events come through EventBridge.
  assert {
    condition = (
      aws_elasticache_replication_group.platform_redis_replication-group_951D6D68.notification_topic_arn == null &&
      jsondecode(aws_cloudwatch_event_rule.platform_redis_events_FEB7469B.event_pattern).source == ["aws.elasticache"] &&
      aws_cloudwatch_event_target.platform_redis_events-target_9FD82E67.arn == aws_sns_topic.platform_alerts_topic_0BF07A7F.arn
    )
    error_message = "ElastiCache failure events must reach the topic through an EventBridge rule"
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.platform_monitoring_nodes-alarms_ready-nodes_7F229435.dimensions["eks.nodegroup.name"] == aws_eks_node_group.platform_nodes_node-group_9E1EF1A3.labels["eks-platform/node-group"] &&
      aws_cloudwatch_metric_alarm.platform_monitoring_nodes-alarms_ready-nodes_7F229435.dimensions["k8s.cluster.name"] == aws_eks_cluster.platform_cluster_7D72E0C2.name &&
      aws_cloudwatch_metric_alarm.platform_monitoring_nodes-alarms_ready-nodes_7F229435.threshold == aws_eks_node_group.platform_nodes_node-group_9E1EF1A3.scaling_config[0].min_size &&
      jsondecode(aws_cloudwatch_event_rule.platform_monitoring_nodes-alarms_launch-failures_1B1D6CEE.event_pattern).detail.AutoScalingGroupName[0] == aws_eks_node_group.platform_nodes_node-group_9E1EF1A3.resources[0].autoscaling_groups[0].name &&
      aws_cloudwatch_event_target.platform_monitoring_nodes-alarms_launch-failures-target_6B4CF1CD.arn == aws_sns_topic.platform_alerts_topic_0BF07A7F.arn
    )
    error_message = "the node group alarm counts Ready nodes of the group by the label it sets on its nodes, against its minimum; the launch-failure rule watches the Auto Scaling group EKS created"
  }

  assert {
    condition = (
      aws_db_event_subscription.platform_postgres_events_9EF9CCA9.sns_topic == aws_sns_topic.platform_alerts_topic_0BF07A7F.arn &&
      one(aws_db_event_subscription.platform_postgres_events_9EF9CCA9.source_ids) == aws_db_instance.platform_postgres_instance_72684512.identifier &&
      length(setintersection(aws_db_event_subscription.platform_postgres_events_9EF9CCA9.event_categories, ["failover", "failure", "low storage", "maintenance", "notification"])) == 5
    )
    error_message = "the RDS event subscription sends the instance's failover, failure, low storage, maintenance and notification events to the topic"
  }

  assert {
    condition     = aws_cloudwatch_dashboard.platform_monitoring_dashboard_E85E26FC.dashboard_name == "ai-agents-prod-platform" && strcontains(aws_cloudwatch_dashboard.platform_monitoring_dashboard_E85E26FC.dashboard_body, "\"eks.nodegroup.name\",\"${aws_eks_node_group.platform_nodes_node-group_9E1EF1A3.labels["eks-platform/node-group"]}\"")
    error_message = "one dashboard <name>-platform with the real node group name"
  }
}

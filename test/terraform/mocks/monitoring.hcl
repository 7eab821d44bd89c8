# Mock defaults for the alerting pieces (NotificationTopic, alarms, event rules, dashboard): the provider
# validates the ARNs alarms and rules point at.
mock_resource "aws_sns_topic" {
  defaults = {
    arn = "arn:aws:sns:us-east-1:123456789012:mock-alerts"
  }
}
mock_resource "aws_sns_topic_subscription" {
  defaults = {
    arn = "arn:aws:sns:us-east-1:123456789012:mock-alerts:00000000-0000-0000-0000-000000000000"
  }
}
mock_resource "aws_cloudwatch_metric_alarm" {
  defaults = {
    arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:mock"
  }
}
mock_resource "aws_cloudwatch_event_rule" {
  defaults = {
    arn = "arn:aws:events:us-east-1:123456789012:rule/mock"
  }
}
mock_resource "aws_db_event_subscription" {
  defaults = {
    arn = "arn:aws:rds:us-east-1:123456789012:es:mock"
  }
}
mock_resource "aws_cloudwatch_dashboard" {
  defaults = {
    dashboard_arn = "arn:aws:cloudwatch::123456789012:dashboard/mock"
  }
}

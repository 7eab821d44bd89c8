/**
 * The RDS and ElastiCache events the data tier forwards to the notification topic, and the names ElastiCache gives
 * a replication group's members, as the services document them (each with its source). HaPostgres and HaRedis
 * use them; src/monitoring/metric-facts.ts re-exports them beside the metric facts, and
 * test/monitoring/metric-facts.test.ts checks the synthesized subscriptions against them.
 */

/**
 * RDS event categories of a DB instance (source type db-instance), from "Amazon RDS event categories and event
 * messages", and the ones the subscription forwards: what needs a person (failover, failure, low storage,
 * maintenance, notification, availability, recovery, security patching, deletion), not the daily backup and
 * configuration-change chatter.
 */
export const RDS_INSTANCE_EVENT_CATEGORIES = {
  source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html (awsdocs/amazon-rds-user-guide@07f207aaf5992bd81915b228982d08e6a9079878 doc_source/USER_Events.Messages.md)',
  all: [
    'availability', 'backup', 'configuration change', 'creation', 'deletion', 'failover', 'failure', 'low storage',
    'maintenance', 'notification', 'read replica', 'recovery', 'restoration', 'security', 'security patching',
  ],
  categories: [
    'availability', 'deletion', 'failover', 'failure', 'low storage', 'maintenance', 'notification', 'recovery', 'security patching',
  ],
};

/**
 * Names ElastiCache gives the member clusters of a replication group with cluster mode disabled: the group id,
 * a hyphen and a three-digit node number starting at 001 (the CacheClusterId dimension of per-node metrics).
 */
export const ELASTICACHE_MEMBER_CLUSTERS = {
  source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Replication.CreatingReplGroup.NoExistingCluster.Classic.html ("myReplGroup-001" primary, "-002" to "-006" replicas)',
  memberId: (replicationGroupId: string, index: number): string => `${replicationGroupId}-${String(index + 1).padStart(3, '0')}`,
};

/**
 * ElastiCache events in EventBridge (source `aws.elasticache`): the service events it sends directly, of which
 * the failure-type ones are forwarded. ElastiCache's own SNS notifications cannot publish to an encrypted
 * topic (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ElastiCacheSNS.html: "The Amazon SNS topic
 * you are publishing to cannot be encrypted"; its policy must also use aws:SourceOwner).
 */
export const ELASTICACHE_EVENTBRIDGE = {
  source: 'https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-elasticache.html',
  allDetailTypes: [
    'Cache Created', 'Cache Creation Failed', 'Cache Deleted', 'Snapshot Created', 'Snapshot Creation Failed',
    'Cache Update Failed', 'Cache Updated', 'Cache Limit Approaching', 'Snapshot Export Failed', 'Snapshot Copy Failed',
  ],
  failureDetailTypes: [
    'Cache Creation Failed', 'Cache Deleted', 'Snapshot Creation Failed', 'Cache Update Failed', 'Cache Limit Approaching',
    'Snapshot Export Failed', 'Snapshot Copy Failed',
  ],
};

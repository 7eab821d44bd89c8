/** The infrastructure stack's outputs (the guide's names): what operators and the in-cluster stack read. */
import { Lazy, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { HaEksCluster } from '../cluster/ha-eks-cluster';
import { DatabaseBackup } from '../data/database-backup';
import { HaPostgres } from '../data/ha-postgres';
import { HaRedis } from '../data/ha-redis';
import { NotificationTopic } from '../monitoring/notification-topic';
import { PlatformAlerts } from '../monitoring/platform-alerts';

/** The parts of the platform the outputs read (ProductionEksPlatform has them; declared here so the two files do not import each other). */
export interface PlatformOutputSources extends Construct {
  readonly cluster: HaEksCluster;
  readonly postgres: HaPostgres;
  readonly databaseBackup?: DatabaseBackup;
  readonly redis: HaRedis;
  readonly notificationTopic: NotificationTopic;
  readonly alerts: PlatformAlerts;
  readonly kubeconfigCommand: string;
  readonly nextSteps: string;
}

export function writePlatformOutputs(p: PlatformOutputSources): void {
  const out = (id: string, value: string, description: string) =>
    new TerraformOutput(p, id, { value, description, staticId: true });
  out('cluster_name', p.cluster.name, 'EKS cluster name');
  out('cluster_endpoint', p.cluster.endpoint, 'EKS API server endpoint (private unless public CIDRs were given)');
  out('cluster_ca_certificate', p.cluster.certificateAuthorityData, 'EKS cluster CA certificate, base64 (public data, not a secret)');
  // The guide uses rds_endpoint as the host (`psql -h <RDS_ENDPOINT>`): the address, not host:port.
  out('rds_endpoint', p.postgres.address, 'PostgreSQL host name (port 5432); connect over TLS (sslmode=verify-full)');
  out('rds_master_secret_arn', p.postgres.masterUserSecretArn, 'Secrets Manager ARN of the RDS-managed master password (the value never leaves Secrets Manager)');
  // Recovery (README "Restore"): a restored instance must use the database's key; the vault holds the daily backups.
  out('rds_kms_key_arn', p.postgres.kmsKeyArn, 'KMS key of the database: kmsKeyArn of an instance restored from it');
  if (p.databaseBackup) out('backup_vault_name', p.databaseBackup.vaultName, 'AWS Backup vault with the daily database recovery points');
  out('elasticache_endpoint', p.redis.primaryEndpointAddress, 'Redis primary endpoint (TLS, IAM-authenticated users)');
  out('elasticache_reader_endpoint', p.redis.readerEndpointAddress, 'Redis reader endpoint');
  out('kubeconfig_command', p.kubeconfigCommand, 'Configures kubectl for the cluster');
  // Lazy: application namespaces added after the platform was built (addApplicationNamespace) are listed too.
  out('next_steps', Lazy.stringValue({ produce: () => p.nextSteps }), "The guide's verification commands for this environment");
  out('alerts_topic_arn', p.notificationTopic.topicArn, 'SNS topic of every alarm, RDS event and ElastiCache event (subscribe on-call to it)');
  if (p.alerts.dashboard) out('dashboard_url', p.alerts.dashboard.url, 'CloudWatch dashboard of the environment');
}

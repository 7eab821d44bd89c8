/** The runbook's recovery.md: database and cache failover, restore, node replacement. */
import { RunbookFacts } from './runbook-facts';

export function recoveryPage(f: RunbookFacts): string {
  return `## Database failover

\`\`\`bash
aws rds reboot-db-instance --region ${f.region} --db-instance-identifier ${f.dbIdentifier} --force-failover
watch -n 10 "aws rds describe-db-instances --region ${f.region} --db-instance-identifier ${f.dbIdentifier} \\
  --query 'DBInstances[0].[DBInstanceStatus,AvailabilityZone,SecondaryAvailabilityZone]' --output text"
\`\`\`
Failover usually takes 1-3 minutes; the endpoint name stays the same, clients reconnect.

${restore(f)}
## Cache restore

A cache is seeded, never restored in place: add a \`HaRedis\` with a new \`replicationGroupId\` (for example
\`${f.redisReplicationGroupId}-r1\`), a new \`appUserName\` and \`snapshotName\` set to a snapshot from
\`aws elasticache describe-snapshots --region ${f.region} --replication-group-id ${f.redisReplicationGroupId}\`
(the final one is \`${f.redisReplicationGroupId}-final\`), switch clients, then retire the old group as for the database.

## Cache failover

\`\`\`bash
aws elasticache test-failover --region ${f.region} --replication-group-id ${f.redisReplicationGroupId} --node-group-id 0001
watch -n 5 "aws elasticache describe-replication-groups --region ${f.region} --replication-group-id ${f.redisReplicationGroupId} \\
  --query 'ReplicationGroups[0].[Status,NodeGroups[0].NodeGroupMembers[*].CurrentRole]' --output text"
\`\`\`

## Node replacement

\`\`\`bash
kubectl cordon <node-name>
kubectl drain <node-name> --ignore-daemonsets --delete-emptydir-data
# The managed node group's Auto Scaling group replaces a terminated instance
aws autoscaling describe-auto-scaling-groups --region ${f.region} \\
  --filters Name=tag:eks:cluster-name,Values=${f.clusterName} --query 'AutoScalingGroups[].[AutoScalingGroupName,DesiredCapacity]'
aws ec2 terminate-instances --region ${f.region} --instance-ids <instance-id>
kubectl get nodes -L topology.kubernetes.io/zone -w
\`\`\`
Node groups roll at most a third of their nodes at a time on updates; pod disruption budgets hold the ingress
controller and CoreDNS available during drains.
`;
}

function restore(f: RunbookFacts): string {
  const id = f.dbIdentifier;
  const vault = f.backupVaultName;
  const points = vault
    ? `aws backup list-recovery-points-by-backup-vault --region ${f.region} --backup-vault-name ${vault} \\
  --query 'RecoveryPoints[].[RecoveryPointArn,CreationDate,Status]' --output table`
    : `aws rds describe-db-snapshots --region ${f.region} --db-instance-identifier ${id} \\
  --query 'DBSnapshots[*].[DBSnapshotIdentifier,SnapshotCreateTime,Status]' --output table`;
  return `## Database restore (a reviewed change, never in place)

A restore creates a NEW instance next to \`${id}\`; the old one keeps running, protected, until clients have
moved. Setting a restore prop on the existing instance would replace it (\`UpgradeSafety.compare\` reports it).

1. Pick the source: the latest restorable time, a UTC moment before the incident, or a snapshot.

   \`\`\`bash
   aws rds describe-db-instances --region ${f.region} --db-instance-identifier ${id} \\
     --query 'DBInstances[0].[LatestRestorableTime,KmsKeyId]' --output text
   ${points.replace(/\n/g, '\n   ')}
   \`\`\`
2. Add the restored instance in code, next to the old one, and apply (plan shows only additions):

   \`\`\`ts
   new HaPostgres(stack, 'postgres-restored', {
     name, network, allowedSecurityGroupIds,          // as for the original
     identifier: '${id}-r1',                   // a new identifier
     restoreToPointInTime: { sourceInstanceIdentifier: '${id}', restoreTime: '2026-11-30T23:45:00Z' },
     // or: snapshotIdentifier: '<snapshot id or ARN from step 1>',
     kmsKeyArn: '<KmsKeyId from step 1>',         // the source's key (output rds_kms_key_arn); RDS keeps it
   });
   \`\`\`
   The restored instance gets Multi-AZ, encryption, backups, deletion protection, TLS and an RDS-managed master
   secret like any other; database and master user names come from the source. Wait for \`available\`:
   \`aws rds wait db-instance-available --region ${f.region} --db-instance-identifier ${id}-r1\`.
3. Check the data (as the master user, password from the restored instance's own secret), then switch clients:
   point the application's database host from the old address (output \`rds_endpoint\`) to the new
   instance's \`address\` and roll the workloads. Tenant roles and grants come with the data.
4. Retire the old instance in a separate reviewed change: first set its \`deletionProtection: false\` and
   \`preventDestroy: false\` (acknowledged in \`ProductionBaseline\`), apply, then remove it; RDS takes the final
   snapshot \`${id}-final\`. Inside \`ProductionEksPlatform\` the platform's own instance cannot be removed from
   code (no prop retires it yet): keep both until the environment is rebuilt, or rebuild it seeded from a
   snapshot with \`postgres: { snapshotIdentifier, kmsKeyArn }\` (a new environment, not an in-place change).

Manual alternative for an emergency outside Terraform (import the instance afterwards):

\`\`\`bash
aws rds restore-db-instance-to-point-in-time --region ${f.region} --source-db-instance-identifier ${id} \\
  --target-db-instance-identifier ${id}-r1 --restore-time <UTC timestamp> --multi-az --no-publicly-accessible \\
  --db-subnet-group-name <subnet group of ${id}> --vpc-security-group-ids <security group of ${id}> --deletion-protection
\`\`\`
Without \`--db-subnet-group-name\` and \`--vpc-security-group-ids\` RDS uses the default subnet group and
security group, and without \`--multi-az\` the restore is single-AZ.
`;
}

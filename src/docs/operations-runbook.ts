import * as fs from 'fs';
import * as path from 'path';
import { alertsPage, extractAlerting } from './alerts-page';
import { RunbookAlarm } from './runbook-alarm';
import { readSynthOutput, SynthOutput } from './synth-output';
import { EKS_VERSION_CALENDAR } from '../cluster/eks-version-calendar';

// RunbookAlarm has a file of its own (the alerts page and the runbook both use it): exported from here as before.
export * from './runbook-alarm';

/** The names and identifiers of a deployed environment that the runbook fills in. */
export interface RunbookFacts {
  /** AWS region of the cluster (from the AWS provider of the cluster's stack). */
  readonly region: string;
  /** Name of the EKS cluster. */
  readonly clusterName: string;
  /** Kubernetes minor version of the control plane (for example `1.34`). */
  readonly kubernetesVersion: string;
  /** Name of the control-plane log group (`/aws/eks/<cluster>/cluster`). */
  readonly clusterLogGroup: string;
  /** Names of the managed node groups. A name prefix is given as `<prefix>*` (EKS appends a suffix). */
  readonly nodeGroupNames: string[];
  /** RDS instance identifier of the PostgreSQL database. */
  readonly dbIdentifier: string;
  /** Name of the PostgreSQL database. */
  readonly dbName: string;
  /** PostgreSQL master user name. */
  readonly dbUser: string;
  /** PostgreSQL port. */
  readonly dbPort: number;
  /** Whether IAM database authentication is enabled on the PostgreSQL instance. */
  readonly dbIamAuth: boolean;
  /** The application's database role, which signs in with IAM tokens (`TenantIsolationSchema` grants it `rds_iam`). */
  readonly dbAppUser: string;
  /** ID of the ElastiCache Redis replication group. */
  readonly redisReplicationGroupId: string;
  /** Name of the Redis user that authenticates with IAM. */
  readonly redisUser: string;
  /** Redis port. */
  readonly redisPort: number;
  /** Namespace of the ingress-nginx controller. */
  readonly ingressNamespace: string;
  /** Name of the ingress controller's Kubernetes Service (`<fullname>-controller`). */
  readonly ingressService: string;
  /** Namespace of cert-manager. */
  readonly certManagerNamespace: string;
  /** Names of the cert-manager ClusterIssuers (for example `letsencrypt-staging`, `letsencrypt-prod`). */
  readonly clusterIssuers: string[];
  /** The application namespace (the one that enforces the `restricted` Pod Security Standard). */
  readonly appNamespace: string;
  /** Service account of the application workloads in `appNamespace`. */
  readonly appServiceAccount: string;
  /** Namespace of the OpenTelemetry collector. */
  readonly observabilityNamespace: string;
  /** Name of the OpenTelemetry collector's Kubernetes Service. */
  readonly otelService: string;
  /** Names of the log groups that Terraform owns. */
  readonly logGroups: string[];
  /**
   * Name of the notification topic every alarm and event goes to.
   * @default - no alerting in this app
   */
  readonly alertsTopic?: string;
  /**
   * Name of the environment's CloudWatch dashboard.
   * @default - no dashboard in this app
   */
  readonly dashboardName?: string;
  /**
   * The CloudWatch alarms of the environment.
   * @default - none
   */
  readonly alarms?: RunbookAlarm[];
  /**
   * Name of the AWS Backup vault of the database (`DatabaseBackup`).
   * @default - the app has no DatabaseBackup: the runbook falls back to the instance's automated backups
   */
  readonly backupVaultName?: string;
  /**
   * Name of the AWS Backup restore testing plan of the database.
   * @default - no automated restore test: the weekly restore test is a manual point-in-time restore
   */
  readonly restoreTestingPlanName?: string;
  /**
   * Schedule (cron expression, UTC) of the daily AWS Backup of the database.
   * @default - no AWS Backup plan
   */
  readonly backupSchedule?: string;
  /**
   * Schedule (cron expression, UTC) of the restore test.
   * @default - no restore testing plan
   */
  readonly restoreTestSchedule?: string;
}

const UNKNOWN = '<not in this app>';

/**
 * The reference guide's verification, troubleshooting, recovery and maintenance procedures, generated for
 * one deployed environment: every command carries the real names read from the synthesized app, and the
 * guide's weak spots are fixed (no plaintext passwords: IAM tokens and Secrets Manager; TLS to PostgreSQL
 * with certificate verification and to Redis; IAM authentication where the platform uses it).
 */
export class OperationsRunbook {
  /** Reads a cdktf output directory (the one holding `manifest.json`). */
  public static fromOutputDirectory(outDir: string): OperationsRunbook {
    return new OperationsRunbook(extractFacts(readSynthOutput(outDir)));
  }

  /** Builds the runbook from facts given directly. */
  public static fromFacts(facts: RunbookFacts): OperationsRunbook {
    return new OperationsRunbook(facts);
  }

  /** @param facts the names and identifiers of the environment the runbook is written for */
  private constructor(public readonly facts: RunbookFacts) {}

  /** Markdown files by name (`README.md`, `verification.md`, ...). */
  public files(): { [file: string]: string } {
    const header = (title: string) => [
      `# ${title}: ${this.facts.clusterName}`,
      '',
      '<!-- Generated by OperationsRunbook from the synthesized app (npx projen docs). Do not edit. -->',
      '',
    ].join('\n');
    return {
      'README.md': header('Operations') + this.index(),
      'verification.md': header('Verification') + this.verification(),
      'troubleshooting.md': header('Troubleshooting') + this.troubleshooting(),
      'recovery.md': header('Recovery') + this.recovery(),
      'maintenance.md': header('Maintenance') + this.maintenance(),
      'alerts.md': header('Alerts') + alertsPage({ ...this.facts, alarms: this.facts.alarms ?? [] }),
    };
  }

  /** Writes the files into `dir` (created if needed) and returns their paths. */
  public writeTo(dir: string): string[] {
    fs.mkdirSync(dir, { recursive: true });
    return Object.entries(this.files()).map(([name, text]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    });
  }

  private index(): string {
    const f = this.facts;
    return `Environment \`${f.clusterName}\` in \`${f.region}\` (Kubernetes ${f.kubernetesVersion}).

| procedure | file |
| --- | --- |
| Verify the cluster, data tier, ingress/TLS, monitoring and security after every apply | [verification.md](verification.md) |
| Diagnose nodes, pods, database, TLS | [troubleshooting.md](troubleshooting.md) |
| Database failover, cache failover, node replacement | [recovery.md](recovery.md) |
| Daily to quarterly tasks | [maintenance.md](maintenance.md) |
| Alarms, who they notify, first steps; the dashboard | [alerts.md](alerts.md) |

Resources these procedures act on:

| what | name |
| --- | --- |
| EKS cluster | \`${f.clusterName}\` |
| node groups | ${f.nodeGroupNames.map((n) => `\`${n}\``).join(', ') || UNKNOWN} |
| PostgreSQL instance | \`${f.dbIdentifier}\` (database \`${f.dbName}\`) |
| Redis replication group | \`${f.redisReplicationGroupId}\` |
| ingress controller | namespace \`${f.ingressNamespace}\`, service \`${f.ingressService}\` |
| cluster issuers | ${f.clusterIssuers.map((n) => `\`${n}\``).join(', ')} |
| log groups (Terraform-owned) | ${f.logGroups.map((n) => `\`${n}\``).join(', ') || UNKNOWN} |

Differences from the original hand-built runbook, on purpose: no database password exists anywhere (RDS keeps
the master secret in Secrets Manager, encrypted with a customer-managed key; people and pods connect with
IAM authentication tokens), every PostgreSQL connection verifies the server certificate
(\`sslmode=verify-full\`), Redis is reached over TLS with an IAM-authenticated user, and cluster access goes
through EKS access entries rather than the \`aws-auth\` ConfigMap.
`;
  }

  private verification(): string {
    const f = this.facts;
    return `## Cluster (AC1, AC2)

\`\`\`bash
aws eks update-kubeconfig --region ${f.region} --name ${f.clusterName}
kubectl cluster-info

# At least 3 Ready nodes, one per availability zone
kubectl get nodes -L topology.kubernetes.io/zone
kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.labels.topology\\.kubernetes\\.io/zone}{"\\n"}{end}' | sort -u | wc -l   # expect 3

# System pods: aws-node (with the network policy agent), coredns (2+ replicas), kube-proxy, eks-pod-identity-agent, ebs-csi
kubectl get pods -n kube-system
kubectl get deploy coredns -n kube-system -o jsonpath='{.status.readyReplicas}{"\\n"}'   # expect >= 2

# Control plane logs (all five log types, ${f.clusterLogGroup})
aws logs describe-log-groups --region ${f.region} --log-group-name-prefix ${f.clusterLogGroup} \\
  --query 'logGroups[].[logGroupName,retentionInDays,kmsKeyId]'
aws logs tail ${f.clusterLogGroup} --region ${f.region} --since 10m
\`\`\`

## Ingress and TLS (AC5)

\`\`\`bash
kubectl get pods -n ${f.ingressNamespace} -o wide        # replicas spread over zones
kubectl get svc ${f.ingressService} -n ${f.ingressNamespace}   # EXTERNAL-IP is the NLB host name
kubectl get pods -n ${f.certManagerNamespace}
kubectl get clusterissuer                                  # ${f.clusterIssuers.join(', ')}: READY True
\`\`\`

## PostgreSQL (AC3)

No password is stored anywhere: the admin reads the RDS-managed master secret at run time, the application
role signs in with a 15-minute IAM token, and every connection verifies the server certificate.

\`\`\`bash
DB_HOST=$(aws rds describe-db-instances --region ${f.region} --db-instance-identifier ${f.dbIdentifier} \\
  --query 'DBInstances[0].Endpoint.Address' --output text)
curl -sSo /tmp/rds-ca.pem https://truststore.pki.rds.amazonaws.com/${f.region}/${f.region}-bundle.pem

# As the master user ${f.dbUser}: its password stays in Secrets Manager
SECRET_ARN=$(aws rds describe-db-instances --region ${f.region} --db-instance-identifier ${f.dbIdentifier} \\
  --query 'DBInstances[0].MasterUserSecret.SecretArn' --output text)
PGPASSWORD=$(aws secretsmanager get-secret-value --region ${f.region} --secret-id "$SECRET_ARN" --query SecretString --output text | jq -r .password) \\
  psql "host=$DB_HOST port=${f.dbPort} dbname=${f.dbName} user=${f.dbUser} sslmode=verify-full sslrootcert=/tmp/rds-ca.pem" \\
  -c 'SELECT version();'                                    # PostgreSQL 16.x

# As the application role ${f.dbAppUser} (IAM authentication; the tenant-isolation schema grants it rds_iam)
PGPASSWORD=$(aws rds generate-db-auth-token --region ${f.region} --hostname "$DB_HOST" --port ${f.dbPort} --username ${f.dbAppUser}) \\
  psql "host=$DB_HOST port=${f.dbPort} dbname=${f.dbName} user=${f.dbAppUser} sslmode=verify-full sslrootcert=/tmp/rds-ca.pem" \\
  -c 'SELECT current_user;'

# Multi-AZ, encryption, backups (expect true, true, 30, a window)
aws rds describe-db-instances --region ${f.region} --db-instance-identifier ${f.dbIdentifier} \\
  --query 'DBInstances[0].[MultiAZ,StorageEncrypted,BackupRetentionPeriod,PreferredBackupWindow,DeletionProtection]'
aws rds describe-db-snapshots --region ${f.region} --db-instance-identifier ${f.dbIdentifier} \\
  --query 'DBSnapshots[*].[DBSnapshotIdentifier,SnapshotCreateTime,Status]'
\`\`\`

${f.dbIamAuth ? '' : '> IAM database authentication is off in this app: use the master secret from Secrets Manager instead of the token.\n\n'}Tenant isolation: the application role sees only the tenant it sets for the transaction, and nothing when none is set:

\`\`\`sql
BEGIN;
SELECT set_config('app.current_tenant_id', '<tenant-uuid>', true);  -- true: this transaction only
SELECT count(*) FROM tenant_data;   -- only that tenant's rows
COMMIT;
SELECT count(*) FROM tenant_data;   -- 0 after COMMIT, not an error: the tenant does not outlive the transaction
\`\`\`

Never set the tenant with a session-level \`SET\`: on a pooled connection it survives into the next request. A pool
must run \`DISCARD ALL\` (or \`RESET ALL\`) when a connection is returned.

## Redis (AC4)

\`\`\`bash
REDIS_HOST=$(aws elasticache describe-replication-groups --region ${f.region} --replication-group-id ${f.redisReplicationGroupId} \\
  --query 'ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint.Address' --output text)
# TLS is required and the default user is disabled: an unauthenticated PING must be refused
kubectl run redis-test --rm -it --restart=Never --image=redis:7 -- redis-cli --tls -h "$REDIS_HOST" -p ${f.redisPort} PING   # NOAUTH ...
# Applications authenticate as '${f.redisUser}' with an IAM token (SigV4-signed, generated by the AWS SDK in the pod)

aws elasticache describe-replication-groups --region ${f.region} --replication-group-id ${f.redisReplicationGroupId} \\
  --query 'ReplicationGroups[0].[SnapshotRetentionLimit,SnapshotWindow,AutomaticFailover,MultiAZ,AtRestEncryptionEnabled,TransitEncryptionEnabled]'
# expect 5, 03:00-05:00, enabled, enabled, true, true
aws elasticache describe-replication-groups --region ${f.region} --replication-group-id ${f.redisReplicationGroupId} \\
  --query 'ReplicationGroups[0].NodeGroups[0].NodeGroupMembers[*].[CacheClusterId,PreferredAvailabilityZone,CurrentRole]'
\`\`\`

## Monitoring (AC6)

\`\`\`bash
aws logs describe-log-groups --region ${f.region} --log-group-name-prefix /aws/ \\
  --query 'logGroups[].[logGroupName,retentionInDays]'      # Terraform-owned groups: 90 days
kubectl get pods -n ${f.observabilityNamespace}
kubectl port-forward -n ${f.observabilityNamespace} svc/${f.otelService} 8888:8888 &
curl -s localhost:8888/metrics | head
\`\`\`

## Security (AC2)

\`\`\`bash
kubectl auth can-i list pods --as=system:serviceaccount:${f.appNamespace}:${f.appServiceAccount} -n ${f.appNamespace}      # yes
kubectl auth can-i delete secrets --as=system:serviceaccount:${f.appNamespace}:${f.appServiceAccount} -n ${f.appNamespace}  # no
kubectl get rolebindings,networkpolicies -n ${f.appNamespace}
kubectl get ns ${f.appNamespace} --show-labels                 # pod-security.kubernetes.io/enforce=restricted

# Default deny: a pod in ${f.appNamespace} reaches nothing that is not explicitly allowed
kubectl run np-test -n ${f.appNamespace} --rm -it --restart=Never --image=busybox:1.36 \\
  --overrides='{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":65534,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"np-test","image":"busybox:1.36","command":["wget","-T","5","-qO-","http://kubernetes.default"],"securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}}'
# expect a timeout
\`\`\`
`;
  }

  private troubleshooting(): string {
    const f = this.facts;
    return `## Nodes not Ready

\`\`\`bash
kubectl describe node <node-name>
aws eks describe-nodegroup --region ${f.region} --cluster-name ${f.clusterName} --nodegroup-name ${nodeGroupArgument(f)} \\
  --query 'nodegroup.[status,health]'
# Console output of an instance (nodes have no SSH key; use SSM Session Manager for a shell)
aws ec2 get-console-output --region ${f.region} --instance-id <instance-id> --latest
aws ssm start-session --region ${f.region} --target <instance-id>
\`\`\`
Common causes: node role missing a policy, security group changes, the vpc-cni add-on degraded
(\`aws eks describe-addon --cluster-name ${f.clusterName} --addon-name vpc-cni\`).

## Pods Pending

\`\`\`bash
kubectl describe pod <pod> -n <namespace>
kubectl get events -n <namespace> --sort-by=.lastTimestamp
kubectl logs -n kube-system deploy/cluster-autoscaler | tail -50     # is a scale-up blocked?
\`\`\`
In \`${f.appNamespace}\`, pods must satisfy Pod Security \`restricted\` (non-root, no privilege escalation,
seccomp RuntimeDefault, all capabilities dropped): a rejected pod shows a \`violates PodSecurity\` event.

## Database connection failures

\`\`\`bash
# From a pod in the cluster (the database admits 5432 only from the cluster nodes' security group)
kubectl run psql-debug --rm -it --restart=Never --image=postgres:16 -- bash
aws ec2 describe-security-group-rules --region ${f.region} \\
  --filters Name=group-id,Values=$(aws rds describe-db-instances --region ${f.region} --db-instance-identifier ${f.dbIdentifier} \\
  --query 'DBInstances[0].VpcSecurityGroups[0].VpcSecurityGroupId' --output text)
\`\`\`
\`FATAL: PAM authentication failed\`: the IAM token expired (15 minutes) or the IAM principal lacks
\`rds-db:connect\` on \`dbuser:<resource-id>/${f.dbAppUser}\`. \`no pg_hba.conf entry ... SSL off\`: the client did not use TLS
(\`rds.force_ssl\` is on).

## TLS certificate not issuing

\`\`\`bash
kubectl logs -n ${f.certManagerNamespace} deploy/cert-manager --tail=100
kubectl describe certificate <name> -n ${f.appNamespace}
kubectl get orders,challenges -n ${f.appNamespace}
kubectl describe clusterissuer ${f.clusterIssuers[f.clusterIssuers.length - 1] ?? 'letsencrypt-prod'}
\`\`\`
Common causes: DNS does not point at the ingress NLB yet, HTTP-01 challenge blocked (the challenge solver pod
in \`${f.appNamespace}\` must be reachable from \`${f.ingressNamespace}\`; the default-deny policy allows exactly that), Let's
Encrypt rate limits (test with \`letsencrypt-staging\` first).

## In-cluster apply fails: values don't meet the specifications of the schema(s)

\`\`\`text
Error: values don't meet the specifications of the schema(s) in the following chart(s):
nginx-ingress:
Get "https://raw.githubusercontent.com/nginxinc/kubernetes-json-schema/...": dial tcp ...: i/o timeout
\`\`\`
The F5 NGINX chart (\`nginx-ingress\`) validates its values against a \`values.schema.json\` whose \`$ref\`s point at
raw.githubusercontent.com; Helm downloads them on every install and upgrade (upstream nginx/kubernetes-ingress
issues #5374 and #7193). Helm runs on the machine that applies the in-cluster stack: give it HTTPS access to
raw.githubusercontent.com (as well as to the chart repositories), for example in the egress proxy's allow-list,
then apply again. The atomic release has rolled back; nothing is left half-installed.
`;
  }

  private recovery(): string {
    const f = this.facts;
    return `## Database failover

\`\`\`bash
aws rds reboot-db-instance --region ${f.region} --db-instance-identifier ${f.dbIdentifier} --force-failover
watch -n 10 "aws rds describe-db-instances --region ${f.region} --db-instance-identifier ${f.dbIdentifier} \\
  --query 'DBInstances[0].[DBInstanceStatus,AvailabilityZone,SecondaryAvailabilityZone]' --output text"
\`\`\`
Failover usually takes 1-3 minutes; the endpoint name stays the same, clients reconnect.

${this.restore()}
## Cache restore

A cache is seeded, never restored in place: add a \`HaRedis\` with a new \`replicationGroupId\` (for example
\`${this.facts.redisReplicationGroupId}-r1\`), a new \`appUserName\` and \`snapshotName\` set to a snapshot from
\`aws elasticache describe-snapshots --region ${this.facts.region} --replication-group-id ${this.facts.redisReplicationGroupId}\`
(the final one is \`${this.facts.redisReplicationGroupId}-final\`), switch clients, then retire the old group as for the database.

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

  /** The restore workflow of README "Restore", with the real names. */
  private restore(): string {
    const f = this.facts;
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

  /** The daily backup check of the maintenance table. */
  private backupJobRow(): string {
    const f = this.facts;
    if (!f.backupVaultName) {
      return `| daily | the automated backup ran | \`aws rds describe-db-instances --region ${f.region} --db-instance-identifier ${f.dbIdentifier} --query 'DBInstances[0].LatestRestorableTime'\` is minutes old |`;
    }
    return `| daily | the AWS Backup job (${f.backupSchedule ?? 'daily'}) and the automated backup ran | \`aws backup list-backup-jobs --region ${f.region} --by-backup-vault-name ${f.backupVaultName} --by-state FAILED\` is empty; \`LatestRestorableTime\` of \`${f.dbIdentifier}\` is minutes old |`;
  }

  /** The weekly restore test row of the maintenance table. */
  private restoreTestRow(): string {
    const f = this.facts;
    if (f.restoreTestingPlanName) {
      return `| weekly (automated, ${f.restoreTestSchedule ?? 'scheduled'}) | AWS Backup restores the newest recovery point of \`${f.backupVaultName}\` into the database subnets and deletes it after the validation window; check the result | \`aws backup list-restore-jobs --region ${f.region} --by-restore-testing-plan-arn <ARN of ${f.restoreTestingPlanName}>\` shows \`COMPLETED\`; a failed job needs the [recovery.md](recovery.md) restore by hand |`;
    }
    return '| weekly | restore test of the newest automated snapshot into a scratch instance | [recovery.md](recovery.md) database restore, then retire the scratch instance |';
  }

  private maintenance(): string {
    const f = this.facts;
    const endOfStandard = EKS_VERSION_CALENDAR[f.kubernetesVersion]?.endOfStandardSupport;
    return `| when | task | how |
| --- | --- | --- |
| daily | errors in control-plane and container logs | \`aws logs tail ${f.clusterLogGroup} --region ${f.region} --since 24h --filter-pattern error\` |
| daily | node, database and cache health | automated: ${(f.alarms ?? []).filter((a) => /ready-nodes|postgres|redis/.test(a.name)).length} node group, database and cache alarms ([alerts.md](alerts.md)) notify \`${f.alertsTopic ?? UNKNOWN}\`; dashboard \`${f.dashboardName ?? UNKNOWN}\`. Connectivity from a pod stays manual (no metric sees the client side): [verification.md](verification.md) PostgreSQL and Redis sections |
${this.backupJobRow()}
| daily | certificate expiry (cert-manager renews 30 days ahead) | automated: alarm ${alarmList(f, /certificate-expiry/)}; by hand: \`kubectl get certificate -A\` |
| daily | crash-looping workloads | automated: alarm ${alarmList(f, /crash-loop/)} |
${this.restoreTestRow()}
| weekly | cache snapshots exist | \`aws elasticache describe-snapshots --region ${f.region} --replication-group-id ${f.redisReplicationGroupId}\` |
| weekly | disk usage on nodes | automated: alarm ${alarmList(f, /node-disk/)} |
| weekly | autoscaling activity | \`kubectl logs -n kube-system deploy/cluster-autoscaler \\| grep -i scale\` |
| monthly | recreate the environment from code in a scratch account; review security group rules and RBAC | \`cdktf diff\` must show no drift |
| ${endOfStandard ? `before ${endOfStandard}` : 'monthly'} | Kubernetes minor upgrade: ${f.kubernetesVersion} leaves EKS standard support ${endOfStandard ? `on ${endOfStandard}` : 'on the date in the EKS calendar'} (synth warns 90 days ahead; with support type STANDARD, EKS then upgrades the control plane itself and synth refuses the old version) | raise \`kubernetesVersion\` one minor and apply the infrastructure stack: the plan shows the control plane, then the managed add-ons at EKS's default for the new version (\`data.aws_eks_addon_version\`; pinned ones in \`addonVersions\` stay), then the node groups; the autoscaler image follows on the next in-cluster apply |
| quarterly | database parameter and cache eviction review, load test of scaling | |

Still by hand, and why: reading logs for errors (no fixed pattern separates a real error from noise; the
alarms cover the symptoms that matter: crash loops, node, database and cache health); client connectivity
to the database and cache (an alarm sees the server, not the network path from a pod); the cache snapshot
check and disaster-recovery drills (no metric says a restore would work; the database's restore test is
automated where the app has one, see above); security group, RBAC and network policy reviews, upgrades,
parameter and eviction tuning and load tests (decisions, not signals).
`;
  }
}

/** The alarm names matching `re`, as inline code, or a placeholder when the app has none. */
function alarmList(f: RunbookFacts, re: RegExp): string {
  const names = (f.alarms ?? []).map((a) => a.name).filter((n) => re.test(n));
  return names.length ? names.map((n) => `\`${n}\``).join(', ') : UNKNOWN;
}

function extractFacts(out: SynthOutput): RunbookFacts {
  const resources = out.resources;
  const of = (type: string) => resources.filter((r) => r.type === type);
  const cfg = (type: string) => of(type)[0]?.config ?? {};
  const cluster = cfg('aws_eks_cluster');
  const db = cfg('aws_db_instance');
  const redis = cfg('aws_elasticache_replication_group');
  const releases = of('helm_release').map((r) => r.config);
  const release = (re: RegExp) => releases.find((r) => re.test(String(r.chart ?? '')) || re.test(String(r.name ?? '')));
  const ingress = release(/nginx/);
  const certManager = releases.find((r) => r.chart === 'cert-manager');
  const otel = release(/opentelemetry|otel/);
  const values = (r: any): any => {
    try {
      return JSON.parse(r?.values?.[0] ?? '{}');
    } catch {
      return {};
    }
  };
  // Plain objects the library renders into local charts (values.objects).
  const objects: any[] = releases.flatMap((r) => values(r).objects ?? []);
  const issuers = objects.filter((o) => o.kind === 'ClusterIssuer').map((o) => String(o.metadata.name));
  const appNs = objects.find((o) => o.kind === 'Namespace' && o.metadata.labels?.['pod-security.kubernetes.io/enforce'] === 'restricted');
  const appNamespace = String(appNs?.metadata.name ?? 'production');
  const binding = objects.find((o) => o.kind === 'RoleBinding' && o.metadata.namespace === appNamespace);
  const ingressName = values(ingress).fullnameOverride;
  const logGroups = of('aws_cloudwatch_log_group').map((r) => r.config.name).filter((n): n is string => typeof n === 'string').sort();
  const clusterName = String(cluster.name ?? UNKNOWN);
  const redisUser = of('aws_elasticache_user').map((r) => r.config).find((u) => u.authentication_mode?.type === 'iam');
  const clusterStack = of('aws_eks_cluster')[0]?.stack ?? out.stacks[0];
  const region = String(out.providers[clusterStack]?.aws?.[0]?.region ?? '<region>');
  return {
    region,
    clusterName,
    kubernetesVersion: String(cluster.version ?? UNKNOWN),
    clusterLogGroup: logGroups.find((g) => g === `/aws/eks/${clusterName}/cluster`) ?? `/aws/eks/${clusterName}/cluster`,
    // A name prefix (create_before_destroy node groups) is shown as `<prefix>*`: EKS appends a timestamp.
    nodeGroupNames: of('aws_eks_node_group').map((r) => String(r.config.node_group_name
      ?? (r.config.node_group_name_prefix !== undefined ? `${r.config.node_group_name_prefix}*` : r.name))),
    dbIdentifier: String(db.identifier ?? UNKNOWN),
    dbName: String(db.db_name ?? UNKNOWN),
    dbUser: String(db.username ?? UNKNOWN),
    dbPort: Number(db.port ?? 5432),
    dbIamAuth: db.iam_database_authentication_enabled === true,
    dbAppUser: String(db['//']?.application_role ?? `${String(db.db_name ?? 'app')}_app`), // HaPostgres writes it
    redisReplicationGroupId: String(redis.replication_group_id ?? UNKNOWN),
    redisUser: String(redisUser?.user_name ?? UNKNOWN),
    redisPort: Number(redis.port ?? 6379),
    ingressNamespace: String(ingress?.namespace ?? 'ingress-nginx'),
    ingressService: ingressName ? `${ingressName}-controller` : 'ingress-nginx-controller',
    certManagerNamespace: String(certManager?.namespace ?? 'cert-manager'),
    clusterIssuers: issuers.length ? issuers : ['letsencrypt-staging', 'letsencrypt-prod'],
    appNamespace,
    appServiceAccount: String(binding?.subjects?.[0]?.name ?? 'app-sa'),
    observabilityNamespace: String(otel?.namespace ?? 'observability'),
    otelService: String(values(otel).fullnameOverride ?? 'otel-collector'),
    logGroups,
    ...extractAlerting(out),
    ...backupFacts(out),
  };
}

/** The AWS Backup vault, plan and restore test of the database, when the app has them. */
function backupFacts(out: SynthOutput): Partial<RunbookFacts> {
  const first = (type: string) => out.resources.find((r) => r.type === type)?.config;
  const vault = first('aws_backup_vault');
  if (!vault) return {};
  const plan = first('aws_backup_plan');
  const testPlan = first('aws_backup_restore_testing_plan');
  const literal = (v: unknown) => (typeof v === 'string' && !v.includes('${') ? v : undefined);
  return {
    backupVaultName: literal(vault.name),
    backupSchedule: literal([plan?.rule ?? []].flat()[0]?.schedule),
    restoreTestingPlanName: literal(testPlan?.name),
    restoreTestSchedule: literal(testPlan?.schedule_expression),
  };
}


/** The first node group's name for the CLI; a prefixed name (`general-*`) is looked up with list-nodegroups. */
function nodeGroupArgument(f: { region: string; clusterName: string; nodeGroupNames: string[] }): string {
  const name = f.nodeGroupNames[0];
  if (name === undefined) return '<node-group>';
  if (!name.endsWith('*')) return name;
  return `"$(aws eks list-nodegroups --region ${f.region} --cluster-name ${f.clusterName} `
    + `--query \"nodegroups[?starts_with(@, '${name.slice(0, -1)}')] | [0]\" --output text)"`;
}

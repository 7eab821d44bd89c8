/** The runbook's maintenance.md: daily to quarterly tasks, what is automated and what stays manual. */
import { alarmList, UNKNOWN } from './runbook-extract';
import { RunbookFacts } from './runbook-facts';
import { EKS_VERSION_CALENDAR } from '../cluster/eks-version-calendar';

export function maintenancePage(f: RunbookFacts): string {
  const endOfStandard = EKS_VERSION_CALENDAR[f.kubernetesVersion]?.endOfStandardSupport;
  return `| when | task | how |
| --- | --- | --- |
| daily | errors in control-plane and container logs | \`aws logs tail ${f.clusterLogGroup} --region ${f.region} --since 24h --filter-pattern error\` |
| daily | node, database and cache health | automated: ${(f.alarms ?? []).filter((a) => /ready-nodes|postgres|redis/.test(a.name)).length} node group, database and cache alarms ([alerts.md](alerts.md)) notify \`${f.alertsTopic ?? UNKNOWN}\`; dashboard \`${f.dashboardName ?? UNKNOWN}\`. Connectivity from a pod (no metric sees the client side): ${(f.applicationNamespaces ?? []).length ? 'each namespace\'s self-test, [applications.md](applications.md), after every apply and when an application cannot connect' : 'by hand, [verification.md](verification.md) PostgreSQL and Redis sections'} |
${backupJobRow(f)}
| daily | certificate expiry (cert-manager renews 30 days ahead) | automated: alarm ${alarmList(f, /certificate-expiry/)}; by hand: \`kubectl get certificate -A\` |
| daily | crash-looping workloads | automated: alarm ${alarmList(f, /crash-loop/)} |
${restoreTestRow(f)}
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

function backupJobRow(f: RunbookFacts): string {
  if (!f.backupVaultName) {
    return `| daily | the automated backup ran | \`aws rds describe-db-instances --region ${f.region} --db-instance-identifier ${f.dbIdentifier} --query 'DBInstances[0].LatestRestorableTime'\` is minutes old |`;
  }
  return `| daily | the AWS Backup job (${f.backupSchedule ?? 'daily'}) and the automated backup ran | \`aws backup list-backup-jobs --region ${f.region} --by-backup-vault-name ${f.backupVaultName} --by-state FAILED\` is empty; \`LatestRestorableTime\` of \`${f.dbIdentifier}\` is minutes old |`;
}

function restoreTestRow(f: RunbookFacts): string {
  if (f.restoreTestingPlanName) {
    return `| weekly (automated, ${f.restoreTestSchedule ?? 'scheduled'}) | AWS Backup restores the newest recovery point of \`${f.backupVaultName}\` into the database subnets and deletes it after the validation window; check the result | \`aws backup list-restore-jobs --region ${f.region} --by-restore-testing-plan-arn <ARN of ${f.restoreTestingPlanName}>\` shows \`COMPLETED\`; a failed job needs the [recovery.md](recovery.md) restore by hand |`;
  }
  return '| weekly | restore test of the newest automated snapshot into a scratch instance | [recovery.md](recovery.md) database restore, then retire the scratch instance |';
}

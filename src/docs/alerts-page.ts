import { RunbookAlarm } from './runbook-alarm';
import { SynthOutput } from './synth-output';

/** The alerting facts of a synthesized app: topic, alarms and dashboard. */
export function extractAlerting(out: SynthOutput): { alertsTopic?: string; dashboardName?: string; alarms: RunbookAlarm[] } {
  const configs = (type: string) => out.resources.filter((r) => r.type === type).map((r) => r.config);
  const alarms = configs('aws_cloudwatch_metric_alarm').map((a) => ({
    name: String(a.alarm_name),
    metric: `${a.namespace} ${a.metric_name}`,
    description: String(a.alarm_description ?? '').replace(/ See docs\/operations\/alerts\.md\.$/, ''),
  })).sort((a, b) => a.name.localeCompare(b.name));
  return {
    alertsTopic: configs('aws_sns_topic')[0]?.name,
    dashboardName: configs('aws_cloudwatch_dashboard')[0]?.dashboard_name,
    alarms,
  };
}

/** What to do first when an alarm fires, by the metric it watches. */
const FIRST_STEPS: { [metric: string]: string } = {
  'AWS/RDS CPUUtilization': 'Performance Insights top SQL; [troubleshooting.md](troubleshooting.md) "Database connection failures"; scale the instance class if sustained.',
  'AWS/RDS FreeStorageSpace': 'Storage autoscaling has not kept up or hit its ceiling: raise `maxAllocatedStorageGiB` and apply; find bloat (`pg_stat_user_tables`).',
  'AWS/RDS FreeableMemory': 'Look for connection storms and large sorts (`temp files` in the PostgreSQL log); scale the instance class.',
  'AWS/RDS DatabaseConnections': 'Find the client holding connections (`pg_stat_activity` by `application_name`); use a pool.',
  'AWS/ElastiCache EngineCPUUtilization': 'Slow log (log group `SLOW_LOG`); large keys or O(N) commands.',
  'AWS/ElastiCache DatabaseMemoryUsagePercentage': 'Keys without TTL grow the data set; scale the node type before evictions start.',
  'AWS/ElastiCache Evictions': 'Keys are being lost: scale the node type, check TTLs.',
  'AWS/ElastiCache ReplicationLag': 'A replica behind the primary loses that much data on failover; check the primary\'s write rate and network.',
};
const PLATFORM_STEPS: Array<[RegExp, string]> = [
  [/certificate_expiry/, '`kubectl get certificate -A`, `kubectl describe certificaterequest -A`, cert-manager logs; [troubleshooting.md](troubleshooting.md) "TLS certificate not issuing".'],
  [/filesystem\.available/, '`kubectl describe node` (DiskPressure), prune images with a node replacement, or raise the node group\'s `diskSizeGiB`.'],
  [/condition_ready/, '`kubectl get nodes -L eks-platform/node-group` (NotReady or missing nodes), `kubectl describe node`; the launch-failure events on the topic say why instances do not start; [recovery.md](recovery.md) "Node replacement". INSUFFICIENT_DATA: `kubectl get pods -n observability` (the collector).'],
  [/container\.restarts/, '`kubectl get pods -A --sort-by=.status.containerStatuses[0].restartCount`, then `kubectl logs --previous` of the worst one.'],
];

/** `alerts.md`: what notifies whom, every alarm with its condition and first steps, and the dashboard. */
export function alertsPage(f: {
  region: string; clusterName: string; alertsTopic?: string; dashboardName?: string; alarms: RunbookAlarm[]; logGroups: string[];
}): string {
  const slowLog = f.logGroups.find((g) => g.endsWith('/slow-log')) ?? '/aws/elasticache/<replication group>/slow-log';
  const step = (metric: string) => (FIRST_STEPS[metric] ?? PLATFORM_STEPS.find(([re]) => re.test(metric))?.[1] ?? '').replace('SLOW_LOG', slowLog);
  const topic = f.alertsTopic ?? '<not in this app>';
  return `Every alarm below notifies the SNS topic \`${topic}\` when it goes to ALARM; those whose condition
mentions INSUFFICIENT_DATA also when their metric stops for the whole evaluation range (the service or the
collector stopped reporting). An EventBridge rule per alarm group (\`*-recovered\`) tells the topic when an
alarm goes from ALARM back to OK. There is no OK action on the alarms themselves: a new alarm starts in
INSUFFICIENT_DATA, and its first healthy evaluation is a change to OK that would notify on every apply.

Right after an apply, nothing notifies. The database and cache alarms wait in INSUFFICIENT_DATA (grey in the
console and on the dashboard) until RDS and ElastiCache report, then turn OK. The cluster alarms and the node
groups' Ready-nodes alarms read the OpenTelemetry collector's metrics, which start only with the in-cluster
stack: between the infrastructure apply and the in-cluster apply they stay INSUFFICIENT_DATA, without a
message, and turn OK one alarm period after their first datapoint (5 minutes after the collector starts;
certificate-expiry an hour after the first certificate is issued). Ready nodes or node disk still grey 15
minutes after the in-cluster apply: the collector is not exporting (\`kubectl get pods -n observability\`, its
log group). Later, a change to INSUFFICIENT_DATA of an alarm that notifies on it is a message.

The same topic receives the database's RDS events (failover, failure, low storage, maintenance, notification)
and, through EventBridge rules, ElastiCache's failure events (ElastiCache's own notifications cannot publish to
an encrypted topic) and the node group's unsuccessful instance launches and terminations.

Who gets it: \`aws sns list-subscriptions-by-topic --region ${f.region} --topic-arn "$(terraform output -raw alerts_topic_arn)"\`.
A new e-mail subscription receives nothing until it is confirmed from the mail AWS sends.

Dashboard: \`${f.dashboardName ?? '<not in this app>'}\` (CloudWatch, region ${f.region}; output \`dashboard_url\`): alarm
status, data tier, nodes and workloads, ingress load balancer.

| alarm | metric | fires when | first steps |
| --- | --- | --- | --- |
${f.alarms.map((a) => `| \`${a.name}\` | ${a.metric} | ${a.description} | ${step(a.metric)} |`).join('\n')}

Which of the guide's checks are automated is listed in [maintenance.md](maintenance.md).
`;
}

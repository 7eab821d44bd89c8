/** How the runbook reads what it knows of an environment from the synthesized app, and small helpers of its pages. */
import { extractAlerting } from './alerts-page';
import { RunbookFacts } from './runbook-facts';
import { SynthOutput } from './synth-output';

/** Placeholder for a name the synthesized app does not have. */
export const UNKNOWN = '<not in this app>';

/** The alarm names matching `re`, as inline code, or a placeholder when the app has none. */
export function alarmList(f: RunbookFacts, re: RegExp): string {
  const names = (f.alarms ?? []).map((a) => a.name).filter((n) => re.test(n));
  return names.length ? names.map((n) => `\`${n}\``).join(', ') : UNKNOWN;
}

export function extractFacts(out: SynthOutput): RunbookFacts {
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
    applicationNamespaces: releases.flatMap((r) => (values(r).objects ?? [])
      .filter((o: any) => o.kind === 'Pod' && o.metadata?.annotations?.['helm.sh/hook'] === 'test' && /^app-self-test-/.test(String(o.metadata?.name)))
      .map((o: any) => ({
        namespace: String(o.metadata.namespace),
        serviceAccount: String(o.spec?.serviceAccountName ?? 'default'),
        releaseName: String(r.name),
        releaseNamespace: String(r.namespace ?? 'default'),
      }))),
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
export function nodeGroupArgument(f: { region: string; clusterName: string; nodeGroupNames: string[] }): string {
  const name = f.nodeGroupNames[0];
  if (name === undefined) return '<node-group>';
  if (!name.endsWith('*')) return name;
  return `"$(aws eks list-nodegroups --region ${f.region} --cluster-name ${f.clusterName} `
    + `--query \"nodegroups[?starts_with(@, '${name.slice(0, -1)}')] | [0]\" --output text)"`;
}

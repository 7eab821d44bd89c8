import { RunbookApplicationNamespace } from './runbook-facts';
import { appSelfTestCommand, appSelfTestPodName } from '../addons/private/app-self-test';
import { APP_SELF_TEST_STEPS } from '../addons/private/app-self-test-script';

/** What the runbook's self-test section needs to know about one application namespace. */
export type AppSelfTestRunbookFacts = RunbookApplicationNamespace;

/** Per step: what a pass proves, and where to look first when it fails. */
const STEP_HELP: { [step: string]: [string, string] } = {
  'dns': ['the pod resolves cluster names', 'egress to CoreDNS (UDP and TCP 53) in the NetworkPolicies; CoreDNS pods Ready in kube-system'],
  'credentials': ['the EKS Pod Identity agent gives the service account its role\'s credentials',
    'HTTP 4xx: the Pod Identity association (namespace, service account, role) in `aws eks list-pod-identity-associations`; '
    + 'not reachable: egress to 169.254.170.23:80 (and [fd00:ec2::23]:80) and the eks-pod-identity-agent DaemonSet'],
  'rds-token': ['an RDS IAM token is signed for the database user', 'PGHOST, PGPORT, PGUSER and AWS_REGION in the app-connection ConfigMap'],
  'elasticache-token': ['an ElastiCache IAM token is signed for the Redis user', 'REDIS_REPLICATION_GROUP_ID, REDIS_USER and AWS_REGION in the ConfigMap'],
  'postgres-tls': ['TLS to PostgreSQL with the server certificate verified for PGHOST (verify-full)',
    'cannot connect: egress to the database port in the NetworkPolicies and the database security group; not verified: the rds-ca-bundle ConfigMap is the bundle of this region'],
  'postgres-login': ['the database user logs in with the IAM token', '`28P01`/PAM failure: the role lacks `rds-db:connect` on `dbuser:<DbiResourceId>/<user>`, or the token is older '
    + 'than 15 minutes; "asked for a password": the database user is not granted `rds_iam` (re-run the schema script)'],
  'postgres-tenant': ['the tenant set per transaction sees only its rows, cannot write another\'s, and does not outlive the transaction',
    'the tenant-isolation schema (RLS enabled and forced, policies, the role neither superuser nor BYPASSRLS): re-run `TenantIsolationSchema.sql()`'],
  'redis-tls': ['TLS to the Redis primary endpoint with its certificate verified', 'egress to the cache port in the NetworkPolicies and the cache security group; REDIS_HOST'],
  'redis-auth': ['the Redis user authenticates with the IAM token', '`WRONGPASS`: the role lacks `elasticache:Connect` on the replication group and the user, or the user is not in the group\'s user group'],
  'redis-prefix': ['a key under REDIS_KEY_PREFIX can be written, read and deleted', 'the Redis user\'s access string (`~<prefix>*`) and REDIS_KEY_PREFIX agree'],
  'redis-outside-prefix': ['a key outside the prefix is refused (NOPERM): namespaces cannot read each other\'s keys',
    'the Redis user\'s access string: it must name only `~<prefix>*`, never `~*` or `allkeys`'],
  'otlp': ['the collector accepts one OTLP/HTTP data point', 'egress to the collector (4318) in the NetworkPolicies; the collector pods in observability'],
  'internet-refused': ['the internet is not reachable from the namespace', 'a NetworkPolicy that opens 0.0.0.0/0 or a broad ipBlock (no denial may rely on `except`)'],
  'namespace-refused': ['another namespace is not reachable', 'a NetworkPolicy with a namespaceSelector or ipBlock that covers other namespaces\' pods'],
  'imds-refused': ['the node\'s instance metadata service is not reachable', 'a NetworkPolicy that covers 169.254.169.254/32 (for example 0.0.0.0/0)'],
};

/**
 * The runbook section for the application self-test of one namespace: the command, what each line proves,
 * and where to look when a step fails. Markdown, with the environment's names filled in.
 */
export function appSelfTestRunbook(f: AppSelfTestRunbookFacts): string {
  const command = appSelfTestCommand(f.namespace, f.releaseName, f.releaseNamespace);
  const pod = appSelfTestPodName(f.namespace);
  const rows = APP_SELF_TEST_STEPS.map((step) => {
    const [proves, check] = STEP_HELP[step] ?? ['', ''];
    return `| \`${step}\` | ${proves} | ${check} |`;
  });
  return `## Application self-test: ${f.namespace}

Runs the path an application pod takes, from inside \`${f.namespace}\`, as \`${f.serviceAccount}\` and under the namespace's
NetworkPolicies: cluster DNS, AWS credentials, IAM logins to PostgreSQL and Redis over verified TLS, tenant
isolation, the Redis key prefix, telemetry, and that the internet, other namespaces and the instance metadata
service are refused. Run it after every apply that touches the namespace, and when an application cannot connect.

\`\`\`bash
${command}
\`\`\`

It prints one line per step, \`ok <step>: <detail>\` or \`FAIL <step>: <detail>\`, stops at the first failure and
exits non-zero; \`ok all: ${APP_SELF_TEST_STEPS.length} steps passed\` ends a clean run. The pod \`${pod}\` stays until the
next run: \`kubectl logs -n ${f.namespace} ${pod}\` shows the last result again. It writes nothing that stays: the
tenant check runs in a transaction it rolls back, the Redis key expires in 60 s and is deleted.

| step | a pass proves | when it fails, check |
| --- | --- | --- |
${rows.join('\n')}
`;
}

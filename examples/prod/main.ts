/**
 * The production environment of the reference guide (us-east-1, `ai-agents-prod`, its sizing and windows),
 * built with the library as a user's project would import it.
 *
 * Values every team must change come from the environment (or cdktf context), with safe placeholders so
 * the example synthesizes with no cloud account:
 *   PLATFORM_ACME_EMAIL        e-mail of the Let's Encrypt account
 *   PLATFORM_ADMIN_ROLE_ARN    IAM role that gets cluster-admin (and runs the in-cluster stack)
 *   PLATFORM_API_CIDRS         comma-separated CIDRs allowed to reach the Kubernetes API (default: none, private only)
 *   PLATFORM_OWNER             owner tag
 *   PLATFORM_STATE_BUCKET      S3 bucket for remote state (+ PLATFORM_STATE_KMS_KEY_ARN); default: local state
 */
import { App, TerraformStack } from 'cdktf';
import { KubernetesVersion, ProductionEksPlatform, RemoteState } from 'cdktf-eks-platform';

const app = new App();
const setting = (key: string, fallback: string): string =>
  process.env[key] ?? (app.node.tryGetContext(key) as string | undefined) ?? fallback;

const region = 'us-east-1';
const name = 'ai-agents-prod';
const infra = new TerraformStack(app, `${name}-infra`);

const apiCidrs = setting('PLATFORM_API_CIDRS', '').split(',').map((c) => c.trim()).filter(Boolean);
const platform = new ProductionEksPlatform(infra, 'platform', {
  name,
  region,
  acmeEmail: setting('PLATFORM_ACME_EMAIL', 'devops@example.com'),
  adminPrincipalArns: [setting('PLATFORM_ADMIN_ROLE_ARN', 'arn:aws:iam::123456789012:role/platform-admin')],
  clusterPublicAccessCidrs: apiCidrs.length > 0 ? apiCidrs : undefined,
  owner: setting('PLATFORM_OWNER', 'platform-team'),
  kubernetesVersion: KubernetesVersion.V1_34,
  // The guide's sizing.
  nodeInstanceTypes: ['t3.large'],
  dbInstanceClass: 'db.t3.medium',
  cacheNodeType: 'cache.t3.small',
  // The guide's windows: Redis snapshots 03:00-05:00 UTC (5 days); database backups kept 30 days.
  postgres: { backupRetentionDays: 30, backupWindow: '03:00-04:00', maintenanceWindow: 'sun:05:00-sun:06:00' },
  redis: { snapshotRetentionDays: 5, snapshotWindow: '03:00-05:00', maintenanceWindow: 'sun:06:00-sun:07:00' },
});

// Remote state is optional: without a bucket the example keeps local state, so it synthesizes anywhere.
const stateBucket = setting('PLATFORM_STATE_BUCKET', '');
if (stateBucket) {
  const kmsKeyArn = setting('PLATFORM_STATE_KMS_KEY_ARN', '');
  for (const stack of [infra, platform.addonsStack]) {
    RemoteState.configure(stack, { bucket: stateBucket, region, kmsKeyArn });
  }
}

app.synth();

/**
 * The guide's environment as a function, so that main.ts deploys it and the upgrade-safety test can
 * synthesize it again with a change (test/guardrails/upgrade-safety.test.ts).
 */
import { Annotations, App, TerraformStack } from 'cdktf';
import { KubernetesVersion, ProductionEksPlatform, ProductionEksPlatformProps } from 'cdktf-eks-platform';

/** What every team sets for itself (main.ts reads these from the environment or cdktf context). */
export interface GuideSettings {
  readonly acmeEmail: string;
  readonly adminRoleArn: string;
  /** CIDRs allowed to reach the Kubernetes API; empty: private endpoint only. */
  readonly apiCidrs: string[];
  readonly owner: string;
  /** E-mail addresses subscribed to the alerts topic; empty: none (subscribe before going live). */
  readonly alertEmails?: string[];
}

/**
 * What main.ts falls back to when a setting is not given, so that the example synthesizes with no account.
 * Deploying them unchanged does not work: buildGuideEnvironment warns whenever one is in use.
 */
export const PLACEHOLDERS = {
  adminRoleArn: 'arn:aws:iam::123456789012:role/platform-admin',
  acmeEmail: 'devops@example.com',
} as const;

/**
 * Why each placeholder cannot be deployed, one message per placeholder in use (empty when there is none).
 * - The cluster is created with `bootstrapClusterCreatorAdminPermissions: false` (HaEksCluster): whoever runs
 *   the apply gets no Kubernetes access, the listed admin roles are the only ones.
 * - Let's Encrypt refuses ACME accounts whose contact is at example.com, example.net or example.org
 *   (letsencrypt/boulder PR #3748, "RA: Forbid contact addresses for IANA example domains", merged 2018-06).
 */
export function placeholderWarnings(settings: GuideSettings): string[] {
  const warnings: string[] = [];
  if (settings.adminRoleArn === PLACEHOLDERS.adminRoleArn || /^arn:aws:iam::123456789012:/.test(settings.adminRoleArn)) {
    warnings.push(`PLATFORM_ADMIN_ROLE_ARN is not set: the only cluster admin is the placeholder ${settings.adminRoleArn} `
      + '(account 123456789012 does not exist). The cluster gives its creator no implicit admin access, so deploying '
      + 'this leaves nobody able to use the Kubernetes API, and the in-cluster stack cannot be applied. '
      + 'Set PLATFORM_ADMIN_ROLE_ARN to an IAM role you can assume.');
  }
  if (/@example\.(com|net|org)$/i.test(settings.acmeEmail)) {
    warnings.push(`PLATFORM_ACME_EMAIL is the placeholder ${settings.acmeEmail}: Let's Encrypt refuses accounts at `
      + 'example.com/.net/.org, so no certificate is ever issued. Set PLATFORM_ACME_EMAIL to an address you read.');
  }
  return warnings;
}

export const GUIDE_REGION = 'us-east-1';
export const GUIDE_NAME = 'ai-agents-prod';

/**
 * Builds the infrastructure stack `ai-agents-prod-infra` (and, through the platform, `ai-agents-prod-in-cluster`).
 * `changes` overrides the guide's props; `postgres` and `redis` are merged one level deep.
 */
export function buildGuideEnvironment(app: App, settings: GuideSettings, changes: Partial<ProductionEksPlatformProps> = {}) {
  const infra = new TerraformStack(app, `${GUIDE_NAME}-infra`);
  // The construct id 'platform' is part of every Terraform address: renaming it replaces every resource.
  const platform = new ProductionEksPlatform(infra, 'platform', guidePlatformProps(settings, changes));
  // Loudly: on stderr now, and as cdktf warnings (printed by `cdktf synth`, kept in manifest.json).
  for (const warning of placeholderWarnings(settings)) {
    process.stderr.write(`WARNING (${infra.node.id}): ${warning}\n`);
    Annotations.of(infra).addWarning(warning);
  }
  return { infra, platform };
}

/** The guide's props for ProductionEksPlatform, with `changes` applied. */
export function guidePlatformProps(settings: GuideSettings, changes: Partial<ProductionEksPlatformProps> = {}): ProductionEksPlatformProps {
  return {
    name: GUIDE_NAME,
    region: GUIDE_REGION,
    acmeEmail: settings.acmeEmail,
    adminPrincipalArns: [settings.adminRoleArn],
    clusterPublicAccessCidrs: settings.apiCidrs.length > 0 ? settings.apiCidrs : undefined,
    owner: settings.owner,
    kubernetesVersion: KubernetesVersion.V1_35,
    // The guide's sizing.
    nodeInstanceTypes: ['t3.large'],
    dbInstanceClass: 'db.t3.medium',
    cacheNodeType: 'cache.t3.small',
    // Account- and region-wide: every new EBS volume in this account and region is encrypted, with the AWS
    // managed key aws/ebs unless the launch names a key (the nodes use the cluster's EBS key). This environment
    // owns the switch for its account; it sets no default key for other teams (see the README).
    ebsEncryptionByDefault: true,
    ...changes,
    // The guide's windows: Redis snapshots 03:00-05:00 UTC (5 days); database backups kept 30 days.
    // The guide's database names (the library derives them from `name`: ai_agents_prod, ai_agents_prod_admin, ...).
    postgres: {
      backupRetentionDays: 30,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'sun:05:00-sun:06:00',
      databaseName: 'aiagents',
      masterUsername: 'aiagents_admin',
      appRoleName: 'aiagents_app',
      ...changes.postgres,
    },
    redis: { snapshotRetentionDays: 5, snapshotWindow: '03:00-05:00', maintenanceWindow: 'sun:06:00-sun:07:00', ...changes.redis },
    // On-call is told about alarms, database and cache events through the environment's topic.
    alerting: { emailAddresses: settings.alertEmails?.length ? settings.alertEmails : undefined, ...changes.alerting },
  };
}

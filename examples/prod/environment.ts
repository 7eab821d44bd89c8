/**
 * The guide's environment as a function, so that main.ts deploys it and the upgrade-safety test can
 * synthesize it again with a change (test/guardrails/upgrade-safety.test.ts).
 */
import { App, TerraformStack } from 'cdktf';
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
    // Account- and region-wide: every new EBS volume in this account and region is encrypted with the
    // cluster's EBS key. This environment owns the setting for its account (see the README).
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

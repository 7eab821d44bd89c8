/**
 * The production environment of the reference guide (us-east-1, `ai-agents-prod`, its sizing and windows),
 * built with the library as a user's project would import it. The environment itself is in environment.ts.
 *
 * Values every team must change come from the environment (or cdktf context), with placeholders so the example
 * synthesizes with no cloud account (synth warns while a placeholder is in use: they cannot be deployed):
 *   PLATFORM_ACME_EMAIL        e-mail of the Let's Encrypt account
 *   PLATFORM_ADMIN_ROLE_ARN    IAM role that gets cluster-admin (and runs the in-cluster stack)
 *   PLATFORM_API_CIDRS         comma-separated CIDRs allowed to reach the Kubernetes API (default: none, private only)
 *   PLATFORM_OWNER             owner tag
 *   PLATFORM_ALERT_EMAILS      comma-separated e-mail addresses subscribed to the alerts topic (default: devops@example.com)
 *   PLATFORM_STATE_BUCKET      S3 bucket for remote state (+ PLATFORM_STATE_KMS_KEY_ARN); default: local state
 */
import { App } from 'cdktf';
import { RemoteState } from 'cdktf-eks-platform';
import { buildGuideEnvironment, GUIDE_REGION, PLACEHOLDERS } from './environment';

const app = new App();
const setting = (key: string, fallback: string): string =>
  process.env[key] ?? (app.node.tryGetContext(key) as string | undefined) ?? fallback;

const { infra, platform } = buildGuideEnvironment(app, {
  acmeEmail: setting('PLATFORM_ACME_EMAIL', PLACEHOLDERS.acmeEmail),
  adminRoleArn: setting('PLATFORM_ADMIN_ROLE_ARN', PLACEHOLDERS.adminRoleArn),
  apiCidrs: setting('PLATFORM_API_CIDRS', '').split(',').map((c) => c.trim()).filter(Boolean),
  owner: setting('PLATFORM_OWNER', 'platform-team'),
  alertEmails: setting('PLATFORM_ALERT_EMAILS', 'devops@example.com').split(',').map((e) => e.trim()).filter(Boolean),
});

// Remote state is optional: without a bucket the example keeps local state, so it synthesizes anywhere.
const stateBucket = setting('PLATFORM_STATE_BUCKET', '');
if (stateBucket) {
  const kmsKeyArn = setting('PLATFORM_STATE_KMS_KEY_ARN', '');
  for (const stack of [infra, platform.addonsStack]) {
    RemoteState.configure(stack, { bucket: stateBucket, region: GUIDE_REGION, kmsKeyArn });
  }
}

app.synth();

import { App, TerraformStack, Testing } from 'cdktf';
import { ApplicationConnectionDetails, ClusterConnection, EksHelmProvider } from '../../src/addons';

/** A connection with literal values (a real platform passes cross-stack references). */
export const CONNECTION: ClusterConnection = {
  clusterName: 'ai-agents-prod',
  endpoint: 'https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com',
  certificateAuthorityData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==',
  region: 'us-east-1',
  vpcId: 'vpc-0123456789abcdef0',
};

/** Connection details of an application namespace, as literals (the platform passes cross-stack references). */
export const APP_CONNECTION: ApplicationConnectionDetails = {
  postgresHost: 'ai-agents-prod-postgres.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com',
  databaseName: 'aiagents',
  databaseUser: 'aiagents_app',
  redisPrimaryEndpoint: 'master.ai-agents-prod-redis.abc123.use1.cache.amazonaws.com',
  redisReaderEndpoint: 'replica.ai-agents-prod-redis.abc123.use1.cache.amazonaws.com',
  redisUser: 'ai-agents-prod-app',
  redisKeyPrefix: 'production:',
  redisReplicationGroupId: 'ai-agents-prod-redis',
  region: 'us-east-1',
};

/** A stand-in for the RDS CA bundle (only its shape matters to the tests). */
export const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

/** A stack with only a Helm provider for {@link CONNECTION} (no AWS provider: the add-ons need none). */
export function emptyStack(): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'addons');
  new EksHelmProvider(stack, 'helm', { connection: CONNECTION });
  return { app, stack };
}

/** Synthesizes a stack and parses its Terraform JSON. */
export function synth(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** Every helm_release of a synthesized stack, by release name. */
export function releases(json: any): Record<string, any> {
  const out: Record<string, any> = {};
  for (const r of Object.values<any>(json.resource?.helm_release ?? {})) out[r.name] = r;
  return out;
}

/** The values of a release (the library passes one JSON document). */
export function valuesOf(release: any): any {
  expect(release.values).toHaveLength(1);
  return JSON.parse(release.values[0]);
}

/** The Kubernetes objects of a local-chart release. */
export function objectsOf(release: any): any[] {
  return valuesOf(release).objects;
}

/** The one object of a kind and name (fails when absent). */
export function findObject(objects: any[], kind: string, name: string): any {
  const hits = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (hits.length !== 1) throw new Error(`expected one ${kind} '${name}', found ${hits.length}`);
  return hits[0];
}

/**
 * The operator's steps for application namespaces (issue 18), as lines of `next_steps`: the CA bundle the
 * in-cluster stack needs at apply time, the database user and schema of each namespace, and where an
 * application team reads its connection details. Kept apart from the runbook module (see the README
 * "Deploy an application").
 */
import { TenantIsolationSchema } from '../data/tenant-isolation';

/** What the steps need to know about one application namespace. */
export interface NamespaceStepInput {
  readonly namespace: string;
  readonly serviceAccountName: string;
  readonly databaseUser: string;
  readonly databaseSchema: string;
  /** Its workloads; `selfTestCommand` runs the in-cluster self-test as the application. */
  readonly workloads: { readonly selfTestCommand?: string };
}

/** What the steps need to know about the database (`HaPostgres`). */
export interface DatabaseStepInput {
  readonly address: string;
  readonly databaseName: string;
  readonly masterUserSecretArn: string;
}

/** The RDS CA bundle of a region, as AWS publishes it (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html). */
export function rdsCaBundleUrl(region: string): string {
  return `https://truststore.pki.rds.amazonaws.com/${region}/${region}-bundle.pem`;
}

/** Lines 15.x of next_steps. */
export function applicationNamespaceSteps(
  region: string, inClusterStack: string, db: DatabaseStepInput, namespaces: NamespaceStepInput[], caBundleVariable = true,
): string[] {
  const schema = (n: NamespaceStepInput) => (n.databaseSchema === 'public'
    ? `${n.namespace}: user ${n.databaseUser} in schema public is created by step 6`
    : `${n.namespace}: write ApplicationNamespace.schemaSql() (user ${n.databaseUser}, schema ${n.databaseSchema}) to tenant-isolation-${n.namespace}.sql, then `
      + TenantIsolationSchema.psqlCommand({
        host: db.address,
        databaseName: db.databaseName,
        masterUserSecretArn: db.masterUserSecretArn,
        region,
        sqlFile: `tenant-isolation-${n.namespace}.sql`,
      }));
  return [
    caBundleVariable
      ? `15. Application namespaces (README "Deploy an application"): before step 4, give the in-cluster stack the RDS CA bundle: export TF_VAR_rds_ca_bundle_pem="$(curl -fsS ${rdsCaBundleUrl(region)})" (cdktf deploy ${inClusterStack} reads it)`
      : '15. Application namespaces (README "Deploy an application"): the RDS CA bundle comes from addons.rdsCaBundlePem',
    ...namespaces.map((n, k) => `15.${k + 1} ${schema(n)}; the pods of ${n.namespace} run as ${n.serviceAccountName} and read: kubectl get configmap app-connection -n ${n.namespace} -o yaml`
      + (n.workloads.selfTestCommand ? `; after step 4, prove the application's path (credentials, database, cache, telemetry, refusals) from inside the namespace: ${n.workloads.selfTestCommand}` : '')),
  ];
}

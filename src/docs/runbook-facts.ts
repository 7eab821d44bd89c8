/** What the runbook knows of a deployed environment (public: `OperationsRunbook.fromFacts`). */
import { RunbookAlarm } from './runbook-alarm';

/** The names and identifiers of a deployed environment that the runbook fills in. */
export interface RunbookFacts {
  /** AWS region of the cluster (from the AWS provider of the cluster's stack). */
  readonly region: string;
  /** Name of the EKS cluster. */
  readonly clusterName: string;
  /** Kubernetes minor version of the control plane (for example `1.34`). */
  readonly kubernetesVersion: string;
  /** Name of the control-plane log group (`/aws/eks/<cluster>/cluster`). */
  readonly clusterLogGroup: string;
  /** Names of the managed node groups. A name prefix is given as `<prefix>*` (EKS appends a suffix). */
  readonly nodeGroupNames: string[];
  /** RDS instance identifier of the PostgreSQL database. */
  readonly dbIdentifier: string;
  /** Name of the PostgreSQL database. */
  readonly dbName: string;
  /** PostgreSQL master user name. */
  readonly dbUser: string;
  /** PostgreSQL port. */
  readonly dbPort: number;
  /** Whether IAM database authentication is enabled on the PostgreSQL instance. */
  readonly dbIamAuth: boolean;
  /** The application's database role, which signs in with IAM tokens (`TenantIsolationSchema` grants it `rds_iam`). */
  readonly dbAppUser: string;
  /** ID of the ElastiCache Redis replication group. */
  readonly redisReplicationGroupId: string;
  /** Name of the Redis user that authenticates with IAM. */
  readonly redisUser: string;
  /** Redis port. */
  readonly redisPort: number;
  /** Namespace of the ingress-nginx controller. */
  readonly ingressNamespace: string;
  /** Name of the ingress controller's Kubernetes Service (`<fullname>-controller`). */
  readonly ingressService: string;
  /** Namespace of cert-manager. */
  readonly certManagerNamespace: string;
  /** Names of the cert-manager ClusterIssuers (for example `letsencrypt-staging`, `letsencrypt-prod`). */
  readonly clusterIssuers: string[];
  /** The application namespace (the one that enforces the `restricted` Pod Security Standard). */
  readonly appNamespace: string;
  /** Service account of the application workloads in `appNamespace`. */
  readonly appServiceAccount: string;
  /** Namespace of the OpenTelemetry collector. */
  readonly observabilityNamespace: string;
  /** Name of the OpenTelemetry collector's Kubernetes Service. */
  readonly otelService: string;
  /** Names of the log groups that Terraform owns. */
  readonly logGroups: string[];
  /**
   * Name of the notification topic every alarm and event goes to.
   * @default - no alerting in this app
   */
  readonly alertsTopic?: string;
  /**
   * Name of the environment's CloudWatch dashboard.
   * @default - no dashboard in this app
   */
  readonly dashboardName?: string;
  /**
   * The CloudWatch alarms of the environment.
   * @default - none
   */
  readonly alarms?: RunbookAlarm[];
  /**
   * Name of the AWS Backup vault of the database (`DatabaseBackup`).
   * @default - the app has no DatabaseBackup: the runbook falls back to the instance's automated backups
   */
  readonly backupVaultName?: string;
  /**
   * Name of the AWS Backup restore testing plan of the database.
   * @default - no automated restore test: the weekly restore test is a manual point-in-time restore
   */
  readonly restoreTestingPlanName?: string;
  /**
   * Schedule (cron expression, UTC) of the daily AWS Backup of the database.
   * @default - no AWS Backup plan
   */
  readonly backupSchedule?: string;
  /**
   * Schedule (cron expression, UTC) of the restore test.
   * @default - no restore testing plan
   */
  readonly restoreTestSchedule?: string;
  /**
   * The application namespaces, each with the Helm release that holds its objects and its in-cluster self-test.
   * @default - none: the runbook has no applications page
   */
  readonly applicationNamespaces?: RunbookApplicationNamespace[];
}

/** An application namespace as the runbook names it: where its self-test runs and how to start it. */
export interface RunbookApplicationNamespace {
  /** The application namespace. */
  readonly namespace: string;
  /** Its service account (the self-test runs as it). */
  readonly serviceAccount: string;
  /** The Helm release that holds the namespace's objects and its self-test (`workload-baseline-<namespace>`). */
  readonly releaseName: string;
  /** The namespace of that release's record (`kube-system`). */
  readonly releaseNamespace: string;
}

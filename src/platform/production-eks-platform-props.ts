import { TerraformStack } from 'cdktf';
import { ApplicationNamespaceOptions } from './application-namespace';
import { PlatformAddonsOptions } from '../addons/platform-addons';
import { HaEksClusterOptions } from '../cluster/ha-eks-cluster';
import { HaNodeGroupOptions } from '../cluster/ha-node-group';
import { KubernetesVersion } from '../cluster/kubernetes-version';
import { DatabaseBackupOptions } from '../data/database-backup';
import { HaPostgresOptions } from '../data/ha-postgres';
import { HaRedisOptions } from '../data/ha-redis';
import { PlatformAlertingOptions } from '../monitoring/platform-alerts';
import { HaVpcOptions } from '../network/ha-vpc';
import { INetwork } from '../network/network';

/** Props of `ProductionEksPlatform`. */
export interface ProductionEksPlatformProps {
  // --- What a team must decide -------------------------------------------------------------------------

  /**
   * Name of the environment: the EKS cluster name and the prefix of every resource name
   * (guide: `ai-agents-prod`). Lower-case letters, digits and hyphens.
   */
  readonly name: string;

  /** AWS region (guide: `us-east-1`). Also configures the stack's AWS provider when it has none. */
  readonly region: string;

  /** Contact e-mail of the Let's Encrypt account (expiry and policy notices). */
  readonly acmeEmail: string;

  /**
   * IAM roles or users (ARNs) that get cluster-admin through EKS access entries. Nobody else has access:
   * the identity that creates the cluster gets no implicit admin.
   */
  readonly adminPrincipalArns: string[];

  /**
   * The IAM role Terraform runs as when it applies the in-cluster stack (it needs cluster-admin to install the
   * Helm releases). Give it here when it is not among `adminPrincipalArns`.
   * @default - the in-cluster stack must run as one of `adminPrincipalArns`
   */
  readonly deployerPrincipalArn?: string;

  /**
   * CIDR blocks allowed to reach the Kubernetes API over the internet (offices, VPN egress). The private
   * endpoint is always on; with no CIDRs the API is reachable only from inside the VPC.
   * @default - no public endpoint
   */
  readonly clusterPublicAccessCidrs?: string[];

  /** Team that owns the environment: the `owner` tag on every resource. */
  readonly owner: string;

  /**
   * The `environment` tag on every resource.
   * @default 'production'
   */
  readonly environment?: string;

  /**
   * More tags for every AWS resource.
   * @default - only environment, owner, managed-by and platform
   */
  readonly tags?: { [key: string]: string };

  // --- Sizing, with the guide's defaults -----------------------------------------------------------------

  /**
   * Kubernetes version.
   * @default KubernetesVersion.V1_35
   */
  readonly kubernetesVersion?: KubernetesVersion;

  /**
   * Instance types of the default node group.
   * @default ['t3.large']
   */
  readonly nodeInstanceTypes?: string[];

  /**
   * RDS instance class.
   * @default 'db.t3.medium'
   */
  readonly dbInstanceClass?: string;

  /**
   * ElastiCache node type.
   * @default 'cache.t3.small'
   */
  readonly cacheNodeType?: string;

  // --- Pass-through, so that nothing needs a fork ---------------------------------------------------------

  /**
   * An existing network to use instead of creating a `HaVpc`. Its subnets must carry the Kubernetes
   * load-balancer tags (see `HaVpc`) and span at least 3 availability zones.
   * @default - a HaVpc is created
   */
  readonly existingNetwork?: INetwork;

  /**
   * Settings of the VPC (ignored with `existingNetwork`).
   * @default - HaVpc defaults: 10.0.0.0/16 over 3 zones, /24 subnets
   */
  readonly vpc?: HaVpcOptions;

  /**
   * Settings of the EKS cluster. A setting that also has a top-level prop here (`kubernetesVersion`,
   * `clusterPublicAccessCidrs`, `adminPrincipalArns`, `deployerPrincipalArn`) may be given in either place or
   * in both with the same value: different values fail synth with a conflict error naming both.
   * @default - HaEksCluster defaults
   */
  readonly cluster?: HaEksClusterOptions;

  /**
   * Settings of the default node group.
   * @default - HaNodeGroup defaults: min 3 / desired 3 / max 10
   */
  readonly nodeGroup?: HaNodeGroupOptions;

  /**
   * Settings of the PostgreSQL database.
   * @default - HaPostgres defaults
   */
  readonly postgres?: HaPostgresOptions;

  /**
   * AWS Backup of the database: daily recovery points in a vault with a customer-managed key and a weekly
   * automated restore test (see `DatabaseBackup`). Setting false loses the backups that outlive the
   * instance and the weekly restore test; the instance's own automated backups remain.
   * @default true
   */
  readonly databaseBackupEnabled?: boolean;

  /**
   * Settings of the database's AWS Backup (ignored when `databaseBackupEnabled` is false).
   * @default - DatabaseBackup defaults: daily at 05:00 UTC, kept 35 days, restore test Saturdays 06:00 UTC
   */
  readonly databaseBackup?: DatabaseBackupOptions;

  /**
   * Settings of the Redis replication group.
   * @default - HaRedis defaults
   */
  readonly redis?: HaRedisOptions;

  /**
   * Settings of the in-cluster add-ons.
   * @default - PlatformAddons defaults
   */
  readonly addons?: PlatformAddonsOptions;

  /**
   * More application namespaces, one per team, besides the default one (`addons.appNamespace`, default
   * `production` with service account `app-sa`). Each gets its own namespace objects, Pod Identity role,
   * database user and schema, and Redis user limited to its key prefix (`ApplicationNamespace`). Adding or
   * removing one changes no other namespace and replaces no stateful resource. Also `addApplicationNamespace`.
   * @default - only the default namespace
   */
  readonly applicationNamespaces?: ApplicationNamespaceOptions[];

  /**
   * The stack the in-cluster add-ons go into. It must not be the infrastructure stack (the add-ons need
   * their own state, see the README's "split state" section).
   * @default - a new stack `<name>-in-cluster` in the same app
   */
  readonly addonsStack?: TerraformStack;

  /**
   * Retention of the add-ons' log groups (container logs, collector metrics), in days.
   * @default 90
   */
  readonly logRetentionDays?: number;

  /**
   * Who is told when something breaks, and the alarm thresholds. The platform always creates the encrypted
   * notification topic `<name>-alerts`, the alarms on database, cache, nodes and cluster, the RDS event
   * subscription, ElastiCache's failure events (through EventBridge) and the dashboard `<name>-platform`.
   * @default - the topic has no subscribers (subscribe to it before going live); default thresholds
   */
  readonly alerting?: PlatformAlertingOptions;

  /**
   * Turn on EBS encryption by default for the WHOLE AWS ACCOUNT in this region, with the AWS managed key
   * `aws/ebs` as default key (`AccountEbsEncryption`): no other team then needs a key of this stack. The
   * platform's own volumes use the cluster's EBS key either way. Destroying it turns encryption by default off
   * for everyone (so it has `prevent_destroy` unless `cluster.preventDestroy` is false). From a release where
   * this also set the cluster's key as default key: the next apply destroys `aws_ebs_default_kms_key`, which
   * resets the default key to `aws/ebs` (`prevent_destroy` does not stop a removal from the configuration);
   * set `ebsCustomerManagedDefaultKey` to keep it.
   * @default false
   */
  readonly ebsEncryptionByDefault?: boolean;

  /**
   * With `ebsEncryptionByDefault`, make the cluster's EBS key the default key of the WHOLE ACCOUNT in this
   * region (`EbsDefaultEncryption`), for an account that runs only this platform. Every launch that names no
   * key then needs this key: the key policy allows the EC2 Auto Scaling service-linked role, but Spot and EC2
   * Fleet roles, EMR, AWS Batch and ECS instance roles, groups with a custom service-linked role, CI roles and
   * console users each need `kms:CreateGrant`, `kms:GenerateDataKey*`, `kms:Decrypt`, `kms:ReEncrypt*` and
   * `kms:DescribeKey` on it through IAM first, or their launches fail.
   * @default false
   */
  readonly ebsCustomerManagedDefaultKey?: boolean;
}

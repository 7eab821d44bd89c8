import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformOutput, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AddonIdentities } from './addon-identities';
import { AccountEbsEncryption, EbsDefaultEncryption } from './ebs-default-encryption';
import { PlatformTags } from './platform-tags';
import { PlatformAddons, PlatformAddonsOptions } from '../addons/platform-addons';
import { HaEksCluster, HaEksClusterOptions } from '../cluster/ha-eks-cluster';
import { HaNodeGroup, HaNodeGroupOptions } from '../cluster/ha-node-group';
import { KubernetesVersion } from '../cluster/kubernetes-version';
import { DatabaseBackup, DatabaseBackupOptions } from '../data/database-backup';
import { HaPostgres, HaPostgresOptions } from '../data/ha-postgres';
import { HaRedis, HaRedisOptions } from '../data/ha-redis';
import { TenantIsolationSchema } from '../data/tenant-isolation';
import { NotificationTopic } from '../monitoring/notification-topic';
import { PlatformAlertingOptions, PlatformAlerts } from '../monitoring/platform-alerts';
import { HaVpc, HaVpcOptions } from '../network/ha-vpc';
import { INetwork } from '../network/network';
import { ProductionBaseline } from '../policy/production-baseline';
import { surfaceThrough } from '../policy/prop-hints';
import { invalidProp } from '../private/errors';
import { DEFAULT_LOG_RETENTION_DAYS, validateLogRetention } from '../private/log-group';
import { validateName } from '../private/validation';

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

/**
 * The whole environment of the reference guide in one construct: a 3-AZ VPC, an EKS cluster with an autoscaling node group, Multi-AZ PostgreSQL and replicated Redis admitting only the nodes, and the in-cluster platform in its own stack.
 *
 * The in-cluster platform is ingress with TLS, cert-manager issuers, logging and OpenTelemetry, autoscaler and
 * workload security. Every AWS resource is tagged, every piece is a public property, and synth fails on any
 * unacknowledged error-level finding of the `ProductionBaseline` policy pack.
 *
 * Create it in the infrastructure stack; it adds the in-cluster stack to the same app.
 *
 * Props: `ProductionEksPlatformProps`. Required: `name`, `region`, `acmeEmail`, `adminPrincipalArns`,
 * `owner`. Each part takes its own settings, passed through to the building block: `vpc` (`HaVpcOptions`),
 * `cluster` (`HaEksClusterOptions`), `nodeGroup` (`HaNodeGroupOptions`), `postgres` (`HaPostgresOptions`),
 * `redis` (`HaRedisOptions`) and `addons` (`PlatformAddonsOptions`); `existingNetwork` replaces the VPC.
 */
export class ProductionEksPlatform extends Construct {
  /** The network (a HaVpc unless `existingNetwork` was given). */
  public readonly network: INetwork;
  /** The HaVpc, when the platform created one. */
  public readonly vpc?: HaVpc;
  /** The EKS cluster (control plane, managed add-ons, access entries). */
  public readonly cluster: HaEksCluster;
  /** The default managed node group, spread across the cluster's zones. */
  public readonly nodeGroup: HaNodeGroup;
  /** The Multi-AZ PostgreSQL database, reachable only from the nodes. */
  public readonly postgres: HaPostgres;
  /** AWS Backup of the database (vault, daily plan, weekly restore test), unless `databaseBackupEnabled` is false. */
  public readonly databaseBackup?: DatabaseBackup;
  /** The replicated Redis cache, reachable only from the nodes. */
  public readonly redis: HaRedis;
  /** Log groups and Pod Identity roles of the in-cluster add-ons. */
  public readonly addonIdentities: AddonIdentities;
  /** Account-wide EBS encryption by default with the cluster's EBS key as default key (`ebsCustomerManagedDefaultKey`). */
  public readonly ebsDefaultEncryption?: EbsDefaultEncryption;
  /** Account-wide EBS encryption by default with `aws/ebs` (`ebsEncryptionByDefault` alone). */
  public readonly accountEbsEncryption?: AccountEbsEncryption;
  /** The stack holding the in-cluster add-ons. */
  public readonly addonsStack: TerraformStack;
  /** The in-cluster add-ons (ingress, cert-manager, observability, autoscaler, workload baseline), in `addonsStack`. */
  public readonly addons: PlatformAddons;
  /** The infrastructure stack (the one this construct is in). */
  public readonly infrastructureStack: TerraformStack;
  /** The environment's encrypted notification topic: alarms, RDS events, ElastiCache and node group events. */
  public readonly notificationTopic: NotificationTopic;
  /** Alarms and dashboard of the environment, all notifying `notificationTopic`. */
  public readonly alerts: PlatformAlerts;
  /** The guide's verification commands with this environment's names filled in. */
  public readonly nextSteps: string;
  /** `aws eks update-kubeconfig` for this environment, with its literal region and name. */
  public readonly kubeconfigCommand: string;

  /**
   * @param props name, region, owner, administrators and ACME e-mail of the environment, plus optional settings of each part
   */
  constructor(scope: Construct, id: string, props: ProductionEksPlatformProps) {
    super(scope, id);
    const who = `ProductionEksPlatform '${id}'`;
    const name = props.name;
    validate(who, props);

    const stack = TerraformStack.of(this);
    this.infrastructureStack = stack;
    const tags = {
      'environment': props.environment ?? 'production',
      'owner': props.owner,
      'managed-by': 'cdktf-eks-platform',
      'platform': name,
      ...props.tags,
    };
    const providers = stack.node.children.filter((c): c is AwsProvider => c instanceof AwsProvider);
    if (providers.length === 0) {
      new AwsProvider(stack, 'aws', { region: props.region });
    }
    for (const p of providers) {
      // The stack's own provider decides where resources go: a different region would be silently ignored.
      if (p.alias === undefined && p.region !== undefined && !Token.isUnresolved(p.region) && !Token.isUnresolved(props.region)
        && p.region !== props.region) {
        invalidProp(who, 'region', props.region, `conflicts with the region of the stack's AWS provider ('${p.region}')`,
          'Give the same region to both, or leave the provider out of the stack (the platform then creates one).');
      }
    }

    // Network: the subnets carry the cluster tag so load balancers land in the right tiers.
    if (props.existingNetwork) {
      this.network = props.existingNetwork;
    } else {
      this.vpc = new HaVpc(this, 'network', { clusterName: name, ...props.vpc, name });
      this.network = this.vpc;
    }

    this.cluster = new HaEksCluster(this, 'cluster', {
      ...props.cluster,
      name,
      network: this.network,
      kubernetesVersion: props.kubernetesVersion ?? props.cluster?.kubernetesVersion,
      adminPrincipalArns: props.adminPrincipalArns,
      deployerPrincipalArn: props.deployerPrincipalArn ?? props.cluster?.deployerPrincipalArn,
      publicAccessCidrs: props.clusterPublicAccessCidrs ?? props.cluster?.publicAccessCidrs,
    });
    this.nodeGroup = new HaNodeGroup(this, 'nodes', {
      ...props.nodeGroup,
      cluster: this.cluster,
      instanceTypes: props.nodeInstanceTypes ?? props.nodeGroup?.instanceTypes ?? ['t3.large'],
    });

    // One topic for everything that must wake someone: alarms, RDS events, ElastiCache events.
    this.notificationTopic = new NotificationTopic(this, 'alerts', {
      name,
      emailAddresses: props.alerting?.emailAddresses,
      httpsEndpoints: props.alerting?.httpsEndpoints,
      preventDestroy: props.alerting?.preventDestroy ?? true,
    });
    const topicArn = this.notificationTopic.topicArn;

    // One construct id either way: changing the default key keeps the switch's address.
    const ebsPreventDestroy = props.cluster?.preventDestroy ?? true;
    if (props.ebsEncryptionByDefault && props.ebsCustomerManagedDefaultKey) {
      this.ebsDefaultEncryption = new EbsDefaultEncryption(this, 'ebs-default-encryption', { kmsKeyArn: this.cluster.ebsKmsKeyArn, preventDestroy: ebsPreventDestroy });
    } else if (props.ebsEncryptionByDefault) {
      this.accountEbsEncryption = new AccountEbsEncryption(this, 'ebs-default-encryption', { preventDestroy: ebsPreventDestroy });
    } else if (props.ebsCustomerManagedDefaultKey) {
      invalidProp(who, 'ebsCustomerManagedDefaultKey', true, 'needs ebsEncryptionByDefault: true (a default key without encryption by default changes nothing)',
        'Set ebsEncryptionByDefault: true as well, or leave ebsCustomerManagedDefaultKey unset.');
    }

    // Data tier: admits 5432/6379 only from the nodes (the cluster security group the node groups run in).
    // It references the cluster's security group only, so it is created in parallel with the cluster.
    const fromNodes = [this.cluster.nodeSecurityGroupId];
    this.postgres = new HaPostgres(this, 'postgres', {
      ...props.postgres,
      name,
      network: this.network,
      allowedSecurityGroupIds: fromNodes,
      instanceClass: props.dbInstanceClass ?? props.postgres?.instanceClass ?? 'db.t3.medium',
      notificationTopicArn: props.postgres?.notificationTopicArn ?? topicArn,
    });
    if (props.databaseBackupEnabled ?? true) {
      this.databaseBackup = new DatabaseBackup(this, 'database-backup', {
        ...props.databaseBackup,
        name,
        database: this.postgres,
        network: this.network,
      });
    }
    this.redis = new HaRedis(this, 'redis', {
      ...props.redis,
      name,
      network: this.network,
      allowedSecurityGroupIds: fromNodes,
      nodeType: props.cacheNodeType ?? props.redis?.nodeType ?? 'cache.t3.small',
      notificationTopicArn: props.redis?.notificationTopicArn ?? topicArn,
    });
    this.alerts = new PlatformAlerts(this, 'monitoring', {
      name,
      topicArn,
      postgres: this.postgres,
      redis: this.redis,
      nodeGroups: [this.nodeGroup],
      clusterName: name,
      nodeDiskSizeGiB: props.nodeGroup?.diskSizeGiB,
      postgresThresholds: props.alerting?.postgres,
      redisThresholds: props.alerting?.redis,
      clusterThresholds: props.alerting?.cluster,
    });

    this.addonIdentities = new AddonIdentities(this, 'addon-identities', {
      cluster: this.cluster,
      logKmsKeyArn: this.cluster.logGroup.kmsKeyId,
      logRetentionDays: props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
      preventDestroy: props.cluster?.preventDestroy ?? true,
    });

    // In-cluster add-ons in their own stack and state: the infrastructure state never needs a reachable API server.
    const app = App.of(this);
    this.addonsStack = props.addonsStack ?? new TerraformStack(app, `${name}-in-cluster`);
    if (this.addonsStack === stack) {
      invalidProp(who, 'addonsStack', stack.node.id, 'must not be the infrastructure stack',
        'Leave addonsStack unset (a separate stack is created) or pass another stack: the add-ons need their own state.');
    }
    this.addons = new PlatformAddons(this.addonsStack, id, {
      ...props.addons,
      acmeEmail: props.acmeEmail,
      connection: {
        clusterName: this.cluster.name,
        endpoint: this.cluster.endpoint,
        certificateAuthorityData: this.cluster.certificateAuthorityData,
        region: props.region,
        vpcId: this.network.vpcId,
        kubernetesVersion: this.cluster.kubernetesVersion,
      },
      ebsKmsKeyArn: props.addons?.ebsKmsKeyArn ?? this.cluster.ebsKmsKeyArn,
      databaseCidrs: props.addons?.databaseCidrs ?? this.network.databaseSubnetCidrs,
      cacheCidrs: props.addons?.cacheCidrs ?? this.network.cacheSubnetCidrs,
    });

    // Baseline findings on the parts name this construct's props (postgres.backupRetentionDays, ...).
    const surface = (child: Construct | undefined, accessor: string, propOf: (p: string) => string) =>
      child && surfaceThrough(child, this, 'ProductionEksPlatform', accessor, propOf);
    surface(this.vpc, 'vpc', (p) => `vpc.${p}`);
    surface(this.cluster, 'cluster', (p) => (p === 'publicAccessCidrs' ? 'clusterPublicAccessCidrs' : `cluster.${p}`));
    surface(this.nodeGroup, 'nodeGroup', (p) => `nodeGroup.${p}`);
    surface(this.postgres, 'postgres', (p) => `postgres.${p}`);
    surface(this.redis, 'redis', (p) => `redis.${p}`);
    surface(this.addonIdentities, 'addonIdentities', (p) => `cluster.${p}`); // it follows cluster.preventDestroy

    PlatformTags.apply(stack, tags);
    ProductionBaseline.applyTo(stack, { failOnError: true });
    ProductionBaseline.applyTo(this.addonsStack, { failOnError: true });

    this.kubeconfigCommand = `aws eks update-kubeconfig --region ${props.region} --name ${name}`;
    this.nextSteps = this.renderNextSteps(props);
    this.outputs();
  }

  private outputs(): void {
    const out = (id: string, value: string, description: string) =>
      new TerraformOutput(this, id, { value, description, staticId: true });
    out('cluster_name', this.cluster.name, 'EKS cluster name');
    out('cluster_endpoint', this.cluster.endpoint, 'EKS API server endpoint (private unless public CIDRs were given)');
    out('cluster_ca_certificate', this.cluster.certificateAuthorityData, 'EKS cluster CA certificate, base64 (public data, not a secret)');
    // The guide uses rds_endpoint as the host (`psql -h <RDS_ENDPOINT>`): the address, not host:port.
    out('rds_endpoint', this.postgres.address, 'PostgreSQL host name (port 5432); connect over TLS (sslmode=verify-full)');
    out('rds_master_secret_arn', this.postgres.masterUserSecretArn, 'Secrets Manager ARN of the RDS-managed master password (the value never leaves Secrets Manager)');
    // Recovery (README "Restore"): a restored instance must use the database's key; the vault holds the daily backups.
    out('rds_kms_key_arn', this.postgres.kmsKeyArn, 'KMS key of the database: kmsKeyArn of an instance restored from it');
    if (this.databaseBackup) out('backup_vault_name', this.databaseBackup.vaultName, 'AWS Backup vault with the daily database recovery points');
    out('elasticache_endpoint', this.redis.primaryEndpointAddress, 'Redis primary endpoint (TLS, IAM-authenticated users)');
    out('elasticache_reader_endpoint', this.redis.readerEndpointAddress, 'Redis reader endpoint');
    out('kubeconfig_command', this.kubeconfigCommand, 'Configures kubectl for the cluster');
    out('next_steps', this.nextSteps, "The guide's verification commands for this environment");
    out('alerts_topic_arn', this.notificationTopic.topicArn, 'SNS topic of every alarm, RDS event and ElastiCache event (subscribe on-call to it)');
    if (this.alerts.dashboard) out('dashboard_url', this.alerts.dashboard.url, 'CloudWatch dashboard of the environment');
  }

  private renderNextSteps(props: ProductionEksPlatformProps): string {
    const r = props.region;
    const db = this.postgres;
    const redis = this.redis;
    const ns = this.addons.workloads.namespace;
    const sa = this.addons.workloads.appServiceAccountName;
    return [
      `1. Configure kubectl:        ${this.kubeconfigCommand}`,
      '2. Nodes in 3 zones (AC1):   kubectl get nodes -L topology.kubernetes.io/zone',
      `3. Control-plane logs (AC6): aws logs tail /aws/eks/${props.name}/cluster --region ${r} --since 10m`,
      `4. Apply the in-cluster stack: cdktf deploy ${this.addonsStack.node.id}`,
      '5. Ingress and TLS (AC5):    kubectl get svc -n ingress-nginx ingress-nginx-controller; kubectl get clusterissuer',
      `6. Tenant isolation schema:  ${TenantIsolationSchema.psqlCommand({ host: db.address, databaseName: db.databaseName, masterUserSecretArn: db.masterUserSecretArn, region: r })}`,
      `7. PostgreSQL (AC3), as the application role with a 15-minute IAM token (the schema grants it rds_iam): PGPASSWORD=$(aws rds generate-db-auth-token --region ${r} --hostname ${db.address} --port 5432 --username ${db.appRoleName}) psql "host=${db.address} dbname=${db.databaseName} user=${db.appRoleName} sslmode=verify-full sslrootcert=global-bundle.pem" -c 'SELECT version();'`,
      `8. Redis (AC4):              aws elasticache describe-replication-groups --region ${r} --replication-group-id ${redis.replicationGroupId} --query 'ReplicationGroups[0].[SnapshotRetentionLimit,SnapshotWindow,AutomaticFailover,MultiAZ,AtRestEncryptionEnabled,TransitEncryptionEnabled]'`,
      `9. Redis over TLS:           redis-cli --tls -h ${redis.primaryEndpointAddress} -p 6379 PING   (NOAUTH expected without an IAM token)`,
      `10. RBAC (AC2):              kubectl auth can-i list pods --as=system:serviceaccount:${ns}:${sa} -n ${ns}`,
      '11. Full runbook:            docs/operations/ (generated by OperationsRunbook)',
      ...this.recoverySteps(r),
      `14. Alerts: confirm every subscription of ${this.notificationTopic.topicName} (aws sns list-subscriptions-by-topic --region ${r} --topic-arn <alerts_topic_arn>)`,
    ].join('\n');
  }

  /** Backups and the restore workflow (README "Restore"), with this environment's names. */
  private recoverySteps(r: string): string[] {
    const db = this.postgres;
    const backup = this.databaseBackup;
    return [
      backup
        ? `12. Backups and restore tests: aws backup list-recovery-points-by-backup-vault --region ${r} --backup-vault-name ${backup.vaultName}; aws backup list-restore-jobs --region ${r} --by-restore-testing-plan-arn "$(aws backup get-restore-testing-plan --region ${r} --restore-testing-plan-name ${backup.restoreTestingPlanName} --query RestoreTestingPlan.RestoreTestingPlanArn --output text)"`
        : `12. Backups: aws rds describe-db-instance-automated-backups --region ${r} --db-instance-identifier ${db.identifier}`,
      `13. Restore (README "Restore"): add a HaPostgres with identifier ${db.identifier}-r1, restoreToPointInTime { sourceInstanceIdentifier: '${db.identifier}' } or snapshotIdentifier, and kmsKeyArn = output rds_kms_key_arn; apply; point clients from rds_endpoint to its address; then retire the old instance (README "Restore")`,
    ];
  }
}

const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function validate(who: string, props: ProductionEksPlatformProps): void {
  validateName(who, props.name);
  if (!Token.isUnresolved(props.region) && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) {
    invalidProp(who, 'region', props.region, 'must be an AWS region name', "Use a region such as 'us-east-1'.");
  }
  if (!Token.isUnresolved(props.acmeEmail) && !EMAIL_RE.test(props.acmeEmail)) {
    invalidProp(who, 'acmeEmail', props.acmeEmail, 'must be an e-mail address', "Use the team's address, e.g. 'devops@example.com'.");
  }
  if (!Token.isUnresolved(props.adminPrincipalArns) && props.adminPrincipalArns.length === 0 && !props.deployerPrincipalArn) {
    invalidProp(who, 'adminPrincipalArns', props.adminPrincipalArns, 'must name at least one principal (nobody else gets cluster access)',
      'List the IAM role(s) of the platform team, e.g. arn:aws:iam::123456789012:role/platform-admin.');
  }
  if (!Token.isUnresolved(props.owner) && props.owner.trim() === '') {
    invalidProp(who, 'owner', props.owner, 'must not be empty (it is the owner tag of every resource)', "Use the owning team's name.");
  }
  const conflicts: Array<[string, unknown, string, unknown]> = [
    ['dbInstanceClass', props.dbInstanceClass, 'postgres.instanceClass', props.postgres?.instanceClass],
    ['cacheNodeType', props.cacheNodeType, 'redis.nodeType', props.redis?.nodeType],
    ['kubernetesVersion', props.kubernetesVersion?.version, 'cluster.kubernetesVersion', props.cluster?.kubernetesVersion?.version],
    ['clusterPublicAccessCidrs', props.clusterPublicAccessCidrs, 'cluster.publicAccessCidrs', props.cluster?.publicAccessCidrs],
    ['nodeInstanceTypes', props.nodeInstanceTypes, 'nodeGroup.instanceTypes', props.nodeGroup?.instanceTypes],
  ];
  for (const [a, va, b, vb] of conflicts) {
    if (va !== undefined && vb !== undefined && JSON.stringify(va) !== JSON.stringify(vb)) {
      invalidProp(who, a, va, `conflicts with ${b} (${JSON.stringify(vb)})`, `Set only one of ${a} and ${b}.`);
    }
  }
  const shadowed: Array<[string, unknown, string, unknown]> = [
    ['adminPrincipalArns', props.adminPrincipalArns, 'cluster.adminPrincipalArns', props.cluster?.adminPrincipalArns],
    ['deployerPrincipalArn', props.deployerPrincipalArn, 'cluster.deployerPrincipalArn', props.cluster?.deployerPrincipalArn],
    ['name', props.name, 'vpc.clusterName', props.vpc?.clusterName],
  ];
  for (const [a, va, b, vb] of shadowed) {
    if (va !== undefined && vb !== undefined && JSON.stringify(va) !== JSON.stringify(vb)) {
      invalidProp(who, b, vb, `conflicts with ${a} (${JSON.stringify(va)}), which the platform uses`, `Drop ${b}; set ${a} only.`);
    }
  }
  if (props.logRetentionDays !== undefined) validateLogRetention(who, 'logRetentionDays', props.logRetentionDays);
  if (props.existingNetwork && props.vpc) {
    invalidProp(who, 'vpc', '<HaVpcOptions>', 'has no effect with existingNetwork', 'Drop vpc, or drop existingNetwork to create a HaVpc.');
  }
}

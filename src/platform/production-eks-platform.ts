import { App, dependable, Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AddonIdentities } from './addon-identities';
import { ApplicationNamespace, ApplicationNamespaceOptions, connectionDetails, redisAccessStringFor } from './application-namespace';
import { checkNamespaceAgainst, rdsCaBundleVariable, warnOnUnknownPodIdentityBindings, warnOnUnprefixedAppUser } from './application-namespace-checks';
import { applicationNamespaceSteps } from './application-namespace-steps';
import { AccountEbsEncryption, EbsDefaultEncryption } from './ebs-default-encryption';
import { writePlatformOutputs } from './platform-outputs';
import { ensureAwsProvider, validatePlatformProps } from './platform-props-validation';
import { platformParts } from './platform-surfaces';
import { PlatformTags } from './platform-tags';
import { ProductionEksPlatformProps } from './production-eks-platform-props';
import { PlatformAddons } from '../addons/platform-addons';
import { HaEksCluster } from '../cluster/ha-eks-cluster';
import { HaNodeGroup } from '../cluster/ha-node-group';
import { DatabaseBackup } from '../data/database-backup';
import { HaPostgres } from '../data/ha-postgres';
import { HaRedis } from '../data/ha-redis';
import { TenantIsolationSchema } from '../data/tenant-isolation';
import { NotificationTopic } from '../monitoring/notification-topic';
import { PlatformAlerts } from '../monitoring/platform-alerts';
import { HaVpc } from '../network/ha-vpc';
import { INetwork } from '../network/network';
import { ProductionBaseline } from '../policy/production-baseline';
import { buildSurfaced } from '../policy/prop-hints';
import { invalidProp } from '../private/errors';
import { DEFAULT_LOG_RETENTION_DAYS } from '../private/log-group';

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
  private readonly appNamespaces: ApplicationNamespace[] = [];
  private readonly props: ProductionEksPlatformProps;
  private readonly region: string;
  /** The infrastructure stack (the one this construct is in). */
  public readonly infrastructureStack: TerraformStack;
  /** The environment's encrypted notification topic: alarms, RDS events, ElastiCache and node group events. */
  public readonly notificationTopic: NotificationTopic;
  /** Alarms and dashboard of the environment, all notifying `notificationTopic`. */
  public readonly alerts: PlatformAlerts;
  /**
   * Terraform variable `rds_ca_bundle_pem` of the in-cluster stack: the regional RDS CA bundle (PEM) that
   * becomes the `rds-ca-bundle` ConfigMap of every application namespace. Set it when applying that stack
   * (README "Deploy an application"). Undefined when `addons.rdsCaBundlePem` gives the bundle: the stack then
   * declares no such variable (Terraform would ask for it even unused).
   */
  public readonly rdsCaBundleVariable?: TerraformVariable;
  /** `aws eks update-kubeconfig` for this environment, with its literal region and name. */
  public readonly kubeconfigCommand: string;

  /**
   * @param props name, region, owner, administrators and ACME e-mail of the environment, plus optional settings of each part
   */
  constructor(scope: Construct, id: string, props: ProductionEksPlatformProps) {
    super(scope, id);
    const who = `ProductionEksPlatform '${id}'`;
    const name = props.name;
    validatePlatformProps(who, props);
    this.region = props.region;

    const stack = TerraformStack.of(this);
    this.infrastructureStack = stack;
    const tags = {
      'environment': props.environment ?? 'production',
      'owner': props.owner,
      'managed-by': 'cdktf-eks-platform',
      'platform': name,
      ...props.tags,
    };
    ensureAwsProvider(who, stack, props.region);

    // Errors a part throws and baseline findings on its resources name this construct's props (platform-surfaces.ts).
    const parts = platformParts(id, props);
    const part = <T extends Construct>(accessor: string, build: () => T) =>
      buildSurfaced(this, 'ProductionEksPlatform', accessor, parts[accessor].childId, parts[accessor].props, build, parts[accessor].inner);

    // Network: the subnets carry the cluster tag so load balancers land in the right tiers.
    if (props.existingNetwork) {
      this.network = props.existingNetwork;
    } else {
      this.vpc = part('vpc', () => new HaVpc(this, 'network', { clusterName: name, ...props.vpc, name }));
      this.network = this.vpc;
    }

    this.cluster = part('cluster', () => new HaEksCluster(this, 'cluster', {
      ...props.cluster,
      name,
      network: this.network,
      kubernetesVersion: props.kubernetesVersion ?? props.cluster?.kubernetesVersion,
      adminPrincipalArns: props.adminPrincipalArns,
      deployerPrincipalArn: props.deployerPrincipalArn ?? props.cluster?.deployerPrincipalArn,
      publicAccessCidrs: props.clusterPublicAccessCidrs ?? props.cluster?.publicAccessCidrs,
    }));
    this.nodeGroup = part('nodeGroup', () => new HaNodeGroup(this, 'nodes', {
      ...props.nodeGroup,
      cluster: this.cluster,
      instanceTypes: props.nodeInstanceTypes ?? props.nodeGroup?.instanceTypes ?? ['t3.large'],
    }));

    // One topic for everything that must wake someone: alarms, RDS events, ElastiCache events.
    this.notificationTopic = part('notificationTopic', () => new NotificationTopic(this, 'alerts', {
      name,
      emailAddresses: props.alerting?.emailAddresses,
      httpsEndpoints: props.alerting?.httpsEndpoints,
      preventDestroy: props.alerting?.preventDestroy ?? true,
    }));
    const topicArn = this.notificationTopic.topicArn;

    // One construct id either way: changing the default key keeps the switch's address.
    const ebsPreventDestroy = props.cluster?.preventDestroy ?? true;
    if (props.ebsEncryptionByDefault && props.ebsCustomerManagedDefaultKey) {
      this.ebsDefaultEncryption = new EbsDefaultEncryption(this, 'ebs-default-encryption', { kmsKeyArn: this.cluster.ebsKmsKeyArn, preventDestroy: ebsPreventDestroy });
    } else if (props.ebsEncryptionByDefault) {
      this.accountEbsEncryption = new AccountEbsEncryption(this, 'ebs-default-encryption', { preventDestroy: ebsPreventDestroy });
    }

    // Data tier: admits 5432/6379 only from the nodes (the cluster security group the node groups run in).
    // It references the cluster's security group only, so it is created in parallel with the cluster.
    const fromNodes = [this.cluster.nodeSecurityGroupId];
    const appNs = props.addons?.appNamespace ?? 'production';
    this.postgres = part('postgres', () => new HaPostgres(this, 'postgres', {
      ...props.postgres,
      name,
      network: this.network,
      allowedSecurityGroupIds: fromNodes,
      instanceClass: props.dbInstanceClass ?? props.postgres?.instanceClass ?? 'db.t3.medium',
      notificationTopicArn: props.postgres?.notificationTopicArn ?? topicArn,
    }));
    if (props.databaseBackupEnabled ?? true) {
      this.databaseBackup = part('databaseBackup', () => new DatabaseBackup(this, 'database-backup', {
        ...props.databaseBackup,
        name,
        database: this.postgres,
        network: this.network,
      }));
    }
    this.redis = part('redis', () => new HaRedis(this, 'redis', {
      ...props.redis,
      name,
      network: this.network,
      allowedSecurityGroupIds: fromNodes,
      nodeType: props.cacheNodeType ?? props.redis?.nodeType ?? 'cache.t3.small',
      notificationTopicArn: props.redis?.notificationTopicArn ?? topicArn,
      // The default namespace's user may touch only its own keys (`<namespace>:`), like every other namespace's.
      appUserAccessString: props.redis?.appUserAccessString ?? redisAccessStringFor(`${appNs}:`),
    }));
    this.alerts = part('alerts', () => new PlatformAlerts(this, 'monitoring', {
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
    }));

    this.addonIdentities = part('addonIdentities', () => new AddonIdentities(this, 'addon-identities', {
      cluster: this.cluster,
      logKmsKeyArn: this.cluster.logGroup.kmsKeyId,
      logRetentionDays: props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
      preventDestroy: props.cluster?.preventDestroy ?? true,
    }));

    // In-cluster add-ons in their own stack and state: the infrastructure state never needs a reachable API server.
    const app = App.of(this);
    this.addonsStack = props.addonsStack ?? new TerraformStack(app, `${name}-in-cluster`);
    if (this.addonsStack === stack) {
      invalidProp(who, 'addonsStack', stack.node.id, 'must not be the infrastructure stack',
        'Leave addonsStack unset (a separate stack is created) or pass another stack: the add-ons need their own state.');
    }
    // The cluster's Kubernetes service range (EKS chooses it at creation: 172.20.0.0/16 or 10.100.0.0/16), read with a
    // splat and one(): the block is computed, and a reference by index fails where it is absent (a mock provider).
    const serviceRange = Fn.one(this.cluster.cluster.getListAttribute('kubernetes_network_config[*].service_ipv4_cidr'));
    // Only when the bundle is not given: Terraform asks for every declared root variable, used or not.
    const caBundlePem = props.addons?.rdsCaBundlePem
      ?? (this.rdsCaBundleVariable = rdsCaBundleVariable(this.addonsStack, props.region)).stringValue;
    this.addons = part('addons', () => new PlatformAddons(this.addonsStack, id, {
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
      // Pods reach the API through the kubernetes Service, whose ClusterIP is the first address of the service range;
      // the VPC CNI agent checks a pod's egress before kube-proxy translates that address to the API server's ENIs,
      // so the rule names the ClusterIP (a /32) and opens nothing else.
      apiServerCidrs: props.addons?.apiServerCidrs ?? [`${Fn.cidrhost(serviceRange, 1)}/32`],
      appConnection: props.addons?.appConnection ?? connectionDetails(this.postgres, this.redis, props.region, {
        databaseUser: this.postgres.appRoleName, redisUser: this.redis.appUserName, redisKeyPrefix: `${appNs}:`,
      }),
      rdsCaBundlePem: caBundlePem,
    }));
    // The guide's production/app-sa: its identity, with the database's and cache's application users.
    this.appNamespaces.push(new ApplicationNamespace(this, `namespace-${appNs}`, {
      ...this.namespaceParts(props.region),
      namespace: appNs,
      serviceAccountName: this.addons.workloads.appServiceAccountName,
      databaseUser: this.postgres.appRoleName,
      databaseSchema: 'public',
      redisUserName: this.redis.appUserName,
      redisKeyPrefix: `${appNs}:`,
      workloads: this.addons.workloads,
      existingRedisUser: this.redis.appUser,
    }));
    for (const options of props.applicationNamespaces ?? []) this.addApplicationNamespace(options);
    warnOnUnknownPodIdentityBindings(stack, this.cluster, () => this.appNamespaces);
    warnOnUnprefixedAppUser(this.redis, props.redis?.appUserAccessString, `${appNs}:`);

    PlatformTags.apply(stack, tags);
    ProductionBaseline.applyTo(stack, { failOnError: true });
    ProductionBaseline.applyTo(this.addonsStack, { failOnError: true });

    this.kubeconfigCommand = `aws eks update-kubeconfig --region ${props.region} --name ${name}`;
    this.props = props;
    writePlatformOutputs(this);
  }

  /**
   * The guide's verification commands with this environment's names filled in, including every application
   * namespace added so far (the `next_steps` output is written at synth, so it lists the ones added later too).
   */
  public get nextSteps(): string {
    return this.renderNextSteps(this.props);
  }

  /** Every application namespace: the default one (`production`) first, then the added ones. */
  public get applicationNamespaces(): ApplicationNamespace[] {
    return [...this.appNamespaces];
  }

  /**
   * Adds a team's application namespace: its in-cluster objects in the in-cluster stack, its Pod Identity
   * role, database user name and Redis user here. Fails on a namespace, database user, schema, Redis user or
   * key prefix another namespace already has.
   */
  public addApplicationNamespace(options: ApplicationNamespaceOptions): ApplicationNamespace {
    checkNamespaceAgainst(this.appNamespaces, options.namespace);
    const n = new ApplicationNamespace(this, `namespace-${options.namespace}`, { ...this.namespaceParts(this.region), ...options });
    checkNamespaceAgainst(this.appNamespaces, options.namespace, n);
    // ElastiCache refuses a change to a user group while it is modifying: teams added in one apply join it in turn.
    const previous = [...this.appNamespaces].reverse().find((x) => x.redisUserGroupAssociation)?.redisUserGroupAssociation;
    if (previous && n.redisUserGroupAssociation) {
      n.redisUserGroupAssociation.dependsOn = [...(n.redisUserGroupAssociation.dependsOn ?? []), dependable(previous)];
    }
    this.appNamespaces.push(n);
    return n;
  }

  private namespaceParts(region: string) {
    return { cluster: this.cluster, postgres: this.postgres, redis: this.redis, addons: this.addons, region };
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
      ...applicationNamespaceSteps(r, this.addonsStack.node.id, db, this.appNamespaces, this.rdsCaBundleVariable !== undefined),
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

import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroupAssociation } from '@cdktf/provider-aws/lib/elasticache-user-group-association';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ApplicationConnectionDetails, EgressDestination, NamespaceQuota } from '../addons/application-connection';
import { PlatformAddons } from '../addons/platform-addons';
import { checkName, checkNotReserved } from '../addons/private/namespace-objects';
import { WorkloadBaseline } from '../addons/workload-baseline';
import { HaEksCluster } from '../cluster/ha-eks-cluster';
import { WorkloadIdentityRole } from '../cluster/workload-identity-role';
import { HaPostgres } from '../data/ha-postgres';
import { HaRedis } from '../data/ha-redis';
import { TenantIsolationSchema } from '../data/tenant-isolation';
import { AwsContext } from '../private/aws-context';
import { invalidProp } from '../private/errors';
import { roleNameFrom } from '../private/iam-names';

/** What a team's application namespace is, in `ProductionEksPlatform.applicationNamespaces` or `addApplicationNamespace`. */
export interface ApplicationNamespaceOptions {
  /** The Kubernetes namespace (not a system or add-on namespace, not one the platform already has). */
  readonly namespace: string;

  /**
   * Service account of the application: the one with the AWS identity and the namespace's RBAC.
   * @default 'app-sa'
   */
  readonly serviceAccountName?: string;

  /**
   * Database user the namespace logs in as, with IAM tokens. Created by `schemaSql()` (TenantIsolationSchema).
   * @default - the namespace with hyphens as underscores, plus `_app` (`team-a` gives `team_a_app`)
   */
  readonly databaseUser?: string;

  /**
   * Schema of the namespace's tenant tables (its own `tenants` and `tenant_data`, owned by `<user>_owner`).
   * @default - the namespace with hyphens as underscores (`team_a`)
   */
  readonly databaseSchema?: string;

  /**
   * ElastiCache user of the namespace, authenticated with IAM (its user id is its user name).
   * @default - `<replication group id>-<namespace>`
   */
  readonly redisUserName?: string;

  /**
   * The only Redis keys the namespace's user may touch: `~<prefix>*` in its ACL. Must not be a prefix of
   * another namespace's prefix (or the other way round), so no two namespaces share a key.
   * @default - `<namespace>:`
   */
  readonly redisKeyPrefix?: string;

  /**
   * Pod Security Standard of the namespace.
   * @default 'restricted'
   */
  readonly podSecurityLevel?: string;

  /**
   * The guide's RBAC: the service account may get, list and watch pods of its namespace.
   * @default true
   */
  readonly podReaderRbac?: boolean;

  /**
   * Destinations outside the cluster the pods may reach (see `WorkloadBaseline`).
   * @default - none
   */
  readonly egressDestinations?: EgressDestination[];

  /**
   * The namespace's ResourceQuota.
   * @default - see `NamespaceQuota`
   */
  readonly quota?: NamespaceQuota;
}

/** Props of `ApplicationNamespace`. */
export interface ApplicationNamespaceProps extends ApplicationNamespaceOptions {
  /** The cluster the Pod Identity association is made on. */
  readonly cluster: HaEksCluster;
  /** The database the namespace's user logs in to. */
  readonly postgres: HaPostgres;
  /** The cache the namespace's user connects to. */
  readonly redis: HaRedis;
  /** The in-cluster platform that renders the namespace (unless `workloads` is given). */
  readonly addons: PlatformAddons;
  /** AWS region (written into the connection ConfigMap). */
  readonly region: string;
  /**
   * The namespace's in-cluster objects when they exist already (the platform's default namespace).
   * @default - created with `addons.addApplicationNamespace`
   */
  readonly workloads?: WorkloadBaseline;
  /**
   * Use this ElastiCache user instead of creating one (the default namespace uses `HaRedis.appUser`). Its
   * access string must already limit it to `redisKeyPrefix`.
   * @default - a user is created and associated with the cache's user group
   */
  readonly existingRedisUser?: ElasticacheUser;
}

const PG_IDENT_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const REDIS_USER_RE = /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/;
const PREFIX_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}$/;

/**
 * The Redis ACL of a namespace's user: every key command, only on its own keys. `-@dangerous` also removes
 * KEYS and FLUSHALL; SCAN and RANDOMKEY take no key argument, so a key pattern would not stop them from
 * listing other namespaces' key names: they are removed too.
 */
export function redisAccessStringFor(prefix: string): string {
  return `on ~${prefix}* +@all -@dangerous -scan -randomkey`;
}

/**
 * A team's seat on the platform: the AWS side of an application namespace (its own EKS Pod Identity role
 * with exactly `rds-db:connect` as its database user and `elasticache:Connect` as its Redis user, and that
 * Redis user, limited to its key prefix), plus the namespace's in-cluster objects (`WorkloadBaseline`:
 * namespace, service account, RBAC, quota, NetworkPolicies and the `app-connection` ConfigMap).
 */
export class ApplicationNamespace extends Construct {
  /** The Kubernetes namespace. */
  public readonly namespace: string;
  /** The application's service account. */
  public readonly serviceAccountName: string;
  /** Database user of the namespace. */
  public readonly databaseUser: string;
  /** Schema of the namespace's tenant tables. */
  public readonly databaseSchema: string;
  /** ElastiCache user name (and id) of the namespace. */
  public readonly redisUserName: string;
  /** Key prefix the Redis user is limited to. */
  public readonly redisKeyPrefix: string;
  /** The Pod Identity role of the service account. */
  public readonly identity: WorkloadIdentityRole;
  /** The IAM policy (JSON) of the role: exactly the two connects. */
  public readonly policyJson: string;
  /** The ElastiCache user created for the namespace (undefined with `existingRedisUser`). */
  public readonly redisUser?: ElasticacheUser;
  /** The association of that user with the cache's user group. */
  public readonly redisUserGroupAssociation?: ElasticacheUserGroupAssociation;
  /** The in-cluster objects of the namespace. */
  public readonly workloads: WorkloadBaseline;

  /**
   * @param props the namespace, its names in the database and cache, and the platform parts it uses
   */
  constructor(scope: Construct, id: string, props: ApplicationNamespaceProps) {
    super(scope, id);
    const who = `ApplicationNamespace '${id}'`;
    const ns = props.namespace;
    const base = ns.replace(/-/g, '_');
    this.namespace = ns;
    this.serviceAccountName = props.serviceAccountName ?? 'app-sa';
    this.databaseUser = props.databaseUser ?? `${base}_app`;
    this.databaseSchema = props.databaseSchema ?? base;
    this.redisUserName = props.redisUserName ?? `${props.redis.replicationGroupId}-${ns}`;
    this.redisKeyPrefix = props.redisKeyPrefix ?? `${ns}:`;
    validate(who, this, props);

    const { redis, postgres } = props;
    const ctx = AwsContext.of(this);
    let redisUserArn: string;
    if (props.existingRedisUser) {
      redisUserArn = props.existingRedisUser.arn;
    } else {
      this.redisUser = new ElasticacheUser(this, 'redis-user', {
        userId: this.redisUserName, // IAM authentication requires user id = user name
        userName: this.redisUserName,
        engine: 'redis',
        accessString: redisAccessStringFor(this.redisKeyPrefix),
        authenticationMode: { type: 'iam' },
        tags: { Name: this.redisUserName, namespace: ns },
      });
      // An association, not a new user_ids list: adding or removing a namespace leaves the user group alone.
      this.redisUserGroupAssociation = new ElasticacheUserGroupAssociation(this, 'redis-user-group', {
        userGroupId: redis.userGroup.userGroupId,
        userId: this.redisUser.userId,
      });
      // The group's own list would otherwise undo every association on the next apply (provider docs of
      // aws_elasticache_user_group_association); its initial members stay as created.
      redis.userGroup.lifecycle = { ...redis.userGroup.lifecycle, ignoreChanges: ['user_ids'] };
      redisUserArn = this.redisUser.arn;
    }

    this.policyJson = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ConnectAsOwnDatabaseUser',
          Effect: 'Allow',
          Action: 'rds-db:connect',
          Resource: ctx.arn('rds-db', `dbuser:${postgres.instance.resourceId}/${this.databaseUser}`),
        },
        {
          Sid: 'ConnectAsOwnRedisUser',
          Effect: 'Allow',
          Action: 'elasticache:Connect',
          Resource: [redis.replicationGroup.arn, redisUserArn],
        },
      ],
    });
    this.identity = new WorkloadIdentityRole(this, 'identity', {
      cluster: props.cluster,
      namespace: ns,
      serviceAccount: this.serviceAccountName,
      roleName: roleNameFrom(props.cluster.resourceNamePrefix, ns, this.serviceAccountName),
      inlinePolicyJson: this.policyJson,
    });

    this.workloads = props.workloads ?? props.addons.addApplicationNamespace({
      namespace: ns,
      appServiceAccountName: this.serviceAccountName,
      podSecurityLevel: props.podSecurityLevel,
      podReaderRbac: props.podReaderRbac,
      egressDestinations: props.egressDestinations,
      quota: props.quota,
      connection: connectionDetails(postgres, redis, props.region, {
        databaseUser: this.databaseUser, databaseSchema: this.databaseSchema, redisUser: this.redisUserName, redisKeyPrefix: this.redisKeyPrefix,
      }),
    });
  }

  /**
   * The SQL that creates the namespace's database user and its tenant tables (run as the master user, see
   * `TenantIsolationSchema.psqlCommand`).
   */
  public schemaSql(): string {
    return TenantIsolationSchema.sql({ schemaName: this.databaseSchema, appRoleName: this.databaseUser });
  }
}

/** The `app-connection` ConfigMap's contents for a namespace's users of this database and cache. */
export function connectionDetails(postgres: HaPostgres, redis: HaRedis, region: string,
  own: { databaseUser: string; databaseSchema?: string; redisUser: string; redisKeyPrefix: string }): ApplicationConnectionDetails {
  return {
    postgresHost: postgres.address,
    databaseName: postgres.databaseName,
    redisPrimaryEndpoint: redis.primaryEndpointAddress,
    redisReaderEndpoint: redis.readerEndpointAddress,
    redisReplicationGroupId: redis.replicationGroupId,
    region,
    ...own,
  };
}

function validate(who: string, n: ApplicationNamespace, props: ApplicationNamespaceProps): void {
  checkName(who, 'namespace', n.namespace);
  checkNotReserved(who, n.namespace);
  checkName(who, 'serviceAccountName', n.serviceAccountName);
  const check = (prop: string, value: string, re: RegExp, rule: string, fix: string) => {
    if (!Token.isUnresolved(value) && !re.test(value)) invalidProp(who, prop, value, rule, fix);
  };
  const pgRule = 'must be 1-63 lower-case letters, digits or underscores, not starting with a digit';
  check('databaseUser', n.databaseUser, PG_IDENT_RE, pgRule, "Set databaseUser explicitly, like 'team_a_app'.");
  check('databaseSchema', n.databaseSchema, PG_IDENT_RE, pgRule, "Set databaseSchema explicitly, like 'team_a'.");
  if (n.databaseUser === props.postgres.masterUsername) {
    invalidProp(who, 'databaseUser', n.databaseUser, 'must not be the master user', "Use the namespace's own user, like 'team_a_app'.");
  }
  if (!props.existingRedisUser) {
    check('redisUserName', n.redisUserName, REDIS_USER_RE,
      'must be lower-case letters, digits or single hyphens, starting with a letter (IAM authentication needs user id = user name)',
      "Set redisUserName, like 'ai-agents-prod-team-a'.");
    if (n.redisUserName === 'default' || n.redisUserName === props.redis.appUserName) {
      invalidProp(who, 'redisUserName', n.redisUserName, "must not be 'default' or the cache's application user", 'Give the namespace a user of its own.');
    }
  }
  check('redisKeyPrefix', n.redisKeyPrefix, PREFIX_RE,
    'must be 1-63 letters, digits or _ . : - (no glob characters such as * ? [ ])', "Use the namespace and a colon, like 'team-a:'.");
}

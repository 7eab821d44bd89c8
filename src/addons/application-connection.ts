/**
 * The shapes of an application namespace: its reachable destinations, quota and connection details.
 */

/** A destination outside the cluster that an application namespace may reach. */
export interface EgressDestination {
  /** Name of the destination: the NetworkPolicy is `allow-egress-<name>` (lower-case letters, digits, hyphens). */
  readonly name: string;
  /** IPv4 CIDR blocks of the destination (its published address ranges). `0.0.0.0/0` is refused. */
  readonly cidrs: string[];
  /**
   * TCP ports.
   * @default [443]
   */
  readonly ports?: number[];
}

/** Hard limits of an application namespace (Kubernetes quantities such as `500m`, `4`, `8Gi`). */
export interface NamespaceQuota {
  /**
   * Sum of the CPU requests of all pods.
   * @default '4'
   */
  readonly requestsCpu?: string;
  /**
   * Sum of the memory requests of all pods.
   * @default '8Gi'
   */
  readonly requestsMemory?: string;
  /**
   * Sum of the CPU limits of all pods.
   * @default '8'
   */
  readonly limitsCpu?: string;
  /**
   * Sum of the memory limits of all pods.
   * @default '16Gi'
   */
  readonly limitsMemory?: string;
  /**
   * Number of pods.
   * @default 40
   */
  readonly pods?: number;
}

/** What an application needs to connect to its database and cache (the ConfigMap `app-connection`). */
export interface ApplicationConnectionDetails {
  /** PostgreSQL host name (`HaPostgres.address`). */
  readonly postgresHost: string;
  /**
   * PostgreSQL port.
   * @default 5432
   */
  readonly postgresPort?: number;
  /** Database name. */
  readonly databaseName: string;
  /** Database user the namespace logs in as (IAM authentication). */
  readonly databaseUser: string;
  /**
   * Schema of the tenant tables.
   * @default 'public'
   */
  readonly databaseSchema?: string;
  /**
   * The session setting carrying the tenant id (see `TenantIsolationSchema`).
   * @default 'app.current_tenant_id'
   */
  readonly tenantSettingName?: string;
  /** Redis primary endpoint address. */
  readonly redisPrimaryEndpoint: string;
  /** Redis reader endpoint address. */
  readonly redisReaderEndpoint: string;
  /**
   * Redis port.
   * @default 6379
   */
  readonly redisPort?: number;
  /** ElastiCache user the namespace connects as (IAM authentication). */
  readonly redisUser: string;
  /** The key prefix the Redis user's ACL limits it to. */
  readonly redisKeyPrefix: string;
  /** ElastiCache replication group id (the IAM token is signed for it). */
  readonly redisReplicationGroupId: string;
  /** AWS region. */
  readonly region: string;
}

/** Names of the ConfigMaps an application namespace carries and where the pods find the CA bundle. */
export class ApplicationConnection {
  /** ConfigMap of connection details, read with `envFrom`. */
  public static readonly CONFIG_MAP = 'app-connection';
  /** ConfigMap holding the RDS CA bundle. */
  public static readonly CA_BUNDLE_CONFIG_MAP = 'rds-ca-bundle';
  /** Key (and file name) of the bundle in that ConfigMap. */
  public static readonly CA_BUNDLE_KEY = 'rds-ca-bundle.pem';
  /** Where pods mount the bundle ConfigMap (read-only). */
  public static readonly CA_BUNDLE_MOUNT_PATH = '/etc/rds-ca';

  private constructor() {}
}

import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ELASTICACHE_EVENTBRIDGE, ELASTICACHE_MEMBER_CLUSTERS } from './event-facts';
import { INetwork } from '../network/network';
import { ownPolicyResources } from '../policy/prop-hints';
import { invalidProp } from '../private/errors';
import { createManagedKey, logsKeyGrant } from '../private/kms';
import { createLogGroup, DEFAULT_LOG_RETENTION_DAYS, validateLogRetention } from '../private/log-group';
import { validateAllowedSecurityGroups, validateName, validateZonesInRegion } from '../private/validation';
import { parseDailyWindow, parseWeeklyWindow, windowsOverlap } from '../private/windows';

/** A Redis OSS engine version for ElastiCache (7.0 or later: IAM authentication needs Redis 7). */
export class RedisEngineVersion {
  /** Redis OSS 7.1. */
  public static readonly V7_1 = new RedisEngineVersion('7.1');
  /** Redis OSS 7.0. */
  public static readonly V7_0 = new RedisEngineVersion('7.0');

  /** Any ElastiCache Redis OSS version `MAJOR.MINOR`, 7.0 or later. */
  public static of(version: string): RedisEngineVersion {
    return new RedisEngineVersion(version);
  }

  /** The major version (`7` for `7.1`). */
  public readonly majorVersion: string;

  /** @param version the ElastiCache Redis OSS engine version, `MAJOR.MINOR` (for example `7.1`) */
  private constructor(public readonly version: string) {
    const m = /^(\d+)\.\d+$/.exec(version);
    // Redis OSS on ElastiCache ends at 7.x (version 8 exists only for the Valkey engine), and IAM
    // authentication needs 7.
    if (!m || Number(m[1]) !== 7) {
      invalidProp('RedisEngineVersion', 'version', version, "must be a Redis OSS 7.x release 'MAJOR.MINOR' (IAM authentication needs 7; ElastiCache has no Redis OSS 8)",
        'Use RedisEngineVersion.V7_1 (the default) or another 7.x release.');
    }
    this.majorVersion = m[1];
  }
}

/** Tunables of `HaRedis`, also accepted as pass-through props by `ProductionEksPlatform`. */
export interface HaRedisOptions {
  /**
   * Replication group id, at most 40 characters.
   * @default `<name>-redis`
   */
  readonly replicationGroupId?: string;

  /**
   * Redis OSS version.
   * @default RedisEngineVersion.V7_1
   */
  readonly engineVersion?: RedisEngineVersion;

  /**
   * Node type of every node.
   * @default 'cache.t3.small'
   */
  readonly nodeType?: string;

  /**
   * Number of nodes: one primary plus replicas, each in its own availability zone where possible (2 to 6).
   * @default 2
   */
  readonly nodeCount?: number;

  /**
   * Availability zones of the nodes, primary first, one per node, all different.
   * @default - ElastiCache spreads the nodes over the zones of the cache subnet group
   */
  readonly preferredAvailabilityZones?: string[];

  /**
   * Days of daily snapshots to keep (1 to 35, 0 would turn persistence off and is not accepted).
   * @default 5
   */
  readonly snapshotRetentionDays?: number;

  /**
   * Daily snapshot window, `hh:mm-hh:mm` UTC, at least 60 minutes. Must not overlap `maintenanceWindow`.
   * @default '03:00-05:00'
   */
  readonly snapshotWindow?: string;

  /**
   * Weekly maintenance window, `ddd:hh:mm-ddd:hh:mm` UTC, at least 60 minutes.
   * @default 'sun:06:00-sun:07:00'
   */
  readonly maintenanceWindow?: string;

  /**
   * Name (and id) of the ElastiCache user the application connects as, with IAM authentication.
   * @default `<name>-app`
   */
  readonly appUserName?: string;

  /**
   * Redis ACL access string of the application user.
   * @default 'on ~* +@all -@dangerous'
   */
  readonly appUserAccessString?: string;

  /**
   * KMS key (ARN) for data at rest and the log groups. Its policy must let CloudWatch Logs use it.
   * @default - a customer-managed key is created
   */
  readonly kmsKeyArn?: string;

  /**
   * Retention of the slow and engine log groups, in days (at least 90).
   * @default 90
   */
  readonly logRetentionDays?: number;

  /**
   * Parameters for the construct's parameter group.
   * @default - the family defaults
   */
  readonly parameters?: { [key: string]: string };

  /**
   * Keep Terraform from destroying the replication group, its users, key and log groups (`prevent_destroy`).
   * Setting false lets `terraform destroy` delete the cache (a final snapshot is still taken).
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * SNS topic (ARN) that receives ElastiCache's failure events (cache update or creation failed, snapshot
   * creation, export or copy failed, cache limit approaching, cache deleted) through an EventBridge rule.
   * ElastiCache's own notifications (`notification_topic_arn`) cannot publish to an encrypted topic, so the
   * construct does not use them. EventBridge's ElastiCache events name no field the construct can filter on
   * reliably, so the rule forwards these events of every cache in the account and region. The topic must let
   * EventBridge publish (`NotificationTopic` does).
   * @default - no event forwarding
   */
  readonly notificationTopicArn?: string;

  /**
   * Seed the new replication group from this ElastiCache snapshot (for example the final snapshot
   * `<id>-final` or a daily one from `aws elasticache describe-snapshots`). Data at rest is encrypted with
   * this construct's key as usual. Seeding is a creation-time setting: give the seeded group a new
   * `replicationGroupId` next to the old one; setting it on an existing group replaces it.
   * @default - an empty cache
   */
  readonly snapshotName?: string;

  /**
   * Seed the new replication group from Redis RDB files in S3 (`arn:aws:s3:::bucket/key.rdb`); ElastiCache
   * must be allowed to read them. Exclusive with `snapshotName`; same creation-time rules.
   * @default - an empty cache
   */
  readonly snapshotArns?: string[];

  /**
   * Tags for every resource of the construct.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/** Props of `HaRedis`. */
export interface HaRedisProps extends HaRedisOptions {
  /** Name prefix (the replication group id defaults to `<name>-redis`). Lower-case letters, digits and hyphens. */
  readonly name: string;

  /** The network: the nodes go into its cache subnet group, the security group into its VPC. */
  readonly network: INetwork;

  /**
   * Security groups (of the cluster nodes) allowed to connect on port 6379. Nothing else is admitted.
   * Must not be empty.
   */
  readonly allowedSecurityGroupIds: string[];
}

const ID_RE = /^[a-z](?!.*--)[a-z0-9-]{0,38}[a-z0-9]$/;
const RDB_ARN_RE = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+\.rdb$/;

/**
 * The seed props: `snapshot_name` and `snapshot_arns` are both creation-time inputs of
 * CreateReplicationGroup (a group is seeded from one source), ForceNew in the provider.
 */
function validateSeed(who: string, props: HaRedisProps): void {
  const { snapshotName: name, snapshotArns: arns } = props;
  if (name !== undefined && arns !== undefined) {
    invalidProp(who, 'snapshotName', name, 'cannot be combined with snapshotArns (a replication group is seeded from one source)',
      'Give either snapshotName or snapshotArns.');
  }
  if (name !== undefined && !Token.isUnresolved(name) && !/^[A-Za-z][A-Za-z0-9-]{0,254}$/.test(name)) {
    invalidProp(who, 'snapshotName', name, 'must be an ElastiCache snapshot name: a letter, then letters, digits or hyphens',
      'Copy the name from `aws elasticache describe-snapshots`.');
  }
  if (arns !== undefined && !Token.isUnresolved(arns)) {
    const bad = arns.filter((a) => !Token.isUnresolved(a) && !RDB_ARN_RE.test(a));
    if (arns.length === 0 || bad.length > 0) {
      invalidProp(who, 'snapshotArns', arns, "must list S3 object ARNs of .rdb files ('arn:aws:s3:::bucket/path/dump.rdb')",
        'Give the ARN of each RDB file to load.');
    }
  }
}

/**
 * Highly available ElastiCache Redis OSS (the guide's AC4): a replication group of a primary and replicas
 * in different availability zones with automatic failover, daily RDB snapshots, encryption at rest with a
 * customer-managed key and TLS required in transit, reachable on 6379 only from the given security groups.
 *
 * Authentication uses ElastiCache RBAC with IAM: the application user authenticates with a short-lived IAM
 * token (`elasticache:Connect`), so no password or auth token exists anywhere, not even in Terraform state.
 * The mandatory `default` user is replaced by one that is switched off (`off -@all`): a connection that does
 * not authenticate can run no command.
 */
export class HaRedis extends Construct {
  /** The Multi-AZ replication group with automatic failover (escape hatch to the underlying `aws_elasticache_replication_group` resource). */
  public readonly replicationGroup: ElasticacheReplicationGroup;
  /** ElastiCache parameter group of the replication group (with any extra parameters given). */
  public readonly parameterGroup: ElasticacheParameterGroup;
  /** RBAC user group of the replication group: the switched-off `default` user and the application user. */
  public readonly userGroup: ElasticacheUserGroup;
  /** The application user (IAM authentication). */
  public readonly appUser: ElasticacheUser;
  /** The replacement `default` user, switched off. */
  public readonly defaultUser: ElasticacheUser;
  /** Name (and user id) of the application user, which authenticates with an IAM token. */
  public readonly appUserName: string;
  /** Security group of the cache nodes: 6379 from the allowed security groups only, no egress. */
  public readonly securityGroup: SecurityGroup;
  /** ID of the cache's security group. Add ingress rules to it to admit more clients. */
  public readonly securityGroupId: string;
  /** The key created for the cache, when no `kmsKeyArn` was given. */
  public readonly kmsKey?: KmsKey;
  /** ARN of the KMS key that encrypts the cache at rest, its snapshots and its log groups (given or created). */
  public readonly kmsKeyArn: string;
  /** The slow-log and engine-log groups. */
  public readonly logGroups: CloudwatchLogGroup[];
  /** ID of the replication group. */
  public readonly replicationGroupId: string;
  /** Address of the primary (follows failover). */
  public readonly primaryEndpointAddress: string;
  /** Address that spreads reads over the replicas. */
  public readonly readerEndpointAddress: string;
  /** Port the cache listens on (6379, TLS required). */
  public readonly port: number;
  /** The EventBridge rule forwarding ElastiCache's failure events, when `notificationTopicArn` was given. */
  public readonly eventsRule?: CloudwatchEventRule;
  /** Number of nodes (primary and replicas). */
  public readonly nodeCount: number;
  /**
   * Ids of the member cache clusters, one per node (`<group>-001` to `<group>-00N`): the CacheClusterId
   * dimension of the per-node CloudWatch metrics.
   */
  public readonly memberClusterIds: string[];
  /** The snapshot name or RDB ARNs the cache was seeded from, when it was. */
  public readonly seededFrom?: string;

  /**
   * @param props name, network, allowed clients, engine version, node type and snapshot settings of the cache
   */
  constructor(scope: Construct, id: string, props: HaRedisProps) {
    super(scope, id);
    ownPolicyResources(this, 'HaRedis'); // findings on its resources name its props
    const who = `HaRedis '${id}'`;
    const name = props.name;
    validateName(who, name);
    const rgId = props.replicationGroupId ?? `${name}-redis`;
    if (!Token.isUnresolved(rgId) && !ID_RE.test(rgId)) {
      invalidProp(who, 'replicationGroupId', rgId,
        'must be 2-40 lower-case letters, digits or single hyphens, starting with a letter and not ending with a hyphen',
        "Give a shorter name or an explicit replicationGroupId like 'ai-agents-prod-redis'.");
    }
    this.replicationGroupId = rgId;
    const allowed = props.allowedSecurityGroupIds;
    validateAllowedSecurityGroups(who, allowed);
    const engine = props.engineVersion ?? RedisEngineVersion.V7_1;
    const nodeType = props.nodeType ?? 'cache.t3.small';
    if (!Token.isUnresolved(nodeType) && !/^cache\.[a-z0-9-]+\.[a-z0-9]+$/.test(nodeType)) {
      invalidProp(who, 'nodeType', nodeType, "must be an ElastiCache node type such as 'cache.t3.small'",
        "Start the type with 'cache.' (for example 'cache.r7g.large').");
    }
    const nodeCount = props.nodeCount ?? 2;
    if (!Number.isInteger(nodeCount) || nodeCount < 2 || nodeCount > 6) {
      invalidProp(who, 'nodeCount', nodeCount, 'must be from 2 to 6 (a primary and at least one replica for failover)',
        'Use 2 (the default) or more.');
    }
    const azs = props.preferredAvailabilityZones;
    if (azs && (azs.length !== nodeCount || new Set(azs).size !== azs.length)) {
      invalidProp(who, 'preferredAvailabilityZones', azs, `must list ${nodeCount} different zones (one per node)`,
        'Give one distinct zone per node, primary first.');
    }
    if (azs) validateZonesInRegion(this, who, 'preferredAvailabilityZones', azs);
    const snapshotRetention = props.snapshotRetentionDays ?? 5;
    if (!Number.isInteger(snapshotRetention) || snapshotRetention < 1 || snapshotRetention > 35) {
      invalidProp(who, 'snapshotRetentionDays', snapshotRetention, 'must be from 1 to 35 (0 would turn off persistence)',
        'Use 5 (the default).');
    }
    const snapshotWindow = props.snapshotWindow ?? '03:00-05:00';
    const maintenanceWindow = props.maintenanceWindow ?? 'sun:06:00-sun:07:00';
    const snapshot = parseDailyWindow(snapshotWindow);
    if (!snapshot || snapshot.minutes < 60) {
      invalidProp(who, 'snapshotWindow', snapshotWindow, "must be 'hh:mm-hh:mm' (UTC) and at least 60 minutes long", "Use for example '03:00-05:00'.");
    }
    const maintenance = parseWeeklyWindow(maintenanceWindow);
    if (!maintenance || maintenance.minutes < 60) {
      invalidProp(who, 'maintenanceWindow', maintenanceWindow, "must be 'ddd:hh:mm-ddd:hh:mm' (UTC, lower-case day) and at least 60 minutes long",
        "Use for example 'sun:06:00-sun:07:00'.");
    }
    if (windowsOverlap(snapshot, maintenance)) {
      invalidProp(who, 'maintenanceWindow', maintenanceWindow, `must not overlap snapshotWindow '${snapshotWindow}'`,
        'Move one of the windows so they do not share any minute.');
    }
    const appUserName = props.appUserName ?? `${name}-app`;
    if (!Token.isUnresolved(appUserName) && (!/^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/.test(appUserName) || appUserName === 'default')) {
      invalidProp(who, 'appUserName', appUserName,
        "must be lower-case letters, digits or single hyphens, starting with a letter, and not 'default' (IAM authentication needs user id = user name, lower-case)",
        "Use a name like 'ai-agents-prod-app'.");
    }
    this.appUserName = appUserName;
    const logRetention = props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    validateLogRetention(who, 'logRetentionDays', logRetention);
    validateSeed(who, props);
    this.seededFrom = props.snapshotName ?? props.snapshotArns?.join(', ');

    const preventDestroy = props.preventDestroy ?? true;
    const lifecycle = preventDestroy ? { preventDestroy: true } : undefined;
    const tags = (extra: { [key: string]: string }) => ({ ...props.tags, ...extra });

    // --- Key
    if (props.kmsKeyArn) {
      this.kmsKeyArn = props.kmsKeyArn;
    } else {
      const { key } = createManagedKey(this, 'key', {
        description: `ElastiCache ${rgId}: data at rest, snapshots, logs`,
        alias: rgId,
        grants: [logsKeyGrant(this)],
        tags: tags({ Name: rgId }),
        preventDestroy,
      });
      this.kmsKey = key;
      this.kmsKeyArn = key.arn;
    }

    // --- Log groups for slow and engine logs.
    const logTypes = ['slow-log', 'engine-log'];
    this.logGroups = logTypes.map((t) => createLogGroup(this, `log-group-${t}`, {
      name: `/aws/elasticache/${rgId}/${t}`,
      kmsKeyArn: this.kmsKeyArn,
      retentionDays: logRetention,
      tags: tags({ Name: `${rgId}-${t}` }),
      preventDestroy,
    }));

    // --- Network: own security group, 6379 from the given groups only, no egress.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${rgId}-cache`,
      description: `Redis ${rgId}: 6379 from the allowed security groups only`,
      vpcId: props.network.vpcId,
      tags: tags({ Name: `${rgId}-cache` }),
    });
    this.securityGroupId = this.securityGroup.id;
    allowed.forEach((sg, i) => new VpcSecurityGroupIngressRule(this, `ingress-${i}`, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: sg,
      ipProtocol: 'tcp',
      fromPort: 6379,
      toPort: 6379,
      description: 'Redis from an allowed security group',
      tags: tags({ Name: `${rgId}-cache-ingress-${i + 1}` }),
    }));

    // --- Parameter group owned by the construct.
    const family = `redis${engine.majorVersion}`;
    this.parameterGroup = new ElasticacheParameterGroup(this, 'parameter-group', {
      name: `${rgId}-${family}`,
      family,
      description: `Redis ${rgId}`,
      parameter: Object.entries(props.parameters ?? {}).map(([n, value]) => ({ name: n, value })),
      tags: tags({ Name: `${rgId}-${family}` }),
      lifecycle: { createBeforeDestroy: true },
    });

    // --- RBAC: the app user authenticates with IAM; the required `default` user is switched off.
    this.appUser = new ElasticacheUser(this, 'app-user', {
      userId: appUserName, // IAM authentication requires user id = user name
      userName: appUserName,
      engine: 'redis',
      accessString: props.appUserAccessString ?? 'on ~* +@all -@dangerous',
      authenticationMode: { type: 'iam' },
      tags: tags({ Name: appUserName }),
      lifecycle,
    });
    this.defaultUser = new ElasticacheUser(this, 'default-user', {
      userId: `${rgId}-default-off`,
      userName: 'default', // every user group must contain a user named default: this one can do nothing
      engine: 'redis',
      accessString: 'off -@all',
      authenticationMode: { type: 'no-password-required' },
      tags: tags({ Name: `${rgId}-default-off` }),
      lifecycle,
    });
    this.userGroup = new ElasticacheUserGroup(this, 'user-group', {
      userGroupId: `${rgId}-users`,
      engine: 'redis',
      userIds: [this.defaultUser.userId, this.appUser.userId],
      tags: tags({ Name: `${rgId}-users` }),
      lifecycle,
    });

    // --- The replication group.
    this.replicationGroup = new ElasticacheReplicationGroup(this, 'replication-group', {
      replicationGroupId: rgId,
      description: `Redis ${rgId}: primary and replicas across zones`,
      engine: 'redis',
      engineVersion: engine.version,
      nodeType,
      numCacheClusters: nodeCount,
      preferredCacheClusterAzs: azs,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      port: 6379,
      parameterGroupName: this.parameterGroup.name,
      subnetGroupName: props.network.cacheSubnetGroupName,
      securityGroupIds: [this.securityGroup.id],
      atRestEncryptionEnabled: 'true',
      kmsKeyId: this.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      userGroupIds: [this.userGroup.userGroupId],
      snapshotRetentionLimit: snapshotRetention,
      snapshotWindow,
      maintenanceWindow,
      finalSnapshotIdentifier: `${rgId}-final`,
      snapshotName: props.snapshotName,
      snapshotArns: props.snapshotArns,
      autoMinorVersionUpgrade: 'true',
      applyImmediately: false,
      logDeliveryConfiguration: this.logGroups.map((g, i) => ({
        destination: g.name,
        destinationType: 'cloudwatch-logs',
        logFormat: 'json',
        logType: logTypes[i],
      })),
      tags: tags({ Name: rgId }),
      lifecycle,
    });

    // --- Events: ElastiCache's failure events to the environment's (encrypted) topic, through EventBridge.
    if (props.notificationTopicArn) {
      this.eventsRule = new CloudwatchEventRule(this, 'events', {
        name: `${rgId}-events`,
        description: `ElastiCache failure events (Redis ${rgId} and other caches of the account and region)`,
        eventPattern: JSON.stringify({ 'source': ['aws.elasticache'], 'detail-type': [...ELASTICACHE_EVENTBRIDGE.failureDetailTypes] }),
        tags: tags({ Name: `${rgId}-events` }),
      });
      new CloudwatchEventTarget(this, 'events-target', {
        rule: this.eventsRule.name, arn: props.notificationTopicArn, targetId: 'notification-topic',
      });
    }

    this.nodeCount = nodeCount;
    this.memberClusterIds = Array.from({ length: nodeCount }, (_, i) => ELASTICACHE_MEMBER_CLUSTERS.memberId(rgId, i));
    this.primaryEndpointAddress = this.replicationGroup.primaryEndpointAddress;
    this.readerEndpointAddress = this.replicationGroup.readerEndpointAddress;
    this.port = 6379;
  }

  /**
   * An IAM policy document (JSON) that lets a principal connect to this cache as the application user
   * (`elasticache:Connect` on the replication group and the user). The client then authenticates with
   * the user name and a signed IAM token instead of a password.
   */
  public iamConnectPolicyJson(): string {
    return JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: 'elasticache:Connect',
        Resource: [this.replicationGroup.arn, this.appUser.arn],
      }],
    });
  }
}

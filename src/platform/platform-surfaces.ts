import { INetwork } from '../network/network';

/**
 * Which of ProductionEksPlatform's props sets each prop of its parts: the one table behind both the errors a part
 * throws while it is built and the baseline findings on its resources (src/policy/prop-hints.ts `buildSurfaced`),
 * so both name the prop the user set: `dbInstanceClass` or `postgres.instanceClass`, whichever was given.
 */

/** One part: the id the platform gives it and how its props map to the platform's. */
export interface PlatformPart {
  /** The part's construct id under the platform (`postgres`, `nodes`, ...). */
  readonly childId: string;
  /** The part's prop (dotted for nested ones) -> the platform's prop that sets it. */
  readonly props: (childProp: string) => string;
  /** The same for blocks inside the part that validate props of their own, by construct (`PostgresAlarms 'postgres'`). */
  readonly inner?: { [construct: string]: (childProp: string) => string };
}

/** The ProductionEksPlatform props the table reads (declared here so this file does not import the construct back). */
export interface PlatformPropsShape {
  readonly existingNetwork?: INetwork;
  readonly kubernetesVersion?: unknown;
  readonly deployerPrincipalArn?: string;
  readonly clusterPublicAccessCidrs?: string[];
  readonly vpc?: { readonly clusterName?: string };
  readonly cluster?: { readonly kubernetesVersion?: unknown; readonly deployerPrincipalArn?: string; readonly publicAccessCidrs?: string[] };
  readonly nodeGroup?: { readonly instanceTypes?: string[] };
  readonly postgres?: { readonly instanceClass?: string };
  readonly redis?: { readonly nodeType?: string };
}

/** A nested prop given on the part's options wins over the platform's shortcut (they may not conflict; see validate). */
const either = (nestedGiven: boolean, nested: string, shortcut: string) => (nestedGiven ? nested : shortcut);

/** The platform's parts by the public property that holds each (`platform.postgres`, ...). */
export function platformParts(id: string, props: PlatformPropsShape): { [accessor: string]: PlatformPart } {
  // The network a part received: an existing one the user passed, or the platform's HaVpc (settings under vpc.*).
  const network = (p: string) => (props.existingNetwork ? `existingNetwork${p.slice('network'.length)}` : 'vpc');
  const common = (prefix: string, p: string) => (p === 'name' ? 'name' : p.startsWith('network.') ? network(p) : `${prefix}.${p}`);
  return {
    vpc: {
      childId: 'network',
      props: (p) => (p === 'clusterName' ? either(props.vpc?.clusterName !== undefined, 'vpc.clusterName', 'name') : common('vpc', p)),
    },
    cluster: {
      childId: 'cluster',
      props: (p) => {
        switch (p) {
          case 'kubernetesVersion': return either(props.cluster?.kubernetesVersion !== undefined, 'cluster.kubernetesVersion', 'kubernetesVersion');
          case 'deployerPrincipalArn': return either(props.cluster?.deployerPrincipalArn !== undefined, 'cluster.deployerPrincipalArn', 'deployerPrincipalArn');
          case 'publicAccessCidrs': return either(props.cluster?.publicAccessCidrs !== undefined, 'cluster.publicAccessCidrs', 'clusterPublicAccessCidrs');
          case 'adminPrincipalArns': return 'adminPrincipalArns';
          default: return common('cluster', p);
        }
      },
    },
    nodeGroup: {
      childId: 'nodes',
      props: (p) => (p === 'instanceTypes' ? either(props.nodeGroup?.instanceTypes !== undefined, 'nodeGroup.instanceTypes', 'nodeInstanceTypes') : common('nodeGroup', p)),
    },
    postgres: {
      childId: 'postgres',
      props: (p) => (p === 'instanceClass' ? either(props.postgres?.instanceClass !== undefined, 'postgres.instanceClass', 'dbInstanceClass') : common('postgres', p)),
    },
    databaseBackup: { childId: 'database-backup', props: (p) => common('databaseBackup', p) },
    redis: {
      childId: 'redis',
      props: (p) => (p === 'nodeType' ? either(props.redis?.nodeType !== undefined, 'redis.nodeType', 'cacheNodeType') : common('redis', p)),
    },
    notificationTopic: { childId: 'alerts', props: (p) => (p === 'name' ? 'name' : `alerting.${p}`) },
    // PlatformAlerts passes the alerting thresholds on to one block per service.
    alerts: {
      childId: 'monitoring',
      props: (p) => (p === 'name' ? 'name' : `alerting.${p}`),
      inner: {
        "PostgresAlarms 'postgres'": (p) => `alerting.postgres.${p}`,
        "RedisAlarms 'redis'": (p) => `alerting.redis.${p}`,
        "ClusterAlarms 'cluster'": (p) => `alerting.cluster.${p}`,
      },
    },
    // It follows the cluster's settings (preventDestroy) and the platform's log retention.
    addonIdentities: { childId: 'addon-identities', props: (p) => (p === 'logRetentionDays' ? 'logRetentionDays' : `cluster.${p}`) },
    addons: {
      childId: id,
      props: (p) => (p === 'acmeEmail' ? 'acmeEmail' : p === 'connection.region' ? 'region' : `addons.${p}`),
      // The guide's application namespace is built from addons.appNamespace (the service account keeps its default).
      inner: { "WorkloadBaseline 'workloads'": (p) => (p === 'namespace' ? 'addons.appNamespace' : `addons.${p}`) },
    },
  };
}

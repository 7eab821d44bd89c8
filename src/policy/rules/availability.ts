import { RuleDefinition } from './model';
import { blocks, isExpression, listOf, numberOf, show, trueOrUnknown } from './values';
import { PolicyLevel } from '../policy-rule';

const AREA = 'availability';

/** Nodes and subnets per cluster: one per availability zone, three zones. */
export const MIN_ZONES = 3;

/** Surviving the loss of one availability zone (runbook AC1, AC3, AC4). */
export const AVAILABILITY_RULES: RuleDefinition[] = [
  {
    id: 'PB-HA-001',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_db_instance'],
    title: 'RDS instances run Multi-AZ',
    rationale: 'A single-AZ instance is down for the whole of a zone outage or a host failure; Multi-AZ fails '
      + 'over to a synchronous standby in about a minute.',
    fix: 'Set multi_az = true.',
    check: (r) => trueOrUnknown(r.config.multi_az) ? [] : [show('multi_az', r.config.multi_az)],
  },
  {
    id: 'PB-HA-002',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_elasticache_replication_group'],
    title: 'ElastiCache has a replica in another zone and fails over automatically',
    rationale: 'Without a replica and automatic failover, losing the primary node loses the cache and every '
      + 'session and queue in it until someone intervenes.',
    fix: 'Set automatic_failover_enabled = true, multi_az_enabled = true and num_cache_clusters >= 2 '
      + '(or replicas_per_node_group >= 1 in cluster mode).',
    check: (r) => {
      const c = r.config;
      const problems: string[] = [];
      if (!trueOrUnknown(c.automatic_failover_enabled)) problems.push(show('automatic_failover_enabled', c.automatic_failover_enabled));
      if (!trueOrUnknown(c.multi_az_enabled)) problems.push(show('multi_az_enabled', c.multi_az_enabled));
      const clusterMode = c.num_node_groups !== undefined || c.replicas_per_node_group !== undefined;
      if (clusterMode) {
        const replicas = numberOf(c.replicas_per_node_group);
        if (!isExpression(c.replicas_per_node_group) && (replicas === undefined || replicas < 1)) {
          problems.push(show('replicas_per_node_group', c.replicas_per_node_group));
        }
      } else {
        const nodes = numberOf(c.num_cache_clusters);
        if (!isExpression(c.num_cache_clusters) && (nodes === undefined || nodes < 2)) {
          problems.push(`${show('num_cache_clusters', c.num_cache_clusters)} (needs 2 or more)`);
        }
      }
      return problems;
    },
  },
  {
    id: 'PB-HA-003',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_eks_node_group'],
    title: `EKS node groups keep at least ${MIN_ZONES} nodes`,
    rationale: `With fewer than ${MIN_ZONES} nodes the group cannot span three zones, and the autoscaler may scale `
      + 'into a single zone that then takes every workload down with it.',
    fix: `Set scaling_config.min_size >= ${MIN_ZONES} (and the node group's subnets in ${MIN_ZONES} zones).`,
    check: (r) => {
      const raw = blocks(r.config.scaling_config)[0]?.min_size;
      if (isExpression(raw)) return [];
      const min = numberOf(raw);
      return min === undefined || min < MIN_ZONES ? [show('scaling_config.min_size', raw)] : [];
    },
  },
  {
    id: 'PB-HA-004',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_eks_cluster'],
    title: `EKS clusters are placed in at least ${MIN_ZONES} subnets`,
    rationale: 'The control plane places its network interfaces in the given subnets; with fewer than three '
      + 'zones a zone outage can cut nodes off from the API server.',
    fix: `Give vpc_config.subnet_ids one private subnet in each of at least ${MIN_ZONES} availability zones.`,
    check: (r) => {
      const ids = listOf(blocks(r.config.vpc_config)[0]?.subnet_ids);
      if (ids === undefined) return [];
      const distinct = new Set(ids.map((x) => JSON.stringify(x))).size;
      return distinct < MIN_ZONES ? [`vpc_config.subnet_ids has ${distinct} subnet(s)`] : [];
    },
  },
  {
    id: 'PB-HA-005',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_eks_node_group'],
    title: 'EKS managed node groups repair unhealthy nodes automatically',
    rationale: 'Without node auto repair a node whose kubelet, container runtime or network fails stays NotReady '
      + 'in the group, holding its share of capacity, until someone notices and replaces it by hand.',
    fix: 'Set node_repair_config { enabled = true } (HaNodeGroup does this unless nodeAutoRepair is false).',
    check: (r) => {
      const enabled = blocks(r.config.node_repair_config)[0]?.enabled;
      return trueOrUnknown(enabled) ? [] : [show('node_repair_config.enabled', enabled)];
    },
  },
  {
    id: 'PB-HA-006',
    level: PolicyLevel.ERROR,
    area: AREA,
    resourceTypes: ['aws_eks_cluster'],
    title: 'EKS clusters are registered for ARC zonal shift',
    rationale: 'Zonal shift is the way to take an impaired availability zone out of service: traffic and new '
      + 'nodes and pods move to the healthy zones. A cluster not registered cannot be shifted, by an operator '
      + 'or by zonal autoshift, while the zone is failing.',
    fix: 'Set zonal_shift_config { enabled = true } (HaEksCluster does this unless zonalShift is false).',
    check: (r) => {
      const enabled = blocks(r.config.zonal_shift_config)[0]?.enabled;
      return trueOrUnknown(enabled) ? [] : [show('zonal_shift_config.enabled', enabled)];
    },
  },
];

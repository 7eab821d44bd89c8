/**
 * Upgrade safety: compares two synthesized stacks (before and after a change) and reports every stateful
 * resource the change would destroy, replace or strip of its protection.
 *
 * Why not `terraform plan`? The offline checks run under `mock_provider`, which plans a change of a
 * replacement-forcing ("ForceNew") attribute as an in-place update. So the check reads the synthesized
 * JSON and compares the attributes that force replacement, from a curated table (below, with sources).
 */

/** What a change does to a stateful resource. */
export enum UpgradeFindingKind {
  /** The resource's Terraform address is gone from `after` (a renamed construct id is a new address): destroyed. */
  DESTROYED = 'DESTROYED',
  /** A replacement-forcing attribute changed: Terraform destroys the resource and creates a new one. */
  REPLACED = 'REPLACED',
  /**
   * Changed in place, but the resource's identity changes with it (an RDS rename: the endpoint every client
   * uses changes).
   */
  IDENTITY_CHANGED = 'IDENTITY_CHANGED',
  /** A node group is replaced without `create_before_destroy`: its nodes are gone before new ones exist. */
  REPLACED_WITHOUT_OVERLAP = 'REPLACED_WITHOUT_OVERLAP',
  /** A protection was switched off: `prevent_destroy`, RDS deletion protection or the final snapshot. */
  PROTECTION_REMOVED = 'PROTECTION_REMOVED',
}

/** One thing a change would lose. */
export interface UpgradeFinding {
  /** Terraform address in the `before` stack, e.g. `aws_db_instance.platform_postgres_instance_72684512`. */
  readonly address: string;
  /** Terraform resource type. */
  readonly resourceType: string;
  /** What the change does to the resource (destroyed, replaced, identity changed, protection removed...). */
  readonly kind: UpgradeFindingKind;
  /**
   * The attribute that changed (dotted path into the resource's JSON).
   * @default - none (the whole resource is gone)
   */
  readonly attribute?: string;
  /**
   * JSON of the attribute's value before the change.
   * @default - none
   */
  readonly before?: string;
  /**
   * JSON of the attribute's value after the change.
   * @default - none
   */
  readonly after?: string;
  /** One sentence for a reviewer: what is lost and why. */
  readonly message: string;
}

/**
 * Replacement-forcing attributes per resource type, for the AWS provider 5.x (`@cdktf/provider-aws` 20.x =
 * provider 5.100). Dotted paths go into nested blocks (`vpc_config.subnet_ids`).
 *
 * Sources (read from hashicorp/terraform-provider-aws, the `ForceNew: true` schema fields):
 *   aws_db_instance                  internal/service/rds/instance.go
 *   aws_elasticache_replication_group internal/service/elasticache/replication_group.go
 *   aws_eks_cluster                  internal/service/eks/cluster.go
 *   aws_kms_key                      internal/service/kms/key.go
 *   aws_cloudwatch_log_group         internal/service/logs/group.go
 * Updated in place (no ForceNew), so adding them to a deployed environment replaces nothing:
 *   aws_eks_node_group `node_repair_config`  internal/service/eks/node_group.go (commit 012e0a32f0686212f447447fd3d81c3d0ce256ad)
 *   aws_eks_cluster `zonal_shift_config`     internal/service/eks/cluster.go
 *   aws_db_parameter_group `parameter`       internal/service/rds/parameter_group.go (commit 01606926a0c0ab9174aec440f976a48b0baee722;
 *                                            name, family and description do force a new group)
 * Not verified against the source here (taken from the provider documentation and kept on the conservative
 * side): aws_backup_vault (`name`, `kms_key_arn`: a vault's key is fixed at creation), aws_s3_bucket (`bucket`, `bucket_prefix`, `object_lock_enabled`), aws_eks_node_group, the EKS
 * `vpc_config` subnet and security group ids (ForceNew in older 5.x releases, updatable in newer ones) and
 * `encryption_config` (EKS cannot change the key of an encrypted cluster).
 */
const FORCES_REPLACEMENT: { [type: string]: string[] } = {
  aws_db_instance: [
    'availability_zone', 'character_set_name', 'custom_iam_instance_profile', 'db_name', 'engine', 'kms_key_id',
    'nchar_character_set_name', 'restore_to_point_in_time', 's3_import', 'snapshot_identifier', 'storage_encrypted',
    'timezone', 'username', 'identifier_prefix',
  ],
  aws_elasticache_replication_group: [
    'replication_group_id', 'at_rest_encryption_enabled', 'kms_key_id', 'subnet_group_name', 'port', 'data_tiering_enabled',
    'global_replication_group_id', 'network_type', 'security_group_names', 'snapshot_arns', 'snapshot_name',
  ],
  aws_eks_cluster: [
    'name', 'role_arn', 'bootstrap_self_managed_addons', 'access_config.bootstrap_cluster_creator_admin_permissions',
    'kubernetes_network_config.ip_family', 'kubernetes_network_config.service_ipv4_cidr', 'outpost_config',
    'remote_network_config', 'encryption_config.provider.key_arn', 'vpc_config.subnet_ids', 'vpc_config.security_group_ids',
  ],
  aws_kms_key: ['key_usage', 'customer_master_key_spec', 'multi_region', 'custom_key_store_id', 'xks_key_id'],
  aws_cloudwatch_log_group: ['name', 'name_prefix', 'log_group_class'],
  aws_s3_bucket: ['bucket', 'bucket_prefix', 'object_lock_enabled'],
  aws_backup_vault: ['name', 'kms_key_arn'],
};

/**
 * Attributes changed in place whose change still breaks every client: since provider 5.0 an RDS identifier
 * change renames the instance (CHANGELOG 5.0.0, #31232) and so changes its endpoint.
 */
const CHANGES_IDENTITY: { [type: string]: string[] } = {
  aws_db_instance: ['identifier'],
};

/** Node groups: not stateful, but replacing the only group without overlap takes every node away at once. */
const NODE_GROUP_FORCES_REPLACEMENT = [
  'cluster_name', 'node_group_name', 'node_group_name_prefix', 'node_role_arn', 'subnet_ids', 'instance_types',
  'capacity_type', 'ami_type', 'disk_size', 'remote_access',
];

/** Protections whose removal loses data on the next destroy or replacement: [type, path, safe value]. */
const PROTECTIONS: Array<[string, string, unknown]> = [
  ['aws_db_instance', 'deletion_protection', true],
  ['aws_db_instance', 'skip_final_snapshot', false],
  ['aws_db_instance', 'delete_automated_backups', false],
  ['aws_backup_vault', 'force_destroy', false],
];

/**
 * Creation-time restore inputs: on an existing resource they replace it (the old data is deleted and the
 * resource is rebuilt from the backup). A restore belongs into a NEW resource next to the old one.
 */
const RESTORE_INPUTS: { [type: string]: string[] } = {
  aws_db_instance: ['snapshot_identifier', 'restore_to_point_in_time'],
  aws_elasticache_replication_group: ['snapshot_name', 'snapshot_arns'],
};

const RESTORE_WORKFLOW = 'restore into a new instance with a new identifier next to the old one, switch clients, then retire the old one (README "Restore")';

/** Compares synthesized stacks for changes that would lose stateful resources. */
export class UpgradeSafety {
  /** Resource types that hold data or identity that a replacement loses. */
  public static readonly STATEFUL_RESOURCE_TYPES: string[] = Object.keys(FORCES_REPLACEMENT);

  /**
   * The attributes of a resource type whose change replaces the resource (an empty list for types the
   * check does not know).
   */
  public static replacementAttributes(resourceType: string): string[] {
    return [...(FORCES_REPLACEMENT[resourceType] ?? (resourceType === 'aws_eks_node_group' ? NODE_GROUP_FORCES_REPLACEMENT : []))];
  }

  /**
   * Every stateful resource of `beforeJson` that `afterJson` destroys (its address is gone and no `moved`
   * block points it to a new one), replaces (a replacement-forcing attribute changed), renames, or strips
   * of `prevent_destroy`, deletion protection or its final snapshot, plus node groups that would be replaced
   * without `create_before_destroy`. An empty list means the change keeps every stateful resource.
   *
   * @param beforeJson a synthesized stack (`cdk.tf.json` contents) as deployed
   * @param afterJson the same stack synthesized with the change
   */
  public static compare(beforeJson: string, afterJson: string): UpgradeFinding[] {
    const before = JSON.parse(beforeJson);
    const after = JSON.parse(afterJson);
    const moved = new Map<string, string>();
    for (const m of [after.moved ?? []].flat() as Array<{ from: string; to: string }>) moved.set(m.from, m.to);

    const findings: UpgradeFinding[] = [];
    for (const [type, byName] of Object.entries<Record<string, any>>(before.resource ?? {})) {
      const stateful = type in FORCES_REPLACEMENT;
      if (!stateful && type !== 'aws_eks_node_group') {
        // prevent_destroy guards only what is still in the configuration: a removed block is destroyed anyway.
        findings.push(...removedProtectedFindings(type, byName, after, moved));
        continue;
      }
      for (const [name, old] of Object.entries<any>(byName)) {
        const address = `${type}.${name}`;
        const target = moved.get(address) ?? address;
        const [newType, ...rest] = target.split('.');
        const now = after.resource?.[newType]?.[rest.join('.')];
        if (now === undefined) {
          if (stateful) {
            const successor = restoredSuccessor(type, old, after);
            findings.push({
              address,
              resourceType: type,
              kind: UpgradeFindingKind.DESTROYED,
              message: successor
                ? `${address} is not in the new stack: Terraform destroys it. ${successor} was restored from it: retiring the old instance is the last step of the restore workflow, only after clients use the new one, and needs the documented opt-outs (deletionProtection: false, preventDestroy: false) applied first.`
                : `${address} is not in the new stack: Terraform destroys it (a renamed construct id is a new address; add a \`moved\` block or keep the id).`,
            });
          }
          continue;
        }
        if (!stateful) {
          findings.push(...nodeGroupFindings(address, old, now));
          continue;
        }
        for (const path of FORCES_REPLACEMENT[type]) {
          const [a, b] = [valueAt(old, path), valueAt(now, path)];
          if (!sameValue(a, b)) {
            findings.push({
              address,
              resourceType: type,
              kind: UpgradeFindingKind.REPLACED,
              attribute: path,
              before: show(a),
              after: show(b),
              message: (RESTORE_INPUTS[type] ?? []).includes(path)
                ? `${address}: setting ${path} on the existing resource replaces it (its data is deleted and rebuilt from the backup): ${RESTORE_WORKFLOW}.`
                : `${address}: changing ${path} from ${show(a)} to ${show(b)} forces replacement (the old resource and its data are deleted).`,
            });
          }
        }
        for (const path of CHANGES_IDENTITY[type] ?? []) {
          const [a, b] = [valueAt(old, path), valueAt(now, path)];
          if (!sameValue(a, b)) {
            findings.push({
              address,
              resourceType: type,
              kind: UpgradeFindingKind.IDENTITY_CHANGED,
              attribute: path,
              before: show(a),
              after: show(b),
              message: `${address}: changing ${path} from ${show(a)} to ${show(b)} renames it in place: its endpoint changes and every client breaks.`,
            });
          }
        }
        findings.push(...protectionFindings(address, type, old, now));
      }
    }
    return findings;
  }

  /** The findings as a plain-text report, one line each. */
  public static formatFindings(findings: UpgradeFinding[]): string {
    if (findings.length === 0) return 'Upgrade safety: no stateful resource is destroyed, replaced or unprotected.';
    return [`Upgrade safety: ${findings.length} finding(s).`, ...findings.map((f) => `${f.kind.padEnd(24)} ${f.message}`)].join('\n');
  }

  private constructor() {}
}

/**
 * The address of a resource in `after` restored from `old` (an RDS point-in-time restore naming its
 * identifier, or a snapshot whose name contains it), or undefined.
 */
/** Resources of a non-stateful type that had `prevent_destroy` and are gone from `after`. */
function removedProtectedFindings(type: string, byName: Record<string, any>, after: any, moved: Map<string, string>): UpgradeFinding[] {
  return Object.entries<any>(byName).filter(([name, old]) => {
    const [newType, ...rest] = (moved.get(`${type}.${name}`) ?? `${type}.${name}`).split('.');
    return old.lifecycle?.prevent_destroy === true && after.resource?.[newType]?.[rest.join('.')] === undefined;
  }).map(([name]) => ({
    address: `${type}.${name}`,
    resourceType: type,
    kind: UpgradeFindingKind.DESTROYED,
    message: `${type}.${name} had prevent_destroy and is not in the new stack: Terraform destroys it (prevent_destroy applies only to resources still in the configuration).`,
  }));
}

function restoredSuccessor(type: string, old: any, after: any): string | undefined {
  if (type !== 'aws_db_instance' || typeof old.identifier !== 'string') return undefined;
  for (const [name, r] of Object.entries<any>(after.resource?.aws_db_instance ?? {})) {
    const pitr = valueAt(r, 'restore_to_point_in_time.source_db_instance_identifier');
    const snapshot = r.snapshot_identifier;
    if (pitr === old.identifier || (typeof snapshot === 'string' && snapshot.includes(old.identifier))) return `aws_db_instance.${name}`;
  }
  return undefined;
}

function nodeGroupFindings(address: string, old: any, now: any): UpgradeFinding[] {
  if (now.lifecycle?.create_before_destroy === true) return [];
  const changed = NODE_GROUP_FORCES_REPLACEMENT.filter((p) => !sameValue(valueAt(old, p), valueAt(now, p)));
  return changed.map((path) => ({
    address,
    resourceType: 'aws_eks_node_group',
    kind: UpgradeFindingKind.REPLACED_WITHOUT_OVERLAP,
    attribute: path,
    before: show(valueAt(old, path)),
    after: show(valueAt(now, path)),
    message: `${address}: changing ${path} replaces the node group without create_before_destroy: its nodes are deleted before new ones join.`,
  }));
}

function protectionFindings(address: string, type: string, old: any, now: any): UpgradeFinding[] {
  const out: UpgradeFinding[] = [];
  const finding = (attribute: string, a: unknown, b: unknown, what: string) => out.push({
    address,
    resourceType: type,
    kind: UpgradeFindingKind.PROTECTION_REMOVED,
    attribute,
    before: show(a),
    after: show(b),
    message: `${address}: ${what}.`,
  });
  if (old.lifecycle?.prevent_destroy === true && now.lifecycle?.prevent_destroy !== true) {
    finding('lifecycle.prevent_destroy', true, now.lifecycle?.prevent_destroy, 'prevent_destroy is switched off: Terraform may now destroy it');
  }
  for (const [t, path, safe] of PROTECTIONS) {
    if (t !== type) continue;
    const [a, b] = [valueAt(old, path), valueAt(now, path)];
    if (sameValue(a, safe) && !sameValue(b, safe)) finding(path, a, b, `${path} is no longer ${JSON.stringify(safe)}`);
  }
  if (type === 'aws_elasticache_replication_group' || type === 'aws_db_instance') {
    const [a, b] = [old.final_snapshot_identifier, now.final_snapshot_identifier];
    if (a !== undefined && b === undefined) finding('final_snapshot_identifier', a, b, 'no final snapshot is taken on deletion any more');
  }
  return out;
}

/** The value at a dotted path; a nested block may be an object or a list of them. */
function valueAt(resource: any, path: string): unknown {
  let cur: any = resource;
  for (const key of path.split('.')) {
    if (cur === undefined || cur === null) return undefined;
    if (Array.isArray(cur)) {
      cur = cur.length === 1 ? cur[0]?.[key] : cur.map((c) => c?.[key]);
    } else {
      cur = cur[key];
    }
  }
  return cur;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(v: unknown): string {
  return v === undefined ? 'unset' : JSON.stringify(v);
}

import { readSynthOutput, referencesIn, SynthResource } from './synth-output';

/**
 * Renders a synthesized cdktf app that uses this library as a Mermaid diagram (GitHub renders it):
 * availability zones with their subnet tiers and NAT gateways, the cluster and its node groups, the
 * database and the cache with the security-group rules that connect them, and the in-cluster Helm releases.
 * It reads only the synthesized Terraform JSON, so it works for any app, not just the example.
 */
export class ArchitectureDiagram {
  /** Reads a cdktf output directory (the one holding `manifest.json`). */
  public static fromOutputDirectory(outDir: string): ArchitectureDiagram {
    return new ArchitectureDiagram(readSynthOutput(outDir).resources);
  }

  private readonly resources: SynthResource[];
  private readonly ids = new Map<string, string>();

  private constructor(resources: SynthResource[]) {
    this.resources = resources;
  }

  /** The diagram as Mermaid `flowchart` text. */
  public toMermaid(): string {
    const lines: string[] = ['flowchart TB'];
    const of = (type: string) => this.resources.filter((r) => r.type === type);
    const label = (r: SynthResource) => r.config?.tags?.Name ?? r.config?.name ?? r.config?.identifier ?? r.name;

    // --- Network: subnets grouped by zone, NAT gateways inside their public subnet's zone.
    const subnets = of('aws_subnet');
    const zoneOf = new Map<string, string>();
    subnets.forEach((s) => zoneOf.set(s.address, zoneLabel(s.config.availability_zone)));
    const nats = of('aws_nat_gateway');
    for (const vpc of of('aws_vpc')) {
      lines.push(`  subgraph ${this.id(vpc)}["VPC ${esc(label(vpc))} ${esc(vpc.config.cidr_block ?? '')}"]`);
      const inVpc = subnets.filter((s) => referencesIn(s.config.vpc_id).includes(vpc.address));
      const zones = [...new Set(inVpc.map((s) => zoneOf.get(s.address)!))].sort();
      for (const zone of zones) {
        lines.push(`    subgraph ${safe(`${vpc.name}-${zone}`)}["${esc(zone)}"]`);
        lines.push('      direction TB');
        for (const s of inVpc.filter((x) => zoneOf.get(x.address) === zone).sort(byTier)) {
          lines.push(`      ${this.id(s)}["${esc(s.config.tags?.tier ?? 'subnet')} ${esc(s.config.cidr_block ?? '')}"]`);
          for (const n of nats.filter((x) => referencesIn(x.config.subnet_id).includes(s.address))) {
            lines.push(`      ${this.id(n)}(["NAT gateway"])`);
            lines.push(`      ${this.id(n)} --- ${this.id(s)}`);
          }
        }
        lines.push('    end');
      }
      // Interface endpoints: what nodes reach without the NAT path.
      const endpoints = of('aws_vpc_endpoint').filter((e) => e.config.vpc_endpoint_type === 'Interface'
        && referencesIn(e.config.vpc_id).includes(vpc.address));
      if (endpoints.length > 0) {
        const services = endpoints.map((e) => String(e.config.service_name ?? '').replace(/^com\.amazonaws\.(\$\{[^}]+\}|[a-z0-9-]+)\./, ''));
        const dns = endpoints.every((e) => e.config.private_dns_enabled === true) ? 'private DNS' : 'no private DNS';
        lines.push(`    ${this.id(endpoints[0])}[/"${endpoints.length} interface endpoints, ${dns}, :443 from the VPC<br/>${esc(services.join(', '))}"/]`);
      }
      lines.push('  end');
    }
    for (const ebs of of('aws_ebs_encryption_by_default').filter((r) => r.config.enabled !== false)) {
      const key = of('aws_ebs_default_kms_key')[0];
      lines.push(`  ${this.id(ebs)}[\\"account + region: EBS encryption by default<br/>${key ? 'customer-managed default key' : 'AWS-managed key'}"/]`);
    }

    // --- Compute and data.
    for (const c of of('aws_eks_cluster')) {
      const logs = (c.config.enabled_cluster_log_types ?? []).length;
      const zonalShift = first(c.config.zonal_shift_config)?.enabled === true ? ', zonal shift' : '';
      lines.push(`  ${this.id(c)}{{"EKS ${esc(c.config.name)} v${esc(c.config.version ?? '')}<br/>${logs} log types, secrets KMS${zonalShift}"}}`);
    }
    for (const ng of of('aws_eks_node_group')) {
      const sc = first(ng.config.scaling_config) ?? {};
      const types = (ng.config.instance_types ?? []).join(', ');
      const repair = first(ng.config.node_repair_config)?.enabled === true ? ', auto repair' : '';
      lines.push(`  ${this.id(ng)}["node group ${esc(ng.config.node_group_name ?? (ng.config.node_group_name_prefix ? `${ng.config.node_group_name_prefix}*` : ng.name))}<br/>${esc(types)} min ${sc.min_size} / max ${sc.max_size}${repair}"]`);
      for (const ref of referencesIn(ng.config.cluster_name)) this.edge(lines, ng.address, ref, 'joins');
      for (const ep of of('aws_vpc_endpoint').filter((e) => e.config.vpc_endpoint_type === 'Interface').slice(0, 1)) {
        this.edge(lines, ng.address, ep.address, 'images, credentials', '-.->');
      }
      for (const ref of referencesIn(ng.config.subnet_ids)) this.edge(lines, ng.address, ref, '', '-.-');
    }
    for (const db of of('aws_db_instance')) {
      const group = of('aws_db_parameter_group').find((g) => referencesIn(db.config.parameter_group_name).includes(g.address));
      const slow = (group?.config.parameter ?? []).find((p: any) => p.name === 'log_min_duration_statement')?.value;
      const logging = slow !== undefined && Number(slow) >= 0 ? `<br/>logs statements >= ${slow} ms, connections, lock waits` : '';
      lines.push(`  ${this.id(db)}[("PostgreSQL ${esc(db.config.engine_version ?? '')} ${esc(db.config.instance_class ?? '')}<br/>${db.config.multi_az ? 'Multi-AZ' : 'single-AZ'}, backups ${db.config.backup_retention_period}d${logging}")]`);
    }
    for (const rg of of('aws_elasticache_replication_group')) {
      lines.push(`  ${this.id(rg)}[("Redis ${esc(rg.config.engine_version ?? '')} x${rg.config.num_cache_clusters ?? '?'}<br/>${rg.config.automatic_failover_enabled ? 'failover' : 'no failover'}, snapshots ${rg.config.snapshot_retention_limit}d")]`);
    }
    // AWS Backup: each vault, with an edge from every database its plan selects.
    for (const vault of of('aws_backup_vault')) {
      const restoreTest = of('aws_backup_restore_testing_plan').length > 0 ? 'weekly restore test' : 'no restore test';
      lines.push(`  ${this.id(vault)}[("AWS Backup vault ${esc(vault.config.name)}<br/>${restoreTest}")]`);
      for (const sel of of('aws_backup_selection')) {
        for (const ref of referencesIn(sel.config.resources)) this.edge(lines, ref, vault.address, 'daily backup', '-.->');
      }
    }
    this.securityEdges(lines);
    // Alerting: the topic, what publishes to it and who it notifies.
    for (const topic of of('aws_sns_topic')) {
      const alarms = of('aws_cloudwatch_metric_alarm').length;
      const subs = of('aws_sns_topic_subscription').map((s) => String(s.config.protocol));
      lines.push(`  ${this.id(topic)}>"SNS ${esc(topic.config.name)} (KMS)<br/>${alarms} alarms, RDS and cache events<br/>to: ${esc(subs.join(', ') || 'no subscribers')}"]`);
      for (const db of [...of('aws_db_instance'), ...of('aws_elasticache_replication_group')]) this.edge(lines, db.address, topic.address, 'events', '-.->');
      for (const d of of('aws_cloudwatch_dashboard')) lines.push(`  ${this.id(d)}[/"dashboard ${esc(d.config.dashboard_name)}"/]`);
    }

    // --- In-cluster releases, one box per stack.
    const releases = of('helm_release');
    for (const stack of [...new Set(releases.map((r) => r.stack))]) {
      lines.push(`  subgraph ${safe(`releases-${stack}`)}["in-cluster: ${esc(stack)}"]`);
      for (const r of releases.filter((x) => x.stack === stack)) {
        lines.push(`    ${this.id(r)}["${esc(r.config.name)} (${esc(r.config.namespace ?? 'default')})<br/>${esc(chartLabel(r.config))}${esc(availabilityLabel(r.config))}"]`);
      }
      lines.push('  end');
      // The ingress controller's Service of type LoadBalancer becomes an internet-facing NLB in the public subnets.
      for (const r of releases.filter((x) => x.stack === stack && /nginx/.test(String(x.config.chart)))) {
        const nlb = safe(`nlb-${r.name}`);
        lines.push(`  ${nlb}(["internet-facing NLB :80 :443"])`);
        lines.push(`  ${nlb} --> ${this.id(r)}`);
      }
      const cluster = of('aws_eks_cluster')[0];
      if (cluster) lines.push(`  ${safe(`releases-${stack}`)} -.->|helm| ${this.id(cluster)}`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** A markdown page with the diagram. */
  public toMarkdown(title: string = 'Architecture'): string {
    return [
      `# ${title}`,
      '',
      '<!-- Generated from the synthesized app by ArchitectureDiagram (npx projen docs). Do not edit. -->',
      '',
      '```mermaid',
      this.toMermaid().trimEnd(),
      '```',
      '',
    ].join('\n');
  }

  /** Ingress rules between security groups, drawn as edges between the resources that own the groups. */
  private securityEdges(lines: string[]): void {
    const owners = new Map<string, string[]>(); // SG reference -> addresses of the resources in that group
    const sgRef = (v: unknown) => (typeof v === 'string' ? v : '');
    const own = (ref: string, address: string, replace = false) =>
      owners.set(ref, replace ? [address] : [...(owners.get(ref) ?? []), address]);
    for (const r of this.resources) {
      const c = r.config ?? {};
      const groups: unknown[] = [
        ...(c.vpc_security_group_ids ?? []), ...(c.security_group_ids ?? []),
      ];
      for (const g of groups) own(sgRef(g), r.address);
      if (r.type === 'aws_eks_cluster') {
        own(`\${${r.address}.vpc_config[0].cluster_security_group_id}`, r.address);
      }
    }
    const nodeGroupsOf = new Map<string, string[]>(); // cluster SG reference -> node groups running in it
    for (const nodeGroup of this.resources.filter((r) => r.type === 'aws_eks_node_group')) {
      // Managed node groups run in the cluster security group: traffic "from the cluster SG" is from the nodes,
      // every node group of that cluster.
      for (const ref of referencesIn(nodeGroup.config.cluster_name)) {
        const sg = `\${${ref}.vpc_config[0].cluster_security_group_id}`;
        nodeGroupsOf.set(sg, [...(nodeGroupsOf.get(sg) ?? []), nodeGroup.address]);
      }
    }
    for (const [sg, nodeGroups] of nodeGroupsOf) owners.set(sg, nodeGroups);
    for (const rule of this.resources.filter((r) => r.type === 'aws_vpc_security_group_ingress_rule')) {
      const label = `${rule.config.ip_protocol ?? 'tcp'} ${rule.config.from_port ?? ''}`;
      for (const to of owners.get(sgRef(rule.config.security_group_id)) ?? []) {
        for (const from of owners.get(sgRef(rule.config.referenced_security_group_id)) ?? []) this.edge(lines, from, to, label, '==>');
      }
    }
  }

  private edge(lines: string[], from: string, to: string, text: string, arrow = '-->'): void {
    if (!this.ids.has(from) || !this.ids.has(to)) return;
    lines.push(`  ${this.ids.get(from)} ${arrow}${text ? `|${esc(text)}|` : ''} ${this.ids.get(to)}`);
  }

  private id(r: SynthResource): string {
    let id = this.ids.get(r.address);
    if (!id) {
      id = `n${this.ids.size + 1}`;
      this.ids.set(r.address, id);
    }
    return id;
  }
}

const TIER_ORDER = ['public', 'private', 'database', 'cache'];
function byTier(a: SynthResource, b: SynthResource): number {
  return TIER_ORDER.indexOf(a.config.tags?.tier) - TIER_ORDER.indexOf(b.config.tags?.tier);
}

function zoneLabel(az: unknown): string {
  if (typeof az !== 'string') return 'zone ?';
  const m = /element\([^,]+,\s*(\d+)\)/.exec(az);
  if (m) return `AZ ${Number(m[1]) + 1}`;
  return az.includes('${') ? 'zone ?' : az;
}

function chartLabel(c: any): string {
  const chart = String(c.chart ?? '');
  return /^(\.{0,2}\/|\$\{)/.test(chart) ? 'local chart (library-rendered objects)' : `${chart} ${c.version ?? ''}`.trim();
}

/** `, x2 over zones, PDB` from a release's top-level values (replicaCount, topologySpreadConstraints, podDisruptionBudget). */
function availabilityLabel(c: any): string {
  let values: any = {};
  try {
    values = JSON.parse(String((c.values ?? [])[0] ?? '{}'));
  } catch {
    return '';
  }
  const parts: string[] = [];
  if (typeof values.replicaCount === 'number') {
    const zones = (values.topologySpreadConstraints ?? []).some((t: any) => t.topologyKey === 'topology.kubernetes.io/zone');
    parts.push(`x${values.replicaCount}${zones ? ' over zones' : ''}`);
  }
  const pdb = values.podDisruptionBudget;
  if (pdb && typeof pdb === 'object' && Object.keys(pdb).length > 0 && pdb.enabled !== false) parts.push('PDB');
  return parts.length ? `, ${parts.join(', ')}` : '';
}

function first(v: unknown): any {
  return Array.isArray(v) ? v[0] : v;
}

function esc(s: unknown): string {
  return String(s ?? '').replace(/"/g, '#quot;').replace(/[<>](?!br\/>)/g, '');
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}

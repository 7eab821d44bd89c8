/**
 * A small evaluator of Kubernetes NetworkPolicy (networking.k8s.io/v1) semantics, as the VPC CNI network
 * policy agent enforces them: by IP address.
 *
 * - A pod is isolated for egress (ingress) when at least one policy of its namespace selects it and lists
 *   `Egress` (`Ingress`) in `policyTypes`; an isolated pod's connection is allowed when any rule of any
 *   selecting policy matches. A connection needs the source's egress AND the destination's ingress.
 * - Peers: `ipBlock.cidr` matches any address in the block, pod IPs included (the agent does not tell pods
 *   from other addresses); `ipBlock.except` is IGNORED (the agent has ignored it, aws/aws-network-policy-agent#92),
 *   so no denial can rest on it; `namespaceSelector`/`podSelector` match pods only (their labels, and their
 *   namespace's labels, `kubernetes.io/metadata.name` among them); `podSelector` alone means the policy's
 *   own namespace; a rule without peers matches everything.
 * - Ports: a rule without ports matches every port; a port entry matches its protocol (TCP by default) and
 *   number (named ports are not used by the platform and are refused here).
 * - Addresses that are not pods (API server ENIs, link-local agents, RDS, the internet) have no policies of
 *   their own: only the pod side decides.
 */

export interface Endpoint {
  readonly name: string;
  readonly ip: string;
  /** Set for pods: namespace and labels. */
  readonly pod?: { namespace: string; labels: Record<string, string> };
}

export interface Flow {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly protocol: 'TCP' | 'UDP';
  readonly port: number;
}

type Labels = Record<string, string>;

function matches(selector: { matchLabels?: Labels; matchExpressions?: unknown[] } | undefined, labels: Labels): boolean {
  if (!selector) return true;
  if (selector.matchExpressions && selector.matchExpressions.length > 0) throw new Error('matchExpressions are not modelled');
  return Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  return m.slice(1).reduce((acc, o) => acc * 256 + Number(o), 0);
}

/** Whether `ip` lies in `cidr` (IPv4 arithmetic; IPv6 only as an exact /128). */
export function cidrContainsIp(cidr: string, ip: string): boolean {
  const [base, lenText] = cidr.split('/');
  const len = Number(lenText);
  if (base.includes(':') || ip.includes(':')) return base.includes(':') && ip.includes(':') && len === 128 && base === ip;
  const b = ipv4ToInt(base);
  const a = ipv4ToInt(ip);
  if (b === undefined || a === undefined) throw new Error(`bad address ${cidr} / ${ip}`);
  const size = 2 ** (32 - len);
  return Math.floor(a / size) === Math.floor(b / size);
}

function namespaceLabels(ns: string): Labels {
  return { 'kubernetes.io/metadata.name': ns };
}

function peerMatches(peer: any, policyNamespace: string, other: Endpoint): boolean {
  if (peer.ipBlock) return cidrContainsIp(peer.ipBlock.cidr, other.ip); // except ignored on purpose
  if (!other.pod) return false;
  const nsOk = peer.namespaceSelector
    ? matches(peer.namespaceSelector, namespaceLabels(other.pod.namespace))
    : other.pod.namespace === policyNamespace;
  return nsOk && matches(peer.podSelector, other.pod.labels);
}

function portMatches(ports: any[] | undefined, protocol: string, port: number): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if (typeof p.port === 'string') throw new Error('named ports are not modelled');
    return (p.protocol ?? 'TCP') === protocol && (p.port === undefined || p.port === port);
  });
}

export class PolicyModel {
  constructor(private readonly policies: any[]) {
    for (const p of policies) {
      if (p.kind !== 'NetworkPolicy') throw new Error(`not a NetworkPolicy: ${p.kind}`);
    }
  }

  /** Whether `direction` traffic of `pod` is allowed to/from `other`. */
  private side(pod: Endpoint, other: Endpoint, direction: 'Egress' | 'Ingress', protocol: string, port: number): boolean {
    if (!pod.pod) return true; // not a pod: no policy applies at this end
    const selecting = this.policies.filter((p) => p.metadata.namespace === pod.pod!.namespace
      && (p.spec.policyTypes ?? ['Ingress']).includes(direction)
      && matches(p.spec.podSelector, pod.pod!.labels));
    if (selecting.length === 0) return true;
    const key = direction === 'Egress' ? 'egress' : 'ingress';
    const peersKey = direction === 'Egress' ? 'to' : 'from';
    return selecting.some((p) => (p.spec[key] ?? []).some((rule: any) =>
      portMatches(rule.ports, protocol, port)
      && (!rule[peersKey] || rule[peersKey].length === 0 || rule[peersKey].some((peer: any) => peerMatches(peer, p.metadata.namespace, other)))));
  }

  public allows(f: Flow): boolean {
    return this.side(f.from, f.to, 'Egress', f.protocol, f.port) && this.side(f.to, f.from, 'Ingress', f.protocol, f.port);
  }
}

/**
 * The NetworkPolicies of an application namespace, and the facts they rest on. Kept apart from the
 * construct so the rules read as one list (test/addons/network-policy-matrix.test.ts evaluates them).
 */
import { KubeObject, namespacePeer, networkPolicy, NetworkPolicyPort } from './manifests';

/**
 * The EKS Pod Identity agent, a DaemonSet on the node's network, answers credential requests on link-local
 * 169.254.170.23 and [fd00:ec2::23] (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html,
 * "Considerations"), over plain HTTP on port 80: EKS injects AWS_CONTAINER_CREDENTIALS_FULL_URI
 * `http://169.254.170.23/v1/credentials` into the pods (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-how-it-works.html).
 * The VPC CNI network policy agent enforces egress to it like any other address (issue 18), so it needs a rule.
 */
export const POD_IDENTITY_AGENT = { ipv4: '169.254.170.23/32', ipv6: 'fd00:ec2::23/128', port: 80 } as const;

/** Namespaces no application may take: Kubernetes' own and the platform add-ons'. */
export const RESERVED_NAMESPACES = [
  'default', 'kube-system', 'kube-public', 'kube-node-lease',
  'ingress-nginx', 'cert-manager', 'observability', 'amazon-cloudwatch',
] as const;

/** A named destination outside the cluster that the namespace's pods may reach (validated by the construct). */
export interface EgressRule {
  readonly name: string;
  readonly cidrs: string[];
  readonly ports: number[];
}

export interface NamespacePolicyInput {
  readonly namespace: string;
  readonly ingressNamespace: string;
  readonly databaseCidrs: string[];
  readonly databasePort: number;
  readonly cacheCidrs: string[];
  readonly cachePort: number;
  /** Where the API server's ENIs are (the cluster subnets); empty: no API egress. */
  readonly apiServerCidrs: string[];
  readonly telemetry?: { namespace: string; ports: number[] };
  readonly destinations: EgressRule[];
  /** Also the agent's IPv6 address, in a policy of its own (IPv6 clusters). */
  readonly podIdentityAgentIpv6: boolean;
}

const tcp = (port: number): NetworkPolicyPort => ({ protocol: 'TCP', port });

/**
 * Default deny both ways, then one policy per thing the pods need. No rule uses `ipBlock.except`: the VPC
 * CNI agent has ignored it (aws/aws-network-policy-agent#92, aws/amazon-vpc-cni-k8s#2592), so every denial
 * comes from what is not listed.
 */
export function namespacePolicies(i: NamespacePolicyInput): KubeObject[] {
  const ns = i.namespace;
  const ipEgress = (name: string, cidrs: string[], ports: number[]) => (cidrs.length === 0 ? [] : [
    networkPolicy(name, ns, { policyTypes: ['Egress'], egress: [{ peers: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: ports.map(tcp) }] }),
  ]);
  return [
    networkPolicy('default-deny-all', ns, { policyTypes: ['Ingress', 'Egress'] }),
    networkPolicy('allow-dns-egress', ns, {
      policyTypes: ['Egress'],
      egress: [{
        peers: [namespacePeer('kube-system', { 'k8s-app': 'kube-dns' })],
        ports: [{ protocol: 'UDP', port: 53 }, tcp(53)],
      }],
    }),
    networkPolicy('allow-from-ingress-controller', ns, {
      policyTypes: ['Ingress'],
      ingress: [{ peers: [namespacePeer(i.ingressNamespace)] }],
    }),
    // Credentials: the Pod Identity agent on the node (link-local, so it opens nothing else).
    ...ipEgress('allow-pod-identity-agent-egress', [POD_IDENTITY_AGENT.ipv4], [POD_IDENTITY_AGENT.port]),
    // Apart: agents before aws/aws-network-policy-agent#321 (Oct 2024) failed every rule of a policy holding a
    // rule of the other IP family.
    ...(i.podIdentityAgentIpv6 ? ipEgress('allow-pod-identity-agent-egress-ipv6', [POD_IDENTITY_AGENT.ipv6], [POD_IDENTITY_AGENT.port]) : []),
    // The API server, as pods address it: the kubernetes Service's ClusterIP (a /32, so it opens nothing else).
    // The agent sees the ClusterIP, not the ENIs behind it (it checks egress before kube-proxy's translation).
    ...ipEgress('allow-kube-api-egress', i.apiServerCidrs, [443]),
    ...ipEgress('allow-database-egress', i.databaseCidrs, [i.databasePort]),
    ...ipEgress('allow-cache-egress', i.cacheCidrs, [i.cachePort]),
    ...(i.telemetry ? [networkPolicy('allow-telemetry-egress', ns, {
      policyTypes: ['Egress'],
      egress: [{ peers: [namespacePeer(i.telemetry.namespace)], ports: i.telemetry.ports.map(tcp) }],
    })] : []),
    ...i.destinations.flatMap((d) => ipEgress(`allow-egress-${d.name}`, d.cidrs, d.ports)),
  ];
}

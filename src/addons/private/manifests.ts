/**
 * A small typed model of the Kubernetes objects the platform renders itself (namespaces, RBAC, network
 * policies, cert-manager ClusterIssuers, Ingresses). Plain objects built by functions: they go into the
 * values of a local Helm chart (see object-chart.ts) and tests validate them against the Kubernetes schemas.
 */

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
}

/** Any Kubernetes object the platform renders. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

/** Label every object carries, so `kubectl get all -l app.kubernetes.io/managed-by=...` finds them. */
export const MANAGED_BY_LABEL = { 'app.kubernetes.io/part-of': 'eks-platform' };

function meta(name: string, ns?: string, labels?: { [key: string]: string },
  annotations?: { [key: string]: string }): ObjectMeta {
  return {
    name,
    ...(ns ? { namespace: ns } : {}),
    labels: { ...MANAGED_BY_LABEL, ...labels },
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

/** Pod Security Standard levels. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export function namespace(name: string, podSecurity: PodSecurityLevel): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name, undefined, {
      'pod-security.kubernetes.io/enforce': podSecurity,
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/audit': podSecurity,
      'pod-security.kubernetes.io/audit-version': 'latest',
      'pod-security.kubernetes.io/warn': podSecurity,
      'pod-security.kubernetes.io/warn-version': 'latest',
    }),
  };
}

export function serviceAccount(name: string, ns: string, annotations?: { [key: string]: string }): KubeObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, ns, undefined, annotations) };
}

export interface PolicyRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
}

export function role(name: string, ns: string, rules: PolicyRule[]): KubeObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(name, ns), rules };
}

export function roleBinding(name: string, ns: string, roleName: string, saName: string, saNamespace: string): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta(name, ns),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
    subjects: [{ kind: 'ServiceAccount', name: saName, namespace: saNamespace }],
  };
}

export interface NetworkPolicyPort {
  readonly protocol: 'TCP' | 'UDP';
  readonly port: number;
}

/** A peer of a network policy rule: pods in a namespace (optionally selected) or an IP block. */
export interface NetworkPolicyPeer {
  readonly namespaceSelector?: { matchLabels: { [key: string]: string } };
  readonly podSelector?: { matchLabels?: { [key: string]: string } };
  readonly ipBlock?: { cidr: string };
}

export interface NetworkPolicyRule {
  readonly peers: NetworkPolicyPeer[];
  readonly ports?: NetworkPolicyPort[];
}

export interface NetworkPolicySpec {
  /** Pods the policy selects; empty selects every pod of the namespace. */
  readonly podSelector?: { [key: string]: string };
  readonly ingress?: NetworkPolicyRule[];
  readonly egress?: NetworkPolicyRule[];
  /** Policy types; default from which rule lists are given. */
  readonly policyTypes: Array<'Ingress' | 'Egress'>;
}

export function networkPolicy(name: string, ns: string, spec: NetworkPolicySpec): KubeObject {
  const rules = (list: NetworkPolicyRule[] | undefined, direction: 'from' | 'to') => list?.map((r) => ({
    [direction]: r.peers,
    ...(r.ports ? { ports: r.ports.map((p) => ({ protocol: p.protocol, port: p.port })) } : {}),
  }));
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(name, ns),
    spec: {
      podSelector: spec.podSelector ? { matchLabels: spec.podSelector } : {},
      policyTypes: spec.policyTypes,
      ...(spec.ingress ? { ingress: rules(spec.ingress, 'from') } : {}),
      ...(spec.egress ? { egress: rules(spec.egress, 'to') } : {}),
    },
  };
}

/** Peer selecting every pod of a namespace, by the label Kubernetes sets on every namespace. */
export function namespacePeer(ns: string, podLabels?: { [key: string]: string }): NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
    ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
  };
}

/** A ConfigMap; `binaryData` values are base64 (they may be Terraform expressions resolved at apply time). */
export function configMap(name: string, ns: string, data: { [key: string]: string },
  binaryData?: { [key: string]: string }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(name, ns),
    ...(Object.keys(data).length > 0 ? { data } : {}),
    ...(binaryData ? { binaryData } : {}),
  };
}

/** A ResourceQuota with hard limits (`requests.cpu`, `limits.memory`, `pods`, ...). */
export function resourceQuota(name: string, ns: string, hard: { [key: string]: string }): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta(name, ns), spec: { hard } };
}

export interface ContainerLimits {
  readonly defaultRequest: { [resource: string]: string };
  readonly default: { [resource: string]: string };
  readonly max: { [resource: string]: string };
}

/** A LimitRange giving every container default requests and limits, and a maximum. */
export function limitRange(name: string, ns: string, c: ContainerLimits): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta(name, ns),
    spec: { limits: [{ type: 'Container', defaultRequest: c.defaultRequest, default: c.default, max: c.max }] },
  };
}

export interface AcmeClusterIssuerOptions {
  readonly name: string;
  readonly server: string;
  readonly email: string;
  readonly ingressClassName: string;
}

/** A cert-manager ACME ClusterIssuer solving HTTP-01 challenges through the given ingress class. */
export function acmeClusterIssuer(o: AcmeClusterIssuerOptions): KubeObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: meta(o.name),
    spec: {
      acme: {
        server: o.server,
        email: o.email,
        // cert-manager generates the ACME account key into this Secret: no secret material in Terraform.
        privateKeySecretRef: { name: `${o.name}-account-key` },
        solvers: [{ http01: { ingress: { ingressClassName: o.ingressClassName } } }],
      },
    },
  };
}

export interface TlsIngressModel {
  readonly name: string;
  readonly namespace: string;
  readonly hosts: string[];
  readonly serviceName: string;
  readonly servicePort: number;
  readonly path: string;
  readonly clusterIssuer: string;
  readonly tlsSecretName: string;
  readonly ingressClassName: string;
}

export function tlsIngress(o: TlsIngressModel): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(o.name, o.namespace, undefined, { 'cert-manager.io/cluster-issuer': o.clusterIssuer }),
    spec: {
      ingressClassName: o.ingressClassName,
      tls: [{ hosts: o.hosts, secretName: o.tlsSecretName }],
      rules: o.hosts.map((host) => ({
        host,
        http: {
          paths: [{
            path: o.path,
            pathType: 'Prefix',
            backend: { service: { name: o.serviceName, port: { number: o.servicePort } } },
          }],
        },
      })),
    },
  };
}

/** An encrypted gp3 StorageClass of the EBS CSI driver, optionally the cluster default. */
export function ebsStorageClass(name: string, kmsKeyArn: string, isDefault: boolean): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta(name, undefined, undefined,
      isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined),
    provisioner: 'ebs.csi.aws.com',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    reclaimPolicy: 'Retain',
    parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: kmsKeyArn },
  };
}

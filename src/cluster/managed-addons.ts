import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { Construct } from 'constructs';
import { KubernetesVersion } from './kubernetes-version';
import { EksAddonVersions, resolveAddonVersion } from './managed-addon-versions';
import { WorkloadIdentityRole, WorkloadIdentityRoleOptions } from './workload-identity-role';
import { AwsContext } from '../private/aws-context';
import { ebsCsiKmsPolicy } from '../private/cluster-policies';
import { invalidProp } from '../private/errors';

/**
 * The cluster's EKS managed add-ons (as aws-eks-v2 keeps `addon.ts` apart from the cluster): VPC CNI with
 * network policy enforcement, kube-proxy, CoreDNS spread over zones, the Pod Identity agent and the EBS CSI
 * driver, each at EKS's default version for the Kubernetes version (resolved at plan time) unless pinned, with
 * the Pod Identity roles of the two that call AWS. Created in the cluster's scope: the construct ids (and so
 * the Terraform addresses) are the cluster's own, `addon-<name>`, `vpc-cni-role`, `ebs-csi-role`.
 */
export interface ManagedAddons {
  readonly podIdentityAgent: EksAddon;
  readonly vpcCni: EksAddon;
  readonly vpcCniRole: WorkloadIdentityRole;
  readonly kubeProxy: EksAddon;
  readonly coreDns: EksAddon;
  readonly ebsCsiDriver: EksAddon;
  readonly ebsCsiDriverRole: WorkloadIdentityRole;
}

/** What the add-ons need from their cluster (HaEksCluster passes itself and its resolved settings). */
export interface ManagedAddonsOptions {
  /** The error prefix, `HaEksCluster '<id>'`. */
  readonly who: string;
  readonly clusterName: string;
  readonly kubernetesVersion: KubernetesVersion;
  readonly ebsKmsKeyArn: string;
  readonly addonVersions?: EksAddonVersions;
  readonly coreDnsReplicas?: number;
  readonly tags?: { [key: string]: string };
  /** The cluster's `addPodIdentityRole`. */
  readonly addPodIdentityRole: (id: string, options: WorkloadIdentityRoleOptions) => WorkloadIdentityRole;
}

/** Validates the add-on settings and creates the add-ons in `scope` (the cluster construct). */
export function createManagedAddons(scope: Construct, options: ManagedAddonsOptions): ManagedAddons {
  const { who, tags } = options;
  const ctx = AwsContext.of(scope);
  // Each add-on at EKS's default for the Kubernetes version (resolved at plan time) unless pinned.
  const version = (prop: keyof EksAddonVersions, addonName: string) => resolveAddonVersion(scope, `addon-${addonName}-version`, who,
    prop, addonName, options.kubernetesVersion, options.addonVersions?.[prop]).version;
  const versions = {
    vpcCni: version('vpcCni', 'vpc-cni'),
    kubeProxy: version('kubeProxy', 'kube-proxy'),
    coreDns: version('coreDns', 'coredns'),
    podIdentityAgent: version('podIdentityAgent', 'eks-pod-identity-agent'),
    ebsCsiDriver: version('ebsCsiDriver', 'aws-ebs-csi-driver'),
  };
  const replicas = options.coreDnsReplicas ?? 2;
  if (!Number.isInteger(replicas) || replicas < 2) {
    invalidProp(who, 'coreDnsReplicas', replicas, 'must be a whole number of at least 2 (one replica is a single point of failure for DNS)',
      'Use 2 (the default) or 3 for one per zone.');
  }
  const addon = (id: string, addonName: string, addonVersion: string,
    extra: { configurationValues?: string; podIdentityAssociation?: Array<{ roleArn: string; serviceAccount: string }> } = {}) =>
    new EksAddon(scope, id, {
      clusterName: options.clusterName,
      addonName,
      addonVersion,
      resolveConflictsOnCreate: 'OVERWRITE',
      resolveConflictsOnUpdate: 'OVERWRITE',
      ...extra,
      tags,
    });

  const podIdentityAgent = addon('addon-eks-pod-identity-agent', 'eks-pod-identity-agent', versions.podIdentityAgent);

  const vpcCniRole = options.addPodIdentityRole('vpc-cni-role', {
    namespace: 'kube-system',
    serviceAccount: 'aws-node',
    managedPolicyArns: [`arn:${ctx.partition}:iam::aws:policy/AmazonEKS_CNI_Policy`],
    createAssociation: false, // made by the add-on's pod_identity_association
    tags,
  });
  const vpcCni = addon('addon-vpc-cni', 'vpc-cni', versions.vpcCni, {
    // Enforce Kubernetes NetworkPolicy (default-deny per namespace is the platform's tenant boundary).
    configurationValues: JSON.stringify({ enableNetworkPolicy: 'true' }),
    podIdentityAssociation: [{ roleArn: vpcCniRole.roleArn, serviceAccount: 'aws-node' }],
  });
  const kubeProxy = addon('addon-kube-proxy', 'kube-proxy', versions.kubeProxy);

  const coreDns = addon('addon-coredns', 'coredns', versions.coreDns, {
    configurationValues: JSON.stringify({
      replicaCount: replicas,
      topologySpreadConstraints: [{
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      }],
    }),
  });

  const ebsCsiDriverRole = options.addPodIdentityRole('ebs-csi-role', {
    namespace: 'kube-system',
    serviceAccount: 'ebs-csi-controller-sa',
    managedPolicyArns: [`arn:${ctx.partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy`],
    // The managed policy has no rights on customer-managed keys: allow the EBS key for encrypted volumes.
    inlinePolicyJson: ebsCsiKmsPolicy(options.ebsKmsKeyArn),
    createAssociation: false,
    tags,
  });
  const ebsCsiDriver = addon('addon-aws-ebs-csi-driver', 'aws-ebs-csi-driver', versions.ebsCsiDriver, {
    podIdentityAssociation: [{ roleArn: ebsCsiDriverRole.roleArn, serviceAccount: 'ebs-csi-controller-sa' }],
  });

  return { podIdentityAgent, vpcCni, vpcCniRole, kubeProxy, coreDns, ebsCsiDriver, ebsCsiDriverRole };
}

import { DataAwsEksAddonVersion } from '@cdktf/provider-aws/lib/data-aws-eks-addon-version';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesVersion } from './kubernetes-version';
import { invalidProp } from '../private/errors';

/**
 * Versions of the EKS managed add-ons. Each one not given is resolved at plan time to EKS's default version
 * of that add-on for the cluster's Kubernetes version (the `aws_eks_addon_version` data source, looked up
 * with the configured Kubernetes version as terraform-aws-modules/eks does; `most_recent = false` takes the
 * build EKS marks as default rather than the newest one, which that module defaults to), so the plan shows
 * the exact version and a Kubernetes upgrade moves the add-ons with it. Pin one to hold it (list the versions EKS offers with
 * `aws eks describe-addon-versions --kubernetes-version <v> --addon-name <name>`).
 */
export interface EksAddonVersions {
  /**
   * `vpc-cni` version, such as 'v1.20.4-eksbuild.1'.
   * @default - EKS's default version for the cluster's Kubernetes version, resolved at plan time
   */
  readonly vpcCni?: string;
  /**
   * `kube-proxy` version. It follows the Kubernetes minor version.
   * @default - EKS's default version for the cluster's Kubernetes version, resolved at plan time
   */
  readonly kubeProxy?: string;
  /**
   * `coredns` version.
   * @default - EKS's default version for the cluster's Kubernetes version, resolved at plan time
   */
  readonly coreDns?: string;
  /**
   * `eks-pod-identity-agent` version.
   * @default - EKS's default version for the cluster's Kubernetes version, resolved at plan time
   */
  readonly podIdentityAgent?: string;
  /**
   * `aws-ebs-csi-driver` version.
   * @default - EKS's default version for the cluster's Kubernetes version, resolved at plan time
   */
  readonly ebsCsiDriver?: string;
}

/** The form of every EKS add-on version (`describe-addon-versions` lists them so). */
const ADDON_VERSION_RE = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

/**
 * The version of one managed add-on: the pin when given (checked for form), else a plan-time lookup of EKS's
 * default for the Kubernetes version. The lookup uses the version as configured (not the cluster's
 * attribute), so it resolves before the cluster exists and the plan shows the version.
 */
export function resolveAddonVersion(scope: Construct, id: string, who: string, prop: keyof EksAddonVersions, addonName: string,
  kubernetesVersion: KubernetesVersion, pinned: string | undefined): { version: string; lookup?: DataAwsEksAddonVersion } {
  if (pinned !== undefined) {
    if (!Token.isUnresolved(pinned) && !ADDON_VERSION_RE.test(pinned)) {
      invalidProp(who, `addonVersions.${prop}`, pinned, "must be an EKS add-on version such as 'v1.20.4-eksbuild.1'",
        `List the versions with \`aws eks describe-addon-versions --kubernetes-version ${kubernetesVersion.version} --addon-name ${addonName}\`, `
        + 'or leave it unset to use EKS\'s default for the cluster\'s Kubernetes version.');
    }
    return { version: pinned };
  }
  const lookup = new DataAwsEksAddonVersion(scope, id, {
    addonName,
    kubernetesVersion: kubernetesVersion.version,
    mostRecent: false, // EKS's default for the version, not the newest build
  });
  return { version: lookup.version, lookup };
}

import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { CLUSTER_AUTOSCALER_RELEASES } from './private/cluster-autoscaler-releases';
import { checkComponentSupport } from './private/component-support';
import { RELEASE_DEFAULTS } from './private/object-chart';
import { AddonServiceAccounts } from './service-accounts';
import { AUTOSCALER_IMAGE } from '../cluster/component-calendar';
import { KubernetesVersion } from '../cluster/kubernetes-version';
import { invalidProp } from '../private/errors';

/** Props of `ClusterAutoscaler`. */
export interface ClusterAutoscalerProps {
  /** EKS cluster name: node groups tagged `k8s.io/cluster-autoscaler/<name>` are discovered. */
  readonly clusterName: string;

  /** AWS region of the cluster. */
  readonly region: string;

  /**
   * IAM role (ARN) for IRSA. Annotates the service account.
   * @default - no annotation: EKS Pod Identity association for AddonServiceAccounts.CLUSTER_AUTOSCALER
   */
  readonly roleArn?: string;

  /**
   * Replicas (leader-elected: one works, the other takes over on failure).
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Kubernetes version of the cluster: the autoscaler runs the release of the same minor (upstream pairs
   * them one to one), whatever the chart's own app version.
   * @default KubernetesVersion.V1_35 (the cluster default)
   */
  readonly kubernetesVersion?: KubernetesVersion;

  /**
   * Autoscaler image tag (`v1.N.x`), for a Kubernetes minor this library has no autoscaler release for, or
   * to hold a patch. Its minor must be the cluster's.
   * @default - the newest autoscaler release of the cluster's minor the library knows (for example 'v1.35.2' for 1.35)
   */
  readonly imageTag?: string;

  /**
   * Chart version (pinned). The image tag follows the cluster's version, not the chart's app version.
   * @default ClusterAutoscaler.DEFAULT_CHART_VERSION
   */
  readonly chartVersion?: string;

  /**
   * Resources the release waits for.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The Kubernetes cluster autoscaler (chart `cluster-autoscaler` from https://kubernetes.github.io/autoscaler)
 * with auto-discovery of the cluster's node groups, balancing of similar node groups across zones, and the
 * least-waste expander. Runs as `kube-system/cluster-autoscaler`.
 */
export class ClusterAutoscaler extends Construct {
  /** Chart version the library pins (its app version, 1.35, is overridden by the image tag of the cluster's minor). */
  public static readonly DEFAULT_CHART_VERSION = '9.59.0';

  /** The Helm release of the autoscaler (escape hatch to the underlying `helm_release` resource). */
  public readonly release: Release;
  /** Helm values given to the chart. */
  public readonly values: any;
  /** Image tag of the autoscaler (`v1.N.x`, N the cluster's minor). */
  public readonly imageTag: string;

  /**
   * @param props cluster name, region, IAM role, replicas and chart version of the autoscaler
   */
  constructor(scope: Construct, id: string, props: ClusterAutoscalerProps) {
    super(scope, id);
    const who = `ClusterAutoscaler '${id}'`;
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 1) {
      invalidProp(who, 'replicas', replicas, 'must be a whole number of at least 1', 'Use 2 (the default).');
    }
    const version = props.chartVersion ?? ClusterAutoscaler.DEFAULT_CHART_VERSION;
    if (!Token.isUnresolved(version) && !/^\d+\.\d+\.\d+$/.test(version)) {
      invalidProp(who, 'chartVersion', version, 'must be an exact chart version (pinned, no ranges)', `Pin an exact version, such as '${ClusterAutoscaler.DEFAULT_CHART_VERSION}' (the one the library tests).`);
    }
    const kubernetesVersion = props.kubernetesVersion ?? KubernetesVersion.V1_35;
    checkComponentSupport(this, who, 'chartVersion', 'cluster-autoscaler', version, kubernetesVersion);
    this.imageTag = autoscalerImageTag(who, kubernetesVersion, props.imageTag);
    checkComponentSupport(this, who, 'imageTag', AUTOSCALER_IMAGE, this.imageTag, kubernetesVersion);
    const sa = AddonServiceAccounts.CLUSTER_AUTOSCALER;
    this.values = {
      cloudProvider: 'aws',
      awsRegion: props.region,
      autoDiscovery: { clusterName: props.clusterName },
      fullnameOverride: 'cluster-autoscaler',
      image: { tag: this.imageTag }, // the chart's default runs its own app version on every cluster version
      replicaCount: replicas,
      rbac: {
        create: true,
        serviceAccount: {
          create: true,
          name: sa.name,
          annotations: props.roleArn ? { 'eks.amazonaws.com/role-arn': props.roleArn } : {},
        },
      },
      extraArgs: {
        'balance-similar-node-groups': true, // keep the per-zone node groups the same size
        'skip-nodes-with-system-pods': false,
        'expander': 'least-waste',
      },
      priorityClassName: 'system-cluster-critical',
      podDisruptionBudget: { maxUnavailable: 1 },
      resources: { requests: { cpu: '100m', memory: '300Mi' }, limits: { memory: '600Mi' } },
    };
    this.release = new Release(this, 'release', {
      ...RELEASE_DEFAULTS,
      name: 'cluster-autoscaler',
      namespace: sa.namespace,
      repository: 'https://kubernetes.github.io/autoscaler',
      chart: 'cluster-autoscaler',
      version,
      values: [JSON.stringify(this.values, undefined, 2)],
      dependsOn: props.dependsOn,
    });
  }
}

/** The autoscaler image tag for the cluster's minor: the given tag (checked) or the newest known release. */
function autoscalerImageTag(who: string, kubernetesVersion: KubernetesVersion, given: string | undefined): string {
  const minor = kubernetesVersion.version;
  if (given !== undefined) {
    if (Token.isUnresolved(given)) return given;
    const m = /^v(1\.\d+)\.\d+$/.exec(given);
    if (!m) {
      invalidProp(who, 'imageTag', given, 'must be a cluster-autoscaler release tag such as \'v1.35.2\'',
        `Give the tag of an autoscaler 1.${minor.split('.')[1]}.x release (https://github.com/kubernetes/autoscaler/releases).`);
    }
    if (!Token.isUnresolved(minor) && m[1] !== minor) {
      invalidProp(who, 'imageTag', given, `must be an autoscaler release of the cluster's minor version ${minor} (upstream supports only that pairing)`,
        `Use a v${minor}.x tag, or leave imageTag unset for the library's ${minor} release.`);
    }
    return given;
  }
  const release = CLUSTER_AUTOSCALER_RELEASES[minor];
  if (!release) {
    invalidProp(who, 'kubernetesVersion', minor, 'has no cluster-autoscaler release in this library\'s facts',
      `Give imageTag: 'v${minor}.x' with the newest autoscaler ${minor} release (https://github.com/kubernetes/autoscaler/releases).`);
  }
  return `v${release.version}`;
}

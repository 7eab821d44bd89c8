import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { RELEASE_DEFAULTS } from './private/object-chart';
import { AddonServiceAccounts } from './service-accounts';
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
   * Chart version (pinned). Keep the chart's app version within one minor of the cluster's Kubernetes version.
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
  /** Chart version the library pins (app version 1.35). */
  public static readonly DEFAULT_CHART_VERSION = '9.59.0';

  /** The Helm release of the autoscaler (escape hatch to the underlying `helm_release` resource). */
  public readonly release: Release;
  /** Helm values given to the chart. */
  public readonly values: any;

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
    const sa = AddonServiceAccounts.CLUSTER_AUTOSCALER;
    this.values = {
      cloudProvider: 'aws',
      awsRegion: props.region,
      autoDiscovery: { clusterName: props.clusterName },
      fullnameOverride: 'cluster-autoscaler',
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

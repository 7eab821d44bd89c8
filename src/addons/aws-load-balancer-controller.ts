import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkComponentSupport } from './private/component-support';
import { RELEASE_DEFAULTS } from './private/object-chart';
import { AddonServiceAccounts } from './service-accounts';
import { KubernetesVersion } from '../cluster/kubernetes-version';
import { invalidProp } from '../private/errors';

/** Props of `AwsLoadBalancerController`. */
export interface AwsLoadBalancerControllerProps {
  /** EKS cluster name. */
  readonly clusterName: string;
  /** AWS region of the cluster. */
  readonly region: string;
  /** VPC of the cluster. */
  readonly vpcId: string;

  /**
   * IAM role (ARN) for IRSA. Annotates the service account.
   * @default - no annotation: EKS Pod Identity association for AddonServiceAccounts.LOAD_BALANCER_CONTROLLER
   */
  readonly roleArn?: string;

  /**
   * Chart version (pinned).
   * @default AwsLoadBalancerController.DEFAULT_CHART_VERSION
   */
  readonly chartVersion?: string;

  /**
   * Kubernetes version of the cluster: synth refuses a chart line that does not support it (component calendar).
   * @default KubernetesVersion.V1_35 (the cluster default)
   */
  readonly kubernetesVersion?: KubernetesVersion;

  /**
   * Resources the release waits for.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const RELEASE_NAME = 'aws-load-balancer-controller';
/** The chart's selector labels for the controller pods (`aws-load-balancer-controller.selectorLabels`). */
const LBC_POD_LABELS = { 'app.kubernetes.io/name': 'aws-load-balancer-controller', 'app.kubernetes.io/instance': RELEASE_NAME };

/**
 * The AWS Load Balancer Controller (chart `aws-load-balancer-controller` from https://aws.github.io/eks-charts).
 * It provisions the ingress controller's Network Load Balancer: Services annotated
 * `service.beta.kubernetes.io/aws-load-balancer-type: external` are ignored by the in-tree cloud provider.
 * Two replicas in different zones with a PodDisruptionBudget (one may be evicted at a time).
 */
export class AwsLoadBalancerController extends Construct {
  /** Chart version the library pins (controller v3.5.0; v3 charts carry the controller's version). */
  public static readonly DEFAULT_CHART_VERSION = '3.5.0';

  /** The Helm release of the controller (escape hatch to the underlying `helm_release` resource). */
  public readonly release: Release;
  /** Helm values given to the chart. */
  public readonly values: any;

  /**
   * @param props cluster name, region, VPC, IAM role and chart version of the controller
   */
  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerProps) {
    super(scope, id);
    const version = props.chartVersion ?? AwsLoadBalancerController.DEFAULT_CHART_VERSION;
    if (!Token.isUnresolved(version) && !/^\d+\.\d+\.\d+$/.test(version)) {
      invalidProp(`AwsLoadBalancerController '${id}'`, 'chartVersion', version, 'must be an exact chart version (pinned, no ranges)',
        `Pin an exact version, such as '${AwsLoadBalancerController.DEFAULT_CHART_VERSION}' (the one the library tests).`);
    }
    checkComponentSupport(this, `AwsLoadBalancerController '${id}'`, 'chartVersion', 'aws-load-balancer-controller', version,
      props.kubernetesVersion ?? KubernetesVersion.V1_35);
    const sa = AddonServiceAccounts.LOAD_BALANCER_CONTROLLER;
    this.values = {
      clusterName: props.clusterName,
      region: props.region,
      vpcId: props.vpcId,
      // It owns the ingress NLB: with no controller running, nothing reconciles load balancers or target
      // groups. Two replicas (leader election) in different zones, and a budget that lets a drain evict only
      // one at a time. Keys as chart 3.5.0 reads them (test/addons/facts/aws-load-balancer-controller-chart.ts).
      replicaCount: 2,
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: LBC_POD_LABELS } },
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: LBC_POD_LABELS } },
      ],
      podDisruptionBudget: { maxUnavailable: 1 },
      serviceAccount: {
        create: true,
        name: sa.name,
        annotations: props.roleArn ? { 'eks.amazonaws.com/role-arn': props.roleArn } : {},
      },
      // Only Services that ask for it (annotation) get an AWS load balancer; no silent takeover of others.
      enableServiceMutatorWebhook: false,
      // v3 turns its Gateway API controllers on whenever the Gateway CRDs exist (off in v2.14). This platform
      // uses the controller for its NLB Service only and its IAM policy grants no ALB rights: keep them off,
      // so installing Gateway CRDs later does not start reconcilers that fail on every call.
      controllerConfig: { featureGates: { NLBGatewayAPI: false, ALBGatewayAPI: false } },
    };
    this.release = new Release(this, 'release', {
      ...RELEASE_DEFAULTS,
      name: RELEASE_NAME,
      namespace: sa.namespace,
      repository: 'https://aws.github.io/eks-charts',
      chart: 'aws-load-balancer-controller',
      version,
      values: [JSON.stringify(this.values, undefined, 2)],
      dependsOn: props.dependsOn,
    });
  }
}

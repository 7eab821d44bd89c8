import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesVersion } from '../cluster/kubernetes-version';
import { invalidProp } from '../private/errors';

/**
 * What the in-cluster platform needs to know about an EKS cluster. Every field may be a token, typically a
 * cross-stack reference to the infrastructure stack's cluster, so the add-ons can live in their own stack
 * (their own state) and plan without the infrastructure stack ever needing a reachable API server.
 */
export interface ClusterConnection {
  /** Name of the EKS cluster (used for `aws eks get-token` and autoscaler auto-discovery). */
  readonly clusterName: string;

  /** HTTPS endpoint of the cluster API server. */
  readonly endpoint: string;

  /** Certificate authority data of the cluster, base64-encoded (as EKS returns it). */
  readonly certificateAuthorityData: string;

  /** AWS region of the cluster. */
  readonly region: string;

  /**
   * ID of the VPC the cluster runs in (the AWS Load Balancer Controller needs it, because with IMDSv2 and a
   * hop limit of 1 its pods cannot read it from instance metadata).
   * @default - the AWS Load Balancer Controller is not installed; the cluster must already run one (or EKS Auto Mode)
   */
  readonly vpcId?: string;

  /**
   * Kubernetes version of the cluster (the cluster autoscaler runs the release of the same minor).
   * @default KubernetesVersion.V1_35 (the cluster default)
   */
  readonly kubernetesVersion?: KubernetesVersion;

  /**
   * IAM role (ARN) for the cluster autoscaler, for IRSA: annotates its service account with
   * `eks.amazonaws.com/role-arn`. Leave unset with EKS Pod Identity (the association lives on the AWS side).
   * @default - no annotation (EKS Pod Identity)
   */
  readonly autoscalerRoleArn?: string;

  /**
   * IAM role (ARN) for the OpenTelemetry collector and Fluent Bit, for IRSA (see `autoscalerRoleArn`).
   * @default - no annotation (EKS Pod Identity)
   */
  readonly observabilityRoleArn?: string;

  /**
   * IAM role (ARN) for the AWS Load Balancer Controller, for IRSA (see `autoscalerRoleArn`).
   * @default - no annotation (EKS Pod Identity)
   */
  readonly loadBalancerControllerRoleArn?: string;
}

/** Props of `EksHelmProvider`. */
export interface EksHelmProviderProps {
  /** The cluster to connect to. */
  readonly connection: ClusterConnection;

  /**
   * Provider alias, when the stack has more than one Helm provider.
   * @default - the default Helm provider of the stack
   */
  readonly alias?: string;
}

const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/**
 * A Helm provider (3.x) for an EKS cluster: host and CA from the connection, short-lived credentials from `aws eks get-token` at plan and apply time.
 *
 * Nothing long-lived is stored in state or in the configuration. The provider itself is `provider` (pass it
 * to resources as their `provider` when the stack has more than one Helm provider).
 */
export class EksHelmProvider extends Construct {
  /** The Helm provider (escape hatch to the underlying `helm` provider block). */
  public readonly provider: HelmProvider;

  /**
   * @param props the cluster connection (endpoint, CA data, name, region) and an optional provider alias
   */
  constructor(scope: Construct, id: string, props: EksHelmProviderProps) {
    super(scope, id);
    const c = props.connection;
    validateConnection(`EksHelmProvider '${id}'`, c);
    // Composed, not extended: the provider's API stays out of this library's (and out of API.md).
    this.provider = new HelmProvider(this, 'provider', {
      alias: props.alias,
      kubernetes: {
        host: c.endpoint,
        clusterCaCertificate: Fn.base64decode(c.certificateAuthorityData),
        exec: {
          apiVersion: EXEC_API_VERSION,
          command: 'aws',
          args: ['eks', 'get-token', '--cluster-name', c.clusterName, '--region', c.region, '--output', 'json'],
        },
      },
    });
  }
}

const CLUSTER_NAME_RE = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Checks the resolved fields of a connection (tokens pass). */
export function validateConnection(who: string, c: ClusterConnection): void {
  if (!Token.isUnresolved(c.clusterName) && !CLUSTER_NAME_RE.test(c.clusterName)) {
    invalidProp(who, 'connection.clusterName', c.clusterName, 'must be an EKS cluster name (1-100 letters, digits, hyphens, underscores)',
      'Pass the cluster name, for example the cluster construct\'s name attribute.');
  }
  if (!Token.isUnresolved(c.endpoint) && !c.endpoint.startsWith('https://')) {
    invalidProp(who, 'connection.endpoint', c.endpoint, 'must be the https:// URL of the API server',
      'Pass the cluster\'s endpoint attribute.');
  }
  if (!Token.isUnresolved(c.region) && !REGION_RE.test(c.region)) {
    invalidProp(who, 'connection.region', c.region, 'must be an AWS region name', "Use a region such as 'us-east-1'.");
  }
  if (!Token.isUnresolved(c.certificateAuthorityData) && !/^[A-Za-z0-9+/]+={0,2}$/.test(c.certificateAuthorityData)) {
    invalidProp(who, 'connection.certificateAuthorityData', '<not base64>', 'must be the base64-encoded CA data EKS returns',
      'Pass certificateAuthority.data of the cluster (not the decoded PEM).');
  }
}

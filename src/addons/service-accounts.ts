/** A Kubernetes service account, by namespace and name. */
export interface ServiceAccountRef {
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly name: string;
}

/**
 * The service accounts the platform add-ons run as. The AWS side creates one EKS Pod Identity association
 * per entry (namespace + service account -> IAM role); the add-ons only need the names to match.
 */
export class AddonServiceAccounts {
  /** Cluster autoscaler (needs autoscaling:SetDesiredCapacity etc. on the cluster's node groups). */
  public static readonly CLUSTER_AUTOSCALER: ServiceAccountRef = { namespace: 'kube-system', name: 'cluster-autoscaler' };
  /** OpenTelemetry collector (needs logs:PutLogEvents etc. for the EMF metrics log group). */
  public static readonly OTEL_COLLECTOR: ServiceAccountRef = { namespace: 'observability', name: 'otel-collector' };
  /** Fluent Bit (needs logs:PutLogEvents etc. on the container log group). */
  public static readonly FLUENT_BIT: ServiceAccountRef = { namespace: 'amazon-cloudwatch', name: 'fluent-bit' };
  /** AWS Load Balancer Controller (needs the controller's published IAM policy). */
  public static readonly LOAD_BALANCER_CONTROLLER: ServiceAccountRef = { namespace: 'kube-system', name: 'aws-load-balancer-controller' };

  /** Every add-on service account, for creating the Pod Identity associations in one loop. */
  public static all(): ServiceAccountRef[] {
    return [
      AddonServiceAccounts.CLUSTER_AUTOSCALER,
      AddonServiceAccounts.OTEL_COLLECTOR,
      AddonServiceAccounts.FLUENT_BIT,
      AddonServiceAccounts.LOAD_BALANCER_CONTROLLER,
    ];
  }

  private constructor() {}
}

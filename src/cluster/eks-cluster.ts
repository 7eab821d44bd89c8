/**
 * What the in-cluster building blocks (add-ons, workload identity) need from an EKS cluster. `HaEksCluster`
 * provides it.
 */
export interface IEksCluster {
  /** The cluster name. */
  readonly name: string;
  /** The cluster ARN. */
  readonly clusterArn: string;
  /** The Kubernetes API endpoint (https URL). */
  readonly endpoint: string;
  /** The cluster CA certificate, base64-encoded (as `certificate-authority-data` in a kubeconfig). */
  readonly certificateAuthorityData: string;
  /** The OIDC issuer URL of the cluster (https URL), for IRSA trust policies. */
  readonly oidcIssuerUrl: string;
  /** ARN of the IAM OIDC provider registered for the cluster's issuer. */
  readonly oidcProviderArn: string;
  /** The AWS region of the cluster. */
  readonly region: string;
}

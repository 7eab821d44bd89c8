/**
 * Facts about the aws-load-balancer-controller Helm chart 1.14.0 (controller v2.14.0), read from
 * https://github.com/kubernetes-sigs/aws-load-balancer-controller at tag v2.14.0
 * (commit d847890e67b4c3a78f230bd7f7caf2bfcab01df1), directory helm/aws-load-balancer-controller.
 * When the pinned chart changes, re-read these from the new tag; the tests say what else must follow.
 */
export const LBC_CHART_FACTS = {
  chartVersion: '1.14.0',
  source: 'kubernetes-sigs/aws-load-balancer-controller@d847890e67b4c3a78f230bd7f7caf2bfcab01df1 (tag v2.14.0)',
  /** Top-level keys of values.yaml (every key the templates read is declared there). */
  valuesKeys: [
    'replicaCount', 'revisionHistoryLimit', 'image', 'runtimeClassName', 'imagePullSecrets', 'nameOverride',
    'fullnameOverride', 'autoscaling', 'serviceAccount', 'rbac', 'podSecurityContext', 'securityContext',
    'terminationGracePeriodSeconds', 'resources', 'priorityClassName', 'nodeSelector', 'tolerations', 'affinity',
    'configureDefaultAffinity', 'topologySpreadConstraints', 'updateStrategy', 'serviceAnnotations',
    'deploymentAnnotations', 'podAnnotations', 'podLabels', 'additionalLabels', 'enableCertManager', 'certManager',
    'clusterName', 'cluster', 'ingressClass', 'ingressClassParams', 'createIngressClassResource', 'region', 'vpcId',
    'vpcTags', 'awsApiEndpoints', 'awsApiThrottle', 'awsMaxRetries', 'defaultTargetType',
    'enablePodReadinessGateInject', 'enableShield', 'enableWaf', 'enableWafv2', 'ingressMaxConcurrentReconciles',
    'logLevel', 'metricsBindAddr', 'webhookConfig', 'webhookBindPort', 'webhookTLS', 'webhookNamespaceSelectors',
    'keepTLSSecret', 'serviceMaxConcurrentReconciles', 'targetgroupbindingMaxConcurrentReconciles',
    'targetgroupbindingMaxExponentialBackoffDelay', 'lbStabilizationMonitorInterval', 'syncPeriod', 'watchNamespace',
    'disableIngressClassAnnotation', 'disableIngressGroupNameAnnotation', 'tolerateNonExistentBackendService',
    'tolerateNonExistentBackendAction', 'defaultSSLPolicy', 'livenessProbe', 'readinessProbe', 'env', 'hostNetwork',
    'dnsPolicy', 'extraVolumeMounts', 'extraVolumes', 'defaultTags', 'podDisruptionBudget', 'externalManagedTags',
    'enableEndpointSlices', 'enableBackendSecurityGroup', 'enableManageBackendSecurityGroupRules',
    'backendSecurityGroup', 'disableRestrictedSecurityGroupRules', 'controllerConfig', 'certDiscovery',
    'objectSelector', 'serviceMonitor', 'clusterSecretsPermissions', 'ingressClassConfig',
    'enableServiceMutatorWebhook', 'serviceMutatorWebhookConfig', 'podMutatorWebhookConfig',
    'serviceTargetENISGTags', 'loadBalancerClass',
  ],
  /**
   * templates/pdb.yaml renders the PodDisruptionBudget only when `podDisruptionBudget` is non-empty AND
   * `replicaCount` > 1, and copies the value into the spec as given.
   */
  pdbRendersWhen: (values: any): boolean =>
    values.podDisruptionBudget !== undefined && Object.keys(values.podDisruptionBudget).length > 0 && Number(values.replicaCount) > 1,
  /** PodDisruptionBudget spec keys (policy/v1) the chart passes through. */
  pdbSpecKeys: ['minAvailable', 'maxUnavailable'],
  /**
   * templates/deployment.yaml copies `topologySpreadConstraints` into the pod spec as given; the pods carry the
   * selector labels of _helpers.tpl: name = chart name (no nameOverride), instance = release name.
   */
  podLabels: (releaseName: string) => ({ 'app.kubernetes.io/name': 'aws-load-balancer-controller', 'app.kubernetes.io/instance': releaseName }),
};

/**
 * Facts about the aws-load-balancer-controller Helm chart 3.5.0 (controller v3.5.0), read from
 * https://github.com/kubernetes-sigs/aws-load-balancer-controller at tag v3.5.0
 * (commit 11eb202c97e4ae2ee45e0658c4cde9a4b59f33d4), directory helm/aws-load-balancer-controller
 * (templates/pdb.yaml and the selector labels of _helpers.tpl are as in 1.14.0).
 * When the pinned chart changes, re-read these from the new tag; the tests say what else must follow.
 */
export const LBC_CHART_FACTS = {
  chartVersion: '3.5.0',
  source: 'kubernetes-sigs/aws-load-balancer-controller@11eb202c97e4ae2ee45e0658c4cde9a4b59f33d4 (tag v3.5.0)',
  /** Top-level keys of values.yaml (every key the templates read is declared there). */
  valuesKeys: [
    'replicaCount', 'revisionHistoryLimit', 'image', 'runtimeClassName', 'imagePullSecrets', 'nameOverride',
    'fullnameOverride', 'autoscaling', 'serviceAccount', 'rbac', 'podSecurityContext', 'securityContext',
    'terminationGracePeriodSeconds', 'resources', 'priorityClassName', 'nodeSelector', 'tolerations', 'affinity',
    'configureDefaultAffinity', 'topologySpreadConstraints', 'updateStrategy', 'serviceAnnotations',
    'deploymentAnnotations', 'podAnnotations', 'podLabels', 'additionalLabels', 'enableCertManager', 'certManager',
    'clusterName', 'cluster', 'ingressClass', 'ingressClassParams', 'createIngressClassResource', 'region', 'vpcId',
    'vpcTags', 'awsApiEndpoints', 'awsApiThrottle', 'awsMaxRetries', 'defaultTargetType', 'defaultLoadBalancerScheme',
    'enablePodReadinessGateInject', 'enableShield', 'enableWaf', 'enableWafv2', 'ingressMaxConcurrentReconciles',
    'logLevel', 'metricsBindAddr', 'webhookConfig', 'webhookBindPort', 'webhookTLS', 'keepTLSSecret',
    'webhookNamespaceSelectors', 'serviceMaxConcurrentReconciles', 'targetgroupbindingMaxConcurrentReconciles',
    'targetgroupbindingMaxExponentialBackoffDelay', 'targetgroupbindingRequeueDuration',
    'albGatewayMaxConcurrentReconciles', 'nlbGatewayMaxConcurrentReconciles',
    'globalAcceleratorMaxConcurrentReconciles', 'globalAcceleratorMaxExponentialBackoffDelay',
    'lbStabilizationMonitorInterval', 'syncPeriod', 'watchNamespace', 'disableIngressClassAnnotation',
    'disableIngressGroupNameAnnotation', 'tolerateNonExistentBackendService', 'tolerateNonExistentBackendAction',
    'defaultSSLPolicy', 'livenessProbe', 'readinessProbe', 'env', 'hostNetwork', 'dnsPolicy', 'extraVolumeMounts',
    'extraVolumes', 'defaultTags', 'podDisruptionBudget', 'externalManagedTags', 'enableEndpointSlices',
    'enableBackendSecurityGroup', 'enableManageBackendSecurityGroupRules', 'backendSecurityGroup',
    'disableRestrictedSecurityGroupRules', 'maxTargetsPerTargetGroup', 'controllerConfig', 'certManagement',
    'certDiscovery', 'objectSelector', 'serviceMonitor', 'clusterSecretsPermissions', 'ingressClassConfig',
    'enableServiceMutatorWebhook', 'serviceMutatorWebhookConfig', 'podMutatorWebhookConfig', 'serviceTargetENISGTags',
    'loadBalancerClass',
  ],
  /**
   * Feature gates of controller v3.5.0 and their defaults (`NewFeatureGates` in pkg/config/feature_gates.go at
   * the tag); the chart passes `controllerConfig.featureGates` as `--feature-gates=k=v,...`. The Gateway API
   * gates were off in v2.14.0; v3 turns them on and disables them at start only when the CRDs are absent
   * (pkg/gateway/crddetect).
   */
  featureGateDefaults: {
    ListenerRulesTagging: true,
    WeightedTargetGroups: true,
    ServiceTypeLoadBalancerOnly: false,
    EndpointsFailOpen: true,
    EnableServiceController: true,
    EnableIPTargetType: true,
    EnableRGTAPI: false,
    SubnetsClusterTagCheck: true,
    NLBHealthCheckAdvancedConfig: true,
    NLBSecurityGroup: true,
    ALBSingleSubnet: false,
    SubnetDiscoveryByReachability: true,
    LBCapacityReservation: true,
    NLBGatewayAPI: true,
    ALBGatewayAPI: true,
    GlobalAcceleratorController: false,
    EnableTCPUDPListenerType: false,
    EnhancedDefaultBehavior: false,
    EnableDefaultTagsLowPriority: false,
    ALBTargetControlAgent: false,
    GatewayListenerSet: true,
    EnableCertificateManagement: false,
    IngressPlanAnnotation: false,
  } as Record<string, boolean>,
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

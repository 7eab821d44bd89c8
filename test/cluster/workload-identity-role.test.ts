import { clusterWithNodes } from './fixtures';
import { WorkloadIdentityRole, WorkloadIdentityType } from '../../src/cluster/workload-identity-role';
import { newStack, resourcesOf, synthJson } from '../util';

describe('WorkloadIdentityRole', () => {
  test('Pod Identity role for one service account, scoped to the cluster, with its association', () => {
    const json = synthJson((s) => {
      const { cluster } = clusterWithNodes(s);
      cluster.addPodIdentityRole('otel-role', {
        namespace: 'observability',
        serviceAccount: 'otel-collector',
        managedPolicyArns: ['arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy'],
      });
    });
    const role = Object.values(resourcesOf(json, 'aws_iam_role')).find((r: any) => r.name === 'ai-agents-prod-observability-otel-collector') as any;
    const trust = JSON.parse(role.assume_role_policy).Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({ Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] });
    expect(trust[0].Condition.StringEquals['aws:SourceAccount']).toMatch(/data\.aws_caller_identity/);
    // Bound to this one service account of this cluster through the session tags EKS Pod Identity sets; no
    // aws:SourceArn condition (Pod Identity sends none, test/iam/trust-policies.test.ts simulates it).
    expect(Object.keys(trust[0].Condition)).toEqual(['StringEquals']);
    expect(trust[0].Condition.StringEquals['aws:RequestTag/eks-cluster-arn']).toMatch(/^\$\{aws_eks_cluster\.[^}]+\.arn\}$/);
    expect(trust[0].Condition.StringEquals).toMatchObject({
      'aws:RequestTag/kubernetes-namespace': 'observability',
      'aws:RequestTag/kubernetes-service-account': 'otel-collector',
    });
    const assoc = Object.values(resourcesOf(json, 'aws_eks_pod_identity_association')).find((a: any) => a.service_account === 'otel-collector') as any;
    expect(assoc).toMatchObject({ namespace: 'observability', cluster_name: expect.stringMatching(/aws_eks_cluster\./) });
    const attachments = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')) as any[];
    expect(attachments.map((a) => a.policy_arn)).toContain('arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy');
  });

  test('IRSA trusts the cluster OIDC provider for exactly the service account, and makes no association', () => {
    const json = synthJson((s) => {
      const { cluster } = clusterWithNodes(s);
      new WorkloadIdentityRole(s, 'legacy', {
        cluster,
        namespace: 'apps',
        serviceAccount: 'legacy-app',
        inlinePolicyJson: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
        identityType: WorkloadIdentityType.IRSA,
      });
    });
    const role = Object.values(resourcesOf(json, 'aws_iam_role')).find((r: any) => /apps\/legacy-app/.test(r.description)) as any;
    expect(role.name).toBeUndefined(); // the cluster name is a reference: Terraform names the role
    // The condition keys embed a Terraform expression (the issuer host), so the policy is JSON only after
    // Terraform renders it (the eks fixture's tftest checks the rendered form); check the template here.
    const policy: string = role.assume_role_policy;
    expect(policy).toContain('"Action":"sts:AssumeRoleWithWebIdentity"');
    expect(policy).toMatch(/"Federated":"\$\{aws_iam_openid_connect_provider\.[^}]+\.arn\}"/);
    expect(policy).toContain('"${replace(aws_eks_cluster.eks_cluster_55B0C966.identity[0].oidc[0].issuer, "https://", "")}:sub":"system:serviceaccount:apps:legacy-app"');
    expect(policy).toContain('"${replace(aws_eks_cluster.eks_cluster_55B0C966.identity[0].oidc[0].issuer, "https://", "")}:aud":"sts.amazonaws.com"');
    const assocs = Object.values(resourcesOf(json, 'aws_eks_pod_identity_association')) as any[];
    expect(assocs.map((a) => a.service_account)).not.toContain('legacy-app');
    expect(Object.values(resourcesOf(json, 'aws_iam_role_policy')).some((p: any) => /s3:GetObject/.test(p.policy))).toBe(true);
  });

  test('long names are shortened to 64 characters', () => {
    const json = synthJson((s) => {
      const { cluster } = clusterWithNodes(s);
      cluster.addPodIdentityRole('long', { namespace: 'a-very-long-namespace-name-for-tenants', serviceAccount: 'an-equally-long-service-account' });
    });
    const names = Object.values(resourcesOf(json, 'aws_iam_role')).map((r: any) => r.name).filter(Boolean);
    const long = names.find((n: string) => n.startsWith('ai-agents-prod-a-very-long'));
    expect(long).toHaveLength(64);
  });

  test('rejects names that are not Kubernetes names', () => {
    const { scope } = newStack();
    const { cluster } = clusterWithNodes(scope as any);
    expect(() => cluster.addPodIdentityRole('bad', { namespace: 'Kube_System', serviceAccount: 'x' }))
      .toThrow(/WorkloadIdentityRole 'bad': namespace must be a Kubernetes DNS-1123 label \(.*\) \(got 'Kube_System'\)/);
    expect(() => cluster.addPodIdentityRole('bad2', { namespace: 'apps', serviceAccount: 'app.sa' }))
      .toThrow(/serviceAccount must be a Kubernetes DNS-1123 label/);
  });
});

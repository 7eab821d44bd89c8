import { Testing } from 'cdktf';
import { ADMIN, clusterIn, clusterWithNodes, DEPLOYER } from './fixtures';
import { HaNodeGroup } from '../../src/cluster/ha-node-group';
import { EksSupportType, KubernetesVersion } from '../../src/cluster/kubernetes-version';
import { newStack, onlyResource, resourcesOf, synthJson } from '../util';

const byName = (json: any, type: string, key: string, value: string) =>
  Object.values(resourcesOf(json, type)).find((r: any) => r[key] === value) as any;
const addon = (json: any, name: string) => byName(json, 'aws_eks_addon', 'addon_name', name);
const keyByAlias = (json: any, alias: string) => {
  const a = byName(json, 'aws_kms_alias', 'name', `alias/${alias}`);
  const keyId = /aws_kms_key\.([^.]+)\.key_id/.exec(a.target_key_id)![1];
  return { ref: `aws_kms_key.${keyId}`, key: resourcesOf(json, 'aws_kms_key')[keyId] };
};

describe('HaEksCluster', () => {
  const json = synthJson((s) => clusterWithNodes(s));
  const cluster = onlyResource(json, 'aws_eks_cluster');

  test('registered with ARC zonal shift by default; zonalShift: false opts out', () => {
    expect(cluster.zonal_shift_config).toEqual({ enabled: true });
    const off = onlyResource(synthJson((s) => new HaNodeGroup(s, 'nodes', { cluster: clusterIn(s, { zonalShift: false }) })), 'aws_eks_cluster');
    expect(off.zonal_shift_config).toEqual({ enabled: false });
  });

  test('Kubernetes 1.35 (the default) on standard support, prevent_destroy', () => {
    expect(cluster).toMatchObject({
      name: 'ai-agents-prod',
      version: '1.35',
      upgrade_policy: { support_type: 'STANDARD' },
      bootstrap_self_managed_addons: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('control plane in the 3 private subnets, private endpoint only', () => {
    expect(cluster.vpc_config).toEqual({
      subnet_ids: [0, 1, 2].map((i) => expect.stringMatching(new RegExp(`aws_subnet\\.net_private-${i}_`))),
      endpoint_private_access: true,
      endpoint_public_access: false,
    });
  });

  test('secrets envelope-encrypted with a rotating customer-managed key the cluster role may use', () => {
    const { ref, key } = keyByAlias(json, 'ai-agents-prod/eks-secrets');
    expect(cluster.encryption_config).toEqual({ resources: ['secrets'], provider: { key_arn: `\${${ref}.arn}` } });
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    const policy = JSON.parse(byName(json, 'aws_iam_role_policy', 'name', 'secrets-encryption').policy);
    expect(policy.Statement[0]).toMatchObject({ Action: expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt']), Resource: `\${${ref}.arn}` });
  });

  test('all five log types to an encrypted 90-day log group created first', () => {
    expect(cluster.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    const lg = byName(json, 'aws_cloudwatch_log_group', 'name', '/aws/eks/ai-agents-prod/cluster');
    const { ref, key } = keyByAlias(json, 'ai-agents-prod/eks-logs');
    expect(lg).toMatchObject({ retention_in_days: 90, kms_key_id: `\${${ref}.arn}`, lifecycle: { prevent_destroy: true } });
    expect(JSON.parse(key.policy).Statement.map((s: any) => s.Sid)).toContain('CloudWatchLogsUse');
    expect(cluster.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\.eks_log-group_/)]));
  });

  test('API authentication with no implicit creator admin; admins and deployer through access entries', () => {
    expect(cluster.access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false });
    const entries = Object.values(resourcesOf(json, 'aws_eks_access_entry')) as any[];
    expect(entries.map((e) => e.principal_arn).sort()).toEqual([ADMIN, DEPLOYER]);
    for (const e of entries) expect(e.type).toBe('STANDARD');
    const assocs = Object.values(resourcesOf(json, 'aws_eks_access_policy_association')) as any[];
    expect(assocs).toHaveLength(2);
    for (const a of assocs) {
      expect(a.policy_arn).toMatch(/^arn:\$\{data\.aws_partition\.[^}]+\}:eks::aws:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/);
      expect(a.access_scope).toEqual({ type: 'cluster' });
    }
  });

  test('cluster role has only AmazonEKSClusterPolicy', () => {
    const attachments = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')) as any[];
    const own = attachments.filter((a) => /aws_iam_role\.eks_cluster-role_/.test(a.role));
    expect(own.map((a) => a.policy_arn.split('/').pop())).toEqual(['AmazonEKSClusterPolicy']);
    const role = byName(json, 'aws_iam_role', 'name', 'ai-agents-prod-eks-cluster');
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'eks.amazonaws.com' });
  });

  test('OIDC provider for IRSA on the cluster issuer, without thumbprints', () => {
    const oidc = onlyResource(json, 'aws_iam_openid_connect_provider');
    expect(oidc.url).toMatch(/aws_eks_cluster\.eks_cluster_[^.]+\.identity\[0\]\.oidc\[0\]\.issuer/);
    expect(oidc.client_id_list).toEqual(['sts.amazonaws.com']);
    expect(oidc.thumbprint_list).toBeUndefined();
  });

  test('managed add-ons take EKS\'s default version for the cluster\'s Kubernetes version, looked up at plan time', () => {
    const lookups = Object.values(json.data.aws_eks_addon_version) as any[];
    const names = ['vpc-cni', 'kube-proxy', 'coredns', 'eks-pod-identity-agent', 'aws-ebs-csi-driver'];
    expect(lookups.map((l) => l.addon_name).sort()).toEqual([...names].sort());
    for (const name of names) {
      const [id, lookup] = Object.entries<any>(json.data.aws_eks_addon_version).find(([, l]) => l.addon_name === name)!;
      // The configured version (known at plan), not the cluster's attribute; most_recent = false: EKS's default.
      expect(lookup).toEqual({ addon_name: name, kubernetes_version: '1.35', most_recent: false });
      expect(addon(json, name)).toMatchObject({
        addon_version: `\${data.aws_eks_addon_version.${id}.version}`,
        resolve_conflicts_on_create: 'OVERWRITE',
        resolve_conflicts_on_update: 'OVERWRITE',
      });
    }
    expect(resourcesOf(json, 'aws_eks_addon')).not.toHaveProperty('service_account_role_arn');
  });

  test('a pinned add-on version is used as given, with no lookup', () => {
    const pinned = synthJson((s) => {
      new HaNodeGroup(s, 'nodes', { cluster: clusterIn(s, { addonVersions: { vpcCni: 'v1.20.4-eksbuild.1' } }) });
    });
    expect(addon(pinned, 'vpc-cni').addon_version).toBe('v1.20.4-eksbuild.1');
    expect((Object.values(pinned.data.aws_eks_addon_version) as any[]).map((l) => l.addon_name)).not.toContain('vpc-cni');
  });

  test.each(['1.20.4-eksbuild.1', 'v1.20.4', 'latest', 'v1.20-eksbuild.1'])('refuses the add-on version %p (not vX.Y.Z-eksbuild.N)', (v) => {
    expect(() => synthJson((s) => clusterIn(s, { addonVersions: { ebsCsiDriver: v } })))
      .toThrow(/HaEksCluster 'eks': addonVersions.ebsCsiDriver must be an EKS add-on version such as 'v1\.20\.4-eksbuild\.1'/);
  });

  test('VPC CNI enforces network policies with its own Pod Identity role (AmazonEKS_CNI_Policy)', () => {
    const cni = addon(json, 'vpc-cni');
    expect(JSON.parse(cni.configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
    expect(cni.pod_identity_association).toEqual([{ role_arn: expect.stringMatching(/aws_iam_role\.eks_vpc-cni-role_/), service_account: 'aws-node' }]);
    const role = byName(json, 'aws_iam_role', 'name', 'ai-agents-prod-kube-system-aws-node');
    const trust = JSON.parse(role.assume_role_policy).Statement[0];
    expect(trust).toMatchObject({ Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] });
    expect(trust.Condition.StringEquals['aws:RequestTag/eks-cluster-arn']).toMatch(/aws_eks_cluster\.eks_cluster_[^.]+\.arn/);
    expect(trust.Condition).not.toHaveProperty('ArnEquals'); // Pod Identity sends no aws:SourceArn
    const attachments = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')) as any[];
    expect(attachments.filter((a) => /aws_iam_role\.eks_vpc-cni-role_/.test(a.role)).map((a) => a.policy_arn.split('/').pop())).toEqual(['AmazonEKS_CNI_Policy']);
  });

  test('CoreDNS runs at least 2 replicas spread across zones, after the node groups', () => {
    const dns = addon(json, 'coredns');
    const cfg = JSON.parse(dns.configuration_values);
    expect(cfg.replicaCount).toBe(2);
    expect(cfg.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1 });
    expect(dns.depends_on).toEqual([expect.stringMatching(/^aws_eks_node_group\.nodes_node-group_/)]);
    expect(addon(json, 'aws-ebs-csi-driver').depends_on).toEqual([expect.stringMatching(/^aws_eks_node_group\./)]);
    expect(addon(json, 'vpc-cni').depends_on).toBeUndefined();
  });

  test('EBS CSI driver role: AmazonEBSCSIDriverPolicy and the EBS key, nothing else', () => {
    const ebs = addon(json, 'aws-ebs-csi-driver');
    expect(ebs.pod_identity_association).toEqual([{ role_arn: expect.stringMatching(/aws_iam_role\.eks_ebs-csi-role_/), service_account: 'ebs-csi-controller-sa' }]);
    const { ref } = keyByAlias(json, 'ai-agents-prod/eks-ebs');
    const inline = Object.values(resourcesOf(json, 'aws_iam_role_policy')).find((p: any) => /aws_iam_role\.eks_ebs-csi-role_/.test(p.role)) as any;
    for (const s of JSON.parse(inline.policy).Statement) expect(s.Resource).toBe(`\${${ref}.arn}`);
  });

  test('EBS key lets only the Auto Scaling service-linked role use it, matched by principal ARN', () => {
    const { key } = keyByAlias(json, 'ai-agents-prod/eks-ebs');
    const statements = JSON.parse(key.policy).Statement;
    const slr = statements.filter((s: any) => s.Sid.startsWith('AutoScalingServiceLinkedRole'));
    expect(slr).toHaveLength(2);
    for (const s of slr) {
      expect(s.Condition.StringEquals['aws:PrincipalArn']).toMatch(/:role\/aws-service-role\/autoscaling\.amazonaws\.com\/AWSServiceRoleForAutoScaling$/);
    }
    expect(slr[1]).toMatchObject({ Action: 'kms:CreateGrant', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } });
  });

  test('cluster autoscaler role: describe everywhere, scale only groups owned by this cluster', () => {
    const assoc = byName(json, 'aws_eks_pod_identity_association', 'service_account', 'cluster-autoscaler');
    expect(assoc).toMatchObject({ namespace: 'kube-system' });
    const inline = Object.values(resourcesOf(json, 'aws_iam_role_policy')).find((p: any) => /aws_iam_role\.eks_cluster-autoscaler-role_/.test(p.role)) as any;
    const statements = JSON.parse(inline.policy).Statement;
    const scale = statements.find((s: any) => s.Sid === 'ScaleOwnGroupsOnly');
    expect(scale.Action).toEqual(['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup']);
    expect(scale.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/ai-agents-prod': 'owned' } });
    const describe = statements.find((s: any) => s.Sid === 'Describe');
    for (const a of describe.Action) expect(a).toMatch(/:(Describe|Get)/);
  });

  test('exposes handles for the in-cluster stack and the data tier', () => {
    const { scope } = newStack();
    const { cluster: c } = clusterWithNodes(scope as any);
    expect(c.kubeconfigCommand).toMatch(/^aws eks update-kubeconfig --region \$\{TfToken\[.*\]\} --name \$\{TfToken\[.*\]\}$/);
    expect(c.nodeSecurityGroupId).toBe(c.clusterSecurityGroupId);
    expect(c.defaultStorageClassParameters).toMatchObject({ type: 'gp3', encrypted: 'true' });
    expect(c.resourceNamePrefix).toBe('ai-agents-prod');
  });

  test('public endpoint only for the listed CIDRs', () => {
    const j = synthJson((s) => {
      const c = clusterIn(s, { publicAccessCidrs: ['203.0.113.0/24'] });
      new HaNodeGroup(s, 'nodes', { cluster: c });
    });
    expect(onlyResource(j, 'aws_eks_cluster').vpc_config).toMatchObject({
      endpoint_public_access: true, endpoint_private_access: true, public_access_cidrs: ['203.0.113.0/24'],
    });
  });

  test('public endpoint from anywhere only with the named opt-in', () => {
    const j = synthJson((s) => {
      const c = clusterIn(s, { allowPublicEndpointFromAnywhere: true });
      new HaNodeGroup(s, 'nodes', { cluster: c });
    });
    expect(onlyResource(j, 'aws_eks_cluster').vpc_config.public_access_cidrs).toEqual(['0.0.0.0/0']);
  });

  test('given keys, extended support, other version and add-on overrides', () => {
    const j = synthJson((s) => {
      const c = clusterIn(s, {
        kubernetesVersion: KubernetesVersion.V1_36,
        supportType: EksSupportType.EXTENDED,
        secretsKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/secrets',
        logKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/logs',
        ebsKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/ebs',
        addonVersions: { coreDns: 'v1.13.0-eksbuild.1' },
        preventDestroy: false,
      });
      new HaNodeGroup(s, 'nodes', { cluster: c });
    });
    const c = onlyResource(j, 'aws_eks_cluster');
    expect(c).toMatchObject({ version: '1.36', upgrade_policy: { support_type: 'EXTENDED' } });
    expect(c.lifecycle).toBeUndefined();
    expect(c.encryption_config.provider.key_arn).toBe('arn:aws:kms:us-east-1:123456789012:key/secrets');
    // Only the VPC flow-log key remains.
    expect(Object.keys(resourcesOf(j, 'aws_kms_key'))).toEqual([expect.stringMatching(/^net_flow-log-key/)]);
    expect(addon(j, 'coredns').addon_version).toBe('v1.13.0-eksbuild.1');
    // Unpinned: EKS's default for the other version.
    const kubeProxy = (Object.values(j.data.aws_eks_addon_version) as any[]).find((l) => l.addon_name === 'kube-proxy');
    expect(kubeProxy).toEqual({ addon_name: 'kube-proxy', kubernetes_version: '1.36', most_recent: false });
  });

  describe('validation', () => {
    test('name', () => {
      const { scope } = newStack();
      expect(() => clusterIn(scope as any, { name: 'AI_Agents' })).toThrow(/HaEksCluster 'eks': name must be 2-40 lower-case/);
    });

    test('fewer than 3 subnets', () => {
      const { scope } = newStack();
      expect(() => clusterIn(scope as any, { subnetIds: ['subnet-a', 'subnet-b'] }))
        .toThrow(/subnetIds must give at least 3 subnets .*got 2.*allowFewerThanThreeAzs/);
    });

    test('fewer than 3 subnets allowed explicitly, but never fewer than 2', () => {
      const { scope } = newStack();
      expect(() => clusterIn(scope as any, { subnetIds: ['subnet-a', 'subnet-b'], allowFewerThanThreeAzs: true })).not.toThrow();
      const { scope: s2 } = newStack();
      expect(() => clusterIn(s2 as any, { subnetIds: ['subnet-a'], allowFewerThanThreeAzs: true }))
        .toThrow(/subnetIds must give at least 2 subnets/);
    });

    test('public endpoint open to the world without the opt-in', () => {
      const { scope } = newStack();
      expect(() => clusterIn(scope as any, { publicAccessCidrs: ['10.1.0.0/16', '0.0.0.0/0'] }))
        .toThrow(/publicAccessCidrs opens the Kubernetes API to the whole internet \(got '0\.0\.0\.0\/0'\).*allowPublicEndpointFromAnywhere/);
      const { scope: s2 } = newStack();
      expect(() => clusterIn(s2 as any, { publicAccessCidrs: ['::/0'] })).toThrow(/opens the Kubernetes API to the whole internet/);
    });

    test('malformed public CIDR', () => {
      const { scope } = newStack();
      expect(() => clusterIn(scope as any, { publicAccessCidrs: ['203.0.113.7/24'] })).toThrow(/publicAccessCidrs must contain CIDR blocks/);
    });

    test('no admin principal at all', () => {
      const { scope } = newStack();
      expect(() => clusterIn(scope as any, { adminPrincipalArns: [], deployerPrincipalArn: undefined }))
        .toThrow(/adminPrincipalArns must name at least one principal/);
    });

    test('assumed-role session ARN as admin', () => {
      const { scope } = newStack();
      expect(() => clusterIn(scope as any, { adminPrincipalArns: ['arn:aws:sts::123456789012:assumed-role/admin/me'] }))
        .toThrow(/adminPrincipalArns must be an IAM role or user ARN.*not an assumed-role session ARN/);
    });

    test('duplicate admin principal', () => {
      const { scope } = newStack();
      expect(() => clusterIn(scope as any, { adminPrincipalArns: [DEPLOYER] })).toThrow(/must not list a principal twice/);
    });

    test('log retention below 90 days', () => {
      const { scope } = newStack();
      expect(() => clusterIn(scope as any, { logRetentionDays: 30 })).toThrow(/logRetentionDays must be at least 90 days/);
    });

    test('a single CoreDNS replica', () => {
      const { scope } = newStack();
      expect(() => clusterIn(scope as any, { coreDnsReplicas: 1 })).toThrow(/coreDnsReplicas must be a whole number of at least 2/);
    });

    test('a cluster without node groups fails synthesis', () => {
      const { stack } = newStack();
      clusterIn(stack);
      expect(() => Testing.synth(stack, true)).toThrow(/no node group was added.*Add a HaNodeGroup/);
    });
  });
});

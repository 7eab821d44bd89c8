import { clusterIn, clusterWithNodes } from './fixtures';
import { HaNodeGroup, NodeAmiType, NodeCapacityType, TaintEffect } from '../../src/cluster/ha-node-group';
import { newStack, onlyResource, resourcesOf, synthJson } from '../util';

describe('HaNodeGroup', () => {
  const json = synthJson((s) => clusterWithNodes(s));
  const ng = onlyResource(json, 'aws_eks_node_group');
  const lt = onlyResource(json, 'aws_launch_template');

  test('on-demand t3.large in the 3 private subnets, 3..10 nodes, autoscaler owns the desired size', () => {
    expect(ng).toMatchObject({
      node_group_name_prefix: 'general-',
      instance_types: ['t3.large'],
      capacity_type: 'ON_DEMAND',
      ami_type: 'AL2023_x86_64_STANDARD',
      scaling_config: { min_size: 3, desired_size: 3, max_size: 10 },
      update_config: { max_unavailable_percentage: 33 },
      // create_before_destroy with a name prefix: replacing the group never leaves the cluster without nodes
      lifecycle: { ignore_changes: ['scaling_config[0].desired_size'], create_before_destroy: true },
    });
    expect(ng.node_group_name).toBeUndefined();
    expect(ng.subnet_ids).toEqual([0, 1, 2].map((i) => expect.stringMatching(new RegExp(`aws_subnet\\.net_private-${i}_`))));
    expect(ng.remote_access).toBeUndefined();
  });

  test('node auto repair is on by default; nodeAutoRepair: false turns it off', () => {
    expect(ng.node_repair_config).toEqual({ enabled: true });
    const off = onlyResource(synthJson((s) => clusterWithNodes(s, { nodeAutoRepair: false })), 'aws_eks_node_group');
    expect(off.node_repair_config).toEqual({ enabled: false });
  });

  test('cluster autoscaler discovery tags', () => {
    expect(ng.tags).toMatchObject({ 'k8s.io/cluster-autoscaler/enabled': 'true', 'k8s.io/cluster-autoscaler/ai-agents-prod': 'owned' });
  });

  test('launch template: IMDSv2 required with hop limit 1, encrypted gp3 root volume with the EBS key, no SSH, no NICs', () => {
    expect(ng.launch_template).toEqual({
      id: expect.stringMatching(/aws_launch_template\.nodes_launch-template_[^.]+\.id/),
      version: expect.stringMatching(/aws_launch_template\.nodes_launch-template_[^.]+\.latest_version/),
    });
    expect(lt.metadata_options).toEqual({
      http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled',
    });
    expect(lt.block_device_mappings).toEqual([{
      device_name: '/dev/xvda',
      ebs: {
        volume_size: 50,
        volume_type: 'gp3',
        encrypted: 'true',
        delete_on_termination: 'true',
        kms_key_id: expect.stringMatching(/aws_kms_key\.eks_ebs-key_[^.]+\.arn/),
      },
    }]);
    expect(lt.key_name).toBeUndefined();
    expect(lt.network_interfaces).toBeUndefined();
    expect(lt.vpc_security_group_ids).toBeUndefined();
  });

  test('node role: worker, ECR pull and SSM policies only', () => {
    const attachments = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')) as any[];
    const own = attachments.filter((a) => /aws_iam_role\.nodes_node-role_/.test(a.role)).map((a) => a.policy_arn.split('/').pop());
    expect(own.sort()).toEqual(['AmazonEC2ContainerRegistryPullOnly', 'AmazonEKSWorkerNodePolicy', 'AmazonSSMManagedInstanceCore']);
    const role = Object.values(resourcesOf(json, 'aws_iam_role')).find((r: any) => r.name === 'ai-agents-prod-general-node') as any;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    expect(resourcesOf(json, 'aws_iam_role_policy')).not.toHaveProperty(['nodes_node-role_inline']);
  });

  test('nodes wait for the networking add-ons and their role policies', () => {
    expect(ng.depends_on).toEqual(expect.arrayContaining([
      expect.stringMatching(/^aws_eks_addon\.eks_addon-vpc-cni_/),
      expect.stringMatching(/^aws_eks_addon\.eks_addon-kube-proxy_/),
      expect.stringMatching(/^aws_eks_addon\.eks_addon-eks-pod-identity-agent_/),
      expect.stringMatching(/^aws_iam_role_policy_attachment\.nodes_node-AmazonEKSWorkerNodePolicy_/),
    ]));
  });

  test('labels, taints, sizes and a second node group on the same cluster', () => {
    const j = synthJson((s) => {
      const { cluster } = clusterWithNodes(s);
      new HaNodeGroup(s, 'batch', {
        cluster,
        name: 'batch',
        instanceTypes: ['m7g.xlarge', 'm6g.xlarge'],
        amiType: NodeAmiType.AL2023_ARM_64_STANDARD,
        capacityType: NodeCapacityType.SPOT,
        minSize: 1,
        desiredSize: 2,
        maxSize: 4,
        httpPutResponseHopLimit: 2,
        labels: { workload: 'batch' },
        taints: [{ key: 'dedicated', value: 'batch', effect: TaintEffect.NO_SCHEDULE }, { key: 'spot', effect: TaintEffect.PREFER_NO_SCHEDULE }],
      });
    });
    const groups = Object.values(resourcesOf(j, 'aws_eks_node_group')) as any[];
    expect(groups).toHaveLength(2);
    const batch = groups.find((g) => g.node_group_name_prefix === 'batch-');
    expect(batch).toMatchObject({
      instance_types: ['m7g.xlarge', 'm6g.xlarge'],
      ami_type: 'AL2023_ARM_64_STANDARD',
      capacity_type: 'SPOT',
      scaling_config: { min_size: 1, desired_size: 2, max_size: 4 },
      // The user's labels, plus the group's own name under a key that survives replacements (NodeGroupAlarms counts by it).
      labels: { 'workload': 'batch', 'eks-platform/node-group': 'batch' },
      taint: [{ key: 'dedicated', value: 'batch', effect: 'NO_SCHEDULE' }, { key: 'spot', effect: 'PREFER_NO_SCHEDULE' }],
    });
    const lts = Object.values(resourcesOf(j, 'aws_launch_template')) as any[];
    expect(lts.find((l) => l.name === 'ai-agents-prod-batch-node').metadata_options.http_put_response_hop_limit).toBe(2);
    const coredns = Object.values(resourcesOf(j, 'aws_eks_addon')).find((a: any) => a.addon_name === 'coredns') as any;
    expect(coredns.depends_on).toHaveLength(2);
  });

  describe('validation', () => {
    const make = (props: Record<string, unknown>) => {
      const { scope } = newStack();
      const cluster = clusterIn(scope as any);
      return () => new HaNodeGroup(scope, 'nodes', { cluster, ...props });
    };

    test('fewer than 3 subnets', () => {
      expect(make({ subnetIds: ['subnet-a', 'subnet-b'] })).toThrow(/HaNodeGroup 'nodes': subnetIds must give at least 3 subnets .*got 2/);
      expect(make({ subnetIds: ['subnet-a', 'subnet-b'], allowFewerThanThreeAzs: true })).not.toThrow();
    });
    test('min below 1', () => {
      expect(make({ minSize: 0 })).toThrow(/minSize must be a whole number of at least 1 \(got 0\)/);
    });
    test('min above max', () => {
      expect(make({ minSize: 5, maxSize: 4 })).toThrow(/maxSize must be a whole number not below minSize \(5\) \(got 4\)/);
    });
    test('desired outside [min, max]', () => {
      expect(make({ desiredSize: 2 })).toThrow(/desiredSize must be between minSize \(3\) and maxSize \(10\) \(got 2\)/);
      expect(make({ desiredSize: 11 })).toThrow(/desiredSize must be between minSize \(3\) and maxSize \(10\) \(got 11\)/);
    });
    test('hop limit outside 1..2', () => {
      expect(make({ httpPutResponseHopLimit: 3 })).toThrow(/httpPutResponseHopLimit must be 1 or 2 .*\(got 3\)/);
      expect(make({ httpPutResponseHopLimit: 0 })).toThrow(/httpPutResponseHopLimit must be 1 or 2 .*\(got 0\)/);
    });
    test('empty instance type list', () => {
      expect(make({ instanceTypes: [] })).toThrow(/instanceTypes must list at least one instance type \(got \[\]\)/);
    });
    test('name', () => {
      expect(make({ name: 'General' })).toThrow(/HaNodeGroup 'nodes': name must be 2-36 lower-case/);
    });
    test('root volume size', () => {
      expect(make({ diskSizeGiB: 8 })).toThrow(/diskSizeGiB must be a whole number of GiB from 20 to 16384 \(got 8\)/);
    });
    test('max unavailable percentage', () => {
      expect(make({ maxUnavailablePercentage: 0 })).toThrow(/maxUnavailablePercentage must be a whole percentage from 1 to 100/);
    });
  });
});

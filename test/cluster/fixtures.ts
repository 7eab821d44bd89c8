import { TerraformStack } from 'cdktf';
import { HaEksCluster, HaEksClusterProps } from '../../src/cluster/ha-eks-cluster';
import { HaNodeGroup, HaNodeGroupProps } from '../../src/cluster/ha-node-group';
import { HaVpc } from '../../src/network/ha-vpc';

export const ADMIN = 'arn:aws:iam::123456789012:role/platform-admin';
export const DEPLOYER = 'arn:aws:iam::123456789012:role/terraform-deployer';

/** A 3-zone HaVpc and a cluster on it with the given overrides (no node group). */
export function clusterIn(stack: TerraformStack, props: Partial<HaEksClusterProps> = {}): HaEksCluster {
  const network = new HaVpc(stack, 'net', { name: 'ai-agents-prod', availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
  return new HaEksCluster(stack, 'eks', {
    name: 'ai-agents-prod',
    network,
    adminPrincipalArns: [ADMIN],
    deployerPrincipalArn: DEPLOYER,
    ...props,
  });
}

/** A cluster with one node group (the overrides go to the node group). */
export function clusterWithNodes(stack: TerraformStack, nodeProps: Partial<HaNodeGroupProps> = {}): { cluster: HaEksCluster; nodes: HaNodeGroup } {
  const cluster = clusterIn(stack);
  const nodes = new HaNodeGroup(stack, 'nodes', { cluster, ...nodeProps });
  return { cluster, nodes };
}

import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { HaEksCluster } from './ha-eks-cluster';
import { ownPolicyResources } from '../policy/prop-hints';
import { AwsContext } from '../private/aws-context';
import { invalidProp } from '../private/errors';
import { roleNameFrom } from '../private/iam-names';

/** Effect of a Kubernetes node taint. */
export class TaintEffect {
  /** Pods without a matching toleration are not scheduled on the node. */
  public static readonly NO_SCHEDULE = new TaintEffect('NO_SCHEDULE');
  /** Pods without a matching toleration are not scheduled, and running ones are evicted. */
  public static readonly NO_EXECUTE = new TaintEffect('NO_EXECUTE');
  /** The scheduler avoids the node for pods without a matching toleration, if it can. */
  public static readonly PREFER_NO_SCHEDULE = new TaintEffect('PREFER_NO_SCHEDULE');

  /** @param value the EKS API value */
  private constructor(public readonly value: string) {}
}

/** A Kubernetes taint applied to every node of a node group. */
export interface NodeTaint {
  /** Taint key. */
  readonly key: string;
  /**
   * Taint value.
   * @default - no value
   */
  readonly value?: string;
  /** Taint effect. */
  readonly effect: TaintEffect;
}

/** How the nodes are bought. */
export class NodeCapacityType {
  /** On-Demand instances: never reclaimed by AWS. */
  public static readonly ON_DEMAND = new NodeCapacityType('ON_DEMAND');
  /** Spot instances: cheaper, reclaimed with two minutes' notice. Only for interruption-tolerant workloads. */
  public static readonly SPOT = new NodeCapacityType('SPOT');

  /** @param value the EKS API value of the capacity type (`ON_DEMAND` or `SPOT`) */
  private constructor(public readonly value: string) {}
}

/** Operating system image of the nodes (EKS-optimized). */
export class NodeAmiType {
  /** Amazon Linux 2023, x86_64 (Intel/AMD instance types such as t3, m6i). */
  public static readonly AL2023_X86_64_STANDARD = new NodeAmiType('AL2023_x86_64_STANDARD');
  /** Amazon Linux 2023, arm64 (Graviton instance types such as t4g, m7g). */
  public static readonly AL2023_ARM_64_STANDARD = new NodeAmiType('AL2023_ARM_64_STANDARD');

  /** @param value the EKS API value of the AMI type (for example `AL2023_x86_64_STANDARD`) */
  private constructor(public readonly value: string) {}
}

/** Tunables of `HaNodeGroup`, also accepted as pass-through props by `ProductionEksPlatform`. */
export interface HaNodeGroupOptions {
  /**
   * Node group name within the cluster: 2-36 lower-case letters, digits, hyphens. EKS gets it as a name
   * prefix (`<name>-<timestamp>`), so that a change that replaces the group (instance types, capacity type,
   * subnets, AMI type, node role) creates the new group before the old one is drained and deleted.
   * @default 'general'
   */
  readonly name?: string;

  /**
   * Subnets of the nodes, one per availability zone.
   * @default - the cluster's subnets (the network's private subnets)
   */
  readonly subnetIds?: string[];

  /**
   * Allow fewer than 3 subnets (zones): losing one zone then removes a larger share of the capacity, or all
   * of it. For test environments only.
   * @default false
   */
  readonly allowFewerThanThreeAzs?: boolean;

  /**
   * EC2 instance types. The autoscaler treats them as interchangeable, so give types of the same size.
   * @default ['t3.large']
   */
  readonly instanceTypes?: string[];

  /**
   * On-Demand or Spot capacity.
   * @default NodeCapacityType.ON_DEMAND
   */
  readonly capacityType?: NodeCapacityType;

  /**
   * Node image. Must match the instance types' architecture.
   * @default NodeAmiType.AL2023_X86_64_STANDARD
   */
  readonly amiType?: NodeAmiType;

  /**
   * Minimum number of nodes (at least 1, 3 keeps one per zone). Below 3 fails rule PB-HA-003 of
   * `ProductionBaseline` (which `ProductionEksPlatform` applies) unless acknowledged.
   * @default 3
   */
  readonly minSize?: number;

  /**
   * Initial number of nodes, between minSize and maxSize. Terraform ignores later changes: the cluster
   * autoscaler owns it.
   * @default - minSize
   */
  readonly desiredSize?: number;

  /**
   * Maximum number of nodes the autoscaler may scale to.
   * @default 10
   */
  readonly maxSize?: number;

  /**
   * Root volume size in GiB (gp3, encrypted).
   * @default 50
   */
  readonly diskSizeGiB?: number;

  /**
   * KMS key (ARN) for the root volumes. Its policy must let the AWSServiceRoleForAutoScaling role use it.
   * @default - the cluster's EBS key
   */
  readonly volumeKmsKeyArn?: string;

  /**
   * Hop limit of IMDSv2 responses. 1 keeps pods (which are one network hop further) away from the instance
   * metadata service and so from the node role's credentials. 2 lets pods reach it: only for software that
   * cannot run without instance metadata, and never with workloads you do not trust.
   * @default 1
   */
  readonly httpPutResponseHopLimit?: number;

  /**
   * Kubernetes labels of the nodes.
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Kubernetes taints of the nodes.
   * @default - none
   */
  readonly taints?: NodeTaint[];

  /**
   * Percentage of nodes replaced at once during updates.
   * @default 33
   */
  readonly maxUnavailablePercentage?: number;

  /**
   * EKS node auto repair (`node_repair_config`): EKS watches node health (kubelet, container runtime,
   * networking, accelerated hardware) and replaces or reboots a node that stays unhealthy, instead of
   * leaving it NotReady until someone notices. Setting false leaves broken nodes in the group until an
   * operator drains and terminates them by hand.
   * @default true
   */
  readonly nodeAutoRepair?: boolean;

  /**
   * Tags for every resource of the construct (and the node group, EKS does not copy them to instances, the
   * launch template does).
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/** Props of `HaNodeGroup`. */
export interface HaNodeGroupProps extends HaNodeGroupOptions {
  /** The cluster the nodes join. */
  readonly cluster: HaEksCluster;
}

/** At most 36 characters: with the hyphen and the 26-character suffix Terraform appends, 63 (the EKS limit). */
const NAME_RE = /^[a-z][a-z0-9-]{0,34}[a-z0-9]$/;

/**
 * An EKS managed node group across the 3 zones of the cluster, with a launch template that requires IMDSv2
 * (hop limit 1), encrypts the gp3 root volume with a customer-managed key and gives no SSH key and no public
 * IP (the nodes are in private subnets; the launch template sets no network interfaces or security groups,
 * so EKS attaches the cluster security group). The node role holds only the worker, ECR pull and SSM
 * policies: workloads get their own roles through Pod Identity. EKS creates the node role's access entry
 * (type EC2_LINUX) itself for managed node groups.
 *
 * Node auto repair is on: EKS replaces nodes that stay unhealthy.
 *
 * The group carries the cluster-autoscaler discovery tags; the autoscaler's role is
 * `HaEksCluster.clusterAutoscalerRole`. Add as many node groups to a cluster as needed.
 */
export class HaNodeGroup extends Construct {
  /**
   * Node label with the node group's own `name`, on every node: unlike EKS's `eks.amazonaws.com/nodegroup`
   * (the generated `<name>-<suffix>`), it stays the same when the group is replaced. The collector counts
   * Ready nodes per node group by it (`NodeGroupAlarms`).
   */
  public static readonly NAME_LABEL = 'eks-platform/node-group';

  /** The EKS managed node group (escape hatch to the underlying `aws_eks_node_group` resource). */
  public readonly nodeGroup: EksNodeGroup;
  /** Name of the node group as EKS created it (`<name>-<suffix>`, from the name prefix). */
  public readonly nodeGroupName: string;
  /**
   * The node group's own name (`name`), also the value of the node label `eks-platform/node-group` that
   * stays the same across replacements.
   */
  public readonly name: string;
  /** Launch template of the nodes: IMDSv2 only, encrypted gp3 root volume, no SSH key (escape hatch to the `aws_launch_template` resource). */
  public readonly launchTemplate: LaunchTemplate;
  /** IAM role of the nodes (worker, ECR pull and SSM policies only, workloads use Pod Identity roles). */
  public readonly nodeRole: IamRole;
  /** ARN of the node role. */
  public readonly nodeRoleArn: string;

  /**
   * @param props cluster, size, instance types and launch settings of the node group
   */
  constructor(scope: Construct, id: string, props: HaNodeGroupProps) {
    super(scope, id);
    ownPolicyResources(this, 'HaNodeGroup'); // findings on its resources name its props
    const who = `HaNodeGroup '${id}'`;
    const cluster = props.cluster;
    const ctx = AwsContext.of(this);
    const name = props.name ?? 'general';
    if (!Token.isUnresolved(name) && !NAME_RE.test(name)) {
      invalidProp(who, 'name', name, 'must be 2-36 lower-case letters, digits or hyphens, starting with a letter (EKS appends a 27-character suffix)',
        "Use a short name like 'general'.");
    }
    const tags = (extra: { [key: string]: string }) => ({ ...props.tags, ...extra });
    const prefix = `${cluster.resourceNamePrefix}-${name}`;

    // --- Validation
    const subnetIds = props.subnetIds ?? cluster.subnetIds;
    if (!Token.isUnresolved(subnetIds) && subnetIds.length < 3 && !props.allowFewerThanThreeAzs) {
      invalidProp(who, 'subnetIds', subnetIds.length, 'must give at least 3 subnets (one per availability zone) for high availability',
        'Use the private subnets of 3 zones, or set allowFewerThanThreeAzs: true (test environments only).');
    }
    const instanceTypes = props.instanceTypes ?? ['t3.large'];
    if (!Token.isUnresolved(instanceTypes) && instanceTypes.length === 0) {
      invalidProp(who, 'instanceTypes', instanceTypes, 'must list at least one instance type', "Use ['t3.large'] (the default).");
    }
    const amiType = props.amiType ?? NodeAmiType.AL2023_X86_64_STANDARD;
    if (!Token.isUnresolved(instanceTypes)) {
      const arm = amiType === NodeAmiType.AL2023_ARM_64_STANDARD;
      const mismatch = instanceTypes.find((t) => !Token.isUnresolved(t) && isGravitonType(t) !== arm);
      if (mismatch) {
        invalidProp(who, 'instanceTypes', mismatch, `must match the architecture of amiType ${amiType.value} (${arm ? 'arm64' : 'x86_64'})`,
          arm ? "Use Graviton types such as 'm7g.large', or amiType NodeAmiType.AL2023_X86_64_STANDARD."
            : "Set amiType: NodeAmiType.AL2023_ARM_64_STANDARD for Graviton types, or use x86 types such as 't3.large'.");
      }
    }
    const minSize = props.minSize ?? 3;
    const maxSize = props.maxSize ?? 10;
    const desiredSize = props.desiredSize ?? minSize;
    if (!Number.isInteger(minSize) || minSize < 1) {
      invalidProp(who, 'minSize', minSize, 'must be a whole number of at least 1', 'Use 3 (one node per zone).');
    }
    if (!Number.isInteger(maxSize) || maxSize < minSize) {
      invalidProp(who, 'maxSize', maxSize, `must be a whole number not below minSize (${minSize})`, 'Raise maxSize or lower minSize.');
    }
    if (!Number.isInteger(desiredSize) || desiredSize < minSize || desiredSize > maxSize) {
      invalidProp(who, 'desiredSize', desiredSize, `must be between minSize (${minSize}) and maxSize (${maxSize})`,
        'Leave it unset to start at minSize.');
    }
    const hopLimit = props.httpPutResponseHopLimit ?? 1;
    if (!Number.isInteger(hopLimit) || hopLimit < 1 || hopLimit > 2) {
      invalidProp(who, 'httpPutResponseHopLimit', hopLimit, 'must be 1 or 2 (higher values expose node credentials further)',
        'Use 1 (the default) so pods cannot read the node role from instance metadata.');
    }
    const diskSize = props.diskSizeGiB ?? 50;
    if (!Number.isInteger(diskSize) || diskSize < 20 || diskSize > 16384) {
      invalidProp(who, 'diskSizeGiB', diskSize, 'must be a whole number of GiB from 20 to 16384', 'Use 50 (the default).');
    }
    const maxUnavailable = props.maxUnavailablePercentage ?? 33;
    if (!Number.isInteger(maxUnavailable) || maxUnavailable < 1 || maxUnavailable > 100) {
      invalidProp(who, 'maxUnavailablePercentage', maxUnavailable, 'must be a whole percentage from 1 to 100', 'Use 33 (the default).');
    }

    // --- Node role: worker, image pull, SSM (Session Manager instead of SSH). No CNI policy: the VPC CNI
    // has its own Pod Identity role.
    this.nodeRole = new IamRole(this, 'node-role', {
      name: roleNameFrom(prefix, 'node'),
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      tags: tags({ Name: `${prefix}-node` }),
    });
    this.nodeRoleArn = this.nodeRole.arn;
    const attachments = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly', 'AmazonSSMManagedInstanceCore']
      .map((policy) => new IamRolePolicyAttachment(this, `node-${policy}`, {
        role: this.nodeRole.name,
        policyArn: `arn:${ctx.partition}:iam::aws:policy/${policy}`,
      }));

    // --- Launch template
    const nameTag = { Name: `${prefix}-node` };
    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name: `${prefix}-node`,
      description: `Nodes of ${prefix}: IMDSv2 only, encrypted root volume, no SSH key`,
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: hopLimit,
        instanceMetadataTags: 'disabled',
      },
      blockDeviceMappings: [{
        deviceName: '/dev/xvda', // root device of the AL2023 EKS images
        ebs: {
          volumeSize: diskSize,
          volumeType: 'gp3',
          encrypted: 'true',
          kmsKeyId: props.volumeKmsKeyArn ?? cluster.ebsKmsKeyArn,
          deleteOnTermination: 'true',
        },
      }],
      tagSpecifications: [
        { resourceType: 'instance', tags: tags(nameTag) },
        { resourceType: 'volume', tags: tags(nameTag) },
      ],
      tags: tags(nameTag),
    });

    // --- The node group
    const clusterTag = `k8s.io/cluster-autoscaler/${cluster.resourceNamePrefix}`;
    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      clusterName: cluster.name,
      // A name prefix plus create_before_destroy: a replacement (for example new instance types) brings up
      // the new group first, then EKS drains and deletes the old one, so the cluster never has zero nodes.
      nodeGroupNamePrefix: `${name}-`,
      nodeRoleArn: this.nodeRole.arn,
      subnetIds,
      instanceTypes,
      capacityType: (props.capacityType ?? NodeCapacityType.ON_DEMAND).value,
      amiType: amiType.value,
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      scalingConfig: { minSize, maxSize, desiredSize },
      updateConfig: { maxUnavailablePercentage: maxUnavailable },
      nodeRepairConfig: { enabled: props.nodeAutoRepair ?? true },
      // A label that survives replacements (EKS's own eks.amazonaws.com/nodegroup carries the generated name):
      // the collector counts Ready nodes per node group by it (NodeGroupAlarms).
      labels: { ...props.labels, [HaNodeGroup.NAME_LABEL]: name },
      taint: props.taints?.map((t) => ({ key: t.key, value: t.value, effect: t.effect.value })),
      tags: tags({
        'Name': prefix,
        // Discovery tags of the cluster autoscaler (EKS also puts them on the Auto Scaling group it creates).
        'k8s.io/cluster-autoscaler/enabled': 'true',
        [clusterTag]: 'owned',
      }),
      // The autoscaler owns the desired size after creation.
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'], createBeforeDestroy: true },
      // Nodes become Ready only with the CNI; the role needs its policies before the nodes join, and keeps
      // them until the nodes are gone.
      dependsOn: [...cluster.nodeBootstrapAddons, ...attachments],
    });
    this.nodeGroupName = this.nodeGroup.nodeGroupName;
    this.name = name;
    cluster.registerNodeGroup(this.nodeGroup);
  }
}

/** Graviton (arm64) instance families: a1, and families with a `g` after the generation (m7g, c6gn, x2gd, g5g). */
function isGravitonType(instanceType: string): boolean {
  return /^(a1|[a-z]+\d+g[a-z]*)\./.test(instanceType);
}

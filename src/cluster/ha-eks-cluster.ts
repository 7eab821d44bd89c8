import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { dependable } from 'cdktf';
import { Construct } from 'constructs';
import { checkAdminPrincipal, resolveClusterProps } from './cluster-props';
import { IEksCluster } from './eks-cluster';
import { checkVersionSupport, EksSupportType, KubernetesVersion } from './kubernetes-version';
import { EksAddonVersions } from './managed-addon-versions';
import { createManagedAddons } from './managed-addons';
import { WorkloadIdentityRole, WorkloadIdentityRoleOptions } from './workload-identity-role';
import { INetwork } from '../network/network';
import { ownPolicyResources } from '../policy/prop-hints';
import { AwsContext } from '../private/aws-context';
import { autoScalingKeyStatements, clusterAutoscalerPolicy } from '../private/cluster-policies';
import { roleNameFrom } from '../private/iam-names';
import { createManagedKey, logsKeyGrant } from '../private/kms';
import { createLogGroup, DEFAULT_LOG_RETENTION_DAYS, validateLogRetention } from '../private/log-group';
import { validateName } from '../private/validation';

/** Tunables of `HaEksCluster`, also accepted as pass-through props by `ProductionEksPlatform`. */
export interface HaEksClusterOptions {
  /**
   * Kubernetes version of the control plane. Checked at synth against the EKS release calendar: a version past
   * the end of extended support (or, with support type STANDARD, of standard support) is refused, and one
   * leaving standard support within 90 days gets a synth warning.
   * @default KubernetesVersion.V1_35
   */
  readonly kubernetesVersion?: KubernetesVersion;

  /**
   * What happens when the version leaves EKS standard support: automatic upgrade (STANDARD) or paid extended
   * support (EXTENDED).
   * @default EksSupportType.STANDARD
   */
  readonly supportType?: EksSupportType;

  /**
   * Subnets for the control plane's network interfaces, one per availability zone.
   * @default - the network's private subnets
   */
  readonly subnetIds?: string[];

  /**
   * Allow fewer than 3 subnets (zones). The control plane's network interfaces then live in fewer zones, and a
   * zone outage can cut the nodes off from the API. For test environments only.
   * @default false
   */
  readonly allowFewerThanThreeAzs?: boolean;

  /**
   * CIDR blocks that may reach the public API endpoint. When empty the public endpoint is off and the API is
   * reachable only from inside the VPC (and networks connected to it). `0.0.0.0/0` or `::/0` also need
   * `allowPublicEndpointFromAnywhere`.
   * @default - no public endpoint
   */
  readonly publicAccessCidrs?: string[];

  /**
   * Allow the public API endpoint to be reached from the whole internet (`0.0.0.0/0`). The API then relies on
   * authentication alone, with no network boundary: anyone can probe it and any leaked credential works from
   * anywhere. When set without `publicAccessCidrs`, the endpoint is opened to `0.0.0.0/0`. This is a deliberate
   * exception to the production baseline: it fails rule PB-NET-003 of `ProductionBaseline` (which
   * `ProductionEksPlatform` applies) until acknowledged with `ProductionBaseline.acknowledge(cluster, 'PB-NET-003', reason)`.
   * @default false
   */
  readonly allowPublicEndpointFromAnywhere?: boolean;

  /**
   * KMS key (ARN) for envelope encryption of Kubernetes secrets. EKS cannot change it later.
   * @default - a customer-managed key is created (rotation on, 30-day deletion window)
   */
  readonly secretsKmsKeyArn?: string;

  /**
   * KMS key (ARN) that encrypts the control-plane log group. Its policy must let CloudWatch Logs use it.
   * @default - a customer-managed key is created for the logs
   */
  readonly logKmsKeyArn?: string;

  /**
   * Retention of the control-plane log group, in days (at least 90).
   * @default 90
   */
  readonly logRetentionDays?: number;

  /**
   * KMS key (ARN) for EBS volumes: node root volumes and the persistent volumes of the EBS CSI driver. Its
   * policy must let the EC2 Auto Scaling service-linked role use it (AWSServiceRoleForAutoScaling).
   * @default - a customer-managed key is created with that grant
   */
  readonly ebsKmsKeyArn?: string;

  /**
   * IAM role or user ARNs (not assumed-role session ARNs) that become cluster administrators through EKS
   * access entries with AmazonEKSClusterAdminPolicy. Nobody else has access: the identity that runs Terraform
   * is not made admin implicitly. Entry `i` gets the Terraform address `admin-<i>`: append new principals at
   * the end (reordering the list replaces entries), or use `addClusterAdmin` with stable ids.
   * @default - none (then `deployerPrincipalArn` must be given)
   */
  readonly adminPrincipalArns?: string[];

  /**
   * The IAM role that Terraform runs as when it deploys the in-cluster stack (Helm releases, namespaces,
   * policies). It gets a cluster-admin access entry (`deployer`), so the add-ons stack can reach the API.
   * Leave unset only when that role is already in `adminPrincipalArns`.
   * @default - no deployer entry
   */
  readonly deployerPrincipalArn?: string;

  /**
   * Versions of the managed add-ons (each one given is pinned).
   * @default - each add-on at EKS's default version for the Kubernetes version, resolved at plan time
   */
  readonly addonVersions?: EksAddonVersions;

  /**
   * CoreDNS replicas, spread across availability zones (at least 2).
   * @default 2
   */
  readonly coreDnsReplicas?: number;

  /**
   * Register the cluster with ARC zonal shift (`zonal_shift_config`). During a zone impairment an operator
   * (`aws arc-zonal-shift start-zonal-shift --resource-identifier <cluster ARN> --away-from <zone id>`), or AWS
   * when zonal autoshift is configured for the cluster in ARC, shifts in-cluster traffic away from the zone and
   * new nodes and pods launch only in the healthy zones. Setting false leaves no way to drain a sick zone
   * short of cordoning its nodes by hand. Source: https://docs.aws.amazon.com/eks/latest/userguide/zone-shift-enable.html
   * @default true
   */
  readonly zonalShift?: boolean;

  /**
   * Keep Terraform from destroying the cluster, its keys and log group (`prevent_destroy`). Setting false
   * allows `terraform destroy` to delete the cluster with every workload and secret in it, the audit log
   * history and the keys. (The AWS provider 5.x has no EKS deletion protection; this is the guard.)
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * Tags for every resource of the construct.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/** Props of `HaEksCluster`. */
export interface HaEksClusterProps extends HaEksClusterOptions {
  /** Cluster name: 2-40 lower-case letters, digits or hyphens (it also names the log group, keys and roles). */
  readonly name: string;

  /** The network: the control plane's network interfaces go into its private subnets. */
  readonly network: INetwork;
}

/** Control-plane log types; the guide asks for all of them (API, audit, controllers). */
const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];


/**
 * A production EKS control plane: private API endpoint in 3 zones, secrets encrypted with a customer-managed
 * key, all control-plane logs to an encrypted log group kept 90 days, access only through EKS access
 * entries for named principals, Pod Identity for workloads, and managed add-ons (VPC CNI with network
 * policy enforcement, kube-proxy, CoreDNS across zones, Pod Identity agent, EBS CSI driver), each at EKS's
 * default version for the Kubernetes version, resolved at plan time, unless pinned in `addonVersions`.
 *
 * Add at least one `HaNodeGroup`: CoreDNS and the EBS CSI driver are created after the node groups (they
 * report degraded with no nodes to run on), and the node groups after the networking add-ons.
 *
 * Node groups use the EKS-created cluster security group (`clusterSecurityGroupId`, also exposed as
 * `nodeSecurityGroupId`): the data tier admits PostgreSQL and Redis from it.
 */
export class HaEksCluster extends Construct implements IEksCluster {
  /** The EKS cluster (escape hatch to the underlying `aws_eks_cluster` resource). */
  public readonly cluster: EksCluster;
  public readonly name: string;
  /** Same as `name`. */
  public readonly clusterName: string;
  /**
   * The name as given in the props, for naming related resources (roles, launch templates). Unlike `name`,
   * it is not a reference to the cluster, so Terraform does not order anything after the cluster by it.
   */
  public readonly resourceNamePrefix: string;
  public readonly clusterArn: string;
  public readonly endpoint: string;
  public readonly certificateAuthorityData: string;
  public readonly oidcIssuerUrl: string;
  public readonly oidcProviderArn: string;
  /** IAM OIDC provider for the cluster's issuer, for IRSA (escape hatch to the `aws_iam_openid_connect_provider` resource). */
  public readonly oidcProvider: IamOpenidConnectProvider;
  public readonly region: string;
  /** Kubernetes version of the control plane. */
  public readonly kubernetesVersion: KubernetesVersion;
  /** The security group EKS creates for the control plane and managed nodes. */
  public readonly clusterSecurityGroupId: string;
  /** The security group of the managed nodes: the cluster security group (see the class doc). */
  public readonly nodeSecurityGroupId: string;
  /** The network the cluster was created in. */
  public readonly network: INetwork;
  /** Subnets of the control plane (also the default subnets of node groups). */
  public readonly subnetIds: string[];
  /** IAM role of the EKS control plane (AmazonEKSClusterPolicy plus use of the secrets key). */
  public readonly clusterRole: IamRole;
  /** The key created for secrets encryption, when none was given. */
  public readonly kmsKey?: KmsKey;
  /** ARN of the KMS key that envelope-encrypts Kubernetes secrets (given or created). */
  public readonly secretsKmsKeyArn: string;
  /** The key created for the log group, when none was given. */
  public readonly logKmsKey?: KmsKey;
  /** KMS-encrypted log group `/aws/eks/<name>/cluster` that receives all control-plane log types. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The key created for EBS volumes, when none was given. */
  public readonly ebsKmsKey?: KmsKey;
  /** ARN of the KMS key for EBS volumes: node root volumes and EBS CSI persistent volumes (given or created). */
  public readonly ebsKmsKeyArn: string;
  /**
   * Parameters of the encrypted gp3 StorageClass the in-cluster stack should create and mark default
   * (`provisioner: ebs.csi.aws.com`, `volumeBindingMode: WaitForFirstConsumer`). The EBS CSI add-on's own
   * default class sets no encryption, so it is not enabled here.
   */
  public readonly defaultStorageClassParameters: { [key: string]: string };
  /** `aws eks update-kubeconfig` command for this cluster. */
  public readonly kubeconfigCommand: string;
  /** The EKS managed add-on for the VPC CNI (network policy enforcement on, Pod Identity role `vpcCniRole`). */
  public readonly vpcCniAddon: EksAddon;
  /** The EKS managed add-on for kube-proxy. */
  public readonly kubeProxyAddon: EksAddon;
  /** The EKS managed add-on for the EKS Pod Identity agent. */
  public readonly podIdentityAgentAddon: EksAddon;
  /** The EKS managed add-on for CoreDNS (`coreDnsReplicas` replicas spread across zones, created after the node groups). */
  public readonly coreDnsAddon: EksAddon;
  /** The EKS managed add-on for the EBS CSI driver (Pod Identity role `ebsCsiDriverRole`, created after the node groups). */
  public readonly ebsCsiDriverAddon: EksAddon;
  /** Pod Identity role of the VPC CNI (`kube-system/aws-node`, AmazonEKS_CNI_Policy). */
  public readonly vpcCniRole: WorkloadIdentityRole;
  /** Pod Identity role of the EBS CSI driver (`kube-system/ebs-csi-controller-sa`), allowed to use the EBS key. */
  public readonly ebsCsiDriverRole: WorkloadIdentityRole;
  /**
   * Pod Identity role of the Kubernetes cluster autoscaler (service account `kube-system/cluster-autoscaler`):
   * read-only describe calls, and scaling only of Auto Scaling groups tagged
   * `k8s.io/cluster-autoscaler/<cluster>=owned` (EKS tags its managed node groups' groups so).
   */
  public readonly clusterAutoscalerRole: WorkloadIdentityRole;
  /** Add-ons the nodes need before they can become Ready. Node groups depend on them. */
  public readonly nodeBootstrapAddons: EksAddon[];
  /** Access entries, by construct id. */
  public readonly accessEntries: EksAccessEntry[] = [];

  private readonly who: string;
  private readonly nodeGroups: EksNodeGroup[] = [];
  private readonly tags?: { [key: string]: string };
  private readonly adminArns = new Set<string>();

  /**
   * @param props name, network, version, keys, administrators and add-on settings of the cluster
   */
  constructor(scope: Construct, id: string, props: HaEksClusterProps) {
    super(scope, id);
    ownPolicyResources(this, 'HaEksCluster'); // findings on its resources name its props
    const who = `HaEksCluster '${id}'`;
    this.who = who;
    const name = props.name;
    this.resourceNamePrefix = name;
    validateName(who, name);
    this.tags = props.tags;
    const tags = (extra: { [key: string]: string }) => ({ ...props.tags, ...extra });
    const preventDestroy = props.preventDestroy ?? true;
    const ctx = AwsContext.of(this);
    this.network = props.network;
    this.region = ctx.region;
    this.kubernetesVersion = props.kubernetesVersion ?? KubernetesVersion.V1_35;

    // --- Subnets (one per zone, 3 zones), endpoint access, administrators: validated in cluster-props.ts
    const { subnetIds, publicCidrs, admins } = resolveClusterProps(who, props);
    this.subnetIds = subnetIds;

    // --- Keys and log group
    if (props.secretsKmsKeyArn) {
      this.secretsKmsKeyArn = props.secretsKmsKeyArn;
    } else {
      this.kmsKey = createManagedKey(this, 'secrets-key', {
        description: `Kubernetes secrets of EKS cluster ${name}`,
        alias: `${name}/eks-secrets`,
        tags: tags({ Name: `${name}-eks-secrets` }),
        preventDestroy,
      }).key;
      this.secretsKmsKeyArn = this.kmsKey.arn;
    }

    let logKeyArn = props.logKmsKeyArn;
    if (!logKeyArn) {
      this.logKmsKey = createManagedKey(this, 'log-key', {
        description: `Control-plane logs of EKS cluster ${name}`,
        alias: `${name}/eks-logs`,
        grants: [logsKeyGrant(this)],
        tags: tags({ Name: `${name}-eks-logs` }),
        preventDestroy,
      }).key;
      logKeyArn = this.logKmsKey.arn;
    }
    const retention = props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    validateLogRetention(who, 'logRetentionDays', retention);
    // Created before the cluster, at the name EKS writes to, so EKS never creates an unencrypted,
    // never-expiring group of its own.
    this.logGroup = createLogGroup(this, 'log-group', {
      name: `/aws/eks/${name}/cluster`,
      kmsKeyArn: logKeyArn,
      retentionDays: retention,
      tags: tags({ Name: `${name}-eks-control-plane` }),
      preventDestroy,
    });

    if (props.ebsKmsKeyArn) {
      this.ebsKmsKeyArn = props.ebsKmsKeyArn;
    } else {
      this.ebsKmsKey = createManagedKey(this, 'ebs-key', {
        description: `EBS volumes (node root volumes, persistent volumes) of EKS cluster ${name}`,
        alias: `${name}/eks-ebs`,
        statements: autoScalingKeyStatements(ctx),
        tags: tags({ Name: `${name}-eks-ebs` }),
        preventDestroy,
      }).key;
      this.ebsKmsKeyArn = this.ebsKmsKey.arn;
    }
    this.defaultStorageClassParameters = { type: 'gp3', encrypted: 'true', kmsKeyId: this.ebsKmsKeyArn };

    // --- Cluster role: AmazonEKSClusterPolicy only. AmazonEKSVPCResourceController is left out: it is needed
    // only for security groups for pods and Windows nodes, which this platform does not use.
    this.clusterRole = new IamRole(this, 'cluster-role', {
      name: `${name}-eks-cluster`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      tags: tags({ Name: `${name}-eks-cluster` }),
    });
    const clusterPolicy = new IamRolePolicyAttachment(this, 'cluster-policy', {
      role: this.clusterRole.name,
      policyArn: `arn:${ctx.partition}:iam::aws:policy/AmazonEKSClusterPolicy`,
    });
    const secretsKeyPolicy = new IamRolePolicy(this, 'cluster-secrets-key-policy', {
      role: this.clusterRole.id,
      name: 'secrets-encryption',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'],
          Resource: this.secretsKmsKeyArn,
        }],
      }),
    });

    // --- The cluster
    const supportType = props.supportType ?? EksSupportType.STANDARD;
    checkVersionSupport(this, who, this.kubernetesVersion, supportType);
    this.cluster = new EksCluster(this, 'cluster', {
      name,
      version: this.kubernetesVersion.version,
      roleArn: this.clusterRole.arn,
      vpcConfig: {
        subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        publicAccessCidrs: publicCidrs.length > 0 ? publicCidrs : undefined,
      },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: this.secretsKmsKeyArn } },
      enabledClusterLogTypes: CONTROL_PLANE_LOG_TYPES,
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      upgradePolicy: { supportType: supportType.value },
      zonalShiftConfig: { enabled: props.zonalShift ?? true },
      // The managed add-ons below replace the unmanaged copies EKS would otherwise install.
      bootstrapSelfManagedAddons: false,
      tags: tags({ Name: name }),
      dependsOn: [this.logGroup, clusterPolicy, secretsKeyPolicy],
      lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.name = this.cluster.name;
    this.clusterName = this.cluster.name;
    this.clusterArn = this.cluster.arn;
    this.endpoint = this.cluster.endpoint;
    this.certificateAuthorityData = this.cluster.certificateAuthority.get(0).data;
    this.oidcIssuerUrl = this.cluster.identity.get(0).oidc.get(0).issuer;
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;
    this.nodeSecurityGroupId = this.clusterSecurityGroupId;
    this.kubeconfigCommand = `aws eks update-kubeconfig --region ${ctx.region} --name ${this.cluster.name}`;

    // IRSA provider; the AWS provider 5.x makes thumbprint_list optional (IAM trusts the issuer's CA).
    this.oidcProvider = new IamOpenidConnectProvider(this, 'oidc-provider', {
      url: this.oidcIssuerUrl,
      clientIdList: ['sts.amazonaws.com'],
      tags: tags({ Name: `${name}-eks-irsa` }),
    });
    this.oidcProviderArn = this.oidcProvider.arn;

    // --- Access entries
    admins.forEach((arn, i) => this.addClusterAdmin(`admin-${i}`, arn));
    if (props.deployerPrincipalArn) this.addClusterAdmin('deployer', props.deployerPrincipalArn);

    // --- Managed add-ons (managed-addons.ts): networking, DNS, Pod Identity agent, EBS CSI driver
    const addons = createManagedAddons(this, {
      who,
      clusterName: this.cluster.name,
      kubernetesVersion: this.kubernetesVersion,
      ebsKmsKeyArn: this.ebsKmsKeyArn,
      addonVersions: props.addonVersions,
      coreDnsReplicas: props.coreDnsReplicas,
      tags: this.tags,
      addPodIdentityRole: (roleId, options) => this.addPodIdentityRole(roleId, options),
    });
    this.podIdentityAgentAddon = addons.podIdentityAgent;
    this.vpcCniRole = addons.vpcCniRole;
    this.vpcCniAddon = addons.vpcCni;
    this.kubeProxyAddon = addons.kubeProxy;
    this.nodeBootstrapAddons = [this.vpcCniAddon, this.kubeProxyAddon, this.podIdentityAgentAddon];
    this.coreDnsAddon = addons.coreDns;
    this.ebsCsiDriverRole = addons.ebsCsiDriverRole;
    this.ebsCsiDriverAddon = addons.ebsCsiDriver;

    // --- Cluster autoscaler identity (the in-cluster stack installs the autoscaler itself)
    this.clusterAutoscalerRole = this.addPodIdentityRole('cluster-autoscaler-role', {
      namespace: 'kube-system',
      serviceAccount: 'cluster-autoscaler',
      inlinePolicyJson: clusterAutoscalerPolicy(ctx, name),
      tags: this.tags,
    });

    this.node.addValidation({
      validate: () => this.nodeGroups.length > 0 ? [] : [
        `${who}: no node group was added. CoreDNS and the EBS CSI driver need nodes to run on (they would report degraded and `
        + 'time out the apply). Add a HaNodeGroup for this cluster.',
      ],
    });
  }

  /**
   * Grants a principal cluster-admin through an access entry and AmazonEKSClusterAdminPolicy (cluster scope).
   * `id` becomes part of the Terraform address: keep it stable.
   */
  public addClusterAdmin(id: string, principalArn: string): EksAccessEntry {
    checkAdminPrincipal(this.who, principalArn, this.adminArns);
    const ctx = AwsContext.of(this);
    const entry = new EksAccessEntry(this, id, {
      clusterName: this.cluster.name,
      principalArn,
      type: 'STANDARD',
      tags: this.tags,
    });
    new EksAccessPolicyAssociation(this, `${id}-cluster-admin`, {
      clusterName: this.cluster.name,
      principalArn: entry.principalArn,
      policyArn: `arn:${ctx.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
      accessScope: { type: 'cluster' },
    });
    this.accessEntries.push(entry);
    return entry;
  }

  /**
   * Creates an IAM role for a Kubernetes service account of this cluster (EKS Pod Identity by default).
   * Use it for every workload that calls AWS, so no workload ever uses the node role.
   */
  public addPodIdentityRole(id: string, options: WorkloadIdentityRoleOptions): WorkloadIdentityRole {
    return new WorkloadIdentityRole(this, id, {
      ...options,
      roleName: options.roleName ?? roleNameFrom(this.resourceNamePrefix, options.namespace, options.serviceAccount),
      cluster: this,
    });
  }

  /**
   * Registers a node group: the add-ons that need nodes (CoreDNS, EBS CSI driver) are created after it.
   * `HaNodeGroup` calls this itself; call it for node groups created by other means.
   */
  public registerNodeGroup(nodeGroup: EksNodeGroup): void {
    this.nodeGroups.push(nodeGroup);
    for (const addon of [this.coreDnsAddon, this.ebsCsiDriverAddon]) {
      addon.dependsOn = [...(addon.dependsOn ?? []), dependable(nodeGroup)];
    }
  }
}

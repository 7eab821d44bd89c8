import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ApplicationConnectionDetails } from './application-connection';
import { AwsLoadBalancerController } from './aws-load-balancer-controller';
import { CertManager } from './cert-manager';
import { ClusterAutoscaler } from './cluster-autoscaler';
import { ClusterConnection, EksHelmProvider, validateConnection } from './cluster-connection';
import { DefaultStorageClass } from './default-storage-class';
import { IngressControllerFlavor, IngressNginx } from './ingress-nginx';
import { Observability } from './observability';
import { TlsIngressOptions, WorkloadBaseline, WorkloadBaselineProps } from './workload-baseline';
import { invalidProp } from '../private/errors';

/** Tunables of `PlatformAddons`, also accepted as pass-through props by `ProductionEksPlatform`. */
export interface PlatformAddonsOptions {
  /**
   * Create the Helm provider for the cluster in this construct's stack. Turn off when the stack already has
   * one configured for the cluster.
   * @default true
   */
  readonly createHelmProvider?: boolean;

  /**
   * Ingress controller flavor.
   * @default IngressControllerFlavor.F5_NGINX
   */
  readonly ingressFlavor?: IngressControllerFlavor;

  /**
   * Ingress controller replicas (at least 2).
   * @default 3
   */
  readonly ingressReplicas?: number;

  /**
   * Database subnet CIDRs the application namespace may reach on port 5432.
   * @default - no database egress
   */
  readonly databaseCidrs?: string[];

  /**
   * Cache subnet CIDRs the application namespace may reach on port 6379.
   * @default - no cache egress
   */
  readonly cacheCidrs?: string[];

  /**
   * Application namespace.
   * @default 'production'
   */
  readonly appNamespace?: string;

  /**
   * Where application pods reach the Kubernetes API on TCP 443 when their service account has API rights: the
   * `kubernetes` Service's ClusterIP as a /32 (see `WorkloadBaselineProps.apiServerCidrs`). `ProductionEksPlatform`
   * sets it from the cluster's service range.
   * @default - no API egress from application namespaces
   */
  readonly apiServerCidrs?: string[];

  /**
   * Connection details for the ConfigMap `app-connection` of the application namespace (`appNamespace`).
   * @default - no connection ConfigMaps
   */
  readonly appConnection?: ApplicationConnectionDetails;

  /**
   * PEM text of the regional RDS CA bundle for the `rds-ca-bundle` ConfigMap of every application namespace
   * with connection details (typically a Terraform variable, see the README "Deploy an application").
   * @default - none (required with `appConnection`)
   */
  readonly rdsCaBundlePem?: string;

  /**
   * Install the AWS Load Balancer Controller (needed for the ingress controller's NLB). Requires
   * `connection.vpcId`. Turn off when the cluster already runs one (for example EKS Auto Mode).
   * @default - installed when `connection.vpcId` is set
   */
  readonly loadBalancerController?: boolean;

  /**
   * Ship container logs with Fluent Bit.
   * @default true
   */
  readonly containerLogs?: boolean;

  /**
   * AWS for Fluent Bit image tag (an exact release such as '3.4.13'), to take a newer base-image rebuild
   * before the library pins it.
   * @default Observability.FLUENT_BIT_IMAGE_TAG
   */
  readonly fluentBitImageTag?: string;

  /**
   * KMS key (ARN) for the cluster's default StorageClass (encrypted gp3, `HaEksCluster.ebsKmsKeyArn`).
   * @default - no default StorageClass: persistent volume claims must name a class of their own
   */
  readonly ebsKmsKeyArn?: string;

  /**
   * Resources every release waits for (for example the cluster's node groups, in single-stack mode).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** Props of `PlatformAddons`. */
export interface PlatformAddonsProps extends PlatformAddonsOptions {
  /** The cluster (typically cross-stack references to the infrastructure stack's cluster). */
  readonly connection: ClusterConnection;

  /** Contact e-mail of the Let's Encrypt account. */
  readonly acmeEmail: string;
}

/**
 * The in-cluster platform: AWS Load Balancer Controller, NGINX ingress controller, cert-manager with Let's
 * Encrypt ClusterIssuers, OpenTelemetry collector and Fluent Bit, cluster autoscaler, and the security
 * baseline of the application namespace. Everything is a Helm release.
 *
 * Put it in its own stack (`PlatformAddonsStack`, the default design: separate state, and the
 * infrastructure stack never needs a reachable API server) or, as an option, in any scope of an existing stack.
 */
export class PlatformAddons extends Construct {
  /** The Helm provider configured for the cluster. Undefined when `createHelmProvider` is false. */
  public readonly helmProvider?: EksHelmProvider;
  /** The AWS Load Balancer Controller. Undefined when it is not installed (see `loadBalancerController`). */
  public readonly loadBalancerController?: AwsLoadBalancerController;
  /** The NGINX ingress controller behind an NLB. */
  public readonly ingress: IngressNginx;
  /** cert-manager with the Let's Encrypt ClusterIssuers. */
  public readonly certManager: CertManager;
  /** The OpenTelemetry collector and Fluent Bit, writing to CloudWatch. */
  public readonly observability: Observability;
  /** The Kubernetes cluster autoscaler. */
  public readonly clusterAutoscaler: ClusterAutoscaler;
  /** The security baseline of the application namespace (Pod Security `restricted`, network policies, least-privilege service account). */
  public readonly workloads: WorkloadBaseline;
  /** The default StorageClass, when `ebsKmsKeyArn` was given. */
  public readonly storageClass?: DefaultStorageClass;
  private readonly props: PlatformAddonsProps;
  private readonly baseDependsOn?: ITerraformDependable[];
  private readonly namespaces: WorkloadBaseline[] = [];

  /**
   * @param props cluster connection, ACME e-mail and add-on settings
   */
  constructor(scope: Construct, id: string, props: PlatformAddonsProps) {
    super(scope, id);
    const c = props.connection;
    validateConnection(`PlatformAddons '${id}'`, c);
    if (props.createHelmProvider ?? true) {
      this.helmProvider = new EksHelmProvider(this, 'helm', { connection: c });
    }
    const base = props.dependsOn && props.dependsOn.length > 0 ? props.dependsOn : undefined;
    const withLbc = props.loadBalancerController ?? c.vpcId !== undefined;
    if (withLbc) {
      if (!c.vpcId) {
        invalidProp(`PlatformAddons '${id}'`, 'connection.vpcId', c.vpcId, 'must be set when loadBalancerController is true',
          'Pass the cluster\'s VPC ID, or set loadBalancerController: false when the cluster already runs the controller.');
      }
      this.loadBalancerController = new AwsLoadBalancerController(this, 'aws-load-balancer-controller', {
        clusterName: c.clusterName,
        region: c.region,
        vpcId: c.vpcId,
        roleArn: c.loadBalancerControllerRoleArn,
        dependsOn: base,
        kubernetesVersion: c.kubernetesVersion,
      });
    }
    this.ingress = new IngressNginx(this, 'ingress-nginx', {
      flavor: props.ingressFlavor,
      replicas: props.ingressReplicas,
      kubernetesVersion: c.kubernetesVersion,
      // the controller's webhook must be up before the NLB Service is created
      dependsOn: this.loadBalancerController ? [...(base ?? []), this.loadBalancerController.release] : base,
    });
    this.certManager = new CertManager(this, 'cert-manager', { acmeEmail: props.acmeEmail, kubernetesVersion: c.kubernetesVersion, dependsOn: base });
    this.observability = new Observability(this, 'observability', {
      clusterName: c.clusterName,
      region: c.region,
      roleArn: c.observabilityRoleArn,
      containerLogs: props.containerLogs,
      fluentBitImageTag: props.fluentBitImageTag,
      dependsOn: base,
      kubernetesVersion: c.kubernetesVersion,
    });
    this.clusterAutoscaler = new ClusterAutoscaler(this, 'cluster-autoscaler', {
      clusterName: c.clusterName, region: c.region, roleArn: c.autoscalerRoleArn, kubernetesVersion: c.kubernetesVersion, dependsOn: base,
    });
    if (props.ebsKmsKeyArn) {
      this.storageClass = new DefaultStorageClass(this, 'storage-class', { kmsKeyArn: props.ebsKmsKeyArn, dependsOn: base });
    }
    this.props = props;
    this.baseDependsOn = base;
    this.workloads = new WorkloadBaseline(this, 'workloads', this.namespaceDefaults({
      namespace: props.appNamespace,
      connection: props.appConnection,
    }));
    this.namespaces.push(this.workloads);
  }

  /**
   * Adds another application namespace (a second team), with the same ingress controller, data-tier
   * CIDRs, API server CIDRs and CA bundle as the first. Its release is `workload-baseline-<namespace>`.
   * The AWS side (identity, database and Redis users) is `ApplicationNamespace`'s.
   */
  public addApplicationNamespace(props: WorkloadBaselineProps): WorkloadBaseline {
    const ns = props.namespace;
    if (ns === undefined) {
      invalidProp(this.node.path, 'addApplicationNamespace.namespace', ns, 'must be given', "Name the team's namespace, like 'team-a'.");
    }
    const taken = this.namespaces.map((w) => w.namespace);
    if (taken.includes(ns)) {
      invalidProp(this.node.path, 'addApplicationNamespace.namespace', ns, `must not repeat a namespace the platform has (${taken.join(', ')})`,
        'Give each team its own namespace.');
    }
    const wb = new WorkloadBaseline(this, `app-${ns}`, this.namespaceDefaults(props));
    this.namespaces.push(wb);
    return wb;
  }

  /** Every application namespace: `workloads` first, then those added. */
  public get applicationNamespaces(): WorkloadBaseline[] {
    return [...this.namespaces];
  }

  private namespaceDefaults(props: WorkloadBaselineProps): WorkloadBaselineProps {
    const p = this.props;
    return {
      databaseCidrs: p.databaseCidrs,
      cacheCidrs: p.cacheCidrs,
      apiServerCidrs: p.apiServerCidrs,
      ingressNamespace: this.ingress.namespace,
      dependsOn: this.baseDependsOn,
      rdsCaBundlePem: props.connection ? p.rdsCaBundlePem : undefined,
      ...props,
    };
  }

  /** Exposes a service through a TLS Ingress (see `WorkloadBaseline.addTlsIngress`). */
  public addTlsIngress(options: TlsIngressOptions): void {
    this.workloads.addTlsIngress(options);
  }
}

/** Props of `PlatformAddonsStack`. */
export interface PlatformAddonsStackProps extends PlatformAddonsProps {}

/**
 * A stack of its own for the in-cluster platform: separate Terraform state, a Helm provider configured from
 * the connection, and the `PlatformAddons`. Apply it after the infrastructure stack.
 */
export class PlatformAddonsStack extends TerraformStack {
  /** The in-cluster platform add-ons of this stack. */
  public readonly addons: PlatformAddons;

  /**
   * @param props cluster connection, ACME e-mail and add-on settings, passed to the `PlatformAddons`
   */
  constructor(scope: Construct, id: string, props: PlatformAddonsStackProps) {
    super(scope, id);
    this.addons = new PlatformAddons(this, 'platform', props);
  }
}

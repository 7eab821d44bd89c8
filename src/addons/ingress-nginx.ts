import { Release } from '@cdktf/provider-helm/lib/release';
import { Annotations, ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkComponentSupport } from './private/component-support';
import { RELEASE_DEFAULTS } from './private/object-chart';
import { KubernetesVersion } from '../cluster/kubernetes-version';
import { cidrProblem, parseCidr } from '../private/cidr';
import { invalidProp } from '../private/errors';

/**
 * Which NGINX-based ingress controller to install. Both are installed in namespace `ingress-nginx`, serve
 * ingress class `nginx` and expose Service `ingress-nginx-controller`, so Ingress objects and runbooks work
 * with either.
 */
export class IngressControllerFlavor {
  /**
   * F5 NGINX Ingress Controller (open source), chart `nginx-ingress` from https://helm.nginx.com/stable.
   * Maintained; the default.
   */
  public static readonly F5_NGINX = new IngressControllerFlavor('f5-nginx', 'https://helm.nginx.com/stable', 'nginx-ingress', '2.6.4');

  /**
   * Community ingress-nginx (kubernetes/ingress-nginx), chart `ingress-nginx`. The project was retired in
   * March 2026: no more releases or security fixes. Its final release, chart 4.15.1 (controller v1.15.1,
   * 2026-03-19), is tested on Kubernetes 1.31-1.35 only. Only for clusters that still depend on its
   * annotations while they migrate; synthesis emits a warning.
   */
  public static readonly COMMUNITY_LEGACY = new IngressControllerFlavor('community-legacy',
    'https://kubernetes.github.io/ingress-nginx', 'ingress-nginx', '4.15.1');

  private constructor(
    /** Identifier of the flavor. */
    public readonly name: string,
    /** Helm repository of the chart. */
    public readonly repository: string,
    /** Chart name. */
    public readonly chart: string,
    /** Chart version the library pins. */
    public readonly defaultChartVersion: string,
  ) {}
}

/** Props of `IngressNginx`. */
export interface IngressNginxProps {
  /**
   * Which controller to install.
   * @default IngressControllerFlavor.F5_NGINX
   */
  readonly flavor?: IngressControllerFlavor;

  /**
   * Chart version (pinned, check the flavor's values keys before changing the major version).
   * @default - the flavor's `defaultChartVersion`
   */
  readonly chartVersion?: string;

  /**
   * Kubernetes version of the cluster: synth refuses a chart line that does not support it (component calendar).
   * @default KubernetesVersion.V1_35 (the cluster default)
   */
  readonly kubernetesVersion?: KubernetesVersion;

  /**
   * Controller replicas, spread across availability zones. At least 2 so one zone or node can fail.
   * @default 3
   */
  readonly replicas?: number;

  /**
   * Make the Network Load Balancer internal (scheme `internal`) instead of internet-facing.
   * @default false
   */
  readonly internal?: boolean;

  /**
   * Client CIDRs allowed to reach the load balancer.
   * @default - any address (a public ingress)
   */
  readonly loadBalancerSourceRanges?: string[];

  /**
   * CPU request of each controller pod.
   * @default '100m'
   */
  readonly cpuRequest?: string;

  /**
   * Memory request (and limit) of each controller pod.
   * @default '256Mi'
   */
  readonly memoryRequest?: string;

  /**
   * Resources the release waits for (for example the AWS Load Balancer Controller release).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** Namespace, ingress class and Service name of the controller (the runbook's commands use them). */
export const INGRESS_NAMESPACE = 'ingress-nginx';
export const INGRESS_CLASS = 'nginx';
export const INGRESS_SERVICE = 'ingress-nginx-controller';
const RELEASE = 'ingress-nginx';

/**
 * An NGINX ingress controller behind an AWS Network Load Balancer (IP targets, via the AWS Load Balancer
 * Controller), with replicas spread across zones, a PodDisruptionBudget, resource requests and Prometheus
 * metrics. Only ports 80 and 443 are exposed on the load balancer.
 */
export class IngressNginx extends Construct {
  /** The Helm release (escape hatch). */
  public readonly release: Release;
  /** The Helm values given to the chart. */
  public readonly values: any;
  /** Which NGINX ingress controller is installed (F5 NGINX or the retired community one). */
  public readonly flavor: IngressControllerFlavor;
  /** Namespace of the controller. */
  public readonly namespace: string = INGRESS_NAMESPACE;
  /** Ingress class the controller serves. */
  public readonly ingressClassName: string = INGRESS_CLASS;
  /** Name of the LoadBalancer Service (`kubectl get svc -n ingress-nginx ingress-nginx-controller`). */
  public readonly serviceName: string = INGRESS_SERVICE;

  /**
   * @param props flavor, replicas, load balancer and resource settings of the controller
   */
  constructor(scope: Construct, id: string, props: IngressNginxProps = {}) {
    super(scope, id);
    const who = `IngressNginx '${id}'`;
    this.flavor = props.flavor ?? IngressControllerFlavor.F5_NGINX;
    const replicas = props.replicas ?? 3;
    if (!Token.isUnresolved(replicas) && (!Number.isInteger(replicas) || replicas < 2)) {
      invalidProp(who, 'replicas', replicas, 'must be a whole number of at least 2 (one zone or node may fail)', 'Use 3 (the default).');
    }
    const version = props.chartVersion ?? this.flavor.defaultChartVersion;
    if (!Token.isUnresolved(version) && !/^v?\d+\.\d+\.\d+$/.test(version)) {
      invalidProp(who, 'chartVersion', version, 'must be an exact chart version (pinned, no ranges)', `Pin an exact version, such as '${this.flavor.defaultChartVersion}' (the one the library tests).`);
    }
    checkComponentSupport(this, who, 'chartVersion', this.flavor.chart, version, props.kubernetesVersion ?? KubernetesVersion.V1_35);
    const serviceAnnotations = {
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': props.internal ? 'internal' : 'internet-facing',
      'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
    };
    const resources = {
      requests: { cpu: props.cpuRequest ?? '100m', memory: props.memoryRequest ?? '256Mi' },
      limits: { memory: props.memoryRequest ?? '256Mi' },
    };
    const spread = (labels: { [key: string]: string }) => [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } },
    ];
    const sourceRanges = props.loadBalancerSourceRanges ?? [];
    for (const cidr of sourceRanges) {
      if (!Token.isUnresolved(cidr) && !parseCidr(cidr)) {
        invalidProp(who, 'loadBalancerSourceRanges', cidr, `must contain IPv4 CIDR blocks: ${cidrProblem(cidr)}`, "Use blocks like '203.0.113.0/24'.");
      }
    }

    if (this.flavor === IngressControllerFlavor.COMMUNITY_LEGACY) {
      Annotations.of(this).addWarning(
        'IngressNginx: the community ingress-nginx controller was retired in March 2026 and gets no security fixes ' +
        '(its final release, chart 4.15.1, is tested on Kubernetes 1.31-1.35 only). ' +
        'Use IngressControllerFlavor.F5_NGINX (the default) unless you are migrating off it.');
      this.values = {
        fullnameOverride: RELEASE,
        controller: {
          replicaCount: replicas,
          ingressClass: INGRESS_CLASS,
          ingressClassResource: { name: INGRESS_CLASS, enabled: true, default: false },
          service: {
            type: 'LoadBalancer',
            annotations: serviceAnnotations,
            loadBalancerSourceRanges: sourceRanges,
            enableHttp: true,
            enableHttps: true,
          },
          topologySpreadConstraints: spread({ 'app.kubernetes.io/instance': RELEASE, 'app.kubernetes.io/component': 'controller' }),
          minAvailable: replicas - 1,
          resources,
          metrics: { enabled: true },
          allowSnippetAnnotations: false,
        },
      };
    } else {
      this.values = {
        fullnameOverride: RELEASE, // controller Deployment and Service become ingress-nginx-controller
        controller: {
          kind: 'deployment',
          replicaCount: replicas,
          ingressClass: { name: INGRESS_CLASS, create: true, setAsDefaultIngress: false },
          service: {
            type: 'LoadBalancer',
            annotations: serviceAnnotations,
            loadBalancerSourceRanges: sourceRanges,
            httpPort: { enable: true, port: 80 },
            httpsPort: { enable: true, port: 443 },
            customPorts: [],
          },
          topologySpreadConstraints: spread({ 'app.kubernetes.io/instance': RELEASE }),
          podDisruptionBudget: { enabled: true, minAvailable: replicas - 1 },
          resources,
          enableSnippets: false,
          // The chart reports usage to F5 by default; a production cluster does not phone home.
          telemetryReporting: { enable: false },
        },
        prometheus: { create: true, port: 9113 },
      };
    }

    this.release = new Release(this, 'release', {
      ...RELEASE_DEFAULTS,
      name: RELEASE,
      namespace: INGRESS_NAMESPACE,
      createNamespace: true,
      repository: this.flavor.repository,
      chart: this.flavor.chart,
      version,
      values: [JSON.stringify(this.values, undefined, 2)],
      dependsOn: props.dependsOn,
    });
  }
}

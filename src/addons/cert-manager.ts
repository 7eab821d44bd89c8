import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { INGRESS_CLASS } from './ingress-nginx';
import { checkComponentSupport } from './private/component-support';
import { acmeClusterIssuer, KubeObject } from './private/manifests';
import { ObjectChart, RELEASE_DEFAULTS } from './private/object-chart';
import { KubernetesVersion } from '../cluster/kubernetes-version';
import { invalidProp } from '../private/errors';

/** The ACME ClusterIssuers the platform creates. */
export class LetsEncryptIssuer {
  /** Let's Encrypt staging: untrusted certificates, generous rate limits. Try new hosts here first. */
  public static readonly STAGING = new LetsEncryptIssuer('letsencrypt-staging', 'https://acme-staging-v02.api.letsencrypt.org/directory');
  /** Let's Encrypt production: trusted certificates, strict rate limits. */
  public static readonly PRODUCTION = new LetsEncryptIssuer('letsencrypt-prod', 'https://acme-v02.api.letsencrypt.org/directory');

  private constructor(
    /** Name of the ClusterIssuer (`cert-manager.io/cluster-issuer` annotation value). */
    public readonly name: string,
    /** ACME directory URL. */
    public readonly server: string,
  ) {}
}

/** Props of `CertManager`. */
export interface CertManagerProps {
  /**
   * Contact e-mail for the ACME account (expiry and incident notices from Let's Encrypt).
   */
  readonly acmeEmail: string;

  /**
   * Ingress class that serves the HTTP-01 challenges.
   * @default 'nginx'
   */
  readonly ingressClassName?: string;

  /**
   * cert-manager chart version (pinned).
   * @default CertManager.DEFAULT_CHART_VERSION
   */
  readonly chartVersion?: string;

  /**
   * Kubernetes version of the cluster: synth refuses a chart line that does not support it (component calendar).
   * @default KubernetesVersion.V1_35 (the cluster default)
   */
  readonly kubernetesVersion?: KubernetesVersion;

  /**
   * Replicas of the controller, webhook and cainjector (leader-elected, the webhook serves from all).
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Resources the cert-manager release waits for.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const NAMESPACE = 'cert-manager';
// Deliberately simple: local@domain.tld, no spaces. ACME servers reject the rest anyway.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * cert-manager (chart `cert-manager` from https://charts.jetstack.io, CRDs managed by the chart) plus the
 * ClusterIssuers `letsencrypt-staging` and `letsencrypt-prod` (ACME, HTTP-01 through the ingress class),
 * installed by a second release once the CRDs exist.
 */
export class CertManager extends Construct {
  /** The cert-manager version the library pins. */
  public static readonly DEFAULT_CHART_VERSION = 'v1.21.1';

  /** The cert-manager release (escape hatch). */
  public readonly release: Release;
  /** The release of the ClusterIssuers (a local chart). */
  public readonly issuersRelease: Release;
  /** The Helm values given to the cert-manager chart. */
  public readonly values: any;
  /** Namespace of cert-manager. */
  public readonly namespace: string = NAMESPACE;
  private readonly issuers: ObjectChart;

  /**
   * @param props ACME e-mail, ingress class and chart version of cert-manager
   */
  constructor(scope: Construct, id: string, props: CertManagerProps) {
    super(scope, id);
    const who = `CertManager '${id}'`;
    if (!Token.isUnresolved(props.acmeEmail) && !EMAIL_RE.test(props.acmeEmail)) {
      invalidProp(who, 'acmeEmail', props.acmeEmail, 'must be an e-mail address', "Use a monitored team address such as 'devops@company.com'.");
    }
    const version = props.chartVersion ?? CertManager.DEFAULT_CHART_VERSION;
    if (!Token.isUnresolved(version) && !/^v?\d+\.\d+\.\d+$/.test(version)) {
      invalidProp(who, 'chartVersion', version, 'must be an exact chart version (pinned, no ranges)', `Pin an exact version, such as '${CertManager.DEFAULT_CHART_VERSION}' (the one the library tests).`);
    }
    checkComponentSupport(this, who, 'chartVersion', 'cert-manager', version, props.kubernetesVersion ?? KubernetesVersion.V1_35);
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 1) {
      invalidProp(who, 'replicas', replicas, 'must be a whole number of at least 1', 'Use 2 (the default).');
    }
    const ingressClassName = props.ingressClassName ?? INGRESS_CLASS;

    const pdb = { enabled: replicas > 1, minAvailable: 1 };
    this.values = {
      crds: { enabled: true, keep: true }, // keep: uninstalling the chart must not delete every Certificate
      replicaCount: replicas,
      podDisruptionBudget: pdb,
      webhook: { replicaCount: replicas, podDisruptionBudget: pdb },
      cainjector: { replicaCount: replicas, podDisruptionBudget: pdb },
      prometheus: { enabled: true },
    };
    this.release = new Release(this, 'release', {
      ...RELEASE_DEFAULTS,
      name: 'cert-manager',
      namespace: NAMESPACE,
      createNamespace: true,
      repository: 'https://charts.jetstack.io',
      chart: 'cert-manager',
      version,
      values: [JSON.stringify(this.values, undefined, 2)],
      dependsOn: props.dependsOn,
    });

    this.issuers = new ObjectChart(this, 'issuers', {
      releaseName: 'cluster-issuers',
      namespace: NAMESPACE,
      description: "Let's Encrypt ClusterIssuers (staging and production)",
      dependsOn: [this.release], // the ClusterIssuer CRD comes with the cert-manager release
    });
    for (const issuer of [LetsEncryptIssuer.STAGING, LetsEncryptIssuer.PRODUCTION]) {
      this.issuers.add(acmeClusterIssuer({ name: issuer.name, server: issuer.server, email: props.acmeEmail, ingressClassName }));
    }
    this.issuersRelease = this.issuers.release;
  }

  /** The ClusterIssuer objects (plain Kubernetes objects, as rendered into the chart). */
  public get clusterIssuers(): any[] {
    return this.issuers.manifests as KubeObject[];
  }
}

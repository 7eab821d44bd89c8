import { Release } from '@cdktf/provider-helm/lib/release';
import { Annotations, ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ApplicationConnection, ApplicationConnectionDetails, EgressDestination, NamespaceQuota } from './application-connection';
import { LetsEncryptIssuer } from './cert-manager';
import { INGRESS_CLASS, INGRESS_NAMESPACE } from './ingress-nginx';
import { OTEL_PORTS } from './observability';
import { appSelfTestCommand, appSelfTestObjects } from './private/app-self-test';
import {
  KubeObject, namespace, PodSecurityLevel, role, roleBinding, serviceAccount, tlsIngress,
} from './private/manifests';
import {
  checkCidrs, checkDestinations, checkName, checkNotReserved, checkPort, connectionObjects, quotaObjects,
} from './private/namespace-objects';
import { namespacePolicies } from './private/namespace-policies';
import { ObjectChart } from './private/object-chart';
import { AddonServiceAccounts } from './service-accounts';
import { invalidProp } from '../private/errors';

/** Props of `WorkloadBaseline`. */
export interface WorkloadBaselineProps {
  /**
   * Namespace of the application workloads. Created with Pod Security Standard `restricted` enforced
   * (and audited and warned).
   * @default 'production'
   */
  readonly namespace?: string;

  /**
   * Service account of the application. Bound to a Role that may get, list and watch pods in the namespace
   * and nothing else (no access to secrets).
   * @default 'app-sa'
   */
  readonly appServiceAccountName?: string;

  /**
   * Database subnet CIDRs the workloads may reach on `databasePort`.
   * @default - no egress to a database
   */
  readonly databaseCidrs?: string[];

  /**
   * Database port.
   * @default 5432
   */
  readonly databasePort?: number;

  /**
   * Cache subnet CIDRs the workloads may reach on `cachePort`.
   * @default - no egress to a cache
   */
  readonly cacheCidrs?: string[];

  /**
   * Cache port.
   * @default 6379
   */
  readonly cachePort?: number;

  /**
   * Namespace of the ingress controller, whose pods may reach the workloads.
   * @default 'ingress-nginx'
   */
  readonly ingressNamespace?: string;

  /**
   * Let workloads send OTLP telemetry to the OpenTelemetry collector (namespace `observability`, ports 4317/4318).
   * @default true
   */
  readonly allowTelemetryEgress?: boolean;

  /**
   * Where pods reach the Kubernetes API on TCP 443, only when the service account has API rights
   * (`podReaderRbac`): the `kubernetes` Service's ClusterIP as a /32 (the first address of the cluster's service
   * range, `172.20.0.1/32` or `10.100.0.1/32` on EKS unless set). Pods address the API by that ClusterIP, and the
   * VPC CNI agent checks their egress before kube-proxy translates it to the API server's ENIs, so the ENIs' own
   * subnets would not work and would open TCP 443 of every node and pod there.
   * @default - no egress to the API server (a warning says the RBAC cannot be used from the pods)
   */
  readonly apiServerCidrs?: string[];

  /**
   * Also let pods reach the Pod Identity agent's IPv6 address `[fd00:ec2::23]:80` (a policy of its own). For
   * IPv6 clusters only: the platform's clusters are IPv4, and VPC CNI agents released before
   * aws/aws-network-policy-agent#321 failed a whole policy holding a rule of the cluster's other IP family.
   * @default false
   */
  readonly podIdentityAgentIpv6?: boolean;

  /**
   * Give the service account the guide's Kubernetes API rights: get, list and watch pods in its namespace.
   * @default true
   */
  readonly podReaderRbac?: boolean;

  /**
   * Pod Security Standard enforced (and audited and warned) on the namespace: `restricted`, `baseline` or
   * `privileged`. Anything below `restricted` lets pods run with more privileges than the platform expects.
   * @default 'restricted'
   */
  readonly podSecurityLevel?: string;

  /**
   * Named destinations outside the cluster the pods may reach (a third-party API, a partner network). Each
   * becomes a NetworkPolicy `allow-egress-<name>`. Nothing else outside the cluster is reachable.
   * @default - none
   */
  readonly egressDestinations?: EgressDestination[];

  /**
   * Hard limits of the namespace's ResourceQuota `compute-quota`.
   * @default - requests 4 CPU / 8Gi, limits 8 CPU / 16Gi, 40 pods (see `NamespaceQuota`)
   */
  readonly quota?: NamespaceQuota;

  /**
   * Connection details written into the ConfigMap `app-connection` (read with `envFrom`). With them, the
   * ConfigMap `rds-ca-bundle` is created too (see `rdsCaBundlePem`).
   * @default - no connection ConfigMaps
   */
  readonly connection?: ApplicationConnectionDetails;

  /**
   * PEM text of the RDS certificate bundle of the region, for the ConfigMap `rds-ca-bundle` (key
   * `rds-ca-bundle.pem`, stored base64 in binaryData so its line breaks survive). Usually a Terraform
   * variable the operator fills at apply time from https://truststore.pki.rds.amazonaws.com/<region>/<region>-bundle.pem.
   * Required with `connection`.
   * @default - none
   */
  readonly rdsCaBundlePem?: string;

  /**
   * Resources the release waits for.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** Options of `WorkloadBaseline.addTlsIngress`. */
export interface TlsIngressOptions {
  /** Host name served (DNS name, no wildcard: HTTP-01 cannot validate wildcards). */
  readonly host: string;

  /** Service receiving the traffic. */
  readonly serviceName: string;

  /** Port of the service. */
  readonly servicePort: number;

  /**
   * Name of the Ingress.
   * @default 'app-ingress'
   */
  readonly name?: string;

  /**
   * More host names on the same certificate.
   * @default - none
   */
  readonly additionalHosts?: string[];

  /**
   * Path prefix routed to the service.
   * @default '/'
   */
  readonly path?: string;

  /**
   * ClusterIssuer that signs the certificate.
   * @default LetsEncryptIssuer.PRODUCTION
   */
  readonly issuer?: LetsEncryptIssuer;

  /**
   * Secret that receives the certificate.
   * @default - the Ingress name without a trailing `-ingress`, plus `-tls-cert` (`app-tls-cert` for `app-ingress`)
   */
  readonly tlsSecretName?: string;

  /**
   * Namespace of the Ingress and the service.
   * @default - the baseline's namespace
   */
  readonly namespace?: string;
}

const HOST_RE = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z][-a-z0-9]{0,61}[a-z0-9]$/;

/**
 * The security baseline of the application namespace: Pod Security Standard `restricted`, a least-privilege
 * service account, and network policies that deny all traffic except DNS, traffic from the ingress
 * controller, telemetry to the collector and egress to the database and cache subnets. Also renders TLS
 * Ingresses (`addTlsIngress`). All objects go through one Helm release of a local chart.
 */
export class WorkloadBaseline extends Construct {
  /** The release holding the objects (escape hatch). */
  public readonly release: Release;
  /** Namespace of the workloads. */
  public readonly namespace: string;
  /** Name of the application service account. */
  public readonly appServiceAccountName: string;
  /**
   * The command that runs the in-cluster self-test as this namespace's application (a Helm test pod) and prints
   * its result, one line per step. Undefined without `connection` (the test reads the `app-connection` ConfigMap).
   */
  public readonly selfTestCommand?: string;
  private readonly chart: ObjectChart;
  private readonly who: string;

  /**
   * @param props namespace, service account and allowed traffic of the application workloads
   */
  constructor(scope: Construct, id: string, props: WorkloadBaselineProps = {}) {
    super(scope, id);
    const who = this.who = `WorkloadBaseline '${id}'`;
    const ns = this.namespace = props.namespace ?? 'production';
    checkName(who, 'namespace', ns);
    checkNotReserved(who, ns);
    if (!Token.isUnresolved(ns) && `workload-baseline-${ns}`.length > 53) {
      invalidProp(who, 'namespace', ns, 'must be at most 35 characters (its Helm release workload-baseline-<namespace> may have 53)',
        "Use a shorter namespace, like 'team-payments'.");
    }
    const sa = this.appServiceAccountName = props.appServiceAccountName ?? 'app-sa';
    checkName(who, 'appServiceAccountName', sa);
    const ingressNs = props.ingressNamespace ?? INGRESS_NAMESPACE;
    checkName(who, 'ingressNamespace', ingressNs);
    const dbPort = checkPort(who, 'databasePort', props.databasePort ?? 5432);
    const cachePort = checkPort(who, 'cachePort', props.cachePort ?? 6379);
    const dbCidrs = checkCidrs(who, 'databaseCidrs', props.databaseCidrs ?? []);
    const cacheCidrs = checkCidrs(who, 'cacheCidrs', props.cacheCidrs ?? []);
    const apiCidrs = checkCidrs(who, 'apiServerCidrs', props.apiServerCidrs ?? []);
    const level = props.podSecurityLevel ?? 'restricted';
    if (!['restricted', 'baseline', 'privileged'].includes(level)) {
      invalidProp(who, 'podSecurityLevel', level, "must be 'restricted', 'baseline' or 'privileged'", "Use 'restricted' (the default).");
    }
    const destinations = checkDestinations(who, props.egressDestinations ?? []);
    const podReader = props.podReaderRbac ?? true;
    if (podReader && apiCidrs.length === 0) {
      Annotations.of(this).addWarning(`${who}: service account ${ns}/${sa} has Kubernetes API rights, but no apiServerCidrs: `
        + 'the NetworkPolicies let no pod of the namespace reach the API server. Give the kubernetes Service\'s ClusterIP as apiServerCidrs (e.g. 172.20.0.1/32).');
    }

    // The release record lives in kube-system: the chart creates the workload namespace itself.
    this.chart = new ObjectChart(this, 'objects', {
      releaseName: `workload-baseline-${ns}`,
      namespace: 'kube-system',
      description: `Security baseline of namespace ${ns}`,
      dependsOn: props.dependsOn,
    });

    const roleName = `${sa}-pod-reader`;
    const objects: KubeObject[] = [
      namespace(ns, level as PodSecurityLevel),
      serviceAccount(sa, ns),
      // Read pods only: no verbs on secrets or anything else (kubectl auth can-i delete secrets -> no).
      ...(podReader ? [
        role(roleName, ns, [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]),
        roleBinding(roleName, ns, roleName, sa, ns),
      ] : []),
      ...namespacePolicies({
        namespace: ns,
        ingressNamespace: ingressNs,
        databaseCidrs: dbCidrs,
        databasePort: dbPort,
        cacheCidrs,
        cachePort,
        apiServerCidrs: podReader ? apiCidrs : [],
        telemetry: (props.allowTelemetryEgress ?? true)
          ? { namespace: AddonServiceAccounts.OTEL_COLLECTOR.namespace, ports: [OTEL_PORTS.otlpGrpc, OTEL_PORTS.otlpHttp] }
          : undefined,
        destinations,
        podIdentityAgentIpv6: props.podIdentityAgentIpv6 ?? false,
      }),
      ...quotaObjects(who, ns, props.quota ?? {}),
      ...connectionObjects(who, ns, props.connection, props.rdsCaBundlePem),
    ];
    // The self-test runs as the application (its service account, the ConfigMaps above, the same NetworkPolicies),
    // so it needs the connection details to test anything.
    if (props.connection) {
      objects.push(...appSelfTestObjects({
        namespace: ns,
        serviceAccountName: sa,
        connectionConfigMapName: ApplicationConnection.CONFIG_MAP,
        caBundleConfigMapName: ApplicationConnection.CA_BUNDLE_CONFIG_MAP,
        // A Service of an add-on no application namespace has a rule for: reaching it would mean the isolation leaks.
        forbiddenInClusterTarget: 'cert-manager-webhook.cert-manager.svc.cluster.local:443',
      }));
      this.selfTestCommand = appSelfTestCommand(ns, `workload-baseline-${ns}`, 'kube-system');
    }
    this.chart.add(...objects);
    this.release = this.chart.release;
  }

  /**
   * Exposes a service through a TLS Ingress of class `nginx`, with a certificate from a Let's Encrypt
   * ClusterIssuer (like the runbook's `app-ingress`).
   */
  public addTlsIngress(options: TlsIngressOptions): void {
    const who = this.who;
    const name = options.name ?? 'app-ingress';
    checkName(who, 'addTlsIngress.name', name);
    const ns = options.namespace ?? this.namespace;
    checkName(who, 'addTlsIngress.namespace', ns);
    const hosts = [options.host, ...(options.additionalHosts ?? [])];
    for (const host of hosts) {
      if (Token.isUnresolved(host)) continue;
      if (host.startsWith('*.')) {
        invalidProp(who, 'addTlsIngress.host', host, 'must not be a wildcard (HTTP-01 challenges cannot validate wildcards)',
          'List each host name, or issue the wildcard certificate with a DNS-01 issuer outside the platform.');
      }
      if (!HOST_RE.test(host)) {
        invalidProp(who, 'addTlsIngress.host', host, 'must be a lower-case DNS host name', "Use a name like 'example.com'.");
      }
    }
    if (new Set(hosts).size !== hosts.length) {
      invalidProp(who, 'addTlsIngress.additionalHosts', hosts, 'must not repeat a host', 'List each host once.');
    }
    checkName(who, 'addTlsIngress.serviceName', options.serviceName);
    checkPort(who, 'addTlsIngress.servicePort', options.servicePort);
    const path = options.path ?? '/';
    if (!path.startsWith('/')) {
      invalidProp(who, 'addTlsIngress.path', path, "must start with '/'", "Use '/' to route every path.");
    }
    const secret = options.tlsSecretName ?? `${name.replace(/-ingress$/, '')}-tls-cert`;
    checkName(who, 'addTlsIngress.tlsSecretName', secret);
    if (this.chart.manifests.some((o) => o.kind === 'Ingress' && o.metadata.name === name && o.metadata.namespace === ns)) {
      invalidProp(who, 'addTlsIngress.name', name, `must be unique in namespace ${ns}`, 'Give each Ingress its own name.');
    }
    this.chart.add(tlsIngress({
      name,
      namespace: ns,
      hosts,
      serviceName: options.serviceName,
      servicePort: options.servicePort,
      path,
      clusterIssuer: (options.issuer ?? LetsEncryptIssuer.PRODUCTION).name,
      tlsSecretName: secret,
      ingressClassName: INGRESS_CLASS,
    }));
  }

  /** Every object of the baseline, as rendered into the chart (plain Kubernetes objects). */
  public get manifests(): any[] {
    return this.chart.manifests;
  }
}


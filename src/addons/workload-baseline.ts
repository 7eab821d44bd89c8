import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { LetsEncryptIssuer } from './cert-manager';
import { INGRESS_CLASS, INGRESS_NAMESPACE } from './ingress-nginx';
import { OTEL_PORTS } from './observability';
import {
  KubeObject, namespace, namespacePeer, networkPolicy, NetworkPolicyRule, role, roleBinding, serviceAccount, tlsIngress,
} from './private/manifests';
import { ObjectChart } from './private/object-chart';
import { AddonServiceAccounts } from './service-accounts';
import { cidrProblem, parseCidr } from '../private/cidr';
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

const DNS_LABEL_RE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
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
    const sa = this.appServiceAccountName = props.appServiceAccountName ?? 'app-sa';
    checkName(who, 'appServiceAccountName', sa);
    const ingressNs = props.ingressNamespace ?? INGRESS_NAMESPACE;
    checkName(who, 'ingressNamespace', ingressNs);
    const dbPort = checkPort(who, 'databasePort', props.databasePort ?? 5432);
    const cachePort = checkPort(who, 'cachePort', props.cachePort ?? 6379);
    const dbCidrs = checkCidrs(who, 'databaseCidrs', props.databaseCidrs ?? []);
    const cacheCidrs = checkCidrs(who, 'cacheCidrs', props.cacheCidrs ?? []);

    // The release record lives in kube-system: the chart creates the workload namespace itself.
    this.chart = new ObjectChart(this, 'objects', {
      releaseName: `workload-baseline-${ns}`,
      namespace: 'kube-system',
      description: `Security baseline of namespace ${ns}`,
      dependsOn: props.dependsOn,
    });

    const roleName = `${sa}-pod-reader`;
    const objects: KubeObject[] = [
      namespace(ns, 'restricted'),
      serviceAccount(sa, ns),
      // Read pods only: no verbs on secrets or anything else (kubectl auth can-i delete secrets -> no).
      role(roleName, ns, [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]),
      roleBinding(roleName, ns, roleName, sa, ns),
      networkPolicy('default-deny-all', ns, { policyTypes: ['Ingress', 'Egress'] }),
      networkPolicy('allow-dns-egress', ns, {
        policyTypes: ['Egress'],
        egress: [{
          peers: [namespacePeer('kube-system', { 'k8s-app': 'kube-dns' })],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        }],
      }),
      networkPolicy('allow-from-ingress-controller', ns, {
        policyTypes: ['Ingress'],
        ingress: [{ peers: [namespacePeer(ingressNs)] }],
      }),
    ];
    const ipEgress = (name: string, cidrs: string[], port: number) => {
      if (cidrs.length === 0) return;
      const rule: NetworkPolicyRule = { peers: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port }] };
      objects.push(networkPolicy(name, ns, { policyTypes: ['Egress'], egress: [rule] }));
    };
    ipEgress('allow-database-egress', dbCidrs, dbPort);
    ipEgress('allow-cache-egress', cacheCidrs, cachePort);
    if (props.allowTelemetryEgress ?? true) {
      objects.push(networkPolicy('allow-telemetry-egress', ns, {
        policyTypes: ['Egress'],
        egress: [{
          peers: [namespacePeer(AddonServiceAccounts.OTEL_COLLECTOR.namespace)],
          ports: [{ protocol: 'TCP', port: OTEL_PORTS.otlpGrpc }, { protocol: 'TCP', port: OTEL_PORTS.otlpHttp }],
        }],
      }));
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

function checkName(who: string, prop: string, value: string): void {
  if (!Token.isUnresolved(value) && !DNS_LABEL_RE.test(value)) {
    invalidProp(who, prop, value, 'must be a Kubernetes name (lower-case letters, digits and hyphens, at most 63)',
      "Use a name like 'production'.");
  }
}

function checkPort(who: string, prop: string, value: number): number {
  if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < 1 || value > 65535)) {
    invalidProp(who, prop, value, 'must be a port number from 1 to 65535', 'Use the port the service listens on.');
  }
  return value;
}

function checkCidrs(who: string, prop: string, cidrs: string[]): string[] {
  for (const cidr of cidrs) {
    if (Token.isUnresolved(cidr)) continue;
    const parsed = parseCidr(cidr);
    if (!parsed) {
      invalidProp(who, prop, cidr, `must contain IPv4 CIDR blocks: ${cidrProblem(cidr)}`, "Use the subnet CIDRs, like '10.0.20.0/24'.");
    }
    if (parsed.prefix === 0) {
      invalidProp(who, prop, cidr, 'must not allow every address', 'Give the data subnets\' CIDRs.');
    }
  }
  return cidrs;
}

/**
 * Validation and the non-policy objects of an application namespace (quota, limit range, connection
 * ConfigMaps). Private: WorkloadBaseline is the public construct.
 */
import { Fn, Token } from 'cdktf';
import { configMap, KubeObject, limitRange, resourceQuota } from './manifests';
import { RESERVED_NAMESPACES } from './namespace-policies';
import { cidrProblem, cidrsOverlap, parseCidr } from '../../private/cidr';
import { invalidProp } from '../../private/errors';
import { ApplicationConnection, ApplicationConnectionDetails, EgressDestination, NamespaceQuota } from '../application-connection';
import { OTEL_PORTS } from '../observability';
import { AddonServiceAccounts } from '../service-accounts';

/** The collector's Service (Observability's `fullnameOverride`; test/addons/workload-baseline.test.ts checks they agree). */
export const OTEL_COLLECTOR_SERVICE = 'otel-collector';

export const DNS_LABEL_RE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function checkName(who: string, prop: string, value: string): void {
  if (!Token.isUnresolved(value) && !DNS_LABEL_RE.test(value)) {
    invalidProp(who, prop, value, 'must be a Kubernetes name (lower-case letters, digits and hyphens, at most 63)',
      "Use a name like 'production'.");
  }
}

export function checkPort(who: string, prop: string, value: number): number {
  if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < 1 || value > 65535)) {
    invalidProp(who, prop, value, 'must be a port number from 1 to 65535', 'Use the port the service listens on.');
  }
  return value;
}

export function checkCidrs(who: string, prop: string, cidrs: string[]): string[] {
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


export function checkNotReserved(who: string, ns: string): void {
  if (Token.isUnresolved(ns)) return;
  if ((RESERVED_NAMESPACES as readonly string[]).includes(ns) || ns.startsWith('kube-')) {
    invalidProp(who, 'namespace', ns,
      `must not be a system or platform namespace (${RESERVED_NAMESPACES.join(', ')}, or any kube-*): default-deny and Pod Security would apply to it`,
      "Give the application a namespace of its own, like 'production' or 'team-a'.");
  }
}

export function checkDestinations(who: string, list: EgressDestination[]): Array<{ name: string; cidrs: string[]; ports: number[] }> {
  const names = new Set<string>();
  return list.map((d, i) => {
    const prop = `egressDestinations[${i}]`;
    if (!DNS_LABEL_RE.test(d.name) || d.name.length > 50) {
      invalidProp(who, `${prop}.name`, d.name, 'must be lower-case letters, digits and hyphens, at most 50', "Use a name like 'payments-api'.");
    }
    if (names.has(d.name)) invalidProp(who, `${prop}.name`, d.name, 'must be unique', 'Give each destination its own name.');
    names.add(d.name);
    if (d.cidrs.length === 0) {
      invalidProp(who, `${prop}.cidrs`, d.cidrs, 'must list at least one CIDR block', "Give the destination's address ranges, like '203.0.113.0/24'.");
    }
    checkCidrs(who, `${prop}.cidrs`, d.cidrs);
    // Link-local holds the instance metadata service (node credentials) and the Pod Identity agent, which has its
    // own rule: a destination covering it would hand the pods the node's role.
    for (const cidr of d.cidrs) {
      const parsed = Token.isUnresolved(cidr) ? undefined : parseCidr(cidr);
      if (parsed && cidrsOverlap(parsed, LINK_LOCAL)) {
        invalidProp(who, `${prop}.cidrs`, cidr, 'must not cover the link-local range 169.254.0.0/16 (instance metadata, 169.254.169.254, gives the node\'s credentials)',
          "Name the third-party API's own ranges; the Pod Identity agent is already allowed.");
      }
    }
    const ports = d.ports ?? [443];
    if (ports.length === 0) invalidProp(who, `${prop}.ports`, ports, 'must list at least one port', 'Use [443].');
    ports.forEach((p) => checkPort(who, `${prop}.ports`, p));
    return { name: d.name, cidrs: d.cidrs, ports };
  });
}

const LINK_LOCAL = parseCidr('169.254.0.0/16')!;

const QUANTITY_RE = /^([0-9]+(\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;

/** ResourceQuota `compute-quota` and LimitRange `container-defaults` (defaults for containers that set none). */
export function quotaObjects(who: string, ns: string, q: NamespaceQuota): KubeObject[] {
  const quantity = (prop: string, value: string) => {
    if (!Token.isUnresolved(value) && !QUANTITY_RE.test(value)) {
      invalidProp(who, `quota.${prop}`, value, 'must be a Kubernetes quantity', "Use for example '4' (CPU) or '8Gi' (memory).");
    }
    return value;
  };
  const pods = q.pods ?? 40;
  if (!Number.isInteger(pods) || pods < 1) invalidProp(who, 'quota.pods', pods, 'must be a whole number of at least 1', 'Use 40 (the default).');
  return [
    resourceQuota('compute-quota', ns, {
      'requests.cpu': quantity('requestsCpu', q.requestsCpu ?? '4'),
      'requests.memory': quantity('requestsMemory', q.requestsMemory ?? '8Gi'),
      'limits.cpu': quantity('limitsCpu', q.limitsCpu ?? '8'),
      'limits.memory': quantity('limitsMemory', q.limitsMemory ?? '16Gi'),
      'pods': String(pods),
    }),
    // With a CPU/memory quota, a pod without requests and limits is refused: these fill them in.
    limitRange('container-defaults', ns, {
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '500m', memory: '512Mi' },
      max: { cpu: '2', memory: '4Gi' },
    }),
  ];
}

/** The ConfigMaps `app-connection` and `rds-ca-bundle` (the self-test and every Deployment read them). */
export function connectionObjects(who: string, ns: string, c: ApplicationConnectionDetails | undefined, caPem: string | undefined): KubeObject[] {
  if (!c) {
    if (caPem !== undefined) invalidProp(who, 'rdsCaBundlePem', '<PEM>', 'needs connection', 'Give connection too, or drop rdsCaBundlePem.');
    return [];
  }
  if (caPem === undefined || (!Token.isUnresolved(caPem) && !caPem.includes('-----BEGIN CERTIFICATE-----'))) {
    invalidProp(who, 'rdsCaBundlePem', caPem, 'must be given with connection (pods verify the database certificate with it)',
      'Pass the PEM of https://truststore.pki.rds.amazonaws.com/<region>/<region>-bundle.pem (for example a Terraform variable).');
  }
  const C = ApplicationConnection;
  const data = {
    PGHOST: c.postgresHost,
    PGPORT: Token.asString(c.postgresPort ?? 5432),
    PGDATABASE: c.databaseName,
    PGUSER: c.databaseUser,
    PGSSLMODE: 'verify-full',
    PGSSLROOTCERT: `${C.CA_BUNDLE_MOUNT_PATH}/${C.CA_BUNDLE_KEY}`,
    PG_TENANT_SETTING: c.tenantSettingName ?? 'app.current_tenant_id',
    PG_SCHEMA: c.databaseSchema ?? 'public',
    REDIS_HOST: c.redisPrimaryEndpoint,
    REDIS_READER_HOST: c.redisReaderEndpoint,
    REDIS_PORT: Token.asString(c.redisPort ?? 6379),
    REDIS_USER: c.redisUser,
    REDIS_TLS: 'true',
    REDIS_KEY_PREFIX: c.redisKeyPrefix,
    REDIS_REPLICATION_GROUP_ID: c.redisReplicationGroupId,
    AWS_REGION: c.region,
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://${OTEL_COLLECTOR_SERVICE}.${AddonServiceAccounts.OTEL_COLLECTOR.namespace}.svc.cluster.local:${OTEL_PORTS.otlpHttp}`,
  };
  return [
    configMap(C.CONFIG_MAP, ns, data),
    // base64 in binaryData: the PEM's line breaks would not survive inside the JSON values otherwise.
    // A literal is encoded now; a token (the platform's Terraform variable) by Terraform at apply time.
    configMap(C.CA_BUNDLE_CONFIG_MAP, ns, {}, {
      [C.CA_BUNDLE_KEY]: Token.isUnresolved(caPem) ? Fn.base64encode(caPem) : Buffer.from(caPem, 'utf8').toString('base64'),
    }),
  ];
}

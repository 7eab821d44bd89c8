import { Token } from 'cdktf';
import { APP_SELF_TEST_SCRIPT } from './app-self-test-script';
import { KubeObject, MANAGED_BY_LABEL } from './manifests';
import { invalidProp } from '../../private/errors';

/**
 * The in-cluster self-test of an application namespace: a Helm test Pod that runs as the namespace's service
 * account, with the labels of an ordinary application pod (so exactly the namespace's NetworkPolicies apply),
 * and walks the application's path step by step (see app-self-test-script.ts), one line per step.
 *
 * Why a Helm test hook and not a Job: `helm test <release> --logs` creates the pod, waits for it, exits
 * non-zero when it fails and prints its log, in one command. Helm reads the logs of test pods in the namespace
 * given with `-n` (the release's), so when the release lives elsewhere the command reads them with
 * `kubectl logs` instead (`appSelfTestCommand`). The pod stays until the next run (delete policy
 * `before-hook-creation`), so its log can be read again.
 */
export interface AppSelfTestOptions {
  /** The application namespace the self-test runs in. */
  readonly namespace: string;
  /** The namespace's service account (its Pod Identity association gives the AWS role). */
  readonly serviceAccountName: string;
  /** The connection ConfigMap of the namespace, read with `envFrom` (`app-connection`). */
  readonly connectionConfigMapName: string;
  /** The ConfigMap holding the RDS CA bundle (`rds-ca-bundle.pem`), mounted at /etc/rds-ca (`rds-ca-bundle`). */
  readonly caBundleConfigMapName: string;
  /** host:port of a Service in another namespace that the namespace's NetworkPolicies must refuse. */
  readonly forbiddenInClusterTarget: string;
}

/**
 * The image: the official Python image, Alpine variant, pinned by the digest of its multi-platform index
 * (amd64 and arm64 nodes alike). Source: docker-library/repo-info, repos/python/remote/3.13-alpine3.23.md at
 * commit 27b273677675a1ecbe5671d65986aa5dfe618a4f (Python 3.13.15 on Alpine 3.23.6, built 2026-09-17);
 * test/facts/app-self-test.ts keeps the fact and the test compares.
 */
export const APP_SELF_TEST_IMAGE = 'docker.io/library/python:3.13-alpine3.23@sha256:6438599575cca0d1df94aeee0d2ae088d4d8846eab554b2ee7784a3a6df0d516';

/** Where the pod finds the RDS CA bundle: PGSSLROOTCERT in the connection ConfigMap points here. */
export const RDS_CA_MOUNT = '/etc/rds-ca';
const SCRIPT_DIR = '/opt/app-self-test';
const SCRIPT_FILE = 'app_self_test.py';
/** Addresses of the refused-path checks that do not depend on the namespace. */
export const INTERNET_TARGET = 'aws.amazon.com:443';
/** The instance metadata service, IPv4 and IPv6 (Nitro); in an IPv4-only pod the IPv6 try fails at once. */
export const IMDS_TARGET = '169.254.169.254:80,[fd00:ec2::254]:80';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const TARGET = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;

/** Name of the test pod (also the Helm hook name): one per namespace, so one release may hold several. */
export function appSelfTestPodName(namespace: string): string {
  return `app-self-test-${namespace}`;
}

/** The ConfigMap with the script and the test Pod, for the namespace's local chart. */
export function appSelfTestObjects(o: AppSelfTestOptions): KubeObject[] {
  const who = 'appSelfTestObjects';
  checkName(who, 'namespace', o.namespace, DNS_LABEL);
  checkName(who, 'serviceAccountName', o.serviceAccountName, DNS_SUBDOMAIN);
  checkName(who, 'connectionConfigMapName', o.connectionConfigMapName, DNS_SUBDOMAIN);
  checkName(who, 'caBundleConfigMapName', o.caBundleConfigMapName, DNS_SUBDOMAIN);
  checkTarget(who, o.namespace, o.forbiddenInClusterTarget);
  const podName = appSelfTestPodName(o.namespace);
  const scriptConfigMap = `${podName}-script`;
  const labels = { ...MANAGED_BY_LABEL, 'app.kubernetes.io/name': 'app-self-test', 'app.kubernetes.io/component': 'self-test' };
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: scriptConfigMap, namespace: o.namespace, labels },
      data: { [SCRIPT_FILE]: APP_SELF_TEST_SCRIPT },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        namespace: o.namespace,
        labels,
        annotations: {
          'helm.sh/hook': 'test',
          // Replace the previous run's pod when the next starts, never delete it on its own: its log stays readable.
          'helm.sh/hook-delete-policy': 'before-hook-creation',
        },
      },
      spec: {
        serviceAccountName: o.serviceAccountName,
        restartPolicy: 'Never',
        // Fails the pod (a visible result) before helm test's own 5-minute wait gives up.
        activeDeadlineSeconds: 240,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 65534,
          runAsGroup: 65534,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [{
          name: 'self-test',
          image: APP_SELF_TEST_IMAGE,
          // -I: ignore PYTHON* variables and the user site; -B: write no .pyc (the root file system is read-only).
          command: ['python3', '-I', '-B', `${SCRIPT_DIR}/${SCRIPT_FILE}`],
          envFrom: [{ configMapRef: { name: o.connectionConfigMapName } }],
          env: [
            { name: 'SELFTEST_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
            { name: 'SELFTEST_DNS_NAME', value: 'kubernetes.default.svc.cluster.local' },
            { name: 'SELFTEST_FORBIDDEN_IN_CLUSTER_TARGET', value: o.forbiddenInClusterTarget },
            { name: 'SELFTEST_INTERNET_TARGET', value: INTERNET_TARGET },
            { name: 'SELFTEST_IMDS_TARGET', value: IMDS_TARGET },
          ],
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
          },
          resources: {
            requests: { 'cpu': '50m', 'memory': '64Mi', 'ephemeral-storage': '16Mi' },
            limits: { 'cpu': '500m', 'memory': '128Mi', 'ephemeral-storage': '16Mi' },
          },
          volumeMounts: [
            { name: 'script', mountPath: SCRIPT_DIR, readOnly: true },
            { name: 'rds-ca', mountPath: RDS_CA_MOUNT, readOnly: true },
          ],
        }],
        volumes: [
          { name: 'script', configMap: { name: scriptConfigMap, defaultMode: 0o444 } },
          { name: 'rds-ca', configMap: { name: o.caBundleConfigMapName, defaultMode: 0o444 } },
        ],
      },
    },
  ];
}

/**
 * The one command an operator or app team runs to start the self-test and see its output. It exits non-zero
 * when a step fails. Helm prints test pod logs only from the release's namespace, so for a release kept in
 * another namespace the log is read with kubectl.
 */
export function appSelfTestCommand(namespace: string, releaseName: string, releaseNamespace: string): string {
  const who = 'appSelfTestCommand';
  checkName(who, 'namespace', namespace, DNS_LABEL);
  checkName(who, 'releaseName', releaseName, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
  checkName(who, 'releaseNamespace', releaseNamespace, DNS_LABEL);
  const pod = appSelfTestPodName(namespace);
  const test = `helm test ${releaseName} -n ${releaseNamespace} --filter name=${pod}`;
  if (namespace === releaseNamespace) return `${test} --logs`;
  return `( ${test}; rc=$?; kubectl logs -n ${namespace} ${pod}; exit $rc )`;
}

const EXAMPLES: { [prop: string]: string } = {
  serviceAccountName: 'app-sa', connectionConfigMapName: 'app-connection', caBundleConfigMapName: 'rds-ca-bundle', releaseName: 'app-production',
};

function checkName(who: string, prop: string, value: string, re: RegExp): void {
  if (Token.isUnresolved(value) || re.test(value)) return;
  invalidProp(who, prop, value, 'must be a Kubernetes name (lower-case letters, digits, hyphens; dots only in a DNS subdomain)',
    `Use a name like '${EXAMPLES[prop] ?? 'production'}'.`);
}

function checkTarget(who: string, namespace: string, target: string): void {
  const m = TARGET.exec(target);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    invalidProp(who, 'forbiddenInClusterTarget', target, 'must be host:port of a Service in another namespace',
      "Name a Service the namespace has no rule for, like 'cert-manager-webhook.cert-manager.svc.cluster.local:443'.");
  }
  // <service>.<namespace>[.svc[.cluster.local]]: a Service of the namespace itself proves nothing about the others.
  const ns = /^[a-z0-9-]+\.([a-z0-9-]+)(\.svc(\.[a-z0-9.-]+)?)?$/.exec(m[1])?.[1];
  if (ns === namespace) {
    invalidProp(who, 'forbiddenInClusterTarget', target, `must be in another namespace than '${namespace}'`,
      "Name a Service the namespace has no rule for, like 'cert-manager-webhook.cert-manager.svc.cluster.local:443'.");
  }
}

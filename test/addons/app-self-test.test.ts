import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Pod } from 'kubernetes-models/v1/Pod';
import { parseAllDocuments } from 'yaml';
import {
  APP_SELF_TEST_IMAGE, appSelfTestCommand, appSelfTestObjects, AppSelfTestOptions, appSelfTestPodName, RDS_CA_MOUNT,
} from '../../src/addons/private/app-self-test';
import { APP_SELF_TEST_SCRIPT } from '../../src/addons/private/app-self-test-script';
import { ObjectChart } from '../../src/addons/private/object-chart';
import { HELM_TEST, PYTHON_IMAGE } from '../facts/app-self-test';
import { helmBinary, run } from '../helm/helm-binary';

const OPTIONS: AppSelfTestOptions = {
  namespace: 'production',
  serviceAccountName: 'app-sa',
  connectionConfigMapName: 'app-connection',
  caBundleConfigMapName: 'rds-ca-bundle',
  forbiddenInClusterTarget: 'cert-manager-webhook.cert-manager.svc.cluster.local:443',
};
const [configMap, pod] = appSelfTestObjects(OPTIONS) as any[];
const container = pod.spec.containers[0];

describe('the self-test pod', () => {
  test('is valid Kubernetes (schema) and a Helm test hook that stays until the next run', () => {
    expect(() => new Pod(pod).validate()).not.toThrow();
    expect(() => new ConfigMap(configMap).validate()).not.toThrow();
    expect(pod.metadata).toMatchObject({ name: 'app-self-test-production', namespace: 'production' });
    expect(pod.metadata.annotations).toEqual({ 'helm.sh/hook': 'test', 'helm.sh/hook-delete-policy': HELM_TEST.defaultDeletePolicy });
    expect(pod.spec.restartPolicy).toBe('Never');
  });

  test('runs as the namespace service account with the connection ConfigMap, the CA bundle and the script', () => {
    expect(pod.spec.serviceAccountName).toBe('app-sa');
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'app-connection' } }]);
    expect(container.volumeMounts).toContainEqual({ name: 'rds-ca', mountPath: RDS_CA_MOUNT, readOnly: true });
    expect(pod.spec.volumes).toContainEqual({ name: 'rds-ca', configMap: { name: 'rds-ca-bundle', defaultMode: 0o444 } });
    // PGSSLROOTCERT of the interface (/etc/rds-ca/rds-ca-bundle.pem) lies under the mount.
    expect('/etc/rds-ca/rds-ca-bundle.pem'.startsWith(`${RDS_CA_MOUNT}/`)).toBe(true);
    expect(configMap.data).toEqual({ 'app_self_test.py': APP_SELF_TEST_SCRIPT });
    expect(container.command).toEqual(['python3', '-I', '-B', '/opt/app-self-test/app_self_test.py']);
    const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toMatchObject({
      SELFTEST_FORBIDDEN_IN_CLUSTER_TARGET: OPTIONS.forbiddenInClusterTarget,
      SELFTEST_IMDS_TARGET: '169.254.169.254:80,[fd00:ec2::254]:80',
      SELFTEST_NAMESPACE: { fieldRef: { fieldPath: 'metadata.namespace' } },
    });
    expect(env.SELFTEST_SIGNING_TIME).toBeUndefined(); // the test-only knob never reaches the pod
  });

  test('meets the restricted Pod Security Standard and has requests and limits', () => {
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.spec.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] },
    });
    for (const forbidden of ['hostNetwork', 'hostPID', 'hostIPC']) expect(pod.spec[forbidden]).toBeUndefined();
    expect(pod.spec.volumes.every((v: any) => Object.keys(v).every((k) => ['name', 'configMap'].includes(k)))).toBe(true);
    for (const kind of ['requests', 'limits']) expect(Object.keys(container.resources[kind]).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory']);
  });

  test('has the labels of an ordinary application pod: none that a NetworkPolicy of the platform could single out', () => {
    expect(Object.keys(pod.metadata.labels).sort()).toEqual(['app.kubernetes.io/component', 'app.kubernetes.io/name', 'app.kubernetes.io/part-of']);
  });

  test('uses the official Python image pinned by the digest on record', () => {
    expect(APP_SELF_TEST_IMAGE).toBe(`${PYTHON_IMAGE.repository}:${PYTHON_IMAGE.tag}@${PYTHON_IMAGE.digest}`);
    expect(container.image).toBe(APP_SELF_TEST_IMAGE);
    expect(container.image).toMatch(/@sha256:[0-9a-f]{64}$/);
  });
});

describe('input checks', () => {
  test.each([
    ['namespace', { namespace: 'Production' }, /appSelfTestObjects: namespace must be a Kubernetes name .*\(got 'Production'\)\. Use a name like 'production'/],
    ['serviceAccountName', { serviceAccountName: 'app_sa' }, /serviceAccountName must be a Kubernetes name .*\(got 'app_sa'\)\. Use a name like 'app-sa'/],
    ['forbiddenInClusterTarget without a port', { forbiddenInClusterTarget: 'otel-collector.observability' }, /forbiddenInClusterTarget .*host:port/],
    ['forbiddenInClusterTarget in the namespace itself', { forbiddenInClusterTarget: 'api.production.svc.cluster.local:80' },
      /must be in another namespace than 'production'/],
  ])('rejects %s', (_, override, message) => {
    expect(() => appSelfTestObjects({ ...OPTIONS, ...override })).toThrow(message);
  });
});

describe('the command', () => {
  test('is one helm test with --logs when the release lives in the namespace', () => {
    expect(appSelfTestCommand('production', 'app-production', 'production'))
      .toBe(`helm test app-production -n production --filter ${HELM_TEST.filterFlag}=app-self-test-production --logs`);
  });

  test('reads the log with kubectl when the release lives elsewhere (helm reads logs only in the release namespace)', () => {
    expect(HELM_TEST.logsReadFromReleaseNamespace).toBe(true);
    const cmd = appSelfTestCommand('production', 'platform-objects', 'kube-system');
    expect(cmd).toBe('( helm test platform-objects -n kube-system --filter name=app-self-test-production; rc=$?; '
      + 'kubectl logs -n production app-self-test-production; exit $rc )');
    expect(cmd).not.toContain('--logs');
  });

  test('rejects names that are not Kubernetes names', () => {
    expect(() => appSelfTestCommand('production', 'x; rm -rf /', 'production')).toThrow(/releaseName/);
    expect(() => appSelfTestCommand('production', 'r', '$(id)')).toThrow(/releaseNamespace/);
  });
});

describe('under a real Helm', () => {
  jest.setTimeout(180_000);
  test('helm test has the flags the command uses', () => {
    const help = run(helmBinary(), ['test', '--help']);
    expect(help).toMatch(/--filter strings +specify tests by attribute \(currently "name"\)/);
    expect(help).toMatch(/--logs +dump the logs from test pods/);
    for (const flag of appSelfTestCommand('production', 'app-production', 'production').match(/--[a-z]+/g)!) expect(help).toContain(flag);
  });

  test('the pod is a test hook of the release (not installed with it) and the script ConfigMap is an ordinary object', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-self-test-chart-'));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'objects');
      new HelmProvider(stack, 'helm', {});
      const chart = new ObjectChart(stack, 'objects', { releaseName: 'app-production', namespace: 'production', description: 'test' });
      chart.add(...appSelfTestObjects(OPTIONS));
      app.synth();
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'objects', 'cdk.tf.json'), 'utf8'));
      const release: any = Object.values(json.resource.helm_release)[0];
      const values = path.join(outdir, 'values.json');
      fs.writeFileSync(values, release.values[0]);
      const out = run(helmBinary(), ['install', 'app-production', path.join(outdir, 'stacks', 'objects', release.chart),
        '--namespace', 'production', '--dry-run=client', '-f', values]);
      const [hooks, manifest] = out.split(/^MANIFEST:$/m);
      const kinds = (text: string) => parseAllDocuments(text.split(/^HOOKS:$/m).pop()!).map((d) => d.toJS()).filter(Boolean)
        .map((o: any) => `${o.kind}/${o.metadata.name}`);
      expect(kinds(hooks)).toEqual([`Pod/${appSelfTestPodName('production')}`]);
      expect(kinds(manifest)).toEqual(['ConfigMap/app-self-test-production-script']);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { parse as parseYaml } from 'yaml';
import { CONNECTION, findObject, objectsOf, releases, synth } from './helpers';
import { EksHelmProvider, IngressControllerFlavor, PlatformAddons, PlatformAddonsStack } from '../../src/addons';
import { KubernetesVersion } from '../../src/cluster/kubernetes-version';

function platformStack(props: Partial<ConstructorParameters<typeof PlatformAddonsStack>[2]> = {}) {
  return new PlatformAddonsStack(Testing.app(), 'addons', { connection: CONNECTION, acmeEmail: 'devops@company.com', ...props });
}

describe('PlatformAddonsStack', () => {
  test('configures the Helm provider (3.x kubernetes object) with host, CA and aws eks get-token', () => {
    const json = synth(platformStack());
    expect(json.provider.helm).toEqual([{
      kubernetes: {
        host: CONNECTION.endpoint,
        cluster_ca_certificate: `\${base64decode("${CONNECTION.certificateAuthorityData}")}`,
        exec: {
          api_version: 'client.authentication.k8s.io/v1beta1',
          command: 'aws',
          args: ['eks', 'get-token', '--cluster-name', 'ai-agents-prod', '--region', 'us-east-1', '--output', 'json'],
        },
      },
    }]);
    expect(json.provider.aws).toBeUndefined(); // the add-ons stack needs no AWS credentials of its own
  });

  test('installs every add-on as a pinned Helm release', () => {
    const all = releases(synth(platformStack()));
    const pinned = Object.fromEntries(Object.values(all).filter((r) => r.repository).map((r) => [r.name, `${r.chart}@${r.version}`]));
    expect(pinned).toEqual({
      'aws-load-balancer-controller': 'aws-load-balancer-controller@3.5.0',
      'ingress-nginx': 'nginx-ingress@2.6.4',
      'cert-manager': 'cert-manager@v1.21.1',
      'otel-collector': 'opentelemetry-collector@0.170.0',
      'fluent-bit': 'aws-for-fluent-bit@0.2.0',
      'cluster-autoscaler': 'cluster-autoscaler@9.59.0',
    });
    expect(Object.keys(all).sort()).toEqual([
      'aws-load-balancer-controller', 'cert-manager', 'cluster-autoscaler', 'cluster-issuers', 'fluent-bit', 'ingress-nginx',
      'otel-collector', 'workload-baseline-production',
    ]);
  });

  test('fluentBitImageTag reaches the Fluent Bit release (a newer image without waiting for the library)', () => {
    const fb = (props = {}) => JSON.parse(releases(synth(platformStack(props)))['fluent-bit'].values[0]).image.tag;
    expect(fb()).toBe('3.4.13');
    expect(fb({ fluentBitImageTag: '3.4.20' })).toBe('3.4.20');
  });

  test('every values document reads the same as YAML (how Helm reads it) as it does as JSON', () => {
    const stack = platformStack();
    stack.addons.addTlsIngress({ host: 'example.com', serviceName: 'app-service', servicePort: 8000 });
    for (const r of Object.values(releases(synth(stack)))) {
      expect(parseYaml(r.values[0])).toEqual(JSON.parse(r.values[0]));
    }
  });

  test('the ingress controller waits for the load balancer controller', () => {
    const json = synth(platformStack());
    const lbc = Object.entries<any>(json.resource.helm_release).find(([, r]) => r.name === 'aws-load-balancer-controller')![0];
    expect(releases(json)['ingress-nginx'].depends_on).toEqual([`helm_release.${lbc}`]);
  });

  test('without a VPC ID no load balancer controller is installed', () => {
    const { vpcId, ...noVpc } = CONNECTION;
    expect(vpcId).toBeDefined();
    const all = releases(synth(platformStack({ connection: noVpc })));
    expect(all['aws-load-balancer-controller']).toBeUndefined();
    expect(all['ingress-nginx'].depends_on).toBeUndefined();
  });

  test('the runbook checks read off the synthesized output', () => {
    const stack = platformStack({ databaseCidrs: ['10.0.20.0/24'], cacheCidrs: ['10.0.30.0/24'] });
    stack.addons.addTlsIngress({ host: 'example.com', serviceName: 'app-service', servicePort: 8000 });
    const all = releases(synth(stack));
    // kubectl get clusterissuer -> letsencrypt-staging, letsencrypt-prod
    expect(objectsOf(all['cluster-issuers']).map((o) => o.metadata.name)).toEqual(['letsencrypt-staging', 'letsencrypt-prod']);
    const baseline = objectsOf(all['workload-baseline-production']);
    // kubectl auth can-i list pods / delete secrets --as=system:serviceaccount:production:app-sa -> yes / no
    expect(findObject(baseline, 'Role', 'app-sa-pod-reader').rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    // default deny
    expect(findObject(baseline, 'NetworkPolicy', 'default-deny-all').spec.policyTypes).toEqual(['Ingress', 'Egress']);
    // kubectl port-forward -n observability svc/otel-collector 8888:8888
    expect(all['otel-collector'].namespace).toBe('observability');
    expect(JSON.parse(all['otel-collector'].values[0]).ports.metrics.servicePort).toBe(8888);
    // kubectl get svc -n ingress-nginx ingress-nginx-controller
    expect(stack.addons.ingress.serviceName).toBe('ingress-nginx-controller');
    expect(findObject(baseline, 'Ingress', 'app-ingress').spec.tls[0].secretName).toBe('app-tls-cert');
  });

  test('IRSA role ARNs from the connection reach the service accounts', () => {
    const all = releases(synth(platformStack({
      connection: { ...CONNECTION, autoscalerRoleArn: 'arn:aws:iam::123456789012:role/ca', observabilityRoleArn: 'arn:aws:iam::123456789012:role/obs' },
    })));
    expect(JSON.parse(all['cluster-autoscaler'].values[0]).rbac.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::123456789012:role/ca');
    expect(JSON.parse(all['otel-collector'].values[0]).serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::123456789012:role/obs');
  });

  test('the legacy ingress flavor passes through', () => {
    const all = releases(synth(platformStack({
      ingressFlavor: IngressControllerFlavor.COMMUNITY_LEGACY, connection: { ...CONNECTION, kubernetesVersion: KubernetesVersion.V1_34 },
    })));
    expect(all['ingress-nginx'].chart).toBe('ingress-nginx');
  });

  test('the local chart is written into the stack output at synth time', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'addons-synth-'));
    const app = new App({ outdir });
    new PlatformAddonsStack(app, 'addons', { connection: CONNECTION, acmeEmail: 'devops@company.com' });
    app.synth();
    const stackDir = path.join(outdir, 'stacks', 'addons');
    const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    for (const name of ['cluster-issuers', 'workload-baseline-production']) {
      const chartDir = path.join(stackDir, releases(json)[name].chart);
      expect(fs.readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8')).toMatch(/^apiVersion: v2\nname: platform-objects\n/);
      expect(fs.readFileSync(path.join(chartDir, 'templates', 'objects.yaml'), 'utf8')).toContain('{{- range .Values.objects }}');
    }
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('single-stack mode: the add-ons go into any scope, with or without their own provider', () => {
    const app = Testing.app();
    const infra = new TerraformStack(app, 'infra');
    new EksHelmProvider(infra, 'helm', { connection: CONNECTION });
    new PlatformAddons(infra, 'platform', { connection: CONNECTION, acmeEmail: 'devops@company.com', createHelmProvider: false });
    const json = synth(infra);
    expect(json.provider.helm).toHaveLength(1);
    expect(releases(json)['cert-manager']).toBeDefined();
  });

  test('rejects an explicit load balancer controller without a VPC ID', () => {
    const { vpcId: _v, ...noVpc } = CONNECTION;
    expect(() => platformStack({ connection: noVpc, loadBalancerController: true })).toThrow(/connection.vpcId must be set when loadBalancerController is true/);
  });
});

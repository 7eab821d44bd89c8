import { Testing } from 'cdktf';
import { CONNECTION, emptyStack, releases, synth, valuesOf } from './helpers';
import { ClusterAutoscaler, PlatformAddonsStack } from '../../src/addons';
import { CLUSTER_AUTOSCALER_RELEASES } from '../../src/addons/private/cluster-autoscaler-releases';
import { EKS_VERSION_CALENDAR } from '../../src/cluster/eks-version-calendar';
import { KubernetesVersion } from '../../src/cluster/kubernetes-version';

describe('ClusterAutoscaler', () => {
  test('installs the pinned chart in kube-system with auto-discovery, region and the required extra args', () => {
    const { stack } = emptyStack();
    new ClusterAutoscaler(stack, 'ca', { clusterName: 'ai-agents-prod', region: 'us-east-1' });
    const r = releases(synth(stack))['cluster-autoscaler'];
    expect(r).toMatchObject({
      chart: 'cluster-autoscaler',
      repository: 'https://kubernetes.github.io/autoscaler',
      version: '9.59.0',
      namespace: 'kube-system',
    });
    const v = valuesOf(r);
    expect(v.cloudProvider).toBe('aws');
    expect(v.awsRegion).toBe('us-east-1');
    expect(v.autoDiscovery).toEqual({ clusterName: 'ai-agents-prod' });
    expect(v.extraArgs).toEqual({
      'balance-similar-node-groups': true,
      'skip-nodes-with-system-pods': false,
      'expander': 'least-waste',
    });
    expect(v.rbac.serviceAccount).toEqual({ create: true, name: 'cluster-autoscaler', annotations: {} });
    expect(v.replicaCount).toBe(2);
  });

  test('annotates the service account for IRSA only when a role is given', () => {
    const { stack } = emptyStack();
    new ClusterAutoscaler(stack, 'ca', { clusterName: 'c', region: 'us-east-1', roleArn: 'arn:aws:iam::123456789012:role/ca' });
    const v = valuesOf(releases(synth(stack))['cluster-autoscaler']);
    expect(v.rbac.serviceAccount.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/ca' });
  });

  test('rejects zero replicas', () => {
    const { stack } = emptyStack();
    expect(() => new ClusterAutoscaler(stack, 'ca', { clusterName: 'c', region: 'us-east-1', replicas: 0 })).toThrow(/replicas must be a whole number of at least 1/);
  });

  test('rejects a chart version range', () => {
    const { stack } = emptyStack();
    expect(() => new ClusterAutoscaler(stack, 'ca', { clusterName: 'c', region: 'us-east-1', chartVersion: '~9' })).toThrow(/chartVersion must be an exact chart version/);
  });
});

describe('ClusterAutoscaler image follows the cluster minor (upstream pairs autoscaler 1.N with Kubernetes 1.N)', () => {
  const imageOf = (props: Partial<ConstructorParameters<typeof ClusterAutoscaler>[2]>) => {
    const { stack } = emptyStack();
    new ClusterAutoscaler(stack, 'ca', { clusterName: 'c', region: 'us-east-1', ...props });
    return valuesOf(releases(synth(stack))['cluster-autoscaler']).image;
  };

  test('the default cluster version (1.35) gets the newest autoscaler 1.35 release, not the chart\'s app version', () => {
    expect(imageOf({})).toEqual({ tag: 'v1.35.2' });
  });

  test.each([[KubernetesVersion.V1_33, 'v1.33.6'], [KubernetesVersion.V1_34, 'v1.34.5'], [KubernetesVersion.V1_36, 'v1.36.1']])(
    'Kubernetes %s runs %s', (kubernetesVersion, tag) => {
      expect(imageOf({ kubernetesVersion })).toEqual({ tag });
    });

  test('every release fact pairs a minor with an autoscaler of that minor, for every calendar version', () => {
    for (const [minor, r] of Object.entries(CLUSTER_AUTOSCALER_RELEASES)) expect(r.version.startsWith(`${minor}.`)).toBe(true);
    expect(Object.keys(CLUSTER_AUTOSCALER_RELEASES)).toEqual(Object.keys(EKS_VERSION_CALENDAR));
  });

  test('PlatformAddons passes the connection\'s Kubernetes version', () => {
    const stack = new PlatformAddonsStack(Testing.app(), 'addons', {
      connection: { ...CONNECTION, kubernetesVersion: KubernetesVersion.V1_34 }, acmeEmail: 'devops@company.com',
    });
    expect(valuesOf(releases(synth(stack))['cluster-autoscaler']).image).toEqual({ tag: 'v1.34.5' });
  });

  test('an image tag can be pinned within the cluster minor', () => {
    expect(imageOf({ kubernetesVersion: KubernetesVersion.V1_34, imageTag: 'v1.34.4' })).toEqual({ tag: 'v1.34.4' });
  });

  test('refuses an image tag of another minor', () => {
    expect(() => imageOf({ kubernetesVersion: KubernetesVersion.V1_34, imageTag: 'v1.35.2' }))
      .toThrow(/ClusterAutoscaler 'ca': imageTag must be an autoscaler release of the cluster's minor version 1\.34/);
  });

  test('refuses a malformed image tag', () => {
    expect(() => imageOf({ imageTag: '1.35.2' })).toThrow(/imageTag must be a cluster-autoscaler release tag such as 'v1\.35\.2'/);
  });

  test('refuses a minor with no known release unless an image tag is given', () => {
    expect(() => imageOf({ kubernetesVersion: KubernetesVersion.of('1.37') }))
      .toThrow(/ClusterAutoscaler 'ca': kubernetesVersion has no cluster-autoscaler release in this library's facts \(got '1\.37'\)\. Give imageTag/);
    expect(imageOf({ kubernetesVersion: KubernetesVersion.of('1.37'), imageTag: 'v1.37.0' })).toEqual({ tag: 'v1.37.0' });
  });
});

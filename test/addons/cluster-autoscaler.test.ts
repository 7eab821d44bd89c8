import { emptyStack, releases, synth, valuesOf } from './helpers';
import { ClusterAutoscaler } from '../../src/addons';

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

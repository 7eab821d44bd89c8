import { emptyStack, releases, synth, valuesOf } from './helpers';
import { AwsLoadBalancerController } from '../../src/addons';

describe('AwsLoadBalancerController', () => {
  test('installs the pinned chart in kube-system for the cluster and VPC, without the Service mutator webhook', () => {
    const { stack } = emptyStack();
    new AwsLoadBalancerController(stack, 'lbc', { clusterName: 'ai-agents-prod', region: 'us-east-1', vpcId: 'vpc-0123456789abcdef0' });
    const r = releases(synth(stack))['aws-load-balancer-controller'];
    expect(r).toMatchObject({ chart: 'aws-load-balancer-controller', repository: 'https://aws.github.io/eks-charts', version: '1.14.0', namespace: 'kube-system' });
    expect(valuesOf(r)).toEqual({
      clusterName: 'ai-agents-prod',
      region: 'us-east-1',
      vpcId: 'vpc-0123456789abcdef0',
      replicaCount: 2,
      serviceAccount: { create: true, name: 'aws-load-balancer-controller', annotations: {} },
      enableServiceMutatorWebhook: false,
    });
  });

  test('rejects a chart version range', () => {
    const { stack } = emptyStack();
    expect(() => new AwsLoadBalancerController(stack, 'lbc', { clusterName: 'c', region: 'us-east-1', vpcId: 'vpc-1', chartVersion: 'latest' }))
      .toThrow(/chartVersion must be an exact chart version .*\(got 'latest'\)/);
  });
});

import { LBC_CHART_FACTS } from './facts/aws-load-balancer-controller-chart';
import { emptyStack, releases, synth, valuesOf } from './helpers';
import { AwsLoadBalancerController } from '../../src/addons';

describe('AwsLoadBalancerController', () => {
  test('installs the pinned chart in kube-system for the cluster and VPC, without the Service mutator webhook', () => {
    const { stack } = emptyStack();
    new AwsLoadBalancerController(stack, 'lbc', { clusterName: 'ai-agents-prod', region: 'us-east-1', vpcId: 'vpc-0123456789abcdef0' });
    const r = releases(synth(stack))['aws-load-balancer-controller'];
    expect(r).toMatchObject({ chart: 'aws-load-balancer-controller', repository: 'https://aws.github.io/eks-charts', version: '3.5.0', namespace: 'kube-system' });
    expect(valuesOf(r)).toEqual({
      clusterName: 'ai-agents-prod',
      region: 'us-east-1',
      vpcId: 'vpc-0123456789abcdef0',
      replicaCount: 2,
      topologySpreadConstraints: expect.any(Array),
      podDisruptionBudget: { maxUnavailable: 1 },
      serviceAccount: { create: true, name: 'aws-load-balancer-controller', annotations: {} },
      enableServiceMutatorWebhook: false,
      controllerConfig: { featureGates: { NLBGatewayAPI: false, ALBGatewayAPI: false } },
    });
  });

  test('turns off the Gateway API controllers v3 turns on (its feature gates, by the names the controller knows)', () => {
    const { stack } = emptyStack();
    const lbc = new AwsLoadBalancerController(stack, 'lbc', { clusterName: 'c', region: 'us-east-1', vpcId: 'vpc-1' });
    const gates = lbc.values.controllerConfig.featureGates;
    expect(Object.keys(gates).filter((g) => !(g in LBC_CHART_FACTS.featureGateDefaults))).toEqual([]);
    // Each gate set is one whose v3 default is on, and it is set off.
    expect(Object.entries(gates).filter(([g, on]) => on !== false || !LBC_CHART_FACTS.featureGateDefaults[g])).toEqual([]);
    expect(Object.keys(gates).sort()).toEqual(['ALBGatewayAPI', 'NLBGatewayAPI']);
  });

  describe('survives a node drain and a zone outage (it owns the ingress NLB)', () => {
    const { stack } = emptyStack();
    new AwsLoadBalancerController(stack, 'lbc', { clusterName: 'c', region: 'us-east-1', vpcId: 'vpc-1' });
    const release = releases(synth(stack))['aws-load-balancer-controller'];
    const values = valuesOf(release);

    test('every values key is one the pinned chart reads', () => {
      expect(release.version).toBe(LBC_CHART_FACTS.chartVersion);
      expect(Object.keys(values).filter((k) => !LBC_CHART_FACTS.valuesKeys.includes(k))).toEqual([]);
    });

    test('two replicas, spread over zones (hard) and nodes (soft), selecting the pods the chart labels', () => {
      expect(values.replicaCount).toBeGreaterThanOrEqual(2);
      const labels = LBC_CHART_FACTS.podLabels(release.name);
      expect(values.topologySpreadConstraints).toEqual([
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } },
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } },
      ]);
    });

    test('the chart renders a PodDisruptionBudget that keeps one replica running', () => {
      expect(LBC_CHART_FACTS.pdbRendersWhen(values)).toBe(true);
      expect(Object.keys(values.podDisruptionBudget).every((k) => LBC_CHART_FACTS.pdbSpecKeys.includes(k))).toBe(true);
      expect(values.replicaCount - values.podDisruptionBudget.maxUnavailable).toBeGreaterThanOrEqual(1);
      // The check can fail: with one replica the chart renders no budget at all.
      expect(LBC_CHART_FACTS.pdbRendersWhen({ ...values, replicaCount: 1 })).toBe(false);
    });
  });

  test('rejects a chart version range', () => {
    const { stack } = emptyStack();
    expect(() => new AwsLoadBalancerController(stack, 'lbc', { clusterName: 'c', region: 'us-east-1', vpcId: 'vpc-1', chartVersion: 'latest' }))
      .toThrow(/chartVersion must be an exact chart version .*\(got 'latest'\)/);
  });
});

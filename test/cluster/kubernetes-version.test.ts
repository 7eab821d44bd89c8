import { EksSupportType, KubernetesVersion } from '../../src/cluster/kubernetes-version';

describe('KubernetesVersion', () => {
  test('constants and of() carry the minor version', () => {
    expect(KubernetesVersion.V1_32.version).toBe('1.32');
    expect(KubernetesVersion.V1_33.version).toBe('1.33');
    expect(KubernetesVersion.V1_34.version).toBe('1.34');
    expect(KubernetesVersion.of('1.35').version).toBe('1.35');
    expect(EksSupportType.EXTENDED.value).toBe('EXTENDED');
  });

  test.each(['v1.35', '1.35.2', '1.3', '2.01', 'latest', ''])('rejects malformed version %p', (v) => {
    expect(() => KubernetesVersion.of(v)).toThrow(/KubernetesVersion: version must be a Kubernetes minor version in the form '1\.NN'/);
  });

  test('rejects versions past the end of EKS support', () => {
    expect(() => KubernetesVersion.of('1.29')).toThrow(/must be 1\.30 or newer/);
  });
});

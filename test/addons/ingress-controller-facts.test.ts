import { IngressControllerFlavor } from '../../src/addons';
import { KubernetesVersion } from '../../src/cluster/kubernetes-version';
import { compareVersions, INGRESS_CONTROLLER_FACTS } from '../facts/ingress-controllers';

const FLAVORS = [IngressControllerFlavor.F5_NGINX, IngressControllerFlavor.COMMUNITY_LEGACY];
const factsOf = (chart: string) => {
  const f = INGRESS_CONTROLLER_FACTS.find((x) => x.chart === chart);
  if (!f) throw new Error(`no ingress controller facts for ${chart}`);
  return f;
};

describe('ingress controller pins against upstream facts', () => {
  test.each(FLAVORS.map((f) => [f.name, f]))('%s: the pinned chart carries every known security fix', (_, flavor) => {
    const facts = factsOf(flavor.chart);
    expect(compareVersions(flavor.defaultChartVersion, facts.patchedFrom)).toBeGreaterThanOrEqual(0);
  });

  test('the default flavor is tested upstream on the default Kubernetes version', () => {
    const { min, max } = factsOf(IngressControllerFlavor.F5_NGINX.chart).kubernetes;
    const v = KubernetesVersion.V1_35.version;
    expect(compareVersions(v, min) >= 0 && compareVersions(v, max) <= 0).toBe(true);
  });

  test('versions compare numerically', () => {
    expect(compareVersions('2.6.10', '2.6.2')).toBeGreaterThan(0);
    expect(compareVersions('2.5.1', '2.6.2')).toBeLessThan(0);
    expect(compareVersions('v1.35', '1.35')).toBe(0);
  });
});

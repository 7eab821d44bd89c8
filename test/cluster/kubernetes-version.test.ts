import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { clusterIn } from './fixtures';
import { EKS_VERSION_CALENDAR } from '../../src/cluster/eks-version-calendar';
import { HaEksCluster } from '../../src/cluster/ha-eks-cluster';
import { EksSupportType, KubernetesVersion, TODAY_CONTEXT_KEY } from '../../src/cluster/kubernetes-version';

/** A cluster built in an app whose synth date is `today`; returns the cluster and its warnings. */
function clusterOn(today: string | undefined, props: { kubernetesVersion?: KubernetesVersion; supportType?: EksSupportType } = {}) {
  const app = Testing.app({ context: today ? { [TODAY_CONTEXT_KEY]: today } : {} });
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const cluster: HaEksCluster = clusterIn(stack, props);
  const warnings = cluster.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
  return { cluster, warnings };
}

describe('KubernetesVersion', () => {
  test('constants and of() carry the minor version', () => {
    expect(KubernetesVersion.V1_32.version).toBe('1.32');
    expect(KubernetesVersion.V1_33.version).toBe('1.33');
    expect(KubernetesVersion.V1_34.version).toBe('1.34');
    expect(KubernetesVersion.V1_35.version).toBe('1.35');
    expect(KubernetesVersion.V1_36.version).toBe('1.36');
    expect(KubernetesVersion.of('1.37').version).toBe('1.37');
    expect(EksSupportType.EXTENDED.value).toBe('EXTENDED');
  });

  test('support dates come from the one calendar table (EKS user guide)', () => {
    expect(KubernetesVersion.V1_34.endOfStandardSupport).toBe('2026-12-02');
    expect(KubernetesVersion.V1_35.endOfStandardSupport).toBe('2027-03-27');
    expect(KubernetesVersion.of('1.31').endOfExtendedSupport).toBe('2026-11-26');
    expect(KubernetesVersion.of('1.37').endOfStandardSupport).toBeUndefined();
    // Every row: 14 months of standard support after the release, 12 more of extended support.
    for (const [v, d] of Object.entries(EKS_VERSION_CALENDAR)) {
      const months = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
      expect([v, months(d.eksRelease, d.endOfStandardSupport), months(d.endOfStandardSupport, d.endOfExtendedSupport)]).toEqual([v, 14, 12]);
    }
  });

  test.each(['v1.35', '1.35.2', '1.3', '2.01', 'latest', ''])('rejects malformed version %p', (v) => {
    expect(() => KubernetesVersion.of(v)).toThrow(/KubernetesVersion: version must be a Kubernetes minor version in the form '1\.NN'/);
  });

  test('rejects versions older than the calendar', () => {
    expect(() => KubernetesVersion.of('1.29')).toThrow(/must be 1\.30 or newer.*Use KubernetesVersion\.V1_35 \(the default\)/);
  });
});

describe('EKS version support policy at synth', () => {
  test('the default is 1.35, with well over 90 days of standard support left on 2026-12-01 and no warning', () => {
    const { cluster, warnings } = clusterOn('2026-12-01');
    expect(cluster.kubernetesVersion.version).toBe('1.35');
    expect(warnings).toEqual([]);
  });

  test.each([['1.30', '2026-07-23'], ['1.31', '2026-11-26']])('refuses %s, past the end of extended support (%s), whatever the support type', (v, end) => {
    for (const supportType of [EksSupportType.STANDARD, EksSupportType.EXTENDED]) {
      expect(() => clusterOn('2026-12-01', { kubernetesVersion: KubernetesVersion.of(v), supportType }))
        .toThrow(new RegExp(`HaEksCluster 'eks': kubernetesVersion is past the end of EKS extended support \\(${end}; today is 2026-12-01\\)`));
    }
  });

  test('refuses a version past the end of standard support with support type STANDARD (EKS would upgrade it itself)', () => {
    expect(() => clusterOn('2026-12-03', { kubernetesVersion: KubernetesVersion.V1_34 }))
      .toThrow(/kubernetesVersion is past the end of EKS standard support \(2026-12-02; today is 2026-12-03\): with supportType STANDARD, EKS upgrades the control plane itself.*set supportType: EksSupportType.EXTENDED/);
  });

  test('accepts it with support type EXTENDED, warning 90 days before extended support ends', () => {
    expect(clusterOn('2026-12-03', { kubernetesVersion: KubernetesVersion.V1_34, supportType: EksSupportType.EXTENDED }).warnings).toEqual([]);
    expect(clusterOn('2027-09-10', { kubernetesVersion: KubernetesVersion.V1_34, supportType: EksSupportType.EXTENDED }).warnings)
      .toEqual([expect.stringMatching(/Kubernetes 1\.34 leaves EKS extended support on 2027-12-02 \(in 83 days\)/)]);
  });

  test('warns when the version leaves standard support within 90 days (1.34 on 2026-12-01: tomorrow)', () => {
    const { warnings } = clusterOn('2026-12-01', { kubernetesVersion: KubernetesVersion.V1_34 });
    expect(warnings).toEqual([expect.stringMatching(
      /^HaEksCluster 'eks': Kubernetes 1\.34 leaves EKS standard support on 2026-12-02 \(in 1 days\): EKS then upgrades the control plane itself/)]);
  });

  test('warns from 90 days before the end of standard support, not 91', () => {
    expect(clusterOn('2026-12-27').warnings).toEqual([expect.stringMatching(/1\.35 leaves EKS standard support on 2027-03-27 \(in 90 days\)/)]);
    expect(clusterOn('2026-12-26').warnings).toEqual([]);
  });

  test('a version newer than the calendar synthesizes with a warning that its dates are unchecked', () => {
    expect(clusterOn('2026-12-01', { kubernetesVersion: KubernetesVersion.of('1.37') }).warnings)
      .toEqual([expect.stringMatching(/Kubernetes 1\.37 is not in this library's EKS release calendar/)]);
  });

  test('the date comes from the context, else EKS_PLATFORM_TODAY (set by the test setup), and must be YYYY-MM-DD', () => {
    expect(process.env.EKS_PLATFORM_TODAY).toBe('2026-12-01');
    expect(clusterOn(undefined, { kubernetesVersion: KubernetesVersion.V1_34 }).warnings).toHaveLength(1);
    expect(() => clusterOn('1 Dec 2026')).toThrow(/context 'cdktf-eks-platform:today' \(or EKS_PLATFORM_TODAY\) must be a date in the form YYYY-MM-DD/);
  });

});

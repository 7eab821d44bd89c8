import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { CONNECTION, emptyStack, releases, synth } from './helpers';
import { buildGuideEnvironment } from '../../examples/prod/environment';
import {
  AwsLoadBalancerController, CertManager, ClusterAutoscaler, IngressControllerFlavor, IngressNginx, Observability, PlatformAddonsStack,
} from '../../src/addons';
import { componentLineOf, endOfSupportOf } from '../../src/addons/private/component-support';
import { AUTOSCALER_IMAGE, COMPONENT_CALENDAR, FLUENT_BIT_IMAGE, COMPONENT_CALENDAR_REVIEWED } from '../../src/cluster/component-calendar';
import { EKS_VERSION_CALENDAR } from '../../src/cluster/eks-version-calendar';
import { KubernetesVersion, TODAY_CONTEXT_KEY } from '../../src/cluster/kubernetes-version';

/** A stack whose support checks see `today` (else the test setup's 2026-12-01). */
function stackOn(today?: string): TerraformStack {
  const app = Testing.app({ context: today ? { [TODAY_CONTEXT_KEY]: today } : {} });
  return new TerraformStack(app, 'addons');
}
/** Builds constructs into a fresh stack and synthesizes it with validations: a refusal throws there. */
function synthOf(build: (stack: TerraformStack) => void): () => void {
  return () => { const { stack } = emptyStack(); build(stack); synth(stack); };
}
const warningsOf = (c: Construct): string[] => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));

describe('component calendar data', () => {
  test.each(Object.entries(COMPONENT_CALENDAR))('%s: every row is well-formed, sourced, oldest first, and its end rule resolves', (_, entry) => {
    expect(entry.source).toMatch(/https:\/\/github\.com\/\S+ .*[0-9a-f]{7,40}|[0-9a-f]{40}/);
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    const released = entry.lines.map((l) => l.released);
    expect(released).toEqual([...released].sort());
    for (const l of entry.lines) {
      expect(l.released).toMatch(iso);
      if (l.endOfSupport) expect(l.endOfSupport > l.released).toBe(true);
      expect(l.endOfSupport !== undefined && l.endsWithReleaseOf !== undefined).toBe(false);
      for (const k of [l.kubernetesMin, l.kubernetesMax]) if (k !== undefined) expect(k).toMatch(/^1\.\d{2}$/);
      // "until the release of X" resolves to X's release date once X is in the calendar, and X comes after
      const end = endOfSupportOf(entry, l);
      if (l.endsWithReleaseOf && entry.lines.some((o) => o.line === l.endsWithReleaseOf)) expect(end! > l.released).toBe(true);
    }
  });

  test('the calendar was reviewed no later than the test date, so the stale rule does not fire in the other tests', () => {
    expect(COMPONENT_CALENDAR_REVIEWED <= process.env.EKS_PLATFORM_TODAY!).toBe(true);
  });
});

/**
 * The library's actual pins: every chart a `helm_release` installs from a repository, and the autoscaler image
 * tag, as synthesized for both ingress flavors on every Kubernetes minor of the EKS calendar. A combination the
 * calendar refuses (a line that cannot run that minor) needed the pin's row to be refused, so it counts as covered.
 */
function libraryPins(): { pins: Array<{ key: string; pin: string }>; refusals: string[]; notInCalendar: string[] } {
  const pins: Array<{ key: string; pin: string }> = [];
  const refusals: string[] = [];
  const notInCalendar: string[] = [];
  for (const flavor of [IngressControllerFlavor.F5_NGINX, IngressControllerFlavor.COMMUNITY_LEGACY]) {
    for (const minor of Object.keys(EKS_VERSION_CALENDAR)) {
      const stack = new PlatformAddonsStack(Testing.app(), 'addons', {
        connection: { ...CONNECTION, kubernetesVersion: KubernetesVersion.of(minor) }, acmeEmail: 'devops@company.com', ingressFlavor: flavor,
      });
      notInCalendar.push(...stack.node.findAll().flatMap(warningsOf).filter((w) => /not in this library's component calendar/.test(w)));
      let json: any;
      try {
        json = synth(stack);
      } catch (e) {
        refusals.push(String(e));
        continue;
      }
      for (const r of Object.values(releases(json)).filter((x: any) => x.repository)) pins.push({ key: r.chart, pin: r.version });
      pins.push({ key: AUTOSCALER_IMAGE, pin: stack.addons.clusterAutoscaler.imageTag });
      const fluentBitImage = stack.addons.observability.fluentBitImage;
      if (fluentBitImage) pins.push({ key: FLUENT_BIT_IMAGE, pin: fluentBitImage.split(':').pop()! });
    }
  }
  // The autoscaler image on its own: a refused chart above stops the platform before the autoscaler is built.
  for (const minor of Object.keys(EKS_VERSION_CALENDAR)) {
    const ca = new ClusterAutoscaler(stackOn(), 'ca', { clusterName: 'c', region: 'us-east-1', kubernetesVersion: KubernetesVersion.of(minor) });
    pins.push({ key: AUTOSCALER_IMAGE, pin: ca.imageTag });
  }
  return { pins, refusals, notInCalendar };
}

describe('every pin in the library has a calendar row', () => {
  const { pins, refusals, notInCalendar } = libraryPins();

  test('no pin synthesizes with a "not in the calendar" warning, and every refusal is a calendar range refusal', () => {
    expect(notInCalendar).toEqual([]);
    for (const r of refusals) expect(r).toMatch(/chartVersion is .* which supports Kubernetes .*, not the cluster's/);
  });

  test('the scan finds every chart the library installs and the autoscaler image on every minor', () => {
    expect([...new Set(pins.map((p) => p.key))].sort()).toEqual(Object.keys(COMPONENT_CALENDAR).sort());
    expect(pins.filter((p) => p.key === AUTOSCALER_IMAGE).length).toBeGreaterThanOrEqual(Object.keys(EKS_VERSION_CALENDAR).length);
  });

  test.each([...new Map(pins.map((p) => [`${p.key} ${p.pin}`, p])).values()].map((p) => [`${p.key} ${p.pin}`, p]))('%s', (_, p) => {
    expect(componentLineOf(p.key, p.pin)).toBeDefined();
  });

  test('every file that installs a chart from a repository runs the calendar check on its pin', () => {
    const src = path.join(__dirname, '..', '..', 'src');
    const files = fs.readdirSync(src, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))
      .map((f) => ({ f, text: fs.readFileSync(path.join(src, f), 'utf8') }))
      .filter(({ text }) => /new Release\(/.test(text) && /repository:/.test(text));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const { f, text } of files) {
      expect([f, (text.match(/new Release\(/g) ?? []).length <= (text.match(/checkComponentSupport\(/g) ?? []).length]).toEqual([f, true]);
    }
  });
});

describe('synth refuses a pin whose line cannot run the cluster version', () => {
  test('the refusal is a validation: the construct builds, its stack does not synthesize', () => {
    const { stack } = emptyStack();
    expect(() => new CertManager(stack, 'cert-manager', { acmeEmail: 'devops@company.com', chartVersion: 'v1.19.2', kubernetesVersion: KubernetesVersion.V1_36 }))
      .not.toThrow();
    expect(() => synth(stack)).toThrow(/chartVersion is cert-manager 1\.19/);
    expect(synthOf((s) => new CertManager(s, 'cert-manager', { acmeEmail: 'devops@company.com', chartVersion: 'v1.19.2', kubernetesVersion: KubernetesVersion.V1_35 })))
      .not.toThrow();
  });

  test('cert-manager 1.19 on Kubernetes 1.36 names the pin, the cluster version and the fix (1.21)', () => {
    expect(synthOf((s) => new CertManager(s, 'cert-manager', { acmeEmail: 'devops@company.com', chartVersion: 'v1.19.2', kubernetesVersion: KubernetesVersion.V1_36 })))
      .toThrow(/CertManager 'cert-manager': chartVersion is cert-manager 1\.19, which supports Kubernetes 1\.31-1\.35, not the cluster's 1\.36 \(got 'v1\.19\.2'\)\. Pin cert-manager 1\.21 \(chartVersion v1\.21\.x\), the newest line that supports Kubernetes 1\.36/);
  });

  test('F5 NGINX 5.4 (chart 2.5) on 1.36 points at 5.5 (chart 2.6); community 4.14 on 1.35 at 4.15', () => {
    expect(synthOf((s) => new IngressNginx(s, 'ingress', { chartVersion: '2.5.1', kubernetesVersion: KubernetesVersion.V1_36 })))
      .toThrow(/F5 NGINX Ingress Controller 5\.4, which supports Kubernetes 1\.28-1\.35, not the cluster's 1\.36.*Pin F5 NGINX Ingress Controller 5\.5 \(chartVersion 2\.6\.x\)/);
    expect(synthOf((s) => new IngressNginx(s, 'ingress', { flavor: IngressControllerFlavor.COMMUNITY_LEGACY, chartVersion: '4.14.1' })))
      .toThrow(/community ingress-nginx v1\.14, which supports Kubernetes 1\.30-1\.34, not the cluster's 1\.35.*community ingress-nginx v1\.15 \(chartVersion 4\.15\.x\)/);
  });

  test('a Kubernetes version no line supports says so and lists the ranges', () => {
    expect(synthOf((s) => new CertManager(s, 'cert-manager', { acmeEmail: 'devops@company.com', chartVersion: 'v1.21.0', kubernetesVersion: KubernetesVersion.of('1.37') })))
      .toThrow(/supports Kubernetes 1\.33-1\.36, not the cluster's 1\.37.*1\.19: 1\.31-1\.35; 1\.20: 1\.32-1\.35; 1\.21: 1\.33-1\.36.*no cert-manager line in this library's calendar supports Kubernetes 1\.37/);
  });

  test('a line with no upper bound upstream (the load balancer controller: 1.22+) is accepted on a newer minor', () => {
    expect(synthOf((s) => new AwsLoadBalancerController(s, 'lbc', { clusterName: 'c', region: 'us-east-1', vpcId: 'vpc-1', chartVersion: '3.5.0', kubernetesVersion: KubernetesVersion.of('1.37') })))
      .not.toThrow();
  });
});

describe('synth warns near and past a pin\'s end of support', () => {
  test('past: cert-manager v1.19.2 on the test date names the component, the pin and the newest supported line', () => {
    const cm = new CertManager(stackOn(), 'cert-manager', { acmeEmail: 'devops@company.com', chartVersion: 'v1.19.2' });
    expect(warningsOf(cm)).toEqual([expect.stringMatching(
      /cert-manager v1\.19\.2 \(line 1\.19\) is past its end of support \(2026-07-08; today is 2026-12-01\).*Upgrade to cert-manager 1\.21 \(chartVersion v1\.21\.x\).*docs\/upgrading\/cert-manager\.md/)]);
  });

  test('within 60 days: the newest line released by then (1.20, not 1.21 released later) is the fix', () => {
    const cm = new CertManager(stackOn('2026-05-20'), 'cert-manager', { acmeEmail: 'devops@company.com', chartVersion: 'v1.19.2' });
    expect(warningsOf(cm)).toEqual([expect.stringMatching(/cert-manager v1\.19\.2 \(line 1\.19\) reaches its end of support on 2026-07-08 \(in 49 days.*Upgrade to cert-manager 1\.20 /)]);
    const early = new CertManager(stackOn('2026-05-08'), 'cert-manager', { acmeEmail: 'devops@company.com', chartVersion: 'v1.19.2' });
    expect(warningsOf(early)).toEqual([]); // 61 days before
  });

  test('"latest minor only": the load balancer controller v2.14 ended when v2.15 was released', () => {
    const lbc = (today: string) => warningsOf(new AwsLoadBalancerController(stackOn(today), 'lbc', { clusterName: 'c', region: 'us-east-1', vpcId: 'vpc-1', chartVersion: '1.14.0' }));
    expect(lbc('2025-11-14')).toEqual([expect.stringMatching(/AWS Load Balancer Controller 1\.14\.0 \(line v2\.14\) reaches its end of support on 2025-11-14 \(in 0 days/)]);
    expect(lbc('2026-12-01')).toEqual([expect.stringMatching(/1\.14\.0 \(line v2\.14\) is past its end of support \(2025-11-14.*Upgrade to AWS Load Balancer Controller v3\.5 \(chartVersion 3\.5\.x\)/)]);
  });

  test('open-ended lines (upstream states no end) warn only once the calendar is stale, naming the newest line known', () => {
    const obs = (today: string) => warningsOf(new Observability(stackOn(today), 'obs', { clusterName: 'c', region: 'us-east-1', collectorChartVersion: '0.170.0' }));
    expect(obs('2026-12-01')).toEqual([]);
    expect(obs('2027-06-01')).toEqual([
      expect.stringMatching(/OpenTelemetry collector chart 0\.170\.0 \(line 0\.170\) may be past its end of support: upstream states no end of support.*last reviewed on 2026-08-22.*Newest line known: 0\.170/),
      expect.stringMatching(/aws-for-fluent-bit chart 0\.2\.\d+ \(line 0\.2\) may be past its end of support/),
      expect.stringMatching(/AWS for Fluent Bit image 3\.4\.13 \(line 3\.4\) may be past its end of support.*Newest line known: 3\.4/),
    ]);
  });

  test('a Fluent Bit image minor that AWS no longer rebuilds warns, naming the line to move to', () => {
    const obs = new Observability(stackOn('2026-12-01'), 'obs', { clusterName: 'c', region: 'us-east-1', fluentBitImageTag: '3.2.1' });
    expect(warningsOf(obs)).toEqual([
      expect.stringMatching(/AWS for Fluent Bit image 3\.2\.1 \(line 3\.2\) is past its end of support \(2026-07-08.*Upgrade to AWS for Fluent Bit image 3\.4 \(fluentBitImageTag 3\.4\.x\)/),
    ]);
  });

  test('a user pin the calendar does not know warns instead of failing', () => {
    const cm = new CertManager(stackOn(), 'cert-manager', { acmeEmail: 'devops@company.com', chartVersion: 'v1.22.0' });
    expect(warningsOf(cm)).toEqual([expect.stringMatching(/cert-manager v1\.22\.0 \(chartVersion\) is not in this library's component calendar.*Known lines: 1\.19, 1\.20, 1\.21/)]);
  });

  test('the autoscaler image follows its Kubernetes minor: no date warning of its own, the EKS calendar covers it', () => {
    const ca = new ClusterAutoscaler(stackOn('2028-12-01'), 'ca', { clusterName: 'c', region: 'us-east-1', kubernetesVersion: KubernetesVersion.V1_35 });
    expect(warningsOf(ca).filter((w) => /cluster-autoscaler image/.test(w))).toEqual([]);
  });
});

describe('examples/prod two years ahead', () => {
  /**
   * The example's environment with the in-cluster stack's date two years after the test date. (The infrastructure
   * stack keeps the test date: by then the example's Kubernetes 1.35 is past EKS extended support, and the EKS check
   * refuses the cluster, as it should.)
   */
  test('warns for each pinned chart past (or no longer confirmed within) its end of support, by component and pin', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'ahead-')) });
    const inCluster = new TerraformStack(app, 'ai-agents-prod-in-cluster');
    inCluster.node.setContext(TODAY_CONTEXT_KEY, '2028-12-01');
    buildGuideEnvironment(app, {
      acmeEmail: 'platform-oncall@payments.acme.io', adminRoleArn: 'arn:aws:iam::210987654321:role/platform-admin', apiCidrs: [], owner: 'payments',
    }, { addonsStack: inCluster });
    const warnings = warningsOfTree(inCluster);
    const charts = Object.values(releases(synth(inCluster))).filter((r: any) => r.repository);
    expect(charts.length).toBeGreaterThanOrEqual(6);
    for (const r of charts) {
      const entry = COMPONENT_CALENDAR[r.chart];
      expect([r.chart, warnings.filter((w) => w.includes(`${entry.name} ${r.version} (line `)
        && /is past its end of support|may be past its end of support/.test(w))]).toEqual([r.chart, [expect.any(String)]]);
    }
  });
});

function warningsOfTree(c: Construct): string[] {
  return c.node.findAll().flatMap(warningsOf);
}

/**
 * The component calendar: for each in-cluster component the library pins (a Helm chart, or the cluster
 * autoscaler's image), each release line's release date, end of support where upstream states one, the
 * Kubernetes versions it supports, and where each fact came from. It sits beside the EKS calendar
 * (eks-version-calendar.ts) and is checked at synth by `checkComponentSupport` (addons/private/component-support.ts):
 *
 * - a pin whose line's Kubernetes range excludes the cluster's version fails synth (a validation of its
 *   stack), naming the newest line that supports that version;
 * - a pin whose line is past its end of support, or within `COMPONENT_WARNING_DAYS` of it, warns (cdktf
 *   annotation) naming the component, the pin and the newest supported line;
 * - a pin in no row warns that it is not in the calendar (a user's `chartVersion` may be newer than this file).
 *
 * End of support comes in three kinds, because upstreams state it in three ways:
 * - a date (`endOfSupport`): cert-manager's past lines, community ingress-nginx's retirement;
 * - the release of a later line (`endsWithReleaseOf`): cert-manager ("until the release of the second
 *   subsequent minor"), the AWS Load Balancer Controller and F5 NGINX Ingress Controller (only the latest minor
 *   gets fixes). The end date is that line's `released` date once the calendar has its row; until then the line
 *   is open-ended. So a "latest minor only" rule is only as good as the newest row here;
 * - nothing stated (`endsWithReleaseOf` and `endOfSupport` both unset): the OpenTelemetry collector chart,
 *   aws-for-fluent-bit, the cluster-autoscaler chart.
 * An open-ended line cannot be judged against a date, so the check treats the calendar itself as the fact that
 * ages: once the synth date is more than `COMPONENT_CALENDAR_STALE_DAYS` after `COMPONENT_CALENDAR_REVIEWED`,
 * every pin on an open-ended line warns that its support can no longer be confirmed (refresh this file).
 * Lines with `followsKubernetes` (the autoscaler image, built per Kubernetes minor) are supported as long as
 * that Kubernetes minor is: the EKS calendar's check covers them, and this one checks only the range.
 *
 * When upstream releases a line: add its row (with source), and the tests say what else must follow.
 */

/** The day the rows below were last compared with upstream (the newest upstream snapshot read). */
export const COMPONENT_CALENDAR_REVIEWED = '2026-08-22';
/** Open-ended lines warn once the synth date is this many days past `COMPONENT_CALENDAR_REVIEWED`. */
export const COMPONENT_CALENDAR_STALE_DAYS = 180;
/** Warn this many days before a line's end of support. */
export const COMPONENT_WARNING_DAYS = 60;

/** One release line of a component. */
export interface ComponentLine {
  /** Upstream's name of the line (the application's minor version, e.g. '1.21', 'v2.14', '5.5'). */
  readonly line: string;
  /** The pinned versions this line covers: the pin's `MAJOR.MINOR` (chart version, or image tag), e.g. 'v1.21', '1.14', '2.6'. */
  readonly pins: string;
  /** Release date of the line's first version (ISO, UTC). */
  readonly released: string;
  /** Last day of support, when upstream states a date. */
  readonly endOfSupport?: string;
  /** The line whose release ends this one's support (upstream's rule), when it states one. */
  readonly endsWithReleaseOf?: string;
  /** The line is supported while its Kubernetes minor is (the EKS calendar decides). */
  readonly followsKubernetes?: boolean;
  /** Oldest Kubernetes minor upstream supports (or tests) the line on; unset when upstream states none. */
  readonly kubernetesMin?: string;
  /** Newest Kubernetes minor upstream supports (or tests) the line on; unset when upstream states no upper bound. */
  readonly kubernetesMax?: string;
}

/** A component: its release lines (oldest first), upstream's support policy in a few words, and the sources. */
export interface ComponentCalendarEntry {
  /** Human name of the component, used in messages. */
  readonly name: string;
  /** Upstream's support policy, in a few words (with what the check does when it states no end). */
  readonly policy: string;
  /** Where the rows came from: repository and commit (or URL) of each fact. */
  readonly source: string;
  /** Where to read how to upgrade (README "Upgrading" or a docs/upgrading/ note). */
  readonly upgradeNotes: string;
  readonly lines: readonly ComponentLine[];
}

/** Key of the cluster autoscaler's image in `COMPONENT_CALENDAR` (the other keys are Helm chart names). */
export const AUTOSCALER_IMAGE = 'cluster-autoscaler-image';
/** Key of the AWS for Fluent Bit image in `COMPONENT_CALENDAR` (the library pins it over the chart's default). */
export const FLUENT_BIT_IMAGE = 'aws-for-fluent-bit-image';

const LBC_SOURCE = 'support policy: docs/index.md "Support Policy"; Kubernetes: docs/deploy/installation.md ("v2.5.0+ requires Kubernetes 1.22+", no upper bound); '
  + 'release dates: tags vX.Y.0; all in https://github.com/kubernetes-sigs/aws-load-balancer-controller at 225f44568848eb25f13e304a5f1cc68c0cd9415d (2026-08-17); '
  + 'chart 1.N.x carries v2.N.x, chart 3.x carries v3.x (helm/aws-load-balancer-controller/Chart.yaml at the tags)';

/** Keyed by Helm chart name (the `chart` of the `helm_release`), plus `AUTOSCALER_IMAGE`. */
export const COMPONENT_CALENDAR: { readonly [key: string]: ComponentCalendarEntry } = {
  'cert-manager': {
    name: 'cert-manager',
    policy: 'each minor is supported until the release of the second subsequent minor (dated once that happened)',
    source: 'https://github.com/cert-manager/website/blob/776e5dba56510fc9de84206b806b568447077f25/content/docs/releases/README.md '
      + '(supported and old releases tables, 2026-08-22)',
    upgradeNotes: 'docs/upgrading/cert-manager.md',
    lines: [
      { line: '1.19', pins: 'v1.19', released: '2025-10-07', endOfSupport: '2026-07-08', kubernetesMin: '1.31', kubernetesMax: '1.35' },
      { line: '1.20', pins: 'v1.20', released: '2026-03-10', endsWithReleaseOf: '1.22', kubernetesMin: '1.32', kubernetesMax: '1.35' },
      { line: '1.21', pins: 'v1.21', released: '2026-07-08', endsWithReleaseOf: '1.23', kubernetesMin: '1.33', kubernetesMax: '1.36' },
    ],
  },
  'aws-load-balancer-controller': {
    name: 'AWS Load Balancer Controller',
    policy: 'AWS patches only the latest minor: a line ends with the release of the next',
    source: LBC_SOURCE,
    upgradeNotes: 'docs/upgrading/aws-load-balancer-controller-v3.md',
    lines: [
      { line: 'v2.14', pins: '1.14', released: '2025-10-02', endsWithReleaseOf: 'v2.15', kubernetesMin: '1.22' },
      { line: 'v2.15', pins: '1.15', released: '2025-11-14', endsWithReleaseOf: 'v2.16', kubernetesMin: '1.22' },
      { line: 'v2.16', pins: '1.16', released: '2025-11-20', endsWithReleaseOf: 'v2.17', kubernetesMin: '1.22' },
      { line: 'v2.17', pins: '1.17', released: '2025-12-19', endsWithReleaseOf: 'v3.0', kubernetesMin: '1.22' },
      { line: 'v3.0', pins: '3.0', released: '2026-01-23', endsWithReleaseOf: 'v3.1', kubernetesMin: '1.22' },
      { line: 'v3.1', pins: '3.1', released: '2026-02-24', endsWithReleaseOf: 'v3.2', kubernetesMin: '1.22' },
      { line: 'v3.2', pins: '3.2', released: '2026-04-03', endsWithReleaseOf: 'v3.3', kubernetesMin: '1.22' },
      { line: 'v3.3', pins: '3.3', released: '2026-05-05', endsWithReleaseOf: 'v3.4', kubernetesMin: '1.22' },
      { line: 'v3.4', pins: '3.4', released: '2026-06-02', endsWithReleaseOf: 'v3.5', kubernetesMin: '1.22' },
      { line: 'v3.5', pins: '3.5', released: '2026-08-03', endsWithReleaseOf: 'v3.6', kubernetesMin: '1.22' },
    ],
  },
  'nginx-ingress': {
    name: 'F5 NGINX Ingress Controller',
    policy: 'F5 provides software updates for the most recent release only: a line ends with the release of the next',
    source: 'https://github.com/nginx/documentation/blob/76d2906026e513dda715e6017c2b268326ef0098/content/nic/technical-specifications.md '
      + '(support statement), content/includes/nic/compatibility-tables/nic-k8s.md and content/nic/changelog/_index.md '
      + '(release dates, "fully tested on Kubernetes" ranges, chart 2.N.x = NIC 5.(N-1).x) at the same commit (2026-08-21)',
    upgradeNotes: 'docs/upgrading/nginx-ingress.md',
    lines: [
      { line: '5.4', pins: '2.5', released: '2026-03-20', endsWithReleaseOf: '5.5', kubernetesMin: '1.28', kubernetesMax: '1.35' },
      { line: '5.5', pins: '2.6', released: '2026-05-29', endsWithReleaseOf: '5.6', kubernetesMin: '1.29', kubernetesMax: '1.36' },
    ],
  },
  'ingress-nginx': {
    name: 'community ingress-nginx',
    policy: 'retired: best-effort maintenance until March 2026, then no releases or security fixes',
    source: 'https://github.com/kubernetes/ingress-nginx/blob/dbb11b92ddb77bee9c35e462479129354c84f939/README.md '
      + '("Ingress NGINX Retirement" and "Supported Versions table", 2026-03-20); release dates: tags helm-chart-4.N.0',
    upgradeNotes: 'docs/upgrading/ingress-nginx-community.md',
    lines: [
      { line: 'v1.14', pins: '4.14', released: '2025-11-03', endOfSupport: '2026-03-31', kubernetesMin: '1.30', kubernetesMax: '1.34' },
      { line: 'v1.15', pins: '4.15', released: '2026-03-10', endOfSupport: '2026-03-31', kubernetesMin: '1.31', kubernetesMax: '1.35' },
    ],
  },
  'opentelemetry-collector': {
    name: 'OpenTelemetry collector chart',
    policy: 'upstream states no support window (open-ended: warns once this calendar is stale)',
    source: 'https://github.com/open-telemetry/opentelemetry-helm-charts at dd5665c06f376c00a5e2147aa84b70c3d105ecfb (2026-08-20): '
      + 'charts/opentelemetry-collector/README.md "Prerequisites" (Kubernetes 1.24+, no upper bound); release dates: the commits '
      + 'that set Chart.yaml version 0.158.0 (c42f62b58) and 0.170.0 (f5178cb97)',
    upgradeNotes: 'docs/upgrading/opentelemetry-collector.md',
    lines: [
      { line: '0.158', pins: '0.158', released: '2026-05-29', kubernetesMin: '1.24' },
      { line: '0.170', pins: '0.170', released: '2026-08-14', kubernetesMin: '1.24' },
    ],
  },
  'aws-for-fluent-bit': {
    name: 'aws-for-fluent-bit chart',
    policy: 'upstream states no support window nor Kubernetes range (open-ended: warns once this calendar is stale)',
    source: 'https://github.com/aws/eks-charts at 5239609242f3430be50fb0b714a24d3ef2b47983 (2026-08-03): stable/aws-for-fluent-bit '
      + '(Chart.yaml has no kubeVersion, README states no support policy); 0.2.0 released by 2942cdce0d98bd257822c64520779a05c25df2c2',
    upgradeNotes: 'README.md#upgrading',
    lines: [
      { line: '0.2', pins: '0.2', released: '2026-02-03' },
    ],
  },
  'cluster-autoscaler': {
    name: 'cluster-autoscaler chart',
    policy: 'upstream states no support window for the chart (open-ended: warns once this calendar is stale); the image follows the Kubernetes minor',
    source: 'https://github.com/kubernetes/autoscaler at 55c37cd5eb550756c5ccc5a89e9068d77797e575 (2026-08-22): tag '
      + 'cluster-autoscaler-chart-9.59.0 (Chart.yaml has no kubeVersion); the library sets the image per cluster minor',
    upgradeNotes: 'README.md#upgrading',
    lines: [
      { line: '9.59', pins: '9.59', released: '2026-07-21' },
    ],
  },
  [FLUENT_BIT_IMAGE]: {
    name: 'AWS for Fluent Bit image',
    policy: 'the 3.x major has long-term support through 2028 and 2.x ended 2026-06-30; AWS rebuilds only the newest 3.x minor '
      + '(base-image security fixes about weekly), so a minor ends when the next one is out',
    source: 'https://github.com/aws/aws-for-fluent-bit: issue #1181 (maintainer comment, 2026-07-27: 3.x through 2028, 2.x end of life '
      + '2026-06-30), release PRs #1058 (3.2.0, 2026-01-08) and #1095 (3.2.5, 2026-03-31); 3.4.x by 2026-07-08 '
      + '(aws-samples/appmod-blueprints#774: 3.4.6, Fluent Bit 5.0.7; linux.version at 02c04aa8437dff3e3db2f9bcc735bdc1a77bd59f: 3.4.5); '
      + 'facts in test/facts/aws-for-fluent-bit.ts',
    upgradeNotes: 'docs/upgrading/fluent-bit.md',
    lines: [
      { line: '2.34', pins: '2.34', released: '2025-08-07', endOfSupport: '2026-06-30' },
      { line: '3.2', pins: '3.2', released: '2026-01-08', endsWithReleaseOf: '3.4' },
      // 3.3's release date is not established: 3.2 is taken to end with 3.4 (released on or before 2026-07-08).
      { line: '3.4', pins: '3.4', released: '2026-07-08' },
    ],
  },
  [AUTOSCALER_IMAGE]: {
    name: 'cluster-autoscaler image',
    policy: 'release 1.N is built and tested for Kubernetes 1.N only, and supported while that minor is',
    source: 'https://github.com/kubernetes/autoscaler at 55c37cd5eb550756c5ccc5a89e9068d77797e575 (2026-08-22): cluster-autoscaler/README.md '
      + '"Releases" (versions match Kubernetes minors, no cross-version testing); release dates: tags cluster-autoscaler-1.N.0',
    upgradeNotes: 'README.md#upgrading',
    lines: [
      { line: '1.30', pins: 'v1.30', released: '2024-04-24', followsKubernetes: true, kubernetesMin: '1.30', kubernetesMax: '1.30' },
      { line: '1.31', pins: 'v1.31', released: '2024-08-27', followsKubernetes: true, kubernetesMin: '1.31', kubernetesMax: '1.31' },
      { line: '1.32', pins: 'v1.32', released: '2024-12-23', followsKubernetes: true, kubernetesMin: '1.32', kubernetesMax: '1.32' },
      { line: '1.33', pins: 'v1.33', released: '2025-06-30', followsKubernetes: true, kubernetesMin: '1.33', kubernetesMax: '1.33' },
      { line: '1.34', pins: 'v1.34', released: '2025-09-26', followsKubernetes: true, kubernetesMin: '1.34', kubernetesMax: '1.34' },
      { line: '1.35', pins: 'v1.35', released: '2026-02-05', followsKubernetes: true, kubernetesMin: '1.35', kubernetesMax: '1.35' },
      { line: '1.36', pins: 'v1.36', released: '2026-07-01', followsKubernetes: true, kubernetesMin: '1.36', kubernetesMax: '1.36' },
    ],
  },
};

/**
 * Facts about the AWS for Fluent Bit image the library runs through the `aws-for-fluent-bit` chart, each with
 * its source, gathered on 2026-12-06. Checked against the pin by test/addons/fluent-bit-image-facts.test.ts.
 *
 * Where the facts come from: aws/aws-for-fluent-bit writes no CHANGELOG entries for 3.x ("CHANGELOG.md does not
 * have updates for 3.x images", maintainer in PR #1058) and the stored snapshot of the repository ends in 2024,
 * so the 3.x releases are read from the upstream release pull requests and `linux.version` where the index holds
 * them, and from merged third-party bumps (marked `evidence: 'third-party'`) for the releases it does not.
 */

/** One AWS for Fluent Bit image release. */
export interface FluentBitImageRelease {
  readonly version: string;
  /** Release date (YYYY-MM-DD). */
  readonly released: string;
  /** Fluent Bit version inside. */
  readonly fluentBit: string;
  /** Base image. */
  readonly base: string;
  readonly evidence: 'upstream' | 'third-party';
  readonly source: string;
}

/** Releases the facts rest on (not a complete list), oldest first. */
export const FLUENT_BIT_IMAGE_RELEASES: FluentBitImageRelease[] = [
  {
    version: '3.2.1', // the chart 0.2.0 default
    released: '2026-01-27',
    fluentBit: '4.2.2',
    base: 'Amazon Linux 2023 2023.10.20260120.4',
    evidence: 'upstream',
    source: 'https://github.com/aws/aws-for-fluent-bit/pull/1069 ("Release 20260127")',
  },
  {
    version: '3.2.5',
    released: '2026-03-31',
    fluentBit: '4.2.2',
    base: 'Amazon Linux 2023 2023.10.20260325.0',
    evidence: 'upstream',
    source: 'https://github.com/aws/aws-for-fluent-bit/pull/1095 ("Release 20260330", merged 2026-03-31)',
  },
  {
    version: '3.4.5',
    released: '2026-07', // linux.version of the commit below; the release PR is not in the index
    fluentBit: '5.0.7',
    base: 'Amazon Linux 2023 (al-tag 2023)',
    evidence: 'upstream',
    source: 'https://github.com/aws/aws-for-fluent-bit/blob/02c04aa8437dff3e3db2f9bcc735bdc1a77bd59f/linux.version',
  },
  {
    version: '3.4.6',
    released: '2026-07-08',
    fluentBit: '5.0.7',
    base: 'Amazon Linux 2023 refresh (libxml2 CVE-2026-6653, util-linux libs)',
    evidence: 'third-party',
    source: 'https://github.com/aws-samples/appmod-blueprints/pull/774',
  },
  {
    version: '3.4.13',
    released: '2026-08-06', // on or before: the merged bump is dated 2026-08-06
    // The 3.4 line is Fluent Bit 5.0; the v3 image moved from 5.0.7 to 5.0.9 on 2026-07-20 (upstream PR #1176).
    // Which of the two 3.4.13 carries is not stated by any release note in the index.
    fluentBit: '5.0',
    base: 'Amazon Linux 2023 2023.12.20260803.3',
    evidence: 'third-party',
    source: 'https://github.com/aws-samples/appmod-blueprints/pull/809 (merged 2026-08-06); '
      + 'Fluent Bit: https://github.com/aws/aws-for-fluent-bit/pull/1176',
  },
];

/**
 * The oldest release with the base-image fixes known today. CVE-2026-16118 (glib2, High) and CVE-2026-11979
 * (libxml2, Medium) are fixed by the Amazon Linux 2023 2023.12.20260803.3 base that 3.4.13 is the first release
 * built on (appmod-blueprints#809 bumped 3.4.11 to 3.4.13 for exactly these two).
 */
export const FLUENT_BIT_PATCHED_FROM = {
  version: '3.4.13',
  fixes: [
    { cve: 'CVE-2026-16118', component: 'glib2 (Amazon Linux 2023 base)', severity: 'High' },
    { cve: 'CVE-2026-11979', component: 'libxml2 (Amazon Linux 2023 base)', severity: 'Medium' },
  ],
  source: 'https://github.com/aws-samples/appmod-blueprints/pull/809',
};

/**
 * A newer release reported but not established: an open, unreviewed, machine-written pull request against the
 * chart says 3.4.16 is "the latest 3.x release" on 2026-09-17. One unmerged claim is not enough to pin an image
 * whose absence would stop every node's log shipping (ImagePullBackOff): check the release list, then set
 * `fluentBitImageTag` or move the pin.
 */
export const FLUENT_BIT_REPORTED_NEWER = {
  version: '3.4.16',
  reported: '2026-09-17',
  source: 'https://github.com/aws/eks-charts/pull/1372 (open)',
};

/** Support of the image lines (maintainers' words in aws/aws-for-fluent-bit). */
export const FLUENT_BIT_IMAGE_SUPPORT = {
  /** The pinned line: Amazon Linux 2023 based, "long-term support through 2028"; a moving `3` tag exists. */
  supportedMajor: 3,
  supportedThrough: '2028',
  /** 2.x (Amazon Linux 2, Fluent Bit 1.9.10): end of life 2026-06-30. */
  endOfLife: { major: 2, on: '2026-06-30' },
  source: 'https://github.com/aws/aws-for-fluent-bit/issues/1181 (maintainer comment, 2026-07-27); '
    + 'https://github.com/aws/aws-for-fluent-bit/pull/1117 (README, 2026-04-21)',
};

/**
 * How chart 0.2.0 builds the container image: `templates/daemonset.yaml` line 45,
 * `image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"`; values.yaml defaults below.
 */
export const FLUENT_BIT_CHART_IMAGE = {
  chartVersion: '0.2.0',
  valuesKeys: ['image.repository', 'image.tag'],
  reference: (repository: string, tag: string) => `${repository}:${tag}`,
  defaults: { repository: 'public.ecr.aws/aws-observability/aws-for-fluent-bit', tag: '3.2.1' },
  /** The DaemonSet sets `updateStrategy.type: RollingUpdate` (Kubernetes default maxUnavailable: 1). */
  updateStrategy: 'RollingUpdate',
  source: 'https://github.com/aws/eks-charts/tree/2942cdce0d98bd257822c64520779a05c25df2c2/stable/aws-for-fluent-bit',
  /**
   * Rendered by hand on 2026-12-06 from `git archive` of that commit with the library's values (example
   * cluster): `helm lint --strict` passes and `helm template --kube-version 1.35.0` gives
   * `image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:3.4.13"` (3.2.1 before this pin).
   */
  renderedWith: ['v4.1.4'],
};

/**
 * Fluent Bit 4.2 (image 3.2.x) to 5.0 (image 3.4.x): every setting in the configuration the chart renders with
 * the library's values, by plugin, each documented with the same name in the 5.0 docs and with no changed
 * default between the 4.2 and 5.0 docs branches. The v5.0 upgrade notes (hot_reloaded_times metric type, shared
 * `http_server.*` names and mTLS for HTTP-based inputs, the new fluentbit_logs input, emitter backpressure with
 * filesystem storage, OAuth 2.0, the forward output's `retain_metadata_in_forward_mode` default) touch no plugin or setting listed here.
 */
export const FLUENT_BIT_5_CHECKED = {
  /** Chart values path → `cloudwatch_logs` setting (chart 0.2.0 templates/configmap.yaml). */
  cloudWatchLogsKeys: {
    'cloudWatchLogs.region': 'region',
    'cloudWatchLogs.logGroupName': 'log_group_name',
    'cloudWatchLogs.logGroupTemplate': 'log_group_template',
    'cloudWatchLogs.logStreamPrefix': 'log_stream_prefix',
    'cloudWatchLogs.logStreamTemplate': 'log_stream_template',
    'cloudWatchLogs.autoCreateGroup': 'auto_create_group',
  } as Record<string, string>,
  /** Settings documented for `cloudwatch_logs` in the 5.0 docs (pipeline/outputs/cloudwatch.md), the ones above. */
  cloudWatchLogsDocumented: ['region', 'log_group_name', 'log_group_template', 'log_stream_prefix', 'log_stream_template', 'log_stream_name', 'auto_create_group'],
  /** Chart defaults our values leave on, checked the same way (tail input, kubernetes filter, service). */
  chartDefaults: {
    tail: ['Tag', 'Path', 'DB', 'multiline.parser (docker, cri)', 'Mem_Buf_Limit', 'Skip_Long_Lines', 'Refresh_Interval'],
    kubernetes: ['Kube_URL', 'Merge_Log', 'Merge_Log_Key', 'Keep_Log', 'K8S-Logging.Parser', 'K8S-Logging.Exclude', 'Buffer_Size'],
    service: ['HTTP_Server', 'HTTP_Listen', 'HTTP_PORT', 'Health_Check', 'HC_Errors_Count', 'HC_Retry_Failure_Count', 'HC_Period', 'Parsers_File'],
    livenessProbe: ['GET /api/v1/health on 2020 (still documented in 5.0; 5.0 adds /api/v2/health)'],
  },
  source: 'https://github.com/fluent/fluent-bit-docs/blob/fddebe315c40a7d5f1aff70cca8c5923e230f1bb/installation/upgrade-notes.md (branch 5.0), '
    + 'compared with branch 4.2 at 52d34f7765fba1357d8b74c071cfabdcdd9121f3: pipeline/outputs/cloudwatch.md, pipeline/inputs/tail.md, '
    + 'pipeline/filters/kubernetes.md, administration/monitoring.md',
};

import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { checkThreshold, checkTopicArn, createAlarm, createRecoveryRule } from './alarm';
import { PLATFORM_CLUSTER_DIMENSION, PLATFORM_METRIC_NAMESPACE, PLATFORM_METRICS } from './metric-facts';
import { validateName } from '../private/validation';

/** Thresholds of `ClusterAlarms`. */
export interface ClusterAlarmThresholds {
  /**
   * Days before the soonest certificate expires (1 to 60). cert-manager renews Let's Encrypt certificates 30
   * days before expiry, so with the default the alarm means renewal has been failing for over two weeks.
   * @default 14
   */
  readonly certificateExpiryDays?: number;

  /**
   * Used space of any node's root filesystem, in percent (50 to 99). The kubelet starts evicting pods at 90%
   * used (its default `nodefs.available<10%`), so the default warns before that.
   * @default 80
   */
  readonly nodeDiskUsedPercent?: number;

  /**
   * Restarts of any one container per 5 minutes (1 to 100) in 2 of 3 consecutive 5-minute periods: a crash
   * loop (the kubelet backs off to one restart every 5 minutes, so a crash-looping container keeps hitting 1).
   * @default 1
   */
  readonly containerRestarts?: number;
}

/** Props of `ClusterAlarms`. */
export interface ClusterAlarmsProps extends ClusterAlarmThresholds {
  /** EKS cluster name: the `k8s.cluster.name` dimension the collector writes. */
  readonly clusterName: string;
  /** SNS topic (ARN) notified on ALARM (node-disk also on INSUFFICIENT_DATA) and on the way back from ALARM to OK, usually `NotificationTopic.topicArn`. */
  readonly topicArn: string;
  /**
   * Root volume size of the nodes in GiB (HaNodeGroup `diskSizeGiB`), the base of `nodeDiskUsedPercent`.
   * @default 50
   */
  readonly nodeDiskSizeGiB?: number;
  /**
   * CloudWatch namespace the OpenTelemetry collector writes to (Observability `metricNamespace`).
   * @default 'EKS/Platform'
   */
  readonly metricNamespace?: string;
  /**
   * Tags of the alarms.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * The guide's daily checks that have a metric, as alarms on what the platform's OpenTelemetry collector
 * exports (see `Observability`: cert-manager's metrics, the kubelets' filesystem stats and the cluster's
 * container restart counts, one series per cluster):
 *
 * - `<cluster>-certificate-expiry`: the soonest-expiring certificate expires in fewer than `certificateExpiryDays`.
 * - `<cluster>-node-disk`: some node's root filesystem is more than `nodeDiskUsedPercent` used.
 * - `<cluster>-crash-loop`: some container restarted `containerRestarts` times per 5 minutes in 2 of 3 periods.
 *
 * The metrics arrive only once the in-cluster stack is applied. Missing data is treated as missing: a new
 * alarm stays in INSUFFICIENT_DATA (its first state, no message) until then, and goes to OK without a message.
 * node-disk, whose metric every node reports, notifies when it goes to INSUFFICIENT_DATA later (the
 * collector or its export stopped). An EventBridge rule (`<cluster>-cluster-recovered`) tells the topic when
 * an alarm is back from ALARM to OK.
 */
export class ClusterAlarms extends Construct {
  /** Certificate expiry. */
  public readonly certificateExpiry: CloudwatchMetricAlarm;
  /** Node disk usage. */
  public readonly nodeDisk: CloudwatchMetricAlarm;
  /** Container crash loop. */
  public readonly crashLoop: CloudwatchMetricAlarm;
  /** All alarms of the construct. */
  public readonly alarms: CloudwatchMetricAlarm[];
  /** EventBridge rule that notifies the topic when an alarm goes from ALARM back to OK. */
  public readonly recovered: CloudwatchEventRule;

  /**
   * @param props the cluster, the topic and the thresholds
   */
  constructor(scope: Construct, id: string, props: ClusterAlarmsProps) {
    super(scope, id);
    const who = `ClusterAlarms '${id}'`;
    validateName(who, props.clusterName, 'clusterName');
    checkTopicArn(who, props.topicArn);
    const days = checkThreshold(who, 'certificateExpiryDays', props.certificateExpiryDays ?? 14, 1, 60, 'Use 14 (the default).', true);
    const diskPct = checkThreshold(who, 'nodeDiskUsedPercent', props.nodeDiskUsedPercent ?? 80, 50, 99, 'Use 80 (the default).');
    const restarts = checkThreshold(who, 'containerRestarts', props.containerRestarts ?? 1, 1, 100, 'Use 1 (the default).', true);
    const diskGiB = checkThreshold(who, 'nodeDiskSizeGiB', props.nodeDiskSizeGiB ?? 50, 20, 16384, "Use the node group's diskSizeGiB.", true);
    const c = props.clusterName;
    const base = {
      namespace: props.metricNamespace ?? PLATFORM_METRIC_NAMESPACE,
      dimensions: { [PLATFORM_CLUSTER_DIMENSION]: c },
      treatMissingData: 'missing' as const,
    };
    const alarm = (spec: Parameters<typeof createAlarm>[1]) => createAlarm(this, spec, props.topicArn, props.tags);
    this.certificateExpiry = alarm({
      ...base,
      id: 'certificate-expiry',
      alarmName: `${c}-certificate-expiry`,
      metricName: PLATFORM_METRICS.certificateExpirySeconds,
      statistic: 'Minimum',
      periodSeconds: 3600,
      evaluationPeriods: 1,
      threshold: days * 86400,
      comparison: 'LessThanThreshold',
      description: `Cluster ${c}: a certificate expires in fewer than ${days} days (cert-manager has not renewed it). See docs/operations/alerts.md.`,
    });
    const freeBytes = Math.round(diskGiB * 1024 ** 3 * (100 - diskPct) / 100);
    this.nodeDisk = alarm({
      ...base,
      id: 'node-disk',
      alarmName: `${c}-node-disk`,
      // Every node reports its filesystem: no data means the collector or its export is down, which would also
      // silence the certificate and crash-loop alarms, so say so.
      notifyInsufficientData: true,
      metricName: PLATFORM_METRICS.nodeFilesystemAvailable,
      statistic: 'Minimum',
      periodSeconds: 300,
      evaluationPeriods: 2,
      threshold: freeBytes,
      comparison: 'LessThanThreshold',
      description: `Cluster ${c}: a node's root filesystem is more than ${diskPct}% used (of ${diskGiB} GiB) for 10 minutes; INSUFFICIENT_DATA means the collector's metrics stopped. See docs/operations/alerts.md.`,
    });
    this.crashLoop = alarm({
      ...base,
      id: 'crash-loop',
      alarmName: `${c}-crash-loop`,
      metricName: PLATFORM_METRICS.containerRestarts,
      statistic: 'Maximum',
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      threshold: restarts,
      comparison: 'GreaterThanOrEqualToThreshold',
      description: `Cluster ${c}: a container restarted ${restarts} or more times per 5 minutes in 2 of the last 3 periods (crash loop). See docs/operations/alerts.md.`,
    });
    this.alarms = [this.certificateExpiry, this.nodeDisk, this.crashLoop];
    this.recovered = createRecoveryRule(this, {
      name: `${c}-cluster-recovered`,
      description: `Cluster ${c}: an alarm is back from ALARM to OK`,
      alarms: this.alarms,
      topicArn: props.topicArn,
      tags: props.tags,
    });
  }
}

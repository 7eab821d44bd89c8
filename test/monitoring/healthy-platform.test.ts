import { AlarmConfig, alarmEventRules, AlarmRun, evaluate, SampleSource, simulate } from './cloudwatch-alarm-model';
import { HaNodeGroup } from '../../src/cluster/ha-node-group';
import { NODE_GROUP_LABEL } from '../../src/monitoring/metric-facts';
import { synthesizeExample } from '../examples/synth-example';

/**
 * Issue 20: after both stacks of the example are applied to a healthy platform, no alarm is in ALARM and none
 * notifies, from the first minute (day one) on; the node group alarm fires when Ready nodes drop below the
 * group's minimum, and the alarms that must notify on missing data do so when the collector stops.
 *
 * The platform is modelled from the synthesized stacks (what publishes which series, with which dimension
 * values, how often and from when), with healthy values that do not come from the alarms' thresholds.
 */
const example = synthesizeExample();
const infra = example.stacks['ai-agents-prod-infra'];
const addons = example.stacks['ai-agents-prod-in-cluster'];
const alarms = Object.values<AlarmConfig>(infra.resource.aws_cloudwatch_metric_alarm);
const rules = alarmEventRules(infra);
const one = (stack: any, type: string) => {
  const all = Object.values<any>(stack.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
};

const MIN = 60;
const GiB = 1024 ** 3;
/** Day one: the infrastructure apply creates the alarms at 0; the in-cluster apply is 40 minutes later. */
const TIMES = { redisReady: 15 * MIN, rdsReady: 25 * MIN, addonsApplied: 40 * MIN, certificateIssued: 50 * MIN, end: 8 * 60 * MIN };

// --- What the synthesized stacks say the platform is.
const db = one(infra, 'aws_db_instance');
const redis = one(infra, 'aws_elasticache_replication_group');
const nodeGroup = one(infra, 'aws_eks_node_group');
const launchTemplate = one(infra, 'aws_launch_template');
const collector = Object.values<any>(addons.resource.helm_release).find((r) => r.chart === 'opentelemetry-collector');
const collectorValues = JSON.parse(collector.values[0]);
/** A cross-stack reference of the in-cluster stack, resolved to the literal the infrastructure stack configures. */
function resolve(value: string): string {
  const remote = /^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.([^}]+)\}$/.exec(value);
  if (remote) return resolve(String(infra.output[remote[1]].value));
  const ref = /^\$\{([a-z0-9_]+)\.([^.}]+)\.([a-z_]+)\}$/.exec(value);
  if (ref && typeof infra.resource[ref[1]]?.[ref[2]]?.[ref[3]] === 'string') return infra.resource[ref[1]][ref[2]][ref[3]];
  return value;
}
const clusterDimension = resolve(collectorValues.config.processors.resource.attributes.find((a: any) => a.key === 'k8s.cluster.name').value);
const collectorReplicas: number = collectorValues.replicaCount;
const clusterReceiverInterval = parseInt(collectorValues.config.receivers.k8s_cluster.collection_interval, 10);
const DB_MEMORY_GIB: Record<string, number> = { 'db.t3.medium': 4 }; // instance class memory (RDS instance class table)

/** One series the platform publishes: samples per minute (or per collection interval) while `live(t)`. */
interface Series {
  namespace: string;
  metric: string;
  dims: Record<string, string>;
  every: number;
  live: (t: number) => boolean;
  value: (t: number) => number;
}

interface Scenario { readyNodes?: (t: number) => number; collectorDownFrom?: number }

function platform(s: Scenario = {}): Series[] {
  const out: Series[] = [];
  const rdsLive = (t: number) => t >= TIMES.rdsReady;
  const rds = (metric: string, value: number) => out.push({ namespace: 'AWS/RDS', metric, dims: { DBInstanceIdentifier: db.identifier }, every: MIN, live: rdsLive, value: () => value });
  rds('CPUUtilization', 15);
  rds('FreeStorageSpace', db.allocated_storage * GiB * 0.6);
  rds('FreeableMemory', DB_MEMORY_GIB[db.instance_class] * GiB * 0.4);
  rds('DatabaseConnections', 25);
  const redisLive = (t: number) => t >= TIMES.redisReady;
  for (let i = 1; i <= redis.num_cache_clusters; i++) {
    const member = `${redis.replication_group_id}-${String(i).padStart(3, '0')}`;
    const ec = (metric: string, value: number) => out.push({ namespace: 'AWS/ElastiCache', metric, dims: { CacheClusterId: member }, every: MIN, live: redisLive, value: () => value });
    ec('EngineCPUUtilization', 4);
    ec('DatabaseMemoryUsagePercentage', 20);
    ec('Evictions', 0);
    if (i > 1) ec('ReplicationLag', 0.02); // the primary (001 after creation) publishes none
  }
  // The collector: from the in-cluster apply until it stops; every replica exports every series.
  const collectorLive = (t: number) => t >= TIMES.addonsApplied + 5 * MIN && (s.collectorDownFrom === undefined || t < s.collectorDownFrom);
  const platformSeries = (
    metric: string, dims: Record<string, string>, every: number, live: (t: number) => boolean, value: (t: number) => number,
  ) => {
    for (let r = 0; r < collectorReplicas; r++) out.push({ namespace: 'EKS/Platform', metric, dims, every, live, value });
  };
  const cluster = { 'k8s.cluster.name': clusterDimension };
  const diskGiB = launchTemplate.block_device_mappings[0].ebs.volume_size;
  platformSeries('k8s.node.filesystem.available', cluster, MIN, collectorLive, () => diskGiB * GiB * 0.55);
  platformSeries('k8s.container.restarts', cluster, clusterReceiverInterval, collectorLive, () => 0);
  // Let's Encrypt certificates live 90 days and are renewed 30 days before expiry: at least 30 days left.
  platformSeries('certmanager_certificate_expiry_seconds', cluster, MIN, (t) => collectorLive(t) && t >= TIMES.certificateIssued, () => 30 * 86400);
  // Ready nodes of the group, as counted by the collector by the node label the node group sets.
  const groupName = nodeGroup.labels[NODE_GROUP_LABEL];
  platformSeries('k8s.node.condition_ready', { ...cluster, 'eks.nodegroup.name': groupName }, clusterReceiverInterval, collectorLive,
    s.readyNodes ?? (() => nodeGroup.scaling_config.desired_size));
  return out;
}

function sourceFor(series: Series[]): (alarm: AlarmConfig) => SampleSource {
  return (alarm) => {
    const matching = series.filter((x) => x.namespace === alarm.namespace && x.metric === alarm.metric_name
      && JSON.stringify(Object.entries(x.dims).sort()) === JSON.stringify(Object.entries(alarm.dimensions).sort()));
    return (start, period) => matching.flatMap((x) => {
      const samples: number[] = [];
      // A series' samples land at a fixed phase within its interval (here: 30 s in).
      for (let t = Math.ceil((start - 30) / x.every) * x.every + 30; t < start + period; t += x.every) {
        if (t >= start && x.live(t)) samples.push(x.value(t));
      }
      return samples;
    });
  };
}

function run(series: Series[], rangePeriods: number, alarmList: AlarmConfig[] = alarms, eventRules = rules): AlarmRun[] {
  return alarmList.map((alarm) => simulate({ alarm, source: sourceFor(series), createdAt: 0, until: TIMES.end, rangePeriods, rules: eventRules }));
}

const RANGES = [0, 1, 2, 5].map((extra) => (a: AlarmConfig) => a.evaluation_periods + extra);
const readyAlarm = alarms.find((a) => a.metric_name === 'k8s.node.condition_ready')!;

describe('a healthy platform: after both applies no alarm is in ALARM and none notifies, from day one', () => {
  test('the example has the alarms of every part, the node group alarm on Ready nodes', () => {
    expect(alarms).toHaveLength(4 + 4 * redis.num_cache_clusters + 1 + 3);
    expect(readyAlarm).toMatchObject({ threshold: nodeGroup.scaling_config.min_size, treat_missing_data: 'missing' });
  });

  test('every alarm is named in a recovery rule (ALARM -> OK) that notifies the topic', () => {
    expect(alarms.filter((a) => !rules.some((r) => r.alarmNames.includes(a.alarm_name) && r.previousState?.join() === 'ALARM')).map((a) => a.alarm_name)).toEqual([]);
    const targets = Object.values<any>(infra.resource.aws_cloudwatch_event_target).filter((t) => /_recovered_/.test(t.rule));
    expect(targets).toHaveLength(rules.length);
    for (const t of targets) expect(t.arn).toMatch(/^\$\{aws_sns_topic\.platform_alerts_topic_\w+\.arn\}$/);
  });

  test('every alarm finds its series in the model (a dimension the publisher does not write would stay silent)', () => {
    const series = platform();
    const src = sourceFor(series);
    const late = TIMES.end - 3600;
    const silent = alarms.filter((a) => src(a)(late - (late % a.period), a.period).length === 0).map((a) => a.alarm_name);
    // Only the primary's replication lag is absent by design.
    expect(silent).toEqual([`${redis.replication_group_id}-001-replication-lag`]);
  });

  test.each(RANGES.map((r, i) => [i, r]))('evaluation range variant %i: none in ALARM, no notification, all OK at the end', (_i, rangeOf) => {
    const series = platform();
    const runs = alarms.map((alarm) =>
      simulate({ alarm, source: sourceFor(series), createdAt: 0, until: TIMES.end, rangePeriods: rangeOf(alarm), rules }));
    expect(runs.filter((r) => r.transitions.some((x) => x.to === 'ALARM')).map((r) => r.name)).toEqual([]);
    expect(runs.filter((r) => r.notifications.length > 0).map((r) => `${r.name}: ${r.notifications.map((n) => n.what).join(', ')}`)).toEqual([]);
    expect(runs.filter((r) => r.final !== 'OK').map((r) => `${r.name} ${r.final}`)).toEqual([]);
  });

  test('between the two applies the collector alarms wait in INSUFFICIENT_DATA, quietly', () => {
    const runs = run(platform(), 5);
    for (const r of runs.filter((x) => alarms.find((a) => a.alarm_name === x.name)!.namespace === 'EKS/Platform')) {
      const firstChange = r.transitions[0];
      expect(firstChange.from).toBe('INSUFFICIENT_DATA');
      expect(firstChange.at).toBeGreaterThan(TIMES.addonsApplied);
    }
  });
});

describe('the node group alarm fires when Ready nodes drop below the minimum, and says when they are back', () => {
  const min = nodeGroup.scaling_config.min_size;
  const outage = { from: 4 * 60 * MIN, to: 5 * 60 * MIN };
  const series = platform({ readyNodes: (t) => (t >= outage.from && t < outage.to ? min - 1 : nodeGroup.scaling_config.desired_size) });
  const [r] = run(series, 4, [readyAlarm]);

  test('ALARM within 10 minutes of the loss (two 5-minute periods), notified; OK after, notified by the recovery rule', () => {
    expect(r.transitions.map((x) => x.to)).toEqual(['OK', 'ALARM', 'OK']);
    const alarmAt = r.transitions[1].at;
    expect(alarmAt).toBeGreaterThan(outage.from);
    expect(alarmAt - outage.from).toBeLessThanOrEqual(15 * MIN);
    expect(r.notifications.map((n) => n.what)).toEqual(['ALARM action', 'EventBridge ALARM -> OK']);
  });

  test('the minimum itself is healthy; one less is not', () => {
    expect(evaluate(readyAlarm, [min, min], 'OK')).toBe('OK');
    expect(evaluate(readyAlarm, [min - 1, min - 1], 'OK')).toBe('ALARM');
  });
});

describe('a node group replacement (create before destroy, new EKS name) notifies nothing', () => {
  const at = 3 * 60 * MIN;
  const desired = nodeGroup.scaling_config.desired_size;
  // Old nodes until they are drained, new ones from when they are Ready: both carry the same label value.
  const ready = (t: number) => (t >= at - 10 * MIN && t < at + 10 * MIN ? 2 * desired : desired);

  test('the dimension is the label HaNodeGroup sets, not the generated name, so the alarm needs no update', () => {
    expect(readyAlarm.dimensions['eks.nodegroup.name']).toBe('general');
    expect(nodeGroup.labels[NODE_GROUP_LABEL]).toBe('general');
    expect(NODE_GROUP_LABEL).toBe(HaNodeGroup.NAME_LABEL);
    const [r] = run(platform({ readyNodes: ready }), 4, [readyAlarm]);
    expect(r.transitions.map((x) => x.to)).toEqual(['OK']);
    expect(r.notifications).toEqual([]);
  });

  test('the check can fail: an alarm that follows the generated name and is updated before the new group is counted', () => {
    const newName = 'general-20261206093000000000000001';
    const series = platform({ readyNodes: ready });
    const old = series.filter((x) => x.metric === 'k8s.node.condition_ready');
    // The collector counts the new group's nodes at its next scrape, after the apply has renamed the dimension.
    for (const x of old) series.push({ ...x, dims: { ...x.dims, 'eks.nodegroup.name': newName }, live: (t) => t >= at + 5 * MIN, value: () => desired });
    const updated = { ...readyAlarm, dimensions: { ...readyAlarm.dimensions, 'eks.nodegroup.name': newName } };
    const r = simulate({
      alarm: readyAlarm, source: sourceFor(series), createdAt: 0, until: TIMES.end, rangePeriods: 4, rules, reconfigure: { at, alarm: updated },
    });
    expect(r.notifications.map((n) => n.what)).toContain('INSUFFICIENT_DATA action');
  });
});

describe('when the collector stops, the alarms that must say so notify', () => {
  const runs = run(platform({ collectorDownFrom: 6 * 60 * MIN }), 4);
  const notified = runs.filter((r) => r.notifications.length > 0).map((r) => `${r.name}: ${r.notifications.map((n) => n.what).join(', ')}`);

  test('node disk and Ready nodes go to INSUFFICIENT_DATA and notify; nothing goes to ALARM', () => {
    expect(notified.sort()).toEqual([
      `${readyAlarm.alarm_name}: INSUFFICIENT_DATA action`,
      `${clusterDimension}-node-disk: INSUFFICIENT_DATA action`,
    ].sort());
    expect(runs.filter((r) => r.transitions.some((x) => x.to === 'ALARM'))).toEqual([]);
  });
});

describe('the check can fail: the faults of the previous release are found', () => {
  const series = platform();

  test('a database alarm treating missing data as breaching goes to ALARM while the instance is created, and notifies', () => {
    const cpu = alarms.find((a) => a.namespace === 'AWS/RDS' && a.metric_name === 'CPUUtilization')!;
    const [r] = run(series, 5, [{ ...cpu, treat_missing_data: 'breaching' }]);
    expect(r.transitions[0]).toMatchObject({ from: 'INSUFFICIENT_DATA', to: 'ALARM' });
    expect(r.notifications[0].what).toBe('ALARM action');
  });

  test('an OK action notifies on the first healthy evaluation of a new alarm', () => {
    const [r] = run(series, 5, [{ ...alarms[0], ok_actions: ['arn:aws:sns:us-east-1:123456789012:topic'] }]);
    expect(r.notifications.map((n) => n.what)).toEqual(['OK action']);
  });

  test('a recovery rule matching INSUFFICIENT_DATA -> OK would notify on day one', () => {
    const [r] = run(series, 5, [readyAlarm], [{ alarmNames: [readyAlarm.alarm_name], state: ['OK'] }]);
    expect(r.notifications.map((n) => n.what)).toEqual(['EventBridge INSUFFICIENT_DATA -> OK']);
  });

  test('a Ready-nodes alarm summing both collector replicas would never see the loss of one node', () => {
    const min = nodeGroup.scaling_config.min_size;
    const lossy = platform({ readyNodes: (t) => (t >= 4 * 60 * MIN ? min - 1 : min) });
    const [r] = run(lossy, 4, [{ ...readyAlarm, statistic: 'Sum' }]);
    expect(r.transitions.map((x) => x.to)).toEqual(['OK']);
  });
});

describe('no output or next step asks a person to run a command for alerting', () => {
  test('outputs and next steps', () => {
    expect(Object.keys(infra.output)).not.toContain('node_group_metrics_command');
    const steps = String(infra.output.next_steps.value);
    expect(steps).not.toMatch(/enable-metrics-collection|node_group_metrics_command|turn on node group metrics/i);
  });
});

/**
 * A model of how CloudWatch evaluates a metric alarm and runs its actions, written from the CloudWatch
 * documentation (not from the library's code), to apply the synthesized alarms to a modelled platform:
 *
 * - "Configuring how CloudWatch alarms treat missing data"
 *   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html): at each
 *   evaluation CloudWatch retrieves more datapoints than the evaluation periods (the evaluation range). With at
 *   least N real datapoints in the range it evaluates the N most recent real ones and the missing-data setting
 *   is not used. With fewer, it fills missing datapoints with the treatment (breaching / not breaching) only as
 *   often as needed to reach N, always counting every real one; `missing` with every datapoint of the range
 *   missing is INSUFFICIENT_DATA, `ignore` keeps the current state. The page gives no formula for the range's
 *   length: `rangePeriods` is a parameter and the tests run with several.
 * - "Using Amazon CloudWatch alarms" (AlarmThatSendsEmail.html): M out of N datapoints breaching is ALARM.
 * - PutMetricAlarm (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html): a
 *   created alarm is immediately INSUFFICIENT_DATA, then evaluated, and the actions of the new state are
 *   executed; an update leaves the state unchanged. Actions run on a change of state only.
 * - "Alarm events and EventBridge" (cloudwatch-and-eventbridge.html): every state change is also an event
 *   with the alarm name, the new state and the previous state (the library's `*-recovered` rules).
 */

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** A synthesized `aws_cloudwatch_metric_alarm`, as Terraform JSON. */
export interface AlarmConfig {
  readonly alarm_name: string;
  readonly namespace: string;
  readonly metric_name: string;
  readonly dimensions: Record<string, string>;
  readonly statistic: 'Average' | 'Maximum' | 'Minimum' | 'Sum' | 'SampleCount';
  readonly period: number;
  readonly evaluation_periods: number;
  readonly datapoints_to_alarm?: number;
  readonly threshold: number;
  readonly comparison_operator: string;
  readonly treat_missing_data?: 'breaching' | 'notBreaching' | 'missing' | 'ignore';
  readonly alarm_actions?: string[];
  readonly ok_actions?: string[];
  readonly insufficient_data_actions?: string[];
}

/** Raw samples the platform publishes for one series in the period starting at `t` (seconds), or none. */
export type SampleSource = (periodStart: number, periodSeconds: number) => number[];

export function statistic(stat: AlarmConfig['statistic'], samples: number[]): number | undefined {
  if (samples.length === 0) return undefined;
  switch (stat) {
    case 'Minimum': return Math.min(...samples);
    case 'Maximum': return Math.max(...samples);
    case 'Sum': return samples.reduce((a, b) => a + b, 0);
    case 'SampleCount': return samples.length;
    case 'Average': return samples.reduce((a, b) => a + b, 0) / samples.length;
  }
}

export function breaches(a: AlarmConfig, value: number): boolean {
  switch (a.comparison_operator) {
    case 'GreaterThanThreshold': return value > a.threshold;
    case 'GreaterThanOrEqualToThreshold': return value >= a.threshold;
    case 'LessThanThreshold': return value < a.threshold;
    case 'LessThanOrEqualToThreshold': return value <= a.threshold;
    default: throw new Error(`comparison ${a.comparison_operator} is not modelled`);
  }
}

/**
 * The state an evaluation reaches from the evaluation range (oldest first, undefined = missing datapoint).
 */
export function evaluate(a: AlarmConfig, range: Array<number | undefined>, current: AlarmState): AlarmState {
  const n = a.evaluation_periods;
  const m = a.datapoints_to_alarm ?? n;
  const real = range.filter((v): v is number => v !== undefined);
  const decide = (breachingCount: number) => (breachingCount >= m ? 'ALARM' : 'OK');
  if (real.length >= n) return decide(real.slice(-n).filter((v) => breaches(a, v)).length);
  const treatment = a.treat_missing_data ?? 'missing';
  if (real.length === 0) {
    if (treatment === 'missing') return 'INSUFFICIENT_DATA';
    if (treatment === 'ignore') return current;
  }
  const realBreaching = real.filter((v) => breaches(a, v)).length;
  const filled = n - real.length;
  return decide(realBreaching + (treatment === 'breaching' ? filled : 0));
}

/** What one alarm did over a simulation. */
export interface AlarmRun {
  readonly name: string;
  readonly final: AlarmState;
  readonly transitions: Array<{ at: number; from: AlarmState; to: AlarmState }>;
  /** Notifications: the alarm's own actions, plus EventBridge rules matching its state change. */
  readonly notifications: Array<{ at: number; what: string }>;
}

/** An EventBridge rule on alarm state changes (only the fields the library's rules use). */
export interface AlarmEventRule {
  readonly alarmNames: string[];
  readonly state: string[];
  readonly previousState?: string[];
}

/**
 * Runs an alarm from its creation at `createdAt` to `until`, evaluating every minute on the periods that
 * have ended, with `source` giving the samples of each period. `reconfigure` may swap the alarm's config at
 * a time (an update keeps the state).
 */
export function simulate(opts: {
  alarm: AlarmConfig;
  source: (alarm: AlarmConfig) => SampleSource;
  createdAt: number;
  until: number;
  rangePeriods: number;
  rules: AlarmEventRule[];
  reconfigure?: { at: number; alarm: AlarmConfig };
}): AlarmRun {
  let alarm = opts.alarm;
  let state: AlarmState = 'INSUFFICIENT_DATA';
  const transitions: AlarmRun['transitions'] = [];
  const notifications: AlarmRun['notifications'] = [];
  for (let t = opts.createdAt + 60; t <= opts.until; t += 60) {
    if (opts.reconfigure && t >= opts.reconfigure.at) alarm = opts.reconfigure.alarm;
    const p = alarm.period;
    const lastEnded = Math.floor(t / p) * p; // start of the period after the last complete one
    const src = opts.source(alarm);
    const range: Array<number | undefined> = [];
    for (let k = opts.rangePeriods; k >= 1; k--) {
      const start = lastEnded - k * p;
      range.push(statistic(alarm.statistic, src(start, p)));
    }
    const next = evaluate(alarm, range, state);
    if (next === state) continue;
    transitions.push({ at: t, from: state, to: next });
    const actions = next === 'ALARM' ? alarm.alarm_actions : next === 'OK' ? alarm.ok_actions : alarm.insufficient_data_actions;
    if ((actions ?? []).length > 0) notifications.push({ at: t, what: `${next} action` });
    for (const r of opts.rules) {
      if (r.alarmNames.includes(alarm.alarm_name) && r.state.includes(next) && (!r.previousState || r.previousState.includes(state))) {
        notifications.push({ at: t, what: `EventBridge ${state} -> ${next}` });
      }
    }
    state = next;
  }
  return { name: opts.alarm.alarm_name, final: state, transitions, notifications };
}

/** The alarm state-change rules of a synthesized stack (source aws.cloudwatch). */
export function alarmEventRules(stack: any): AlarmEventRule[] {
  return Object.values<any>(stack.resource?.aws_cloudwatch_event_rule ?? {})
    .map((r) => JSON.parse(r.event_pattern))
    .filter((p) => (p.source ?? []).includes('aws.cloudwatch') && (p['detail-type'] ?? []).includes('CloudWatch Alarm State Change'))
    .map((p) => ({ alarmNames: p.detail.alarmName, state: p.detail.state.value, previousState: p.detail.previousState?.value }));
}

/** One CloudWatch alarm as the runbook lists it. */
export interface RunbookAlarm {
  /** Alarm name in CloudWatch. */
  readonly name: string;
  /** `<namespace> <metric>`. */
  readonly metric: string;
  /** The condition in words, from the alarm's description. */
  readonly description: string;
}

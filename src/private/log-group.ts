import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { invalidProp } from './errors';

/** Log retention the guide asks for (compliance): 90 days. */
export const DEFAULT_LOG_RETENTION_DAYS = 90;

/** Retention values CloudWatch Logs accepts. */
export const VALID_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export function validateLogRetention(construct: string, prop: string, days: number): void {
  if (!VALID_RETENTION_DAYS.includes(days)) {
    invalidProp(construct, prop, days, `must be one of CloudWatch's retention values (${VALID_RETENTION_DAYS.join(', ')})`,
      'Pick the nearest allowed value.');
  }
  if (days < DEFAULT_LOG_RETENTION_DAYS) {
    invalidProp(construct, prop, days, `must be at least ${DEFAULT_LOG_RETENTION_DAYS} days (production log retention)`,
      `Use ${DEFAULT_LOG_RETENTION_DAYS} or more.`);
  }
}

export interface ManagedLogGroupOptions {
  readonly name: string;
  readonly kmsKeyArn: string;
  readonly retentionDays: number;
  readonly tags?: { [key: string]: string };
  readonly preventDestroy?: boolean;
}

/** A KMS-encrypted log group that Terraform owns (so no service creates an unmanaged, never-expiring one). */
export function createLogGroup(scope: Construct, id: string, o: ManagedLogGroupOptions): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, id, {
    name: o.name,
    kmsKeyId: o.kmsKeyArn,
    retentionInDays: o.retentionDays,
    tags: o.tags,
    lifecycle: o.preventDestroy === false ? undefined : { preventDestroy: true },
  });
}

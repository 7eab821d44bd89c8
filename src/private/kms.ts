import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { AwsContext } from './aws-context';
import { invalidProp } from './errors';

/** A statement granting an AWS service principal use of a key. */
export interface ServiceKeyGrant {
  readonly sid: string;
  readonly servicePrincipal: string;
  readonly actions?: string[];
  readonly conditions?: Record<string, Record<string, string | string[]>>;
}

export interface ManagedKeyOptions {
  readonly description: string;
  /** Alias without the `alias/` prefix. */
  readonly alias: string;
  readonly grants?: ServiceKeyGrant[];
  /** Further key-policy statements, appended as given (for principals that are not service principals). */
  readonly statements?: unknown[];
  readonly deletionWindowDays?: number;
  readonly tags?: { [key: string]: string };
  /** Terraform `prevent_destroy`. */
  readonly preventDestroy?: boolean;
}

export const DEFAULT_KEY_ACTIONS = [
  'kms:Encrypt*',
  'kms:Decrypt*',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:Describe*',
];

/** Minimum deletion window the library accepts without an explicit opt-out: 30 days, the KMS maximum. */
export const KMS_DELETION_WINDOW_DAYS = 30;

/**
 * A customer-managed key with rotation on, a 30-day deletion window and an explicit key policy: the account
 * root administers the key through IAM, and each named service may use it only under its own conditions.
 */
export function createManagedKey(scope: Construct, id: string, options: ManagedKeyOptions): { key: KmsKey; alias: KmsAlias } {
  const ctx = AwsContext.of(scope);
  const window = options.deletionWindowDays ?? KMS_DELETION_WINDOW_DAYS;
  if (window < 7 || window > 30) {
    invalidProp(scope.node.path, 'kmsDeletionWindowDays', window, 'must be between 7 and 30 days',
      'Use 30 (the default) so a key scheduled for deletion by mistake can still be recovered.');
  }
  const statements: unknown[] = [
    {
      Sid: 'AccountAdministersKeyThroughIam',
      Effect: 'Allow',
      Principal: { AWS: ctx.rootArn },
      Action: 'kms:*',
      Resource: '*',
    },
    ...(options.grants ?? []).map((g) => ({
      Sid: g.sid,
      Effect: 'Allow',
      Principal: { Service: g.servicePrincipal },
      Action: g.actions ?? DEFAULT_KEY_ACTIONS,
      Resource: '*',
      ...(g.conditions ? { Condition: g.conditions } : {}),
    })),
    ...(options.statements ?? []),
  ];
  const key = new KmsKey(scope, id, {
    description: options.description,
    enableKeyRotation: true,
    deletionWindowInDays: window,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    tags: options.tags,
    lifecycle: options.preventDestroy === false ? undefined : { preventDestroy: true },
  });
  const alias = new KmsAlias(scope, `${id}-alias`, {
    name: `alias/${options.alias}`,
    targetKeyId: key.keyId,
  });
  return { key, alias };
}

/** Key-policy statement letting CloudWatch Logs in this account and region use the key for log groups. */
export function logsKeyGrant(scope: Construct): ServiceKeyGrant {
  const ctx = AwsContext.of(scope);
  return {
    sid: 'CloudWatchLogsUse',
    servicePrincipal: `logs.${ctx.region}.${ctx.dnsSuffix}`,
    conditions: {
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': ctx.arn('logs', '*') },
    },
  };
}

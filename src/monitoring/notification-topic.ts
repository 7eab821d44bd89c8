import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { SNS_ENCRYPTED_TOPIC_PUBLISHERS } from './metric-facts';
import { AwsContext } from '../private/aws-context';
import { invalidProp } from '../private/errors';
import { createManagedKey, ServiceKeyGrant } from '../private/kms';
import { validateName } from '../private/validation';

/** Props of `NotificationTopic`. */
export interface NotificationTopicProps {
  /** Name prefix: the topic is `<name>-alerts`. Lower-case letters, digits and hyphens. */
  readonly name: string;

  /**
   * E-mail addresses subscribed to the topic. Each gets a confirmation mail from AWS and receives nothing
   * until it confirms.
   * @default - no e-mail subscription
   */
  readonly emailAddresses?: string[];

  /**
   * HTTPS endpoints (chat or paging webhooks) subscribed to the topic. Only `https://` URLs: the messages
   * carry resource names and must not cross the internet in clear text. The endpoint must confirm the
   * subscription (it receives a SubscriptionConfirmation request).
   * @default - no HTTPS subscription
   */
  readonly httpsEndpoints?: string[];

  /**
   * KMS key (ARN) that encrypts the topic. Its policy must let the publishing services (CloudWatch alarms, RDS
   * events, EventBridge) use it (`kms:GenerateDataKey*`, `kms:Decrypt`).
   * @default - a customer-managed key is created with exactly those grants
   */
  readonly kmsKeyArn?: string;

  /**
   * Terraform `prevent_destroy` on the created key.
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * Tags for every resource of the construct.
   * @default - only Name tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Services that publish to the topic and the principal each uses, from the SNS list of event sources that work
 * with encrypted topics (SNS_ENCRYPTED_TOPIC_PUBLISHERS in metric-facts.ts). ElastiCache is not one of them:
 * its notifications refuse encrypted topics, so its events reach the topic through EventBridge (see HaRedis).
 */
const PUBLISHERS: Array<{ sid: string; principal: string; accountScopedPublish: boolean }> = [
  { sid: 'CloudWatchAlarms', principal: SNS_ENCRYPTED_TOPIC_PUBLISHERS.principals.cloudwatchAlarms, accountScopedPublish: true },
  { sid: 'RdsEvents', principal: SNS_ENCRYPTED_TOPIC_PUBLISHERS.principals.rdsEvents, accountScopedPublish: true },
  // EventBridge is scoped in the topic policy by the rule ARN of this account instead.
  { sid: 'EventBridgeRules', principal: SNS_ENCRYPTED_TOPIC_PUBLISHERS.principals.eventBridge, accountScopedPublish: false },
];

const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$/;
const HTTPS_RE = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/\S*)?$/;

/**
 * The environment's one notification topic: every alarm (ALARM and OK), the RDS event subscription and the
 * EventBridge rules (cache events, node group launch failures) publish here. Encrypted with a customer-managed
 * key that only CloudWatch, RDS events and EventBridge may use for it; the topic policy refuses any request not
 * made over TLS and lets those services publish only on behalf of this account (CloudWatch and RDS by source
 * account, EventBridge by its rules' ARNs). Subscriptions (e-mail, HTTPS) come from props.
 */
export class NotificationTopic extends Construct {
  /** The SNS topic (escape hatch to the `aws_sns_topic` resource). */
  public readonly topic: SnsTopic;
  /** ARN of the topic: the alarm action of every alarm. */
  public readonly topicArn: string;
  /** Name of the topic (`<name>-alerts`). */
  public readonly topicName: string;
  /** The key created for the topic, when no `kmsKeyArn` was given. */
  public readonly kmsKey?: KmsKey;
  /** ARN of the key that encrypts the topic. */
  public readonly kmsKeyArn: string;
  /** The topic policy (TLS only, publishing services of this account). */
  public readonly topicPolicy: SnsTopicPolicy;
  /** The subscriptions, e-mail first, then HTTPS. */
  public readonly subscriptions: SnsTopicSubscription[];

  /**
   * @param props name, subscribers and key of the topic
   */
  constructor(scope: Construct, id: string, props: NotificationTopicProps) {
    super(scope, id);
    const who = `NotificationTopic '${id}'`;
    validateName(who, props.name);
    const emails = props.emailAddresses ?? [];
    const urls = props.httpsEndpoints ?? [];
    for (const [prop, list] of [['emailAddresses', emails], ['httpsEndpoints', urls]] as const) {
      if (Token.isUnresolved(list)) {
        invalidProp(who, prop, list, 'must be an array of literal values (one subscription each), not a token list', 'Pass an array of strings.');
      }
    }
    for (const e of emails) {
      if (!Token.isUnresolved(e) && !EMAIL_RE.test(e)) {
        invalidProp(who, 'emailAddresses', e, 'must contain e-mail addresses', "Use an address like 'oncall@example.com'.");
      }
    }
    for (const u of urls) {
      if (!Token.isUnresolved(u) && !HTTPS_RE.test(u)) {
        invalidProp(who, 'httpsEndpoints', u, 'must contain https:// URLs (alerts must not travel in clear text)',
          "Use the webhook's https:// URL, e.g. 'https://hooks.example.com/alerts'.");
      }
    }
    const dupes = [...emails, ...urls].filter((v, i, all) => all.indexOf(v) !== i);
    if (dupes.length > 0) {
      invalidProp(who, 'emailAddresses', dupes[0], 'must not list an endpoint twice (SNS keeps one subscription per endpoint)', 'Remove the duplicate.');
    }

    const ctx = AwsContext.of(this);
    const tags = (extra: { [key: string]: string }) => ({ ...props.tags, ...extra });
    this.topicName = `${props.name}-alerts`;
    const topicArn = ctx.arn('sns', this.topicName);

    if (props.kmsKeyArn) {
      this.kmsKeyArn = props.kmsKeyArn;
    } else {
      // Publishing to an encrypted topic needs GenerateDataKey and Decrypt on its key. The key statements are the
      // ones the SNS guide documents, without conditions: AWS does not document that the publishing services'
      // KMS requests carry aws:SourceAccount, and a condition they do not meet would drop every alarm silently.
      // Who may publish is decided by the topic policy (this account only), and this key serves only this topic.
      const grants: ServiceKeyGrant[] = PUBLISHERS.map((p) => ({
        sid: `${p.sid}PublishToTopic`,
        servicePrincipal: p.principal,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      }));
      const { key } = createManagedKey(this, 'key', {
        description: `SNS topic ${this.topicName}: alarms and events of ${props.name}`,
        alias: this.topicName,
        grants,
        tags: tags({ Name: this.topicName }),
        preventDestroy: props.preventDestroy ?? true,
      });
      this.kmsKey = key;
      this.kmsKeyArn = key.arn;
    }

    this.topic = new SnsTopic(this, 'topic', {
      name: this.topicName,
      displayName: `${props.name} alerts`.slice(0, 100),
      kmsMasterKeyId: this.kmsKeyArn,
      tags: tags({ Name: this.topicName }),
    });
    this.topicArn = this.topic.arn;

    this.topicPolicy = new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountManagesTopic',
            Effect: 'Allow',
            Principal: { AWS: ctx.rootArn },
            Action: ['sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:AddPermission', 'sns:RemovePermission',
              'sns:DeleteTopic', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Publish'],
            Resource: topicArn,
          },
          {
            Sid: 'ServicesOfThisAccountPublish',
            Effect: 'Allow',
            Principal: { Service: PUBLISHERS.filter((p) => p.accountScopedPublish).map((p) => p.principal) },
            Action: 'sns:Publish',
            Resource: topicArn,
            Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } },
          },
          {
            Sid: 'EventBridgeRulesOfThisAccountPublish',
            Effect: 'Allow',
            Principal: { Service: SNS_ENCRYPTED_TOPIC_PUBLISHERS.principals.eventBridge },
            Action: 'sns:Publish',
            Resource: topicArn,
            Condition: { ArnLike: { 'aws:SourceArn': ctx.arn('events', 'rule/*') } },
          },
          {
            Sid: 'DenyWithoutTls',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:*',
            Resource: topicArn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });

    this.subscriptions = [
      ...emails.map((endpoint, i) => new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint })),
      ...urls.map((endpoint, i) => new SnsTopicSubscription(this, `https-${i}`, {
        topicArn: this.topic.arn, protocol: 'https', endpoint, endpointAutoConfirms: false,
      })),
    ];
  }
}

import { EbsDefaultKmsKey } from '@cdktf/provider-aws/lib/ebs-default-kms-key';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { invalidProp } from '../private/errors';

/** Props of `AccountEbsEncryption`. */
export interface AccountEbsEncryptionProps {
  /**
   * Keep Terraform from destroying the setting (`prevent_destroy`). Destroying `aws_ebs_encryption_by_default`
   * turns encryption by default OFF for the whole account and region (even if it was on before this stack). To
   * hand the setting over, remove it from the Terraform state instead (`terraform state rm`).
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * EBS encryption by default for the ACCOUNT AND REGION of the stack's provider, with the AWS managed key
 * `aws/ebs` as the default key: every new EBS volume and snapshot copy in that account and region is
 * encrypted, and volumes created without a key use `aws/ebs`, which every principal of the account that may
 * create volumes can use. No other team depends on a key of this stack. Volumes that name their own key (the
 * platform's node launch templates and storage class use the cluster's customer-managed key) keep it.
 *
 * The resource sets only the switch: it does not touch the account's default key, so a default key that
 * another stack or a person set stays (`aws ec2 get-ebs-default-kms-key-id` shows it). Existing volumes are
 * not changed. One stack per account and region should own the switch.
 *
 * Source: https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
 */
export class AccountEbsEncryption extends Construct {
  /** The account/region setting (escape hatch to the `aws_ebs_encryption_by_default` resource). */
  public readonly encryptionByDefault: EbsEncryptionByDefault;

  /**
   * @param props whether Terraform may destroy the setting
   */
  constructor(scope: Construct, id: string, props: AccountEbsEncryptionProps = {}) {
    super(scope, id);
    // Same construct id as in EbsDefaultEncryption: switching between the two keeps the switch's address.
    this.encryptionByDefault = new EbsEncryptionByDefault(this, 'encryption-by-default', {
      enabled: true,
      lifecycle: (props.preventDestroy ?? true) ? { preventDestroy: true } : undefined,
    });
  }
}

/** Props of `EbsDefaultEncryption`. */
export interface EbsDefaultEncryptionProps {
  /**
   * ARN of the customer-managed KMS key that becomes the region's default EBS key (for example
   * `HaEksCluster.ebsKmsKeyArn`, whose policy already has the grants below). Its key policy must let the
   * EC2 Auto Scaling service-linked role (AWSServiceRoleForAutoScaling) use it and create grants for AWS
   * resources, or every Auto Scaling group in the region (EKS managed node groups included) fails to launch
   * instances with encrypted volumes; other principals that create volumes need `kms:CreateGrant`,
   * `kms:GenerateDataKey*`, `kms:Decrypt` and `kms:DescribeKey` on it through IAM.
   */
  readonly kmsKeyArn: string;

  /**
   * Keep Terraform from destroying the setting (`prevent_destroy`). Destroying `aws_ebs_encryption_by_default`
   * turns encryption by default OFF for the whole account and region (even if it was on before this stack),
   * and destroying `aws_ebs_default_kms_key` resets the default key to the AWS-managed `aws/ebs` key. To hand
   * the setting over, remove both from the Terraform state instead (`terraform state rm`).
   * @default true
   */
  readonly preventDestroy?: boolean;
}

const KEY_ARN_RE = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/**
 * EBS encryption by default for the ACCOUNT AND REGION of the stack's provider, with a customer-managed key
 * as the account's default EBS key: from then on every new EBS volume and snapshot copy in that account and
 * region is encrypted, whoever creates it and whatever the request says, and volumes created without a key
 * use `kmsKeyArn`. Prefer `AccountEbsEncryption` (the AWS managed `aws/ebs` key) unless the account belongs
 * to this platform alone.
 *
 * This is not scoped to the platform: every launch in the account and region that names no key then needs
 * this key, and only the principals its key policy or their IAM policies allow can use it. Before opting in,
 * grant it to every such launcher: the service-linked role of each Auto Scaling group (AWSServiceRoleForAutoScaling,
 * or a group's own custom service-linked role), Spot Fleet (AWSServiceRoleForEC2Spot / the fleet role), EMR,
 * AWS Batch and ECS instance roles, Lambda or CI roles that create volumes, and people who launch instances
 * from the console: `kms:CreateGrant`, `kms:GenerateDataKey*`, `kms:Decrypt`, `kms:ReEncrypt*` and
 * `kms:DescribeKey`. Whatever is not granted fails to launch. One stack per account and region should own it
 * (two stacks with different keys would overwrite each other's setting on every apply). Existing volumes are
 * not changed. Destroying `aws_ebs_default_kms_key` (or removing it from the configuration, which
 * `prevent_destroy` does not stop) resets the default key to `aws/ebs`.
 *
 * Source: https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html ; key policy for
 * Auto Scaling: https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
 */
export class EbsDefaultEncryption extends Construct {
  /** The account/region setting (escape hatch to the `aws_ebs_encryption_by_default` resource). */
  public readonly encryptionByDefault: EbsEncryptionByDefault;
  /** The default key of the account/region (escape hatch to the `aws_ebs_default_kms_key` resource). */
  public readonly defaultKmsKey: EbsDefaultKmsKey;
  /** ARN of the default key. */
  public readonly kmsKeyArn: string;

  /**
   * @param props the customer-managed key that becomes the default, and whether Terraform may destroy the setting
   */
  constructor(scope: Construct, id: string, props: EbsDefaultEncryptionProps) {
    super(scope, id);
    const who = `EbsDefaultEncryption '${id}'`;
    if (!Token.isUnresolved(props.kmsKeyArn) && !KEY_ARN_RE.test(props.kmsKeyArn)) {
      invalidProp(who, 'kmsKeyArn', props.kmsKeyArn, 'must be the ARN of a KMS key (not an alias or a key id)',
        'Pass a key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key-id>, for example HaEksCluster.ebsKmsKeyArn.');
    }
    const lifecycle = (props.preventDestroy ?? true) ? { preventDestroy: true } : undefined;
    // The key first, then the switch: no volume is ever encrypted by default with the AWS-managed key.
    this.defaultKmsKey = new EbsDefaultKmsKey(this, 'default-key', { keyArn: props.kmsKeyArn, lifecycle });
    this.encryptionByDefault = new EbsEncryptionByDefault(this, 'encryption-by-default', {
      enabled: true,
      dependsOn: [this.defaultKmsKey],
      lifecycle,
    });
    this.kmsKeyArn = props.kmsKeyArn;
  }
}

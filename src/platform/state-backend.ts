import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3Backend, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ownPolicyResources } from '../policy/prop-hints';
import { invalidProp } from '../private/errors';
import { createManagedKey } from '../private/kms';

/** Props of `StateBucket`. */
export interface StateBucketProps {
  /** Globally unique S3 bucket name for Terraform state. */
  readonly bucketName: string;

  /**
   * Days a superseded state version is kept (versioning lets you roll back a bad apply).
   * @default 90
   */
  readonly noncurrentVersionRetentionDays?: number;

  /**
   * Keep Terraform from destroying the bucket and its key (`prevent_destroy`). Setting false allows
   * `terraform destroy` to delete every state file of every stack kept here, and their history.
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * Tags for the bucket and key.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * An S3 bucket for Terraform state, created once in a bootstrap stack (with a local backend) before the
 * platform stacks move to it: versioned, encrypted with a customer-managed KMS key, public access blocked,
 * bucket-owner-enforced, TLS required. Locking uses S3's native lock file (`use_lockfile`), so no DynamoDB
 * table is needed.
 */
export class StateBucket extends Construct {
  /** The state bucket (escape hatch to the underlying `aws_s3_bucket` resource). */
  public readonly bucket: S3Bucket;
  /** Name of the state bucket, for the `S3Backend` of the platform stacks. */
  public readonly bucketName: string;
  /** Customer-managed KMS key that encrypts the state objects (SSE-KMS default encryption of the bucket). */
  public readonly kmsKey: KmsKey;

  /**
   * @param props bucket name, version retention, destroy protection and tags of the state bucket
   */
  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    ownPolicyResources(this, 'StateBucket'); // findings on its resources name its props
    const who = `StateBucket '${id}'`;
    if (!Token.isUnresolved(props.bucketName) && (!BUCKET_RE.test(props.bucketName) || props.bucketName.includes('..'))) {
      invalidProp(who, 'bucketName', props.bucketName, 'must be a valid S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)',
        "Use a name like 'acme-terraform-state-prod'.");
    }
    const days = props.noncurrentVersionRetentionDays ?? 90;
    if (!Number.isInteger(days) || days < 30) {
      invalidProp(who, 'noncurrentVersionRetentionDays', days, 'must be a whole number of at least 30 days',
        'Keep at least 30 days of state history so a bad apply can be rolled back.');
    }
    const preventDestroy = props.preventDestroy ?? true;
    const lifecycle = preventDestroy ? { preventDestroy: true } : undefined;

    this.kmsKey = createManagedKey(this, 'key', {
      description: `Terraform state in ${props.bucketName}`,
      alias: `${props.bucketName}/terraform-state`,
      tags: props.tags,
      preventDestroy,
    }).key;
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, tags: props.tags, lifecycle });
    this.bucketName = this.bucket.bucket;
    new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.kmsKey.arn },
        bucketKeyEnabled: true,
      }],
    });
    new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }],
      }),
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [{
        id: 'expire-old-state-versions',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrentVersionExpiration: [{ noncurrentDays: days }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }],
    });
  }
}

/** Where a stack keeps its state in a `StateBucket`. */
export interface RemoteStateOptions {
  /** The state bucket's name. */
  readonly bucket: string;
  /** Region of the bucket. */
  readonly region: string;
  /** ARN of the KMS key that encrypts the state objects. */
  readonly kmsKeyArn: string;
  /**
   * Prefix of the state object keys. The stack name is appended (`<prefix>/<stack>.tfstate`).
   * @default 'platform'
   */
  readonly keyPrefix?: string;
}

/** Configures S3 remote state for stacks: KMS-encrypted objects and S3 native locking (`use_lockfile`). */
export class RemoteState {
  /** Points `stack` at the state bucket. */
  public static configure(stack: TerraformStack, options: RemoteStateOptions): S3Backend {
    const backend = new S3Backend(stack, {
      bucket: options.bucket,
      key: `${options.keyPrefix ?? 'platform'}/${stack.node.id}.tfstate`,
      region: options.region,
      encrypt: true,
      kmsKeyId: options.kmsKeyArn,
    });
    // S3 native state locking (Terraform >= 1.10); cdktf 0.21's typed config predates the option.
    backend.addOverride('use_lockfile', true);
    return backend;
  }

  private constructor() {}
}

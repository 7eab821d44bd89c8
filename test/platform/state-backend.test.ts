import { TerraformStack } from 'cdktf';
import { RemoteState, StateBucket } from '../../src/platform/state-backend';
import { newStack, onlyResource, synthJson } from '../util';

describe('StateBucket', () => {
  const json = synthJson((s) => new StateBucket(s, 'state', { bucketName: 'acme-terraform-state-prod' }));

  test('versioned, KMS-encrypted with a customer-managed key, protected from destroy', () => {
    expect(onlyResource(json, 'aws_s3_bucket')).toMatchObject({
      bucket: 'acme-terraform-state-prod', lifecycle: { prevent_destroy: true },
    });
    expect(onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    const sse = onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0];
    expect(sse.apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
    expect(sse.apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/aws_kms_key\..*\.arn/);
    expect(onlyResource(json, 'aws_kms_key')).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  test('public access blocked, owner enforced, TLS required, old versions expire after 90 days', () => {
    expect(onlyResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    expect(onlyResource(json, 'aws_s3_bucket_ownership_controls').rule.object_ownership).toBe('BucketOwnerEnforced');
    const policy = JSON.parse(onlyResource(json, 'aws_s3_bucket_policy').policy);
    expect(policy.Statement[0]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const rule = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule[0];
    expect(rule.noncurrent_version_expiration[0].noncurrent_days).toBe(90);
  });

  test.each([
    ['an invalid bucket name', { bucketName: 'Bad_Bucket' }, /bucketName must be a valid S3 bucket name .*got 'Bad_Bucket'/],
    ['too short a history', { bucketName: 'acme-state', noncurrentVersionRetentionDays: 7 }, /noncurrentVersionRetentionDays must be a whole number of at least 30 days \(got 7\)/],
  ])('rejects %s', (_l, props, message) => {
    expect(() => new StateBucket(newStack().scope, 'state', props as any)).toThrow(message);
  });
});

describe('RemoteState', () => {
  test('S3 backend with KMS encryption and native locking, keyed by stack name', () => {
    const json = synthJson((s: TerraformStack) => {
      RemoteState.configure(s, { bucket: 'acme-state', region: 'us-east-1', kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' });
    });
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'acme-state',
      key: 'platform/test.tfstate',
      region: 'us-east-1',
      encrypt: true,
      kms_key_id: 'arn:aws:kms:us-east-1:123456789012:key/abc',
      use_lockfile: true,
    });
  });
});

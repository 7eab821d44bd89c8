import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { TerraformStack, Testing } from 'cdktf';
import { ProductionEksPlatform } from '../../src';
import { AccountEbsEncryption, EbsDefaultEncryption } from '../../src/platform/ebs-default-encryption';
import { onlyResource, resourcesOf, synthJson } from '../util';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('EbsDefaultEncryption', () => {
  const json = synthJson((s) => new EbsDefaultEncryption(s, 'ebs', { kmsKeyArn: KEY }));
  const on = onlyResource(json, 'aws_ebs_encryption_by_default');
  const key = onlyResource(json, 'aws_ebs_default_kms_key');

  test('turns encryption by default on with the given key as the default, key first', () => {
    expect(on.enabled).toBe(true);
    expect(key.key_arn).toBe(KEY);
    expect(on.depends_on).toEqual([expect.stringMatching(/^aws_ebs_default_kms_key\.ebs_default-key_\w+$/)]);
  });

  test('prevent_destroy on both by default (destroying them turns the account setting off); opt-out', () => {
    expect(on.lifecycle).toEqual({ prevent_destroy: true });
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
    const loose = synthJson((s) => new EbsDefaultEncryption(s, 'ebs', { kmsKeyArn: KEY, preventDestroy: false }));
    expect(onlyResource(loose, 'aws_ebs_encryption_by_default').lifecycle).toBeUndefined();
    expect(onlyResource(loose, 'aws_ebs_default_kms_key').lifecycle).toBeUndefined();
  });

  test('takes a key created in the same stack (a token)', () => {
    const j = synthJson((s) => new EbsDefaultEncryption(s, 'ebs', { kmsKeyArn: new KmsKey(s, 'k', {}).arn }));
    expect(onlyResource(j, 'aws_ebs_default_kms_key').key_arn).toBe('${aws_kms_key.k.arn}');
    expect(Object.keys(resourcesOf(j, 'aws_ebs_encryption_by_default'))).toHaveLength(1);
  });

  test('rejects an alias or key id instead of a key ARN', () => {
    expect(() => synthJson((s) => new EbsDefaultEncryption(s, 'ebs', { kmsKeyArn: 'alias/platform' })))
      .toThrow(/EbsDefaultEncryption 'ebs': kmsKeyArn must be the ARN of a KMS key \(not an alias or a key id\) \(got 'alias\/platform'\)/);
  });
});

describe('AccountEbsEncryption', () => {
  test('turns encryption by default on and leaves the default key alone (aws/ebs unless someone set another)', () => {
    const json = synthJson((s) => new AccountEbsEncryption(s, 'ebs'));
    expect(onlyResource(json, 'aws_ebs_encryption_by_default')).toEqual({ enabled: true, lifecycle: { prevent_destroy: true } });
    expect(resourcesOf(json, 'aws_ebs_default_kms_key')).toEqual({});
    const loose = synthJson((s) => new AccountEbsEncryption(s, 'ebs', { preventDestroy: false }));
    expect(onlyResource(loose, 'aws_ebs_encryption_by_default').lifecycle).toBeUndefined();
  });

  test('the switch has the same address as in EbsDefaultEncryption (changing the default key does not recreate it)', () => {
    const address = (json: any) => Object.keys(resourcesOf(json, 'aws_ebs_encryption_by_default'));
    expect(address(synthJson((s) => new AccountEbsEncryption(s, 'ebs')))).toEqual(address(synthJson((s) => new EbsDefaultEncryption(s, 'ebs', { kmsKeyArn: KEY }))));
  });
});

describe('ProductionEksPlatform ebsEncryptionByDefault', () => {
  const platformJson = (ebsEncryptionByDefault?: boolean, ebsCustomerManagedDefaultKey?: boolean) => {
    const stack = new TerraformStack(Testing.app(), 'infra');
    new ProductionEksPlatform(stack, 'platform', {
      name: 'team-prod',
      region: 'us-east-1',
      acmeEmail: 'ops@example.com',
      owner: 'team-a',
      adminPrincipalArns: ['arn:aws:iam::123456789012:role/platform-admin'],
      ebsEncryptionByDefault,
      ebsCustomerManagedDefaultKey,
    });
    return JSON.parse(Testing.synth(stack, true));
  };
  const awsManaged = platformJson(true);
  const json = platformJson(true, true);
  const keyRef = onlyResource(json, 'aws_ebs_default_kms_key').key_arn as string;
  const keyId = /^\$\{aws_kms_key\.([\w-]+)\.arn\}$/.exec(keyRef)?.[1];
  const ACCOUNT = '123456789012';
  // The key policy as KMS would see it in account 123456789012 of the aws partition.
  const keyPolicy = JSON.parse(String(resourcesOf(json, 'aws_kms_key')[keyId!]?.policy)
    .replace(/\$\{data\.aws_partition\.\w+\.partition\}/g, 'aws')
    .replace(/\$\{data\.aws_caller_identity\.\w+\.account_id\}/g, ACCOUNT));

  test('off unless asked for (it is account-wide)', () => {
    expect(resourcesOf(platformJson(), 'aws_ebs_encryption_by_default')).toEqual({});
  });

  test('on: encryption by default with aws/ebs, no default key of this stack; the nodes still use the cluster key', () => {
    expect(onlyResource(awsManaged, 'aws_ebs_encryption_by_default')).toEqual({ enabled: true, lifecycle: { prevent_destroy: true } });
    expect(resourcesOf(awsManaged, 'aws_ebs_default_kms_key')).toEqual({});
    const lt = onlyResource(awsManaged, 'aws_launch_template');
    expect(lt.block_device_mappings[0].ebs).toMatchObject({ encrypted: 'true', kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.platform_cluster_ebs-key_\w+\.arn\}$/) });
  });

  test("opt-in: the cluster's EBS key becomes the region's default key, prevent_destroy kept, same switch address", () => {
    expect(keyId).toMatch(/^platform_cluster_ebs-key_/);
    expect(onlyResource(json, 'aws_ebs_encryption_by_default')).toMatchObject({ enabled: true, lifecycle: { prevent_destroy: true } });
    expect(Object.keys(resourcesOf(json, 'aws_ebs_encryption_by_default'))).toEqual(Object.keys(resourcesOf(awsManaged, 'aws_ebs_encryption_by_default')));
  });

  test('the opt-in without encryption by default is an error naming both props', () => {
    expect(() => platformJson(undefined, true)).toThrow(/ebsCustomerManagedDefaultKey .*needs ebsEncryptionByDefault: true.*Set ebsEncryptionByDefault: true as well/s);
  });

  /** KMS's decision for `principal` calling `action` on the key with only the key policy (no IAM policy). */
  const decide = async (principal: string, action: string, context: Record<string, string> = {}) => {
    const r: any = await runSimulation({
      request: {
        principal,
        action,
        resource: { resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, accountId: ACCOUNT },
        // iam-simulate does not derive the principal's global keys from the request: give them.
        contextVariables: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': ACCOUNT, ...context },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: keyPolicy,
    } as any, {});
    return r.overallResult as string;
  };
  const SLR = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;

  test.each([
    ['kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'true' }],
    ['kms:GenerateDataKeyWithoutPlaintext', {}],
    ['kms:Decrypt', {}],
    ['kms:ReEncryptFrom', {}],
    ['kms:DescribeKey', {}],
  ])('the key policy alone lets AWSServiceRoleForAutoScaling call %s (nodes launch with encrypted volumes)', async (action, context) => {
    expect(await decide(SLR, action, context)).toBe('Allowed');
  });

  test('the check can fail: no grant that is not for an AWS resource, and nothing for another role without IAM', async () => {
    expect(await decide(SLR, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'false' })).not.toBe('Allowed');
    expect(await decide(`arn:aws:iam::${ACCOUNT}:role/someone`, 'kms:Decrypt')).not.toBe('Allowed');
  });
});

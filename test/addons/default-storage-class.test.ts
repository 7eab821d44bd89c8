import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { CONNECTION, emptyStack, objectsOf, releases, synth } from './helpers';
import { DefaultStorageClass, PlatformAddons } from '../../src/addons';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';

describe('DefaultStorageClass', () => {
  test('renders an encrypted gp3 default class that keeps data, valid against the Kubernetes schema', () => {
    const { stack } = emptyStack();
    new DefaultStorageClass(stack, 'sc', { kmsKeyArn: KEY });
    const release = releases(synth(stack))['default-storage-class'];
    expect(release.namespace).toBe('kube-system');
    const [sc] = objectsOf(release);
    expect(sc).toMatchObject({
      kind: 'StorageClass',
      metadata: { name: 'gp3-encrypted', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      volumeBindingMode: 'WaitForFirstConsumer',
      reclaimPolicy: 'Retain',
      parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: KEY },
    });
    expect(() => new StorageClass(sc).validate()).not.toThrow();
  });

  test('rejects a key that is not a KMS key ARN', () => {
    const { stack } = emptyStack();
    expect(() => new DefaultStorageClass(stack, 'sc', { kmsKeyArn: 'alias/ebs' }))
      .toThrow(/kmsKeyArn must be a KMS key ARN \(got 'alias\/ebs'\)\. Pass HaEksCluster\.ebsKmsKeyArn/);
  });

  test('PlatformAddons installs it only when given the EBS key', () => {
    const withKey = emptyStack();
    new PlatformAddons(withKey.stack, 'p', { connection: CONNECTION, acmeEmail: 'ops@example.com', createHelmProvider: false, ebsKmsKeyArn: KEY });
    expect(releases(synth(withKey.stack))['default-storage-class']).toBeDefined();
    const without = emptyStack();
    new PlatformAddons(without.stack, 'p', { connection: CONNECTION, acmeEmail: 'ops@example.com', createHelmProvider: false });
    expect(releases(synth(without.stack))['default-storage-class']).toBeUndefined();
  });
});

import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Fn } from 'cdktf';
import { CONNECTION, emptyStack, synth } from './helpers';
import { EksHelmProvider } from '../../src/addons';

describe('EksHelmProvider', () => {
  test('composes the Helm provider (exposed as provider) instead of extending it', () => {
    const { stack } = emptyStack();
    const helm = new EksHelmProvider(stack, 'composed', { alias: 'composed', connection: CONNECTION });
    expect(helm).not.toBeInstanceOf(HelmProvider);
    expect(helm.provider).toBeInstanceOf(HelmProvider);
    expect(helm.provider.alias).toBe('composed');
    expect(synth(stack).provider.helm.map((p: any) => p.alias)).toContain('composed');
  });

  test('accepts tokens (cross-stack references) without validating them', () => {
    const { stack } = emptyStack();
    new EksHelmProvider(stack, 'other', {
      alias: 'other',
      connection: { clusterName: Fn.lower('C'), endpoint: Fn.lower('X'), certificateAuthorityData: Fn.lower('Y'), region: Fn.lower('R') },
    });
    const helm = synth(stack).provider.helm;
    expect(helm).toHaveLength(2);
    expect(helm[1].alias).toBe('other');
    expect(helm[1].kubernetes.host).toBe('${lower("X")}');
  });

  test('rejects a non-https endpoint', () => {
    const { stack } = emptyStack();
    expect(() => new EksHelmProvider(stack, 'p', { connection: { ...CONNECTION, endpoint: 'http://x' } }))
      .toThrow(/connection.endpoint must be the https:\/\/ URL of the API server \(got 'http:\/\/x'\)/);
  });

  test('rejects an invalid cluster name', () => {
    const { stack } = emptyStack();
    expect(() => new EksHelmProvider(stack, 'p', { connection: { ...CONNECTION, clusterName: 'bad name' } })).toThrow(/connection.clusterName must be an EKS cluster name/);
  });

  test('rejects an invalid region', () => {
    const { stack } = emptyStack();
    expect(() => new EksHelmProvider(stack, 'p', { connection: { ...CONNECTION, region: 'useast1' } })).toThrow(/connection.region must be an AWS region name/);
  });

  test('rejects decoded (PEM) CA data', () => {
    const { stack } = emptyStack();
    expect(() => new EksHelmProvider(stack, 'p', { connection: { ...CONNECTION, certificateAuthorityData: '-----BEGIN CERTIFICATE-----' } }))
      .toThrow(/connection.certificateAuthorityData must be the base64-encoded CA data/);
  });
});

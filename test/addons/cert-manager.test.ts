import { emptyStack, findObject, objectsOf, releases, synth, valuesOf } from './helpers';
import { CertManager, LetsEncryptIssuer } from '../../src/addons';

describe('CertManager', () => {
  test('installs cert-manager pinned from the Jetstack repository, with the chart managing CRDs', () => {
    const { stack } = emptyStack();
    new CertManager(stack, 'tls', { acmeEmail: 'devops@company.com' });
    const r = releases(synth(stack))['cert-manager'];
    expect(r).toMatchObject({
      chart: 'cert-manager',
      repository: 'https://charts.jetstack.io',
      version: 'v1.21.1',
      namespace: 'cert-manager',
      create_namespace: true,
    });
    const v = valuesOf(r);
    expect(v.crds).toEqual({ enabled: true, keep: true });
    expect(v.replicaCount).toBe(2);
    expect(v.webhook.replicaCount).toBe(2);
    expect(v.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
  });

  test('creates the ClusterIssuers letsencrypt-staging and letsencrypt-prod after cert-manager (CRDs)', () => {
    const { stack } = emptyStack();
    new CertManager(stack, 'tls', { acmeEmail: 'devops@company.com' });
    const json = synth(stack);
    const all = releases(json);
    const issuers = all['cluster-issuers'];
    expect(issuers.chart).toMatch(/^\.\/assets\/.+/);
    expect(issuers.repository).toBeUndefined();
    const cmAddress = Object.entries<any>(json.resource.helm_release).find(([, r]) => r.name === 'cert-manager')![0];
    expect(issuers.depends_on).toEqual([`helm_release.${cmAddress}`]);

    const objects = objectsOf(issuers);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ClusterIssuer/letsencrypt-staging', 'ClusterIssuer/letsencrypt-prod']);
    expect(findObject(objects, 'ClusterIssuer', 'letsencrypt-prod').spec).toEqual({
      acme: {
        server: 'https://acme-v02.api.letsencrypt.org/directory',
        email: 'devops@company.com',
        privateKeySecretRef: { name: 'letsencrypt-prod-account-key' },
        solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
      },
    });
    expect(findObject(objects, 'ClusterIssuer', 'letsencrypt-staging').spec.acme.server)
      .toBe('https://acme-staging-v02.api.letsencrypt.org/directory');
  });

  test('exposes the issuer objects and names', () => {
    const { stack } = emptyStack();
    const cm = new CertManager(stack, 'tls', { acmeEmail: 'devops@company.com', ingressClassName: 'internal' });
    expect(cm.clusterIssuers.map((o) => o.spec.acme.solvers[0].http01.ingress.ingressClassName)).toEqual(['internal', 'internal']);
    expect(LetsEncryptIssuer.PRODUCTION.name).toBe('letsencrypt-prod');
    expect(LetsEncryptIssuer.STAGING.name).toBe('letsencrypt-staging');
  });

  test('rejects an invalid e-mail', () => {
    const { stack } = emptyStack();
    expect(() => new CertManager(stack, 'tls', { acmeEmail: 'devops at company' })).toThrow(/acmeEmail must be an e-mail address \(got 'devops at company'\)/);
  });

  test('rejects a chart version range', () => {
    const { stack } = emptyStack();
    expect(() => new CertManager(stack, 'tls', { acmeEmail: 'a@b.co', chartVersion: '1.19' })).toThrow(/chartVersion must be an exact chart version/);
  });

  test('rejects zero replicas', () => {
    const { stack } = emptyStack();
    expect(() => new CertManager(stack, 'tls', { acmeEmail: 'a@b.co', replicas: 0 })).toThrow(/replicas must be a whole number of at least 1/);
  });
});

import { ClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1';
import { Testing } from 'cdktf';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Pod } from 'kubernetes-models/v1/Pod';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { APP_CONNECTION, CA_PEM, CONNECTION, objectsOf, releases, synth } from './helpers';
import { PlatformAddonsStack } from '../../src/addons';

/** Kubernetes (and cert-manager CRD) schema models, by apiVersion/kind. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Pod': Pod,
  'v1/ResourceQuota': ResourceQuota,
  'v1/LimitRange': LimitRange,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'cert-manager.io/v1/ClusterIssuer': ClusterIssuer,
};

function validate(obj: any): void {
  const Model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!Model) throw new Error(`no schema model for ${obj.apiVersion}/${obj.kind}`);
  new Model(obj).validate();
}

/** Every object the whole platform renders into its local charts. */
function renderedObjects(): any[] {
  const stack = new PlatformAddonsStack(Testing.app(), 'addons', {
    connection: CONNECTION,
    acmeEmail: 'devops@company.com',
    databaseCidrs: ['10.0.20.0/24'],
    cacheCidrs: ['10.0.30.0/24'],
    appConnection: APP_CONNECTION,
    rdsCaBundlePem: CA_PEM,
  });
  stack.addons.addTlsIngress({ host: 'example.com', serviceName: 'app-service', servicePort: 8000 });
  const all = releases(synth(stack));
  const objects = Object.values(all).filter((r) => r.chart.startsWith('./assets/')).flatMap((r) => objectsOf(r));
  // A literal bundle is stored base64 in binaryData, its line breaks intact.
  const ca = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'rds-ca-bundle');
  expect(Buffer.from(ca.binaryData['rds-ca-bundle.pem'], 'base64').toString('utf8')).toBe(CA_PEM);
  return objects;
}

describe('rendered Kubernetes objects are valid against the Kubernetes schemas', () => {
  const objects = renderedObjects();

  test('covers every kind the platform renders', () => {
    expect(new Set(objects.map((o) => o.kind))).toEqual(new Set(['Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'NetworkPolicy', 'Ingress', 'ClusterIssuer',
      'ResourceQuota', 'LimitRange', 'ConfigMap', 'Pod']));
    expect(objects).toHaveLength(20);
  });

  test.each(objects.map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]))('%s', (_name, obj) => {
    expect(() => validate(obj)).not.toThrow();
  });

  test('the validation catches a broken object (the check can fail)', () => {
    const broken = JSON.parse(JSON.stringify(objects.find((o) => o.kind === 'NetworkPolicy')));
    broken.spec.policyTypes = 'Ingress'; // must be a list
    expect(() => validate(broken)).toThrow();
    const badIssuer = JSON.parse(JSON.stringify(objects.find((o) => o.kind === 'ClusterIssuer')));
    delete badIssuer.spec.acme.privateKeySecretRef; // required by the CRD schema
    expect(() => validate(badIssuer)).toThrow();
  });
});

/**
 * Checks across the application namespaces of one platform (names each must have alone), the warning for
 * Pod Identity roles bound to service accounts the platform does not create, and the CA bundle variable.
 */
import { Annotations, Aspects, IAspect, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import type { ApplicationNamespace } from './application-namespace';
import { AddonServiceAccounts } from '../addons/service-accounts';
import { HaEksCluster } from '../cluster/ha-eks-cluster';
import { WorkloadIdentityRole } from '../cluster/workload-identity-role';
import { invalidProp } from '../private/errors';

const WHO = 'ProductionEksPlatform.addApplicationNamespace';

/**
 * Without `added`: the namespace must be new. With it (the namespace just built): its database user, schema,
 * Redis user and key prefix must be its own; two key prefixes must not start one another, or an ACL
 * `~a:*` would also match the other's keys `a:b:*`.
 */
export function checkNamespaceAgainst(existing: ApplicationNamespace[], namespace: string, added?: ApplicationNamespace): void {
  if (!added) {
    const taken = existing.map((n) => n.namespace);
    if (taken.includes(namespace)) {
      invalidProp(WHO, 'namespace', namespace, `must not repeat a namespace the platform has (${taken.join(', ')})`,
        'Give each team its own namespace.');
    }
    return;
  }
  for (const other of existing) {
    const clash = (prop: string, mine: string, theirs: string) => {
      if (!Token.isUnresolved(mine) && mine === theirs) {
        invalidProp(WHO, prop, mine, `must differ from namespace ${other.namespace}'s`, `Set ${prop} to a name of namespace ${namespace}'s own.`);
      }
    };
    clash('databaseUser', added.databaseUser, other.databaseUser);
    clash('databaseSchema', added.databaseSchema, other.databaseSchema);
    clash('redisUserName', added.redisUserName, other.redisUserName);
    const [a, b] = [added.redisKeyPrefix, other.redisKeyPrefix];
    if (a.startsWith(b) || b.startsWith(a)) {
      invalidProp(WHO, 'redisKeyPrefix', a, `must not overlap namespace ${other.namespace}'s prefix '${b}' (one starts with the other, so one ACL would match the other's keys)`,
        `Use a prefix that neither starts nor is started by '${b}', like '${namespace}:'.`);
    }
  }
}

/** The in-cluster stack's variable for the RDS CA bundle (PEM), checked to look like one. */
export function rdsCaBundleVariable(stack: TerraformStack, region: string): TerraformVariable {
  return new TerraformVariable(stack, 'rds_ca_bundle_pem', {
    type: 'string',
    nullable: false,
    description: `RDS CA bundle (PEM) of ${region}: https://truststore.pki.rds.amazonaws.com/${region}/${region}-bundle.pem`,
    validation: [{
      condition: 'can(regex("-----BEGIN CERTIFICATE-----", var.rds_ca_bundle_pem))',
      errorMessage: 'rds_ca_bundle_pem must be the PEM text of the RDS CA bundle (README "Deploy an application").',
    }],
  });
}

/** Service accounts the cluster itself binds roles to (HaEksCluster: VPC CNI, EBS CSI driver). */
const CLUSTER_SERVICE_ACCOUNTS = [
  { namespace: 'kube-system', name: 'aws-node' },
  { namespace: 'kube-system', name: 'ebs-csi-controller-sa' },
];

/**
 * A Pod Identity role of this cluster bound to a namespace or service account that the platform does not
 * create is a silent failure waiting to happen (no pod ever runs as it, or runs as it without the
 * namespace's NetworkPolicies): warn at synth, naming both.
 */
export function warnOnUnknownPodIdentityBindings(stack: TerraformStack, cluster: HaEksCluster,
  namespaces: () => ApplicationNamespace[]): void {
  const aspect: IAspect = {
    visit(node: IConstruct) {
      if (!(node instanceof WorkloadIdentityRole) || !node.association) return;
      if (node.association.clusterNameInput !== cluster.name) return; // the input: the attribute getter is a new token
      const apps = namespaces();
      const owner = apps.find((n) => n.namespace === node.namespace && n.serviceAccountName === node.serviceAccount);
      if (owner && owner.identity !== node) {
        // A refusal, not a warning: EKS accepts one association per service account, so the apply would fail halfway.
        invalidProp(`Pod Identity role ${node.node.path}`, 'serviceAccount', `${node.namespace}/${node.serviceAccount}`,
          `already has the application namespace's role ${owner.identity.node.path} (EKS accepts one Pod Identity association per service account, `
          + 'so the apply would fail)',
          'Attach the extra permissions to ApplicationNamespace.identity.role instead, or bind this role to another service account. '
          + 'Upgrading from a release where you added this role yourself: remove it in one apply, then upgrade (README "Upgrading").');
      }
      const known = [
        ...AddonServiceAccounts.all(),
        ...CLUSTER_SERVICE_ACCOUNTS,
        ...apps.map((n) => ({ namespace: n.namespace, name: n.serviceAccountName })),
      ];
      if (known.some((k) => k.namespace === node.namespace && k.name === node.serviceAccount)) return;
      const nsKnown = known.some((k) => k.namespace === node.namespace);
      Annotations.of(node).addWarning(`Pod Identity role ${node.node.path} is bound to namespace '${node.namespace}' and service account `
        + `'${node.serviceAccount}', which the platform does not create (${nsKnown ? 'the namespace exists, the service account does not' : 'neither exists'}). `
        + 'Pods get these credentials only once you create them; to give a team a namespace with its own identity, use '
        + `ProductionEksPlatform.addApplicationNamespace (application namespaces: ${apps.map((n) => `${n.namespace}/${n.serviceAccountName}`).join(', ')}).`);
    },
  };
  Aspects.of(stack).add(aspect);
}

/**
 * The default namespace uses the cache's application user: when its ACL was given by hand without the
 * namespace's key pattern, that namespace may read every other namespace's keys. Warn, naming the prop.
 */
export function warnOnUnprefixedAppUser(scope: IConstruct, accessString: string | undefined, prefix: string): void {
  if (accessString === undefined || Token.isUnresolved(accessString) || accessString.split(/\s+/).includes(`~${prefix}*`)) return;
  Annotations.of(scope).addWarning(`ProductionEksPlatform: redis.appUserAccessString '${accessString}' does not limit the default namespace's `
    + `Redis user to its key prefix '${prefix}' (~${prefix}*): it can touch other namespaces' keys. Leave it unset, or include ~${prefix}*.`);
}

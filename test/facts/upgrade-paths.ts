/**
 * Upgrade paths from the previous library release's pins to the current ones, as upstream documents them;
 * test/docs/upgrading-docs.test.ts holds docs/upgrading/ to these facts and the facts to the pins.
 */

/** cert-manager: one minor version at a time, the newest patch of each. */
export const CERT_MANAGER_UPGRADE = {
  /** The previous library release's pin. */
  from: 'v1.19.2',
  /** Newest patch of each following minor (release tags of cert-manager/cert-manager as of 2d0d7f7f74241a9cbf79f0e2a7bb247238ee09fd). */
  steps: ['v1.20.3', 'v1.21.1'],
  doc: 'docs/upgrading/cert-manager-1.21.md',
  source: 'https://github.com/cert-manager/website/blob/776e5dba56510fc9de84206b806b568447077f25/content/docs/installation/upgrade.md '
    + '("upgrade cert-manager one minor version at a time, always choosing the latest patch version for the minor version")',
};

/** AWS Load Balancer Controller: Helm never upgrades `crds/`; upstream applies them with kubectl. */
export const LOAD_BALANCER_CONTROLLER_UPGRADE = {
  from: '1.14.0',
  doc: 'docs/upgrading/aws-load-balancer-controller-v3.md',
  /** CRDs of `crds/crds.yaml` (the kustomization upstream applies) at each chart's eks-charts commit. */
  crds: {
    '1.14.0': ['ingressclassparams.elbv2.k8s.aws', 'targetgroupbindings.elbv2.k8s.aws'],
    '3.5.0': ['albtargetcontrolconfigs.elbv2.k8s.aws', 'globalaccelerators.aga.k8s.aws', 'ingressclassparams.elbv2.k8s.aws',
      'targetgroupbindings.elbv2.k8s.aws'],
  } as Record<string, string[]>,
  source: 'https://github.com/aws/eks-charts/blob/5239609242f3430be50fb0b714a24d3ef2b47983/stable/aws-load-balancer-controller/README.md '
    + '(kubectl apply -k ".../crds?ref=..."); kubernetes-sigs/aws-load-balancer-controller docs/deploy/installation.md at v3.5.0 '
    + '("The helm install command automatically applies the CRDs, but helm upgrade doesn\'t")',
};

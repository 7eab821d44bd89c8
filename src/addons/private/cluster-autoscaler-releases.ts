/**
 * The newest published cluster-autoscaler release per Kubernetes minor: upstream pairs them one to one
 * (autoscaler 1.N.x is built and tested against Kubernetes 1.N) and publishes the image as
 * `registry.k8s.io/autoscaling/cluster-autoscaler:v1.N.x`. Source: the `cluster-autoscaler-1.N.x` release
 * tags of https://github.com/kubernetes/autoscaler (read at commit 55c37cd5eb550756c5ccc5a89e9068d77797e575,
 * 2026-08-22); each value names its tag's commit.
 */
export const CLUSTER_AUTOSCALER_RELEASES_SOURCE = 'https://github.com/kubernetes/autoscaler/tags (cluster-autoscaler-1.N.x)';

export const CLUSTER_AUTOSCALER_RELEASES: { readonly [kubernetesMinor: string]: { readonly version: string; readonly commit: string } } = {
  '1.30': { version: '1.30.7', commit: '4be8b2d7d49352fc158fec8773186516eec126c8' },
  '1.31': { version: '1.31.5', commit: 'f0fb6c4b57c807f7544afbb2819ed2bf351f69c8' },
  '1.32': { version: '1.32.7', commit: 'f645beb1ec472b785e5c196b3768c0d93195a75a' },
  '1.33': { version: '1.33.6', commit: 'be4b5a18814a53539d0fe6299c92839152cae54c' },
  '1.34': { version: '1.34.5', commit: 'cb2123ed13148c38fbdb1ede42d8e99761ee2909' },
  '1.35': { version: '1.35.2', commit: '2d42588803c71fe9b35dcd9e3669ac6bb550ca22' },
  '1.36': { version: '1.36.1', commit: '35e8a280425c76a4040f57ae0fa232a952c02024' },
};

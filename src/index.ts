// Network
export * from './network/network';
export * from './network/ha-vpc';
export * from './network/interface-endpoints';
// EKS
export * from './cluster/kubernetes-version';
export * from './cluster/eks-cluster';
export * from './cluster/workload-identity-role';
export * from './cluster/managed-addon-versions';
export * from './cluster/ha-eks-cluster';
export * from './cluster/ha-node-group';
// Data tier
export * from './data/ha-postgres';
export * from './data/postgres-restore';
export * from './data/database-backup';
export * from './data/postgres-logging';
export * from './data/ha-redis';
export * from './data/tenant-isolation';
// In-cluster platform
export * from './addons';
// The whole environment
export * from './platform/production-eks-platform';
export * from './platform/production-eks-platform-props';
export * from './platform/application-namespace';
export * from './platform/ebs-default-encryption';
export * from './platform/addon-identities';
export * from './platform/platform-tags';
export * from './platform/state-backend';
// Alerting and dashboard
export * from './monitoring';
// Guardrails
export * from './policy';
// Generated documentation
export * from './docs/architecture-diagram';
export * from './docs/operations-runbook';

export * from './network/network';
export * from './network/ha-vpc';
export * from './docs/architecture-diagram';
export * from './platform/state-backend';
export * from './data/ha-postgres';
export * from './data/ha-redis';
export * from './data/tenant-isolation';
export * from './addons';

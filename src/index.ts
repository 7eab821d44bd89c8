export * from './network/network';
export * from './network/ha-vpc';
export * from './docs/architecture-diagram';
export * from './platform/state-backend';

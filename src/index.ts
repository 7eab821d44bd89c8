export * from './network/network';
export * from './network/ha-vpc';
export * from './docs/architecture-diagram';

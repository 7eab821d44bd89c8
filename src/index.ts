export * from './network/network';
export * from './network/ha-vpc';

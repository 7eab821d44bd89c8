export * from './policy-rule';
export * from './production-baseline';
export * from './upgrade-safety';

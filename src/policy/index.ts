export * from './policy-rule';
export * from './production-baseline';

export * from './policy-rule';
export * from './production-baseline';
export * from './upgrade-safety';
export * from './prop-validation-error';

import { AVAILABILITY_RULES } from './availability';
import { ENCRYPTION_RULES } from './encryption';
import { IDENTITY_RULES } from './identity';
import { LOGGING_RULES } from './logging';
import { RuleDefinition } from './model';
import { NETWORK_RULES } from './network';
import { RETENTION_RULES } from './retention';

/** Every rule of the production baseline, in documentation order. */
export const ALL_RULES: RuleDefinition[] = [
  ...ENCRYPTION_RULES,
  ...LOGGING_RULES,
  ...NETWORK_RULES,
  ...IDENTITY_RULES,
  ...AVAILABILITY_RULES,
  ...RETENTION_RULES,
];

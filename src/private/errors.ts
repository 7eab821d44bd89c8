import { formatValue, PropValidationError } from '../core/prop-validation-error';

export { formatValue, PropValidationError };

/** Rules of numeric props ("must be between 7 and 35", "must be a whole number of at least 2", ...). */
const NUMERIC_RULE = /whole number|whole percentage|prefix length|between \d|from \d+ to \d|at least \d|\b\d+ or \d+\b|one of \d|not below/;

/**
 * Throws a `PropValidationError`: every validation in the library goes through here so messages stay uniform.
 * A number given as a string (JavaScript callers get no type check) is named as such, not as out of range.
 */
export function invalidProp(construct: string, prop: string, value: unknown, rule: string, fix: string): never {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) && NUMERIC_RULE.test(rule)) {
    throw new PropValidationError(construct, prop, value, `must be a number, not a string (it ${rule})`,
      `Pass ${Number(value)} without quotes.`);
  }
  throw new PropValidationError(construct, prop, value, rule, fix);
}

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

/**
 * The error a child construct threw, restated in its parent's terms: the construct the user wrote
 * (`ProductionEksPlatform 'platform'`) and the prop the user set (`dbInstanceClass`, `postgres.backupRetentionDays`),
 * which `propsOf(<the refusing construct>)` maps from the child's prop (`instanceClass`). The fix names the user's
 * prop too, and says which building block refused the value. An error of a construct `propsOf` does not know
 * (undefined), or anything else thrown, is returned unchanged.
 */
export function restatedForParent(e: unknown, parentWho: string,
  propsOf: (construct: string) => ((childProp: string) => string) | undefined): unknown {
  if (!PropValidationError.isPropValidationError(e)) return e;
  const error = e as PropValidationError;
  const propOf = propsOf(error.construct);
  if (!propOf) return e;
  const prop = propOf(error.prop);
  // The prop itself, and other props the fix tells the user to set (`set supportType: EksSupportType.EXTENDED`),
  // are the child's: one pass, so a name already restated is not restated again.
  const ownProp = error.prop.replace(/[.]/g, '\\.');
  const props = new RegExp(`(?<![\\w.])(?:${ownProp}(?![\\w])|[a-z]+[A-Z][A-Za-z0-9]*(?=: ))`, 'g');
  const restate = (text: string) => text.replace(props, (p) => propOf(p));
  const fix = `${restate(error.fix)} (${error.construct} refused it as ${error.prop}.)`;
  return new PropValidationError(parentWho, prop, error.value, restate(error.rule), fix);
}

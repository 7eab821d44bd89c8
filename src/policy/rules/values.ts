/**
 * Readers for synthesized attribute values. A value that is (or contains) a Terraform expression is unknown at
 * synth time: rules skip what they cannot know rather than guess.
 */

/** True when the value is a Terraform expression (`${var.x}`, `${aws_kms_key.k.arn}`). */
export function isExpression(v: unknown): boolean {
  return typeof v === 'string' && v.includes('${');
}

/** Set to something (an expression counts: it will have a value). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

export function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

/** Explicitly true, or unknown (an expression): a rule requiring true does not fire on an expression. */
export function trueOrUnknown(v: unknown): boolean {
  return isTrue(v) || isExpression(v);
}

/** A number from a number or numeric string; undefined when absent or unknown. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/** A block or list of blocks as a list (single blocks synthesize as an object, repeated ones as a list). */
export function blocks(v: unknown): any[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'object') return [v];
  return [];
}

/** A list attribute; undefined when the whole list is an expression (unknown length and content). */
export function listOf(v: unknown): unknown[] | undefined {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (isExpression(v)) return undefined;
  return [v];
}

/** Whether `value` references the resource at `address` (`${aws_vpc.main.id}` references `aws_vpc.main`). */
export function references(value: unknown, address: string): boolean {
  return typeof value === 'string' && isExpression(value) &&
    new RegExp(`(^|[^A-Za-z0-9_.-])${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`).test(value);
}

/** `name = value` for messages; shows "absent" for unset attributes. */
export function show(name: string, v: unknown): string {
  return v === undefined || v === null ? `${name} is not set` : `${name} = ${JSON.stringify(v)}`;
}

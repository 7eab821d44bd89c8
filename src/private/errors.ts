/**
 * Synth-time input errors in one format: which construct, which prop, what was given, what is allowed and
 * how to fix it. Every validation in the library goes through here so messages stay uniform.
 */
export class PropValidationError extends Error {
  constructor(
    public readonly construct: string,
    public readonly prop: string,
    public readonly value: unknown,
    public readonly rule: string,
    public readonly fix: string,
  ) {
    super(`${construct}: ${prop} ${rule} (got ${formatValue(value)}). ${fix}`);
    this.name = 'PropValidationError';
  }
}

export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Throws a {@link PropValidationError}. */
export function invalidProp(construct: string, prop: string, value: unknown, rule: string, fix: string): never {
  throw new PropValidationError(construct, prop, value, rule, fix);
}

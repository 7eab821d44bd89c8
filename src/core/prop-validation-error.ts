import * as path from 'path';

/**
 * The error every synth-time input check of this library throws: which construct, which prop, what was given,
 * what is allowed and how to fix it.
 *
 * It is an `Error` at run time (`e instanceof Error`, `e.message`, `e.stack`), and `e instanceof
 * PropValidationError` holds in TypeScript and JavaScript. jsii cannot declare a subclass of `Error`, so in
 * other languages (and across two copies of the package) test for it with `PropValidationError.isPropValidationError(e)`
 * or by its name, `PropValidationError.ERROR_NAME`.
 *
 * @example
 * try {
 *   new HaPostgres(stack, 'db', { ...props, backupRetentionDays: 3 });
 * } catch (e) {
 *   if (PropValidationError.isPropValidationError(e)) console.error((e as PropValidationError).fix);
 * }
 */
export class PropValidationError {
  /** The `name` of every PropValidationError (what `e.name` reads). */
  public static readonly ERROR_NAME = 'PropValidationError';

  /**
   * Whether `x` is a PropValidationError (also one thrown by another copy of this package).
   * @param x anything caught
   */
  public static isPropValidationError(x: any): boolean {
    return x instanceof PropValidationError || (typeof x === 'object' && x !== null && x.name === PropValidationError.ERROR_NAME);
  }

  /** Always `PropValidationError`. */
  public readonly name: string = PropValidationError.ERROR_NAME;
  /** The whole message: `<construct>: <prop> <rule> (got <value>). <fix>` */
  public readonly message: string;
  /** The construct that refused the value, for example `HaPostgres 'db'`. */
  public readonly construct: string;
  /** The prop, for example `backupRetentionDays` (nested: `subnetCidrs.private`). */
  public readonly prop: string;
  /** The value given. */
  public readonly value: any;
  /** What is allowed, for example `must be between 7 and 35`. */
  public readonly rule: string;
  /** How to fix it. */
  public readonly fix: string;

  /**
   * @param construct the construct that refused the value
   * @param prop the prop
   * @param value the value given
   * @param rule what is allowed
   * @param fix how to fix it
   */
  constructor(construct: string, prop: string, value: any, rule: string, fix: string) {
    this.construct = construct;
    this.prop = prop;
    this.value = value;
    this.rule = rule;
    this.fix = fix;
    this.message = `${construct}: ${prop} ${rule} (got ${formatValue(value)}). ${fix}`;
    // Node prints an error's own enumerable fields after its stack: they would repeat the message.
    for (const key of ['name', 'message', 'construct', 'prop', 'value', 'rule', 'fix']) {
      Object.defineProperty(this, key, { enumerable: false });
    }
    Error.captureStackTrace(this, PropValidationError);
    Object.defineProperty(this, 'stack', { value: withoutOwnFrames((this as any).stack), enumerable: false, writable: true });
  }
}
// A real Error at run time (jsii cannot declare `extends Error`): instanceof Error, stack, message.
Object.setPrototypeOf(PropValidationError.prototype, Error.prototype);

/** This package's root folder: its frames are `<root>/lib/...` (or `<root>/src/...` through source maps). */
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The stack without this package's own frames: the first frame left is the caller's `new HaPostgres(...)`, the
 * line to change. Set CDKTF_EKS_PLATFORM_FULL_STACK=1 to keep them (debugging the library itself).
 */
function withoutOwnFrames(stack: string | undefined): string | undefined {
  if (!stack || process.env.CDKTF_EKS_PLATFORM_FULL_STACK) return stack;
  const own = [path.join(PACKAGE_ROOT, 'lib') + path.sep, path.join(PACKAGE_ROOT, 'src') + path.sep];
  return stack.split('\n').filter((line) => !(/^\s+at /.test(line) && own.some((dir) => line.includes(dir)))).join('\n');
}

/** A value as the messages show it: strings quoted, everything else as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

import { Token } from 'cdktf';

/**
 * `<parts joined by ->` within IAM's 64-character role-name limit (shortened with a stable hash), or
 * undefined when a part is a token (Terraform then generates the name).
 */
export function roleNameFrom(...parts: string[]): string | undefined {
  if (parts.some((x) => Token.isUnresolved(x))) return undefined;
  const full = parts.join('-');
  if (full.length <= 64) return full;
  let h = 0;
  // eslint-disable-next-line no-bitwise -- a 32-bit unsigned string hash
  for (const c of full) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return `${full.slice(0, 55)}-${h.toString(16).padStart(8, '0')}`;
}

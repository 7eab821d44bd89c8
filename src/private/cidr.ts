/* eslint-disable no-bitwise -- IPv4 address arithmetic is bit arithmetic on unsigned 32-bit integers */
/** Small, exact IPv4 CIDR arithmetic for subnet layout and validation at synth time. */
export interface Cidr {
  readonly network: number; // unsigned 32-bit
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when malformed or when host bits are set. */
export function parseCidr(text: string): Cidr | undefined {
  const m = CIDR_RE.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const network = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  if ((network & hostMask(prefix)) >>> 0 !== 0) return undefined;
  return { network, prefix };
}

function hostMask(prefix: number): number {
  return prefix === 0 ? 0xffffffff : (2 ** (32 - prefix) - 1) >>> 0;
}

export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function formatCidr(c: Cidr): string {
  const n = c.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${c.prefix}`;
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.network >= outer.network &&
    inner.network + cidrSize(inner) <= outer.network + cidrSize(outer);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network < b.network + cidrSize(b) && b.network < a.network + cidrSize(a);
}


/* eslint-disable no-bitwise -- IPv4 address arithmetic is bit arithmetic on unsigned 32-bit integers */
/** Small, exact IPv4 CIDR arithmetic for subnet layout and validation at synth time. */
export interface Cidr {
  readonly network: number; // unsigned 32-bit
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when malformed or when host bits are set (`cidrProblem` says which). */
export function parseCidr(text: string): Cidr | undefined {
  return cidrProblem(text) === undefined ? parse(String(text)) : undefined;
}

function parse(text: string): Cidr {
  const m = CIDR_RE.exec(text.trim())!;
  const octets = m.slice(1, 5).map(Number);
  const network = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return { network, prefix: Number(m[5]) };
}

/**
 * What is wrong with an IPv4 CIDR block, as the end of "must be an IPv4 CIDR block: ..."; undefined when it is
 * a valid network address.
 */
export function cidrProblem(text: unknown): string | undefined {
  if (typeof text !== 'string') return `it is a ${typeof text}, not a string like '10.0.0.0/16'`;
  const m = CIDR_RE.exec(text.trim());
  if (!m) return "it is not in the form 'a.b.c.d/n'";
  const bad = m.slice(1, 5).find((o) => Number(o) > 255);
  if (bad !== undefined) return `octet ${bad} is not between 0 and 255`;
  const prefix = Number(m[5]);
  if (prefix > 32) return `prefix /${prefix} is longer than /32`;
  const c = parse(text);
  if ((c.network & hostMask(prefix)) >>> 0 !== 0) {
    return `host bits are set (the network of that block is ${formatCidr({ network: (c.network & ~hostMask(prefix)) >>> 0, prefix })})`;
  }
  return undefined;
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


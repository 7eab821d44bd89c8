import { Cidr, cidrContains, cidrProblem, cidrsOverlap, formatCidr, parseCidr } from '../private/cidr';
import { invalidProp } from '../private/errors';

type Tier = 'public' | 'private' | 'database' | 'cache';

/**
 * The HaVpc props the layout reads (HaVpcOptions has them all; declared here so the layout does not import its
 * construct back: ha-vpc.ts imports this file).
 */
export interface SubnetLayoutOptions {
  readonly publicSubnetMask?: number;
  readonly privateSubnetMask?: number;
  readonly databaseSubnetMask?: number;
  readonly cacheSubnetMask?: number;
  readonly subnetCidrs?: { readonly [tier in Tier]?: string[] };
}

/**
 * Subnet CIDRs of HaVpc per tier, one per zone: explicit blocks first (validated and reserved), then the
 * remaining tiers allocated in order (public, private, database, cache), each block after the previous one.
 */
export function layoutSubnets(who: string, vpc: Cidr, azCount: number, props: SubnetLayoutOptions): Record<Tier, Cidr[]> {
  const tiers = ['public', 'private', 'database', 'cache'] as const;
  const masks = {
    public: props.publicSubnetMask ?? 24,
    private: props.privateSubnetMask ?? 24,
    database: props.databaseSubnetMask ?? 24,
    cache: props.cacheSubnetMask ?? 24,
  };
  const result: Record<(typeof tiers)[number], Cidr[]> = { public: [], private: [], database: [], cache: [] };
  const taken: Array<{ tier: string; cidr: Cidr }> = [];

  // Explicit CIDRs first: validate each and reserve it.
  const maskProps = {
    public: props.publicSubnetMask,
    private: props.privateSubnetMask,
    database: props.databaseSubnetMask,
    cache: props.cacheSubnetMask,
  };
  for (const tier of tiers) {
    const given = props.subnetCidrs?.[tier];
    if (!given) continue;
    const prop = `subnetCidrs.${tier}`;
    if (maskProps[tier] !== undefined) {
      invalidProp(who, `${tier}SubnetMask`, maskProps[tier], `has no effect with ${prop} (the given blocks set their own size)`,
        `Give either ${prop} or ${tier}SubnetMask, not both.`);
    }
    if (given.length !== azCount) {
      invalidProp(who, prop, given, `must list one CIDR per availability zone (${azCount})`, `Give exactly ${azCount} CIDR blocks.`);
    }
    for (const text of given) {
      const c = parseCidr(text);
      if (!c) invalidProp(who, prop, text, `must contain IPv4 CIDR blocks: ${cidrProblem(text)}`, "Use blocks like '10.0.0.0/24'.");
      if (!cidrContains(vpc, c)) {
        invalidProp(who, prop, text, `must lie inside the VPC CIDR ${formatCidr(vpc)}`, 'Pick blocks from the VPC range.');
      }
      const clash = taken.find((t) => cidrsOverlap(t.cidr, c));
      if (clash) {
        invalidProp(who, prop, text, `overlaps ${clash.tier} subnet ${formatCidr(clash.cidr)}`, 'Give every subnet its own block.');
      }
      taken.push({ tier, cidr: c });
      result[tier].push(c);
    }
  }

  // Then allocate the remaining tiers in tier order, each block after the previous one (so the address plan
  // reads public, private, database, cache even when sizes differ: aligning a /20 leaves a gap rather than
  // letting a later /24 tier fill in below it), skipping reserved blocks.
  let cursor = vpc.network;
  for (const tier of tiers) {
    if (props.subnetCidrs?.[tier]) continue;
    const mask = masks[tier];
    const prop = `${tier}SubnetMask`;
    if (!Number.isInteger(mask) || mask < 16 || mask > 28) {
      invalidProp(who, prop, mask, 'must be a prefix length from 16 to 28 (AWS subnet limits)', 'Use 24 (the default).');
    }
    if (mask <= vpc.prefix) {
      invalidProp(who, prop, mask, `must be longer than the VPC prefix /${vpc.prefix}`, 'Use a smaller subnet or a larger VPC CIDR.');
    }
    for (let i = 0; i < azCount; i++) {
      // When nothing fits after the cursor (a tight VPC), fill a gap below it rather than fail.
      const next = nextFree(vpc, mask, taken.map((t) => t.cidr), cursor)
        ?? nextFree(vpc, mask, taken.map((t) => t.cidr), vpc.network);
      if (!next) {
        invalidProp(who, prop, mask,
          `leaves no room: ${azCount} ${tier} subnets of /${mask} do not fit in ${formatCidr(vpc)} next to the other tiers`,
          'Use a larger VPC CIDR (for example a /16) or smaller subnets (a longer mask).');
      }
      taken.push({ tier, cidr: next });
      result[tier].push(next);
      cursor = next.network + 2 ** (32 - mask);
    }
  }
  return result;
}

/** The lowest aligned block of the given size at or after `from` that overlaps nothing taken. */
function nextFree(vpc: Cidr, mask: number, taken: Cidr[], from: number): Cidr | undefined {
  const size = 2 ** (32 - mask);
  const end = vpc.network + 2 ** (32 - vpc.prefix);
  const first = vpc.network + Math.ceil((from - vpc.network) / size) * size;
  for (let start = first; start + size <= end; start += size) {
    // eslint-disable-next-line no-bitwise -- IPv4 addresses are unsigned 32-bit integers
    const candidate = { network: start >>> 0, prefix: mask };
    if (!taken.some((t) => cidrsOverlap(t, candidate))) return candidate;
  }
  return undefined;
}

// Hand-written on BigInt: MetalLB accepts addresses by Go's net.ParseIP/ParseCIDR rules and `a-b` ranges,
// which no npm IP library mirrors (ip-address/ipaddr.js have no ranges and accept zones and other forms).

export type IpFamily = 'IPv4' | 'IPv6';

/** One address: IPv4-mapped IPv6 (::ffff:a.b.c.d) counts as IPv4, as Go's To4() makes it. */
export interface IpAddr {
  family: IpFamily;
  value: bigint;
}

/** An inclusive span of addresses of one family; CIDRs and `a-b` ranges both become one. */
export interface IpRange {
  family: IpFamily;
  first: bigint;
  last: bigint;
}

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;

export function familyBits(family: IpFamily): number {
  return family === 'IPv4' ? 32 : 128;
}

function parseV4Value(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    // Go rejects leading zeros since 1.17: "010" would be octal to some parsers, decimal to others.
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseV6Value(s: string): bigint | undefined {
  if (s.includes('%')) return undefined;
  let tail4: bigint | undefined;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    tail4 = parseV4Value(s.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    text = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string): string[] | undefined => {
    if (h === '') return [];
    const g = h.split(':');
    return g.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)) ? g : undefined;
  };
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if (!head || !rest) return undefined;
  let groups: string[];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<string>(missing).fill('0'), ...rest];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(Number.parseInt(g, 16));
  if (tail4 !== undefined) v = (v & ~V4_MAX) | tail4;
  return v;
}

/** Parses an address as Go's net.ParseIP does; undefined when it would return nil. */
export function parseIp(text: string): IpAddr | undefined {
  if (text.includes(':')) {
    const v = parseV6Value(text);
    if (v === undefined) return undefined;
    if (v >> 32n === 0xffffn) return { family: 'IPv4', value: v & V4_MAX };
    return { family: 'IPv6', value: v };
  }
  const v = parseV4Value(text);
  return v === undefined ? undefined : { family: 'IPv4', value: v };
}

/** Formats as Go's net.IP.String(): dotted quad, or RFC 5952 IPv6 (longest zero run compressed). */
export function formatIp(ip: IpAddr): string {
  if (ip.family === 'IPv4') {
    const v = ip.value;
    return [24n, 16n, 8n, 0n].map((s) => ((v >> s) & 0xffn).toString()).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (g: number[]): string => g.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

export function ipEquals(a: IpAddr, b: IpAddr): boolean {
  return a.family === b.family && a.value === b.value;
}

/** A stable map key for an address. */
export function ipKey(ip: IpAddr): string {
  return `${ip.family}:${ip.value.toString(16)}`;
}

export function compareIp(a: IpAddr, b: IpAddr): number {
  if (a.family !== b.family) return a.family === 'IPv4' ? -1 : 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** Parses `addr/len` as Go's net.ParseCIDR: host bits are cleared, so 10.0.0.7/24 is 10.0.0.0/24. */
export function parseCidr(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addrText = text.slice(0, slash);
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText)) return undefined;
  let len = Number(lenText);
  let family: IpFamily;
  let value: bigint | undefined;
  if (addrText.includes(':')) {
    value = parseV6Value(addrText);
    family = 'IPv6';
    if (value === undefined || len > 128) return undefined;
    // A v4-mapped prefix of at least /96 is an IPv4 network, as Go's IPNet.IP.To4() sees it.
    if (value >> 32n === 0xffffn && len >= 96) {
      family = 'IPv4';
      value &= V4_MAX;
      len -= 96;
    }
  } else {
    value = parseV4Value(addrText);
    family = 'IPv4';
    if (value === undefined || len > 32) return undefined;
  }
  const hostBits = BigInt(familyBits(family) - len);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

/** Parses one entry of a pool's `addresses` as MetalLB's config.ParseCIDR; the error text is MetalLB's. */
export function parseAddressEntry(text: string): { range: IpRange } | { error: string } {
  if (!text.includes('-')) {
    const range = parseCidr(text);
    return range ? { range } : { error: `invalid CIDR "${text}"` };
  }
  const dash = text.indexOf('-');
  const startText = text.slice(0, dash);
  const endText = text.slice(dash + 1);
  const start = parseIp(startText.trim());
  if (!start) return { error: `invalid IP range "${text}": invalid start IP "${startText}"` };
  const end = parseIp(endText.trim());
  if (!end) return { error: `invalid IP range "${text}": invalid end IP "${endText}"` };
  if (start.family !== end.family) {
    return { error: `invalid IP range "${text}": start and end are of different families` };
  }
  if (start.value > end.value) {
    return {
      error: `invalid IP range "${text}": start IP "${formatIp(start)}" is after the end IP "${formatIp(end)}"`,
    };
  }
  return { range: { family: start.family, first: start.value, last: end.value } };
}

export function rangeSize(r: IpRange): bigint {
  return r.last - r.first + 1n;
}

export function rangeContains(r: IpRange, ip: IpAddr): boolean {
  return r.family === ip.family && ip.value >= r.first && ip.value <= r.last;
}

export function rangesOverlap(a: IpRange, b: IpRange): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** IPv4 addresses ending in .0 or .255, which MetalLB's avoidBuggyIPs skips (smurf protection on old CPEs). */
export function isBuggyIp(ip: IpAddr): boolean {
  if (ip.family !== 'IPv4') return false;
  const last = ip.value & 0xffn;
  return last === 0n || last === 255n;
}

/** How many addresses of r end in .0 or .255 (none for IPv6). */
export function countBuggy(r: IpRange): bigint {
  if (r.family !== 'IPv4') return 0n;
  // Addresses x with x % 256 in {0, 255} up to n, counted for [0, n].
  const upTo = (n: bigint): bigint => {
    if (n < 0n) return 0n;
    const blocks = n / 256n;
    const rem = n % 256n;
    return blocks * 2n + 1n + (rem === 255n ? 1n : 0n);
  };
  return upTo(r.last) - upTo(r.first - 1n);
}

/** The address right after ip within its family, or undefined at the top. */
export function nextIp(ip: IpAddr): IpAddr | undefined {
  const max = ip.family === 'IPv4' ? V4_MAX : V6_MAX;
  return ip.value >= max ? undefined : { family: ip.family, value: ip.value + 1n };
}

/** The parts of `ranges` not covered by `used` (any order, duplicates allowed), in the ranges' order. */
export function subtractAddresses(ranges: readonly IpRange[], used: readonly IpAddr[]): IpRange[] {
  const out: IpRange[] = [];
  for (const r of ranges) {
    const inside = used
      .filter((u) => rangeContains(r, u))
      .map((u) => u.value)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let cursor = r.first;
    for (const v of inside) {
      if (v > cursor) out.push({ family: r.family, first: cursor, last: v - 1n });
      if (v >= cursor) cursor = v + 1n;
    }
    if (cursor <= r.last) out.push({ family: r.family, first: cursor, last: r.last });
  }
  return out;
}

/** The first address of r at or after `from` that avoidBuggyIPs allows. */
export function firstUsable(r: IpRange, avoidBuggy: boolean, from: bigint = r.first): IpAddr | undefined {
  for (let v = from < r.first ? r.first : from; v <= r.last; v++) {
    const ip: IpAddr = { family: r.family, value: v };
    if (!avoidBuggy || !isBuggyIp(ip)) return ip;
  }
  return undefined;
}

/** `a-b` for a span, the bare address for a single one; CIDR-aligned spans print as CIDRs. */
export function formatRange(r: IpRange): string {
  const first: IpAddr = { family: r.family, value: r.first };
  if (r.first === r.last) return formatIp(first);
  const size = rangeSize(r);
  if ((size & (size - 1n)) === 0n && r.first % size === 0n) {
    const hostBits = size.toString(2).length - 1;
    return `${formatIp(first)}/${familyBits(r.family) - hostBits}`;
  }
  return `${formatIp(first)}-${formatIp({ family: r.family, value: r.last })}`;
}

/** A count for a table cell: exact up to a million, then as a power of ten (a /64 has 1.8e19). */
export function formatCount(n: bigint): string {
  if (n < 1_000_000n) return n.toString();
  const s = n.toString();
  return `${s[0]}.${s[1]}e${s.length - 1}`;
}

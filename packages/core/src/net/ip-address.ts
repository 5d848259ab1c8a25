/**
 * IP address and network primitives shared by every stage: parsing and normalizing addresses (IPv4-mapped
 * IPv6 folded to IPv4, IPv6 in RFC 5952 form), CIDR parsing, containment and subnet keys. IPv4 values are
 * unsigned 32-bit numbers; IPv6 values are bigints. Invalid input yields `undefined`, never an exception.
 */

export type IpVersion = 4 | 6;

export interface ParsedIp {
  readonly version: IpVersion;
  /** IPv4: 0..2^32-1 as a number; IPv6: 0..2^128-1 as a bigint. */
  readonly value: number | bigint;
  /** Normalized text form. */
  readonly text: string;
}

const V4_RE =
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses dotted-quad IPv4 (no leading zeros, which are ambiguous) to an unsigned 32-bit number. */
export function parseIpv4(text: string): number | undefined {
  const m = V4_RE.exec(text);
  if (!m) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Parses an IPv6 address (with optional embedded IPv4 tail) to a bigint. Zone ids are not accepted. */
export function parseIpv6(text: string): bigint | undefined {
  if (text.length < 2 || text.length > 45 || text.indexOf(':') < 0) return undefined;
  let s = text;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) > 0) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >>> 16, v4 & 0xffff];
    s = `${s.slice(0, lastColon + 1)}0`; // placeholder group, replaced below
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.length === 0 || g.length > 4 || !/^[0-9a-fA-F]+$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !rest) return undefined;
  let groups: number[];
  if (tail.length > 0) {
    // drop the placeholder group and append the IPv4 tail
    if (rest.length > 0) rest.pop();
    else head.pop();
  }
  const explicit = head.length + rest.length + tail.length;
  if (halves.length === 2) {
    if (explicit > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail];
  } else {
    if (explicit !== 8) return undefined;
    groups = [...head, ...tail];
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** RFC 5952 text: lower case, longest run of two or more zero groups compressed (first on a tie). */
export function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
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
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * Parses any textual address: IPv4, IPv6, bracketed IPv6 ('[::1]'), and folds IPv4-mapped IPv6
 * ('::ffff:1.2.3.4') to IPv4. Returns undefined when the text is not an address.
 */
export function parseIp(input: string): ParsedIp | undefined {
  let s = input.trim();
  if (s.length === 0 || s.length > 47) return undefined;
  if (s.charCodeAt(0) === 91 /* [ */ && s.charCodeAt(s.length - 1) === 93 /* ] */) s = s.slice(1, -1);
  const v4 = parseIpv4(s);
  if (v4 !== undefined) return { version: 4, value: v4, text: s };
  const v6 = parseIpv6(s);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) {
    const folded = Number(v6 & 0xffffffffn);
    return { version: 4, value: folded, text: formatIpv4(folded) };
  }
  return { version: 6, value: v6, text: formatIpv6(v6) };
}

/** Normalized text form of an address, or undefined when the input is not one. */
export function normalizeIp(input: string): string | undefined {
  // Fast path: a plain dotted quad is already normalized.
  if (V4_RE.test(input)) return input;
  return parseIp(input)?.text;
}

/**
 * Expands an ASN or a country into its networks, for exporters that turn an ASN or country ban into
 * address rules. Reads the same index as lookups; adjacent ranges are merged before they are split into
 * the minimal CIDR list. IPv6 networks are at most /64 precise (see range-table.ts). A scan of the tables
 * takes a few milliseconds, so results are not cached here.
 */
import { type IpIndex, key64 } from './ip-index.js';
import { rangeToCidrs4, rangeToCidrs6 } from './range-cidr.js';
import { packCountry, type RangeTable4, type RangeTable6 } from './range-table.js';

function cidrs4(t: RangeTable4, wanted: number, out: string[]): void {
  let runStart = -1;
  let runEnd = -1;
  for (let i = 0; i < t.value.length; i++) {
    if (t.value[i] !== wanted) continue;
    const s = t.start[i]!;
    const e = t.end[i]!;
    if (runStart >= 0 && s <= runEnd + 1) {
      if (e > runEnd) runEnd = e;
      continue;
    }
    if (runStart >= 0) rangeToCidrs4(runStart, runEnd, out);
    runStart = s;
    runEnd = e;
  }
  if (runStart >= 0) rangeToCidrs4(runStart, runEnd, out);
}

function cidrs6(t: RangeTable6, wanted: number, out: string[]): void {
  let runStart = -1n;
  let runEnd = -1n;
  for (let i = 0; i < t.value.length; i++) {
    if (t.value[i] !== wanted) continue;
    const s = key64(t.startHi[i]!, t.startLo[i]!);
    const e = key64(t.endHi[i]!, t.endLo[i]!);
    if (runStart >= 0n && s <= runEnd + 1n) {
      if (e > runEnd) runEnd = e;
      continue;
    }
    if (runStart >= 0n) rangeToCidrs6(runStart, runEnd, out);
    runStart = s;
    runEnd = e;
  }
  if (runStart >= 0n) rangeToCidrs6(runStart, runEnd, out);
}

export interface PrefixResolver {
  /** Every network routed by the ASN, IPv4 first, as merged CIDRs; [] when unknown. */
  prefixesOfAsn(asn: number): string[];
  /** Every network registered to the country (ISO alpha-2, any case), IPv4 first; [] when unknown. */
  prefixesOfCountry(cc: string): string[];
}

export function createPrefixResolver(index: IpIndex): PrefixResolver {
  const t = index.tables;
  return {
    prefixesOfAsn(asn) {
      const out: string[] = [];
      if (!Number.isInteger(asn) || asn <= 0 || asn > 0xffffffff) return out;
      cidrs4(t.asn4, asn, out);
      cidrs6(t.asn6, asn, out);
      return out;
    },
    prefixesOfCountry(cc) {
      const out: string[] = [];
      const packed = packCountry(cc.toUpperCase());
      if (packed === 0) return out;
      cidrs4(t.country4, packed, out);
      cidrs6(t.country6, packed, out);
      return out;
    },
  };
}

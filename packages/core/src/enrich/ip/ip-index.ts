/**
 * The compiled IP → ASN / organisation / country index: four range tables (ASN and country, IPv4 and
 * IPv6) and an organisation table deduplicated by ASN. Built by `ip-index-build.ts`, stored and loaded by
 * `ip-index-file.ts`. Lookups are pure and allocation-light; `lookups` counts them (the enricher's tests
 * prove it looks up each distinct address once).
 */
import { blockOf4, blockOf6 } from './range-cidr.js';
import { bucketsOf, findRange4, findRange6, type RangeTable4, type RangeTable6, unpackCountry } from './range-table.js';

export interface IpIndexMeta {
  /** Versions of the data packages the index was built from. */
  readonly asnSource: string;
  readonly countrySource: string;
  readonly builtAt: string;
}

/** What the index knows about one address; every field may be missing. */
export interface IndexAnswer {
  readonly asn: number | undefined;
  readonly org: string | undefined;
  readonly prefix: string | undefined;
  readonly country: string | undefined;
}

export interface IpIndexTables {
  readonly asn4: RangeTable4;
  readonly asn6: RangeTable6;
  readonly country4: RangeTable4;
  readonly country6: RangeTable6;
  /** Sorted ASNs and, at the same positions, their organisation names. */
  readonly orgAsns: Uint32Array;
  readonly orgNames: readonly string[];
}

/** The 64-bit key of two 32-bit halves. */
export function key64(hi: number, lo: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo);
}

export class IpIndex {
  lookups = 0;
  private readonly b4: Uint32Array;
  private readonly bc4: Uint32Array;
  private readonly b6: Uint32Array;
  private readonly bc6: Uint32Array;

  constructor(
    readonly tables: IpIndexTables,
    readonly meta: IpIndexMeta,
  ) {
    // A few milliseconds at load; each lookup then touches a few rows instead of ~19.
    this.b4 = bucketsOf(tables.asn4.start);
    this.bc4 = bucketsOf(tables.country4.start);
    this.b6 = bucketsOf(tables.asn6.startHi);
    this.bc6 = bucketsOf(tables.country6.startHi);
  }

  orgOf(asn: number): string | undefined {
    const a = this.tables.orgAsns;
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = a[mid]!;
      if (x === asn) return this.tables.orgNames[mid];
      if (x < asn) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  lookupV4(v: number): IndexAnswer {
    this.lookups++;
    const t = this.tables.asn4;
    const row = findRange4(t, v, this.b4);
    const c = findRange4(this.tables.country4, v, this.bc4);
    const country = c < 0 ? undefined : unpackCountry(this.tables.country4.value[c]!);
    if (row < 0) return { asn: undefined, org: undefined, prefix: undefined, country };
    const asn = t.value[row]!;
    return { asn, org: this.orgOf(asn), prefix: blockOf4(v, t.start[row]!, t.end[row]!), country };
  }

  lookupV6(value: bigint): IndexAnswer {
    this.lookups++;
    const top = value >> 64n;
    const hi = Number(top >> 32n);
    const lo = Number(top & 0xffffffffn);
    const t = this.tables.asn6;
    const row = findRange6(t, hi, lo, this.b6);
    const c = findRange6(this.tables.country6, hi, lo, this.bc6);
    const country = c < 0 ? undefined : unpackCountry(this.tables.country6.value[c]!);
    if (row < 0) return { asn: undefined, org: undefined, prefix: undefined, country };
    const asn = t.value[row]!;
    const start = key64(t.startHi[row]!, t.startLo[row]!);
    const end = key64(t.endHi[row]!, t.endLo[row]!);
    return { asn, org: this.orgOf(asn), prefix: blockOf6(top, start, end), country };
  }
}

/**
 * Evaluation of the network-type classifier against third-party datacenter ASN lists (never copied into
 * the code): the share of the X4BNet and brianhama ASNs that Rampart classes `hosting`, over all listed
 * ASNs and over those that route address space in the bundled data (an ASN that routes nothing can never
 * be behind a request). The two lists overlap (714 of brianhama's 723 ASNs are on X4BNet), so the split
 * used when reading misses for general rules is: brianhama = development (its misses may be read for word
 * patterns and structural signals, never to add an ASN or a brand), X4BNet minus brianhama (178 ASNs) =
 * held out, never read. client9/ipcat's datacenter ranges are a second held-out check. A list of large
 * residential and mobile ISPs must never be `hosting`. Figures are printed and recorded in
 * docs/benchmarks/enrich.md and docs/enrichment.md.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IpIndex } from '../../packages/core/src/enrich/ip/ip-index.js';
import { loadIpIndex } from '../../packages/core/src/enrich/ip/ip-index-file.js';
import { NetworkTypeClassifier } from '../../packages/core/src/enrich/network-type/network-type-classifier.js';
import { parseIpv4 } from '../../packages/core/src/net/ip-address.js';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';
import { EYEBALL_ASNS, readAsns } from './network-type-lists.js';

describe.skipIf(!HAS_SHARED_DATA)('network type evaluation', () => {
  let index: IpIndex;
  const classifier = new NetworkTypeClassifier();
  const typeOf = (asn: number) => classifier.classifyAsn(asn, index.orgOf(asn)).type;
  beforeAll(() => {
    index = loadIpIndex().index;
  });

  function share(asns: number[]) {
    const unique = [...new Set(asns)];
    const routed = unique.filter((a) => index.orgOf(a) !== undefined);
    const hosting = (list: number[]) => list.filter((a) => typeOf(a) === 'hosting').length;
    return {
      listed: unique.length,
      all: hosting(unique) / unique.length,
      routed: routed.length,
      routedShare: hosting(routed) / routed.length,
    };
  }

  it('classes most X4BNet and brianhama datacenter ASNs as hosting', () => {
    const x4b = readAsns('reference/datacenter_asn/x4bnet_datacenter_ASN.txt', /^AS(\d+)/);
    const brian = readAsns('reference/datacenter_asn/brianhama_bad-asn-list.csv', /^"?(\d+)"?,/);
    const both = share([...x4b, ...brian]);
    const heldOut = share(x4b.filter((a) => !brian.includes(a)));
    console.log('datacenter ASNs classed hosting', { x4bnet: share(x4b), brianhama: share(brian), both, heldOut });
    // Regression floor just under the figure recorded in docs/enrichment.md (0.725 of routed, 0.644 of all;
    // target 0.9, not reached: see there).
    expect(both.routedShare).toBeGreaterThan(0.72);
    expect(both.all).toBeGreaterThan(0.64);
    expect(heldOut.routedShare).toBeGreaterThan(0.74); // 0.750 of 176 routed
  });

  it('classes the networks of held-out ipcat datacenter ranges as hosting', () => {
    const text = readFileSync(sharedPath('reference/datacenter_asn/client9_ipcat_datacenters.csv'), 'utf8');
    const asns = new Set<number>();
    let ranges = 0;
    let hostingRanges = 0;
    for (const line of text.split('\n')) {
      const start = parseIpv4(line.split(',')[0] ?? '');
      if (start === undefined) continue;
      const asn = index.lookupV4(start).asn;
      if (asn === undefined) continue;
      asns.add(asn);
      ranges++;
      if (typeOf(asn) === 'hosting') hostingRanges++;
    }
    const s = { ...share([...asns]), ranges, rangeShare: hostingRanges / ranges };
    console.log("ipcat datacenter ranges (2023) → today's ASN of their first address, classed hosting", s);
    // ipcat is from 2023: some ranges have changed hands since, so this is a floor, not a precision figure.
    expect(s.rangeShare).toBeGreaterThan(0.8);
    expect(s.routedShare).toBeGreaterThan(0.537);
  });

  it('never classes a large residential or mobile ISP as hosting', () => {
    const asns = Object.keys(EYEBALL_ASNS).map(Number);
    expect(asns.length).toBeGreaterThanOrEqual(40);
    const wrong = asns.filter((a) => typeOf(a) === 'hosting').map((a) => `AS${a} ${EYEBALL_ASNS[a]}`);
    expect(wrong).toEqual([]);
    const types = asns.map(typeOf);
    expect(types.filter((t) => t === 'residential' || t === 'mobile').length).toBeGreaterThanOrEqual(40);
  });

  it('keeps X4BNet VPN-provider ASNs out of residential', () => {
    const vpn = readAsns('reference/datacenter_asn/x4bnet_vpn_ASN.txt', /^AS(\d+)/);
    expect(vpn.filter((a) => typeOf(a) === 'residential')).toEqual([]);
  });
});

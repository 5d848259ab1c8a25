/**
 * Evaluation of the network-type classifier against third-party datacenter ASN lists (never copied into
 * the code): the share of the X4BNet and brianhama ASNs that Rampart classes `hosting`, over all listed
 * ASNs and over those that route address space in the bundled data (an ASN that routes nothing can never
 * be behind a request). client9/ipcat's datacenter ranges serve as a held-out check: its names were never
 * looked at while writing the rules. A list of large residential and mobile ISPs must never be `hosting`.
 * Figures are printed and recorded in docs/enrichment.md.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IpIndex } from '../../packages/core/src/enrich/ip/ip-index.js';
import { loadIpIndex } from '../../packages/core/src/enrich/ip/ip-index-file.js';
import { NetworkTypeClassifier } from '../../packages/core/src/enrich/network-type/network-type-classifier.js';
import { parseIpv4 } from '../../packages/core/src/net/ip-address.js';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';

/** Large eyeball ISPs and mobile carriers of every region (written for this test, from public knowledge). */
const EYEBALL_ASNS: Record<number, string> = {
  7922: 'Comcast',
  20115: 'Charter',
  7018: 'AT&T',
  701: 'Verizon Fios',
  21928: 'T-Mobile US',
  20057: 'AT&T Mobility',
  6167: 'Verizon Wireless',
  22773: 'Cox',
  5650: 'Frontier',
  812: 'Rogers',
  577: 'Bell Canada',
  852: 'Telus',
  6327: 'Shaw',
  2856: 'BT',
  5607: 'Sky UK',
  5089: 'Virgin Media',
  13285: 'TalkTalk',
  5378: 'Vodafone UK',
  3320: 'Deutsche Telekom',
  3209: 'Vodafone DE',
  6805: 'Telefonica DE',
  3215: 'Orange FR',
  12322: 'Free',
  15557: 'SFR',
  5410: 'Bouygues',
  3352: 'Telefonica ES',
  3269: 'TIM',
  1136: 'KPN',
  5432: 'Proximus',
  3303: 'Swisscom',
  4713: 'NTT OCN',
  2516: 'KDDI',
  17676: 'SoftBank',
  4766: 'KT',
  4134: 'China Telecom',
  4837: 'China Unicom',
  9808: 'China Mobile',
  55836: 'Jio',
  9498: 'Airtel',
  45609: 'Airtel mobile',
  7713: 'Telkom Indonesia',
  23693: 'Telkomsel',
  1221: 'Telstra',
  4804: 'Optus',
  28573: 'Claro BR',
  18881: 'Vivo',
  7738: 'Oi',
  8151: 'Telmex',
  12389: 'Rostelecom',
  8359: 'MTS',
  9121: 'Turk Telekom',
  16135: 'Turkcell',
  8452: 'TE Data',
  25019: 'STC',
  29975: 'Vodacom',
  9829: 'BSNL',
  45899: 'VNPT',
  9299: 'PLDT',
  4788: 'TM Malaysia',
};

function readAsns(file: string, re: RegExp): number[] {
  const out: number[] = [];
  for (const line of readFileSync(sharedPath(file), 'utf8').split('\n')) {
    const m = re.exec(line);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

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
    console.log('datacenter ASNs classed hosting', { x4bnet: share(x4b), brianhama: share(brian), both });
    // Regression floor just under the figure recorded in docs/enrichment.md (0.725 of routed, 0.644 of all;
    // target 0.9, not reached: see there).
    expect(both.routedShare).toBeGreaterThan(0.72);
    expect(both.all).toBeGreaterThan(0.64);
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
    expect(s.rangeShare).toBeGreaterThan(0.79);
    expect(s.routedShare).toBeGreaterThan(0.52);
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

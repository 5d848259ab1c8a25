/**
 * Network type with the recommended feeds configured, through the path a user takes: `enrich.feeds` in a
 * YAML config, `rampart update-data` downloading them (here from a local HTTP server that serves the
 * shared copies of the lists, as GitHub would serve the originals), and an enricher built from that config
 * and data dir. Measures the cross-list figures — with one datacenter list as a feed, the share of the
 * other list's ASNs classed `hosting` — the self-coverage (sanity), the held-out ipcat ranges with the
 * X4BNet CIDR feed, and that the large eyeball ISPs still are not `hosting`. Figures are printed and
 * recorded in docs/benchmarks/enrich.md.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromObject } from '../../packages/core/src/config/load-config.js';
import { createEnricher } from '../../packages/core/src/enrich/enricher.js';
import type { IpIndex } from '../../packages/core/src/enrich/ip/ip-index.js';
import { loadIpIndex } from '../../packages/core/src/enrich/ip/ip-index-file.js';
import { CURATED_ASNS } from '../../packages/core/src/enrich/network-type/asn-network-types.js';
import type { NetworkTypeClassifier } from '../../packages/core/src/enrich/network-type/network-type-classifier.js';
import { formatIpv4, parseIpv4 } from '../../packages/core/src/net/ip-address.js';
import { main } from '../../packages/server/src/cli/main.js';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';
import { EYEBALL_ASNS, readAsns } from './network-type-lists.js';

const DIR = 'reference/datacenter_asn/';
const X4B_ASN = `${DIR}x4bnet_datacenter_ASN.txt`;
const BRIAN = `${DIR}brianhama_bad-asn-list.csv`;
/** lord-alfred/ipranges' merged IPv4 lists of cloud providers (CC0). */
const CLOUDS = ['amazon', 'google', 'microsoft', 'oracle', 'digitalocean', 'linode', 'vultr'];

/** What the local server answers, path → body: the shared copies, as their upstream URLs serve them. */
function served(): Record<string, string> {
  return {
    '/X4BNet/lists_vpn/main/input/datacenter/ASN.txt': readFileSync(sharedPath(X4B_ASN), 'utf8'),
    '/X4BNet/lists_vpn/main/output/datacenter/ipv4.txt': gunzipSync(
      readFileSync(sharedPath(`${DIR}x4bnet_datacenter_ipv4.txt.gz`)),
    ).toString('utf8'),
    '/brianhama/bad-asn-list/master/bad-asn-list.csv': readFileSync(sharedPath(BRIAN), 'utf8'),
    ...Object.fromEntries(
      CLOUDS.map((c) => [
        `/lord-alfred/ipranges/main/${c}/ipv4_merged.txt`,
        readFileSync(sharedPath(`reference/cloud_ip_ranges/ipranges_${c}_ipv4_merged.txt`), 'utf8'),
      ]),
    ),
  };
}

describe.skipIf(!HAS_SHARED_DATA)('network type with datacenter feeds from rampart update-data', () => {
  const root = mkdtempSync(join(tmpdir(), 'rampart-nt-feeds-'));
  let server: Server;
  let origin = '';
  let index: IpIndex;
  beforeAll(async () => {
    const bodies = served();
    server = createServer((req, res) => {
      const body = bodies[req.url ?? ''];
      if (body === undefined) res.writeHead(404).end('not found');
      else res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    index = loadIpIndex().index;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  /** Writes a config with these feeds, runs `rampart update-data` for them, builds the enricher's classifier. */
  async function withFeeds(
    label: string,
    feeds: Array<{ name: string; path: string; kind: 'asn-list' | 'cidr-list' }>,
  ): Promise<NetworkTypeClassifier> {
    const dataDir = join(root, label);
    const enrich = {
      feeds: feeds.map((f) => ({ url: origin + f.path, kind: f.kind, networkType: 'hosting', name: f.name })),
    };
    const cfgFile = join(root, `${label}.yaml`);
    writeFileSync(cfgFile, JSON.stringify({ enrich })); // YAML is a superset of JSON
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        cb();
      },
    });
    const only = feeds.flatMap((f) => ['--only', `feed:${f.name}`]);
    const code = await main(['node', 'rampart', 'update-data', '-c', cfgFile, ...only], {
      stdout: sink,
      stderr: sink,
      env: { RAMPART_DATA: dataDir },
      cwd: root,
    });
    expect(code, out).toBe(0);
    for (const f of feeds) expect(out).toContain(`ok    feed:${f.name}`);
    const enricher = createEnricher(configFromObject({ enrich }).enrich, {
      ipIndex: index,
      dataDir,
      crawlerVerifier: false,
    });
    expect(enricher.missingFeeds).toEqual([]);
    return enricher.resolver.classifier;
  }

  function share(c: NetworkTypeClassifier, asns: readonly number[]) {
    const routed = [...new Set(asns)].filter((a) => index.orgOf(a) !== undefined);
    const hosting = routed.filter((a) => c.classifyAsn(a, index.orgOf(a)).type === 'hosting').length;
    return { routed: routed.length, hosting, share: hosting / routed.length };
  }

  /** ipcat's 2023 datacenter ranges: classed by their first address, so CIDR feeds count. */
  function ipcatShare(c: NetworkTypeClassifier) {
    const text = readFileSync(sharedPath(`${DIR}client9_ipcat_datacenters.csv`), 'utf8');
    let ranges = 0;
    let hosting = 0;
    for (const line of text.split('\n')) {
      const start = parseIpv4(line.split(',')[0] ?? '');
      if (start === undefined) continue;
      const a = index.lookupV4(start);
      if (a.asn === undefined) continue;
      ranges++;
      if (c.classify(formatIpv4(start), a.asn, a.org).type === 'hosting') hosting++;
    }
    return { ranges, hosting, share: hosting / ranges };
  }

  /** The 58 large eyeball ISPs, and every ASN the curated table classes residential or mobile, now `hosting`. */
  function eyeballsAsHosting(c: NetworkTypeClassifier): string[] {
    const curated = [...(CURATED_ASNS.residential ?? []), ...(CURATED_ASNS.mobile ?? [])];
    return [...new Set([...Object.keys(EYEBALL_ASNS).map(Number), ...curated])]
      .filter((a) => c.classifyAsn(a, index.orgOf(a)).type === 'hosting')
      .map((a) => `AS${a} ${EYEBALL_ASNS[a] ?? index.orgOf(a)}`);
  }

  it('with the X4BNet ASN and CIDR feeds: covers brianhama and most ipcat ranges, never an eyeball ISP', async () => {
    const c = await withFeeds('x4bnet', [
      { name: 'x4bnet-asn', path: '/X4BNet/lists_vpn/main/input/datacenter/ASN.txt', kind: 'asn-list' },
      { name: 'x4bnet-ipv4', path: '/X4BNet/lists_vpn/main/output/datacenter/ipv4.txt', kind: 'cidr-list' },
    ]);
    const x4b = readAsns(X4B_ASN, /^AS(\d+)/);
    const brian = readAsns(BRIAN, /^"?(\d+)"?,/);
    const brianOnly = brian.filter((a) => !x4b.includes(a));
    const r = {
      self: share(c, x4b),
      brianhama: share(c, brian),
      brianhamaNotInX4b: share(c, brianOnly),
      ipcat: ipcatShare(c),
    };
    console.log('feeds: X4BNet ASN + CIDR lists', r);
    expect(r.self.share).toBeGreaterThan(0.98); // sanity: the feed's own ASNs
    expect(r.brianhama.share).toBeGreaterThan(0.95);
    expect(r.ipcat.share).toBeGreaterThan(0.81);
    expect(eyeballsAsHosting(c)).toEqual([]);
  });

  it('with the brianhama feed: covers most of X4BNet, never an eyeball ISP', async () => {
    const c = await withFeeds('brianhama', [
      { name: 'brianhama', path: '/brianhama/bad-asn-list/master/bad-asn-list.csv', kind: 'asn-list' },
    ]);
    const x4b = readAsns(X4B_ASN, /^AS(\d+)/);
    const brian = readAsns(BRIAN, /^"?(\d+)"?,/);
    const x4bOnly = x4b.filter((a) => !brian.includes(a));
    const r = {
      self: share(c, brian),
      x4bnet: share(c, x4b),
      x4bnetNotInBrianhama: share(c, x4bOnly),
      ipcat: ipcatShare(c),
    };
    console.log('feeds: brianhama ASN list', r);
    expect(r.self.share).toBeGreaterThan(0.99); // all but MTN Nigeria, a curated mobile carrier on the list
    expect(r.x4bnet.share).toBeGreaterThan(0.94);
    expect(eyeballsAsHosting(c)).toEqual([]);
  });

  it("with the cloud providers' published ranges as CIDR feeds: ipcat ranges, never an eyeball ISP", async () => {
    const c = await withFeeds(
      'clouds',
      CLOUDS.map((name) => ({
        name,
        path: `/lord-alfred/ipranges/main/${name}/ipv4_merged.txt`,
        kind: 'cidr-list' as const,
      })),
    );
    const r = { ipcat: ipcatShare(c) };
    console.log('feeds: cloud ranges (lord-alfred/ipranges)', r);
    expect(r.ipcat.share).toBeGreaterThan(0.79);
    expect(eyeballsAsHosting(c)).toEqual([]);
  });
});

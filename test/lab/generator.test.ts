/**
 * Properties of the lab generator that must hold for every seed: reproducible, varied across seeds, labels
 * that match the log exactly, crawlers inside their published ranges, humans that look human.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATEGORIES, CidrSet, generateLab, type LabLabels, normalizeIp, planLabDay } from '@rampart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';

const SCALE = 0.05;
const root = mkdtempSync(join(tmpdir(), 'rampart-lab-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Day {
  labels: LabLabels;
  nginx: string;
  cloudflare: string;
}
const days = new Map<number, Day>();
function day(seed: number, dir = `seed-${seed}`): Day {
  const cached = dir === `seed-${seed}` ? days.get(seed) : undefined;
  if (cached) return cached;
  const out = join(root, dir);
  const { labels } = generateLab({ seed, scale: SCALE, outDir: out, formats: ['nginx', 'cloudflare'] });
  const d = {
    labels,
    nginx: readFileSync(join(out, 'access.log'), 'utf8'),
    cloudflare: readFileSync(join(out, 'cloudflare.json'), 'utf8'),
  };
  if (dir === `seed-${seed}`) days.set(seed, d);
  return d;
}
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const lines = (s: string) => s.split('\n').filter((l) => l !== '');

beforeAll(() => {
  day(7);
  day(8);
});

describe('lab generator', () => {
  it('writes the same day byte for byte for the same seed', () => {
    const again = day(7, 'seed-7-again');
    expect(sha(again.nginx)).toBe(sha(day(7).nginx));
    expect(sha(again.cloudflare)).toBe(sha(day(7).cloudflare));
    expect(again.labels).toEqual(day(7).labels);
  });

  it('draws different parameters and a different day for different seeds', () => {
    const a = day(7).labels.params;
    const b = day(8).labels.params;
    const differing = Object.keys(a).filter((k) => a[k as keyof typeof a] !== b[k as keyof typeof b]);
    expect(differing.length).toBeGreaterThan(Object.keys(a).length * 0.8);
    expect(sha(day(7).nginx)).not.toBe(sha(day(8).nginx));
  });

  it('labels every address in the log, and every labelled address appears in the log', () => {
    const { labels, nginx, cloudflare } = day(7);
    const inNginx = new Set(lines(nginx).map((l) => l.slice(0, l.indexOf(' '))));
    const inCloudflare = new Set(lines(cloudflare).map((l) => (JSON.parse(l) as { ClientIP: string }).ClientIP));
    const labelled = new Set(labels.actors.flatMap((a) => a.ips));
    expect(inNginx).toEqual(labelled);
    expect(inCloudflare).toEqual(labelled);
    // No address belongs to two actors.
    expect(labelled.size).toBe(labels.actors.reduce((n, a) => n + a.ips.length, 0));
    expect(labels.lines).toBe(lines(nginx).length);
    expect(labels.actors.reduce((n, a) => n + a.requests, 0)).toBe(labels.lines);
  });

  it('writes events in time order in both formats', () => {
    const { nginx, cloudflare } = day(8);
    const months: Record<string, string> = { Nov: '11' };
    const nginxTimes = lines(nginx).map((l) => {
      const m = /\[(\d\d)\/(\w\w\w)\/(\d{4}):(\d\d:\d\d:\d\d)/.exec(l);
      return m ? `${m[3]}-${months[m[2] ?? '']}-${m[1]}T${m[4]}Z` : '';
    });
    const cfTimes = lines(cloudflare).map((l) => (JSON.parse(l) as { EdgeStartTimestamp: string }).EdgeStartTimestamp);
    expect(nginxTimes).toEqual(cfTimes);
    expect(cfTimes.every((t, i) => i === 0 || (cfTimes[i - 1] as string) <= t)).toBe(true);
    expect(cfTimes[0]?.startsWith('2026-11-20T')).toBe(true);
    expect(cfTimes.at(-1)?.startsWith('2026-11-20T')).toBe(true);
  });

  it('covers every abuse category and every hard-negative population', () => {
    for (const seed of [7, 8]) {
      const { labels } = day(seed);
      const categories = new Set(labels.actors.filter((a) => a.label === 'abuse').map((a) => a.category));
      expect([...categories].sort()).toEqual([...CATEGORIES].sort());
      const kinds = new Set(labels.actors.map((a) => a.kind).filter(Boolean));
      for (const k of [
        'human',
        'cgnat_gateway',
        'office_nat',
        'vpn_user',
        'power_user',
        'password_retry',
        'flash_crowd',
      ]) {
        expect(kinds.has(k as never), k).toBe(true);
      }
      const cgnat = labels.actors.find((a) => a.kind === 'cgnat_gateway');
      expect(cgnat?.ips).toHaveLength(1);
      expect(cgnat?.people).toBeGreaterThanOrEqual(150);
    }
  });

  it('gives humans static assets with their pages and an evening-peaked daily rhythm', () => {
    const { labels, cloudflare } = day(7);
    const humanIps = new Set(labels.actors.filter((a) => a.kind === 'human').flatMap((a) => a.ips));
    let pages = 0;
    let assets = 0;
    const germanHours = new Array<number>(24).fill(0);
    for (const l of lines(cloudflare)) {
      const r = JSON.parse(l) as {
        ClientIP: string;
        ClientRequestURI: string;
        EdgeStartTimestamp: string;
        ClientASN: number;
      };
      if (!humanIps.has(r.ClientIP)) continue;
      if (r.ClientRequestURI.startsWith('/static/') || r.ClientRequestURI === '/favicon.ico') assets++;
      else pages++;
      // Deutsche Telekom and Vodafone customers live in UTC+1.
      if (r.ClientASN === 3320 || r.ClientASN === 3209) {
        const h = (Number(r.EdgeStartTimestamp.slice(11, 13)) + 1) % 24;
        germanHours[h] = (germanHours[h] ?? 0) + 1;
      }
    }
    expect(assets).toBeGreaterThan(pages);
    const night = germanHours.slice(2, 6).reduce((a, b) => a + b, 0);
    const evening = germanHours.slice(18, 22).reduce((a, b) => a + b, 0);
    expect(evening).toBeGreaterThan(3 * night);
  });

  it('puts humans on the residential networks of the audience and keys only in the Cloudflare log', () => {
    const { labels, nginx, cloudflare } = day(8);
    const residential = new Set([7922, 20115, 22773, 701, 812, 3320, 3209, 3215, 12322, 2856, 5089, 3352, 1136, 1221]);
    const humanIps = new Set(labels.actors.filter((a) => a.kind === 'human').flatMap((a) => a.ips));
    const asns = new Set<number>();
    for (const l of lines(cloudflare)) {
      const r = JSON.parse(l) as { ClientIP: string; ClientASN: number };
      if (humanIps.has(r.ClientIP)) asns.add(r.ClientASN);
    }
    expect([...asns].every((a) => residential.has(a))).toBe(true);
    expect([...humanIps].some((ip) => ip.includes(':'))).toBe(true);
    const enumKey = labels.actors.find((a) => a.scenario === 'api_user_enumeration')?.entity.value ?? '';
    expect(enumKey).toMatch(/^sk_live_/);
    expect(cloudflare.includes(`"x-api-key":"${enumKey}"`)).toBe(true);
    expect(nginx.includes(enumKey)).toBe(false);
  });

  it('makes slow-drip stuffing addresses send one to three login POSTs and nothing else', () => {
    const { labels, nginx } = day(7);
    const stuffing = labels.actors.find((a) => a.scenario === 'credential_stuffing_slow_drip');
    expect(stuffing?.ips.length).toBeGreaterThanOrEqual(300);
    const members = new Set(stuffing?.ips);
    const perIp = new Map<string, number>();
    for (const l of lines(nginx)) {
      const ip = l.slice(0, l.indexOf(' '));
      if (!members.has(ip)) continue;
      expect(l).toContain('"POST /login HTTP/1.1"');
      perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
    }
    expect(Math.max(...perIp.values())).toBeLessThanOrEqual(3);
  });

  it('makes pollers regular, scrapers sequential without assets, and proxy-pool members share one UA', () => {
    const { labels, nginx } = day(8);
    const byIp = new Map<string, string[]>();
    for (const l of lines(nginx)) {
      const ip = l.slice(0, l.indexOf(' '));
      const list = byIp.get(ip) ?? [];
      list.push(l);
      byIp.set(ip, list);
    }
    const seconds = (l: string) => {
      const m = /:(\d\d):(\d\d):(\d\d) \+0000/.exec(l);
      return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : Number.NaN;
    };
    const cv = (xs: number[]) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) / mean;
    };
    const gaps = (ls: string[]) => ls.slice(1).map((l, i) => seconds(l) - seconds(ls[i] as string));
    for (const poller of labels.actors.filter((a) => a.scenario === 'poller')) {
      expect(cv(gaps(byIp.get(poller.ips[0] as string) ?? []))).toBeLessThan(0.05);
    }
    for (const scraper of labels.actors.filter((a) => a.scenario === 'scraper_single_source')) {
      const ls = byIp.get(scraper.ips[0] as string) ?? [];
      const ids = ls.map((l) => Number(/GET \/products\/(\d+) /.exec(l)?.[1]));
      expect(ids.every((id, i) => i === 0 || id === (ids[i - 1] as number) + 1)).toBe(true);
    }
    const pool = labels.actors.find((a) => a.scenario === 'scraper_residential_pool');
    const poolLines = (pool?.ips ?? []).flatMap((ip) => byIp.get(ip) ?? []);
    expect(poolLines.some((l) => l.includes('/static/'))).toBe(false);
    expect(new Set(poolLines.map((l) => l.slice(l.lastIndexOf(' "')))).size).toBe(1);
    // A person's pauses vary a lot: log-normal think times, not a timer.
    const human = labels.actors.find((a) => a.kind === 'human' && a.requests > 40);
    const pages = (byIp.get(human?.ips[0] ?? '') ?? []).filter((l) => !/"GET \/(static|favicon)/.test(l));
    expect(cv(gaps(pages))).toBeGreaterThan(0.5);
  });

  it('scales to 150k-300k lines a day at scale 1', () => {
    const d = planLabDay({ seed: 3, scale: 1 });
    let n = 0;
    for (const _ of d.requests()) n++;
    expect(n).toBeGreaterThanOrEqual(150_000);
    expect(n).toBeLessThanOrEqual(300_000);
  });
});

describe.skipIf(!HAS_SHARED_DATA)('lab crawlers against the published ranges in ../shared/data', () => {
  const ranges = (file: string) =>
    CidrSet.fromStrings(readFileSync(sharedPath(`reference/crawler_ip_ranges/${file}`), 'utf8').split('\n')).set;

  it('sends Googlebot and Bingbot only from their published ranges and the fake Googlebot from outside them', () => {
    const google = ranges('ipranges_googlebot_ipv4.txt');
    const bing = ranges('ipranges_bing_ipv4.txt');
    for (const seed of [7, 8]) {
      const { labels } = day(seed);
      const ips = (scenario: string) => labels.actors.filter((a) => a.scenario === scenario).flatMap((a) => a.ips);
      expect(ips('googlebot').length).toBeGreaterThan(0);
      expect(ips('googlebot').every((ip) => google.has(ip))).toBe(true);
      expect(ips('bingbot').every((ip) => bing.has(ip))).toBe(true);
      expect(ips('fake_googlebot').some((ip) => google.has(ip))).toBe(false);
    }
  });

  it('polls from UptimeRobot addresses in the published monitor list', () => {
    const file = sharedPath('reference/crawler_ip_ranges/crowdsec_benign_bots/legit_bots__uptimerobot.json');
    const json = JSON.parse(readFileSync(file, 'utf8').replace(/^#.*\n/gm, '')) as { ranges: string[] };
    const set = CidrSet.fromStrings(json.ranges).set;
    const monitor = day(7).labels.actors.find((a) => a.kind === 'uptime_monitor');
    expect(monitor?.ips.every((ip) => set.has(normalizeIp(ip) ?? ip))).toBe(true);
    expect(monitor?.requests).toBeGreaterThan(1400);
  });
});

/**
 * The shared per-key features the engine maintains once for every detector: counters over the key's
 * life (bounded to ~24 h by idle eviction), tumbling 1-minute / 10-minute / 1-hour windows with their
 * peaks, a 24-hour active-hours mask, inter-arrival statistics (Welford mean/variance of the gaps between
 * distinct seconds), sequential-id and pagination walks, distinct paths / user agents / member addresses
 * as sketches, and up to five evidence lines (kept only once a key looks notable, to bound memory).
 * Times are whole seconds of event time (small integers keep V8 fields unboxed). Every field is
 * initialised in the constructor so all keys share one hidden class. Budget: see docs/detection.md.
 */

import type { CrawlerVerdict, EnrichedEvent, IpInfo, UaInfo } from '../../event/enriched-event.js';
import { detachString } from '../../util/detach-string.js';
import {
  type EventFeatures,
  F_AUTH,
  F_AUTH_ATTEMPT,
  F_AUTH_FAIL,
  F_CURSOR,
  F_EXPORT,
  F_PAGE,
  F_SENSITIVE,
  F_STATIC,
} from '../features/event-features.js';
import type { EvidenceLine } from '../finding.js';
import { DistinctSketch } from './sketch.js';

export const KEY_KINDS = ['ip', 'subnet', 'asn', 'api_key', 'user'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

const EVIDENCE_MAX = 5;
const MEMBER_SAMPLE = 64;
/** A key starts keeping evidence once it has this many requests or one notable request. */
const EVIDENCE_FROM = 20;

export class KeyStats {
  first: number;
  last: number;
  n = 0;
  n2xx = 0;
  n4xx = 0;
  n404 = 0;
  n403 = 0;
  n5xx = 0;
  post = 0;
  authN = 0;
  authAttempts = 0;
  authFails = 0;
  staticN = 0;
  pageN = 0;
  sensitiveN = 0;
  sensitiveKinds = 0;
  exportN = 0;
  cursorN = 0;
  maxPage = -1;
  scannerUaN = 0;
  libraryUaN = 0;
  outdatedUaN = 0;
  browserUaN = 0;
  missingUaN = 0;
  /** Request lines that were not HTTP (trojan beacons, TLS or SSH bytes on an HTTP port, `HELP`). */
  malformedN = 0;
  crawlerDeclaredN = 0;
  crawlerUnverifiedN = 0;
  crawlerVerifiedN = 0;
  bytes = 0;
  maxBytes = 0;
  /** Requests that carried an API key. */
  apiKeyN = 0;
  /** Requests with a Referer (browsers navigating send one; most floods and scripts do not). */
  refererN = 0;
  // sequential identifier walk on one path template
  lastTemplateHash = 0;
  lastId = -1;
  idN = 0;
  seqSteps = 0;
  // inter-arrival gaps between distinct seconds (Welford)
  gapN = 0;
  gapMean = 0;
  gapM2 = 0;
  // tumbling windows
  minIdx = -1;
  minN = 0;
  peakMin = 0;
  tenIdx = -1;
  tenN = 0;
  peakTen = 0;
  tenFails = 0;
  peakTenFails = 0;
  tenErr = 0;
  peakTenErr = 0;
  hourIdx = -1;
  hourN = 0;
  peakHour = 0;
  /** Bit h%24 set when the key was active in absolute hour h of the last 24 hours. */
  hourMask = 0;
  // histogram buckets this key currently occupies (see LogHistogram)
  reqBucket = -1;
  bytesBucket = -1;
  /** Totals at which the bucket changes next (the key is new: its first update places it). */
  reqNext = 0;
  bytesNext = 0;
  readonly paths = new DistinctSketch();
  readonly uas = new DistinctSketch();
  /** Group keys only: distinct member addresses; api_key/user keys also distinct ASNs and countries. */
  members: DistinctSketch | undefined = undefined;
  asns: DistinctSketch | undefined = undefined;
  countries: DistinctSketch | undefined = undefined;
  /** Distinct pagination cursors followed (allocated on the first cursor). */
  cursors: DistinctSketch | undefined = undefined;
  memberSample: string[] | undefined = undefined;
  /** Last raw address seen (an IPv6 client key is a /64; campaigns list addresses). */
  addr = '';
  net: IpInfo | undefined = undefined;
  ua: UaInfo | undefined = undefined;
  crawler: CrawlerVerdict | undefined = undefined;
  evidence: EvidenceLine[] | undefined = undefined;
  private notableMask = 0;
  /** Allowlist answer cached per client key: epoch ms until which it is allowed; -1 = not computed. */
  allowedUntil = -1;
  /** Set when touched since the last evaluation (the engine lists it for detectors). */
  dirty = false;
  /** Set when its table dropped it: a reference kept elsewhere must not be updated any more. */
  evicted = false;
  /** CLOCK bit for eviction under the key cap: set when a key comes back (one-shot keys go first). */
  recent = false;
  /** Service-baseline flags: counted as a human-looking page client / as one that loaded assets. */
  humanCounted = false;
  humanStatic = false;

  constructor(
    readonly kind: KeyKind,
    readonly key: string,
    sec: number,
  ) {
    this.first = sec;
    this.last = sec;
  }

  /**
   * The lighter update for network group keys (subnet, asn): volume, windows, bytes, statuses, distinct
   * user agents and members — what group-level detectors read — without per-path, id, user-agent-class
   * and evidence bookkeeping (findings about a group quote their members' evidence).
   */
  observeGroup(e: EnrichedEvent, f: EventFeatures, sec: number): void {
    const req = e.req;
    this.n++;
    if (this.n > 1) this.recent = true;
    if (sec > this.last) this.last = sec;
    if (sec < this.first) this.first = sec;
    const s = req.status;
    if (s < 300) this.n2xx++;
    else if (s >= 400 && s < 500) this.n4xx++;
    else if (s >= 500) this.n5xx++;
    if (req.bytes > 0) this.bytes += req.bytes;
    if (f.flags & F_STATIC) this.staticN++;
    if (e.crawler?.verified === true) this.crawlerVerifiedN++;
    this.observeWindows(sec, (f.flags & F_AUTH_FAIL) !== 0, s >= 400 && s < 500);
    this.uas.addHash(f.uaHash);
    const changed = this.net !== e.net;
    if (changed) this.setMember(e);
    this.observeMember(e, f, changed);
  }

  observe(e: EnrichedEvent, f: EventFeatures, sec: number): void {
    const req = e.req;
    const flags = f.flags;
    this.n++;
    if (this.n > 1) this.recent = true;
    if (sec > this.last) {
      const gap = sec - this.last;
      this.gapN++;
      const d = gap - this.gapMean;
      this.gapMean += d / this.gapN;
      this.gapM2 += d * (gap - this.gapMean);
      this.last = sec;
    }
    if (sec < this.first) this.first = sec;
    const s = req.status;
    if (s < 300) this.n2xx++;
    else if (s >= 400 && s < 500) {
      this.n4xx++;
      if (s === 404) this.n404++;
      else if (s === 403) this.n403++;
    } else if (s >= 500) this.n5xx++;
    if (req.method === 'POST') this.post++;
    // The parser leaves the method empty for a line that is not a request; '-' (a connection closed
    // before any request, e.g. a browser's preconnect) leaves the path empty as well and is not counted.
    else if (req.method === '' && req.path !== '') this.malformedN++;
    if (req.apiKey !== undefined) this.apiKeyN++;
    if (req.referer !== '') this.refererN++;
    if (flags & F_AUTH) this.authN++;
    if (flags & F_AUTH_ATTEMPT) this.authAttempts++;
    if (flags & F_AUTH_FAIL) this.authFails++;
    if (flags & F_STATIC) this.staticN++;
    if (flags & F_PAGE) this.pageN++;
    if (flags & F_SENSITIVE) {
      this.sensitiveN++;
      this.sensitiveKinds |= f.sensitive;
    }
    if (flags & F_EXPORT) this.exportN++;
    if (flags & F_CURSOR) {
      this.cursorN++;
      if (this.cursors === undefined) this.cursors = new DistinctSketch();
      this.cursors.addHash(f.cursorHash);
    }
    if (f.page > this.maxPage) this.maxPage = f.page;
    if (req.bytes > 0) {
      this.bytes += req.bytes;
      if (req.bytes > this.maxBytes) this.maxBytes = req.bytes;
    }
    this.observeUa(e);
    this.observeIds(f);
    this.observeWindows(sec, (flags & F_AUTH_FAIL) !== 0, s >= 400 && s < 500);
    this.paths.addHash(f.pathHash);
    this.uas.addHash(f.uaHash);
    const changed = this.net !== e.net;
    if (changed) this.setMember(e);
    if (this.kind !== 'ip') this.observeMember(e, f, changed);
    const notable = (flags & (F_SENSITIVE | F_AUTH_FAIL)) !== 0 || e.ua.class === 'scanner' || s === 404;
    if (this.evidence !== undefined || notable || this.n >= EVIDENCE_FROM) this.keepEvidence(e, notable);
  }

  private observeUa(e: EnrichedEvent): void {
    const ua = e.ua;
    this.ua = ua;
    switch (ua.class) {
      case 'scanner':
        this.scannerUaN++;
        break;
      case 'library':
        this.libraryUaN++;
        break;
      case 'outdated_browser':
        this.outdatedUaN++;
        break;
      case 'browser':
        this.browserUaN++;
        break;
      case 'missing':
        this.missingUaN++;
        break;
    }
    const c = e.crawler;
    if (c !== undefined) {
      this.crawler = c;
      this.crawlerDeclaredN++;
      if (c.verified === true) this.crawlerVerifiedN++;
      else if (c.verified === false) this.crawlerUnverifiedN++;
    }
  }

  private observeIds(f: EventFeatures): void {
    if (f.id < 0) return;
    this.idN++;
    const th = f.templateHash;
    if (th === this.lastTemplateHash && this.lastId >= 0) {
      const step = f.id - this.lastId;
      if (step !== 0 && step >= -3 && step <= 3) this.seqSteps++;
    }
    this.lastTemplateHash = th;
    this.lastId = f.id;
  }

  private observeWindows(sec: number, fail: boolean, err: boolean): void {
    const m = (sec / 60) | 0;
    if (m !== this.minIdx) {
      this.minIdx = m;
      this.minN = 0;
    }
    if (++this.minN > this.peakMin) this.peakMin = this.minN;
    const t = (sec / 600) | 0;
    if (t !== this.tenIdx) {
      this.tenIdx = t;
      this.tenN = 0;
      this.tenFails = 0;
      this.tenErr = 0;
    }
    if (++this.tenN > this.peakTen) this.peakTen = this.tenN;
    if (fail && ++this.tenFails > this.peakTenFails) this.peakTenFails = this.tenFails;
    if (err && ++this.tenErr > this.peakTenErr) this.peakTenErr = this.tenErr;
    const h = (sec / 3600) | 0;
    if (h !== this.hourIdx) {
      if (this.hourIdx >= 0 && h - this.hourIdx >= 24) this.hourMask = 0;
      else if (this.hourIdx >= 0) for (let x = this.hourIdx + 1; x < h; x++) this.hourMask &= ~(1 << (x % 24));
      this.hourIdx = h;
      this.hourN = 0;
      this.hourMask |= 1 << (h % 24);
    }
    if (++this.hourN > this.peakHour) this.peakHour = this.hourN;
  }

  /** `changed`: the event's address differs from the previous event's (see `setMember`). */
  private observeMember(e: EnrichedEvent, f: EventFeatures, changed: boolean): void {
    if (this.members === undefined) this.members = new DistinctSketch();
    this.members.addHash(f.clientHash);
    if (this.kind === 'api_key' || this.kind === 'user') {
      if (this.asns === undefined) this.asns = new DistinctSketch();
      if (this.countries === undefined) this.countries = new DistinctSketch();
      if (e.net.asn !== undefined) this.asns.addHash(e.net.asn);
      const c = e.net.country;
      if (c !== undefined) this.countries.addHash(c.charCodeAt(0) * 256 + c.charCodeAt(1));
    }
    const sample = this.memberSample ?? [];
    this.memberSample = sample;
    // An event from the previous event's address adds nothing: that address is in the sample already, or
    // the sample was full then (it only grows). Saves scanning up to 64 strings per group-key event.
    if (changed && sample.length < MEMBER_SAMPLE && !sample.includes(this.addr)) sample.push(this.addr);
  }

  /**
   * The last member address changed (events of one address share one IpInfo object, so this runs when
   * the address changes, not per event). The address is kept as a copy that does not pin the line's chunk:
   * the enricher's own copy when it has the same text.
   */
  private setMember(e: EnrichedEvent): void {
    this.net = e.net;
    const ip = e.req.ip;
    this.addr = e.net.ip === ip ? e.net.ip : detachString(ip);
  }

  private keepEvidence(e: EnrichedEvent, notable: boolean): void {
    const ev = this.evidence ?? [];
    this.evidence = ev;
    if (ev.length < EVIDENCE_MAX) {
      if (notable) this.notableMask |= 1 << ev.length;
      ev.push({ source: e.req.source, line: e.req.line, text: detachString(e.req.raw) });
      return;
    }
    if (!notable || this.notableMask === (1 << EVIDENCE_MAX) - 1) return;
    // Replace the oldest ordinary line with a notable one: probes explain a finding better than page views.
    for (let i = 0; i < EVIDENCE_MAX; i++) {
      if ((this.notableMask & (1 << i)) === 0) {
        ev[i] = { source: e.req.source, line: e.req.line, text: detachString(e.req.raw) };
        this.notableMask |= 1 << i;
        return;
      }
    }
  }

  /** Distinct member addresses of a group key (1 for an ip key). */
  memberCount(): number {
    return this.members === undefined ? 1 : this.members.estimate();
  }

  /** Number of distinct hours (of the last 24) with activity. */
  activeHours(): number {
    let m = this.hourMask;
    let c = 0;
    while (m !== 0) {
      m &= m - 1;
      c++;
    }
    return c;
  }

  /** Coefficient of variation of the gaps between active seconds; NaN with fewer than 10 gaps. */
  gapCv(): number {
    if (this.gapN < 10 || this.gapMean <= 0) return Number.NaN;
    return Math.sqrt(this.gapM2 / (this.gapN - 1)) / this.gapMean;
  }

  /** Share of this key's requests by verified crawlers. */
  verifiedCrawlerShare(): number {
    return this.n === 0 ? 0 : this.crawlerVerifiedN / this.n;
  }
}

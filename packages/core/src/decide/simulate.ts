/**
 * Impact simulation: what a candidate ban set would have done to the given traffic — requests and share
 * blocked, unique addresses, top paths, hosts and countries, and how much of it came from clients that
 * were not flagged, from verified crawlers, and from allowlisted clients (which the allowlist would have
 * spared) — with a plain verdict (simulate-verdict.ts). Streams events once; memory grows with distinct
 * blocked addresses and (capped) distinct paths, not with the number of events.
 * Plain `RequestEvent`s carry no enrichment: ASN and country entries match only where the log itself
 * carried them, and such requests are counted in `unenriched` so the caller can say so.
 */
import type { Entity, Finding } from '../detect/finding.js';
import type { EnrichedEvent } from '../event/enriched-event.js';
import type { RequestEvent } from '../event/request-event.js';
import { CidrSet } from '../net/cidr.js';
import type { AllowEntry, BanEntry } from './list-entry.js';
import { ListMatcher } from './list-match.js';
import { DEFAULT_VERDICT_THRESHOLDS, type Verdict, type VerdictThresholds, verdictOf } from './simulate-verdict.js';
import { TopCounter } from './top-counter.js';

export interface SimulationInput {
  readonly bans: readonly BanEntry[];
  readonly allows?: readonly AllowEntry[] | undefined;
  /** Findings whose entities count as flagged (ip, cidr, asn entities and group members). */
  readonly findings?: readonly Finding[] | undefined;
  /** More flagged entities (ip, cidr, asn), e.g. from a dashboard selection. */
  readonly flaggedEntities?: readonly Entity[] | undefined;
  /** Epoch ms, inclusive / exclusive. */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  /** Service of plain RequestEvents (enriched events carry their own). Default 'default'. */
  readonly service?: string;
  readonly top?: number;
  readonly thresholds?: VerdictThresholds;
}

export interface Share {
  readonly requests: number;
  readonly addresses: number;
}

export interface SimulationResult {
  readonly window: { readonly first: number | undefined; readonly last: number | undefined };
  readonly total: Share;
  /** Requests a ban or throttle entry matches and no allow entry spares. */
  readonly blocked: Share & { readonly share: number; readonly byMode: { ban: number; throttle: number } };
  /** Matched only by monitor entries: no effect, reported for completeness. */
  readonly monitored: number;
  readonly unflagged: Share & { readonly share: number };
  readonly verifiedCrawlers: Share;
  /** Requests a candidate ban matched but an allow entry spared. */
  readonly allowlisted: Share;
  readonly top: {
    readonly paths: readonly TopItem[];
    readonly hosts: readonly TopItem[];
    readonly countries: readonly TopItem[];
  };
  readonly outOfRange: number;
  readonly unenriched: number;
  readonly flaggedKnown: boolean;
  readonly verdict: Verdict;
}

export interface TopItem {
  readonly value: string;
  readonly requests: number;
}

/** Flagged entities from findings: addresses, networks and ASNs. */
class FlaggedSet {
  private readonly ips = new Set<string>();
  private readonly asns = new Set<number>();
  private readonly nets: CidrSet;
  readonly known: boolean;

  constructor(findings: readonly Finding[] | undefined, entities: readonly Entity[] | undefined) {
    const cidrs: string[] = [];
    const addEntity = (e: Entity) => {
      if (e.kind === 'ip') this.ips.add(e.value);
      else if (e.kind === 'cidr') cidrs.push(e.value);
      else if (e.kind === 'asn') this.asns.add(Number(e.value.replace(/^AS/i, '')));
    };
    for (const f of findings ?? []) {
      addEntity(f.entity);
      for (const ip of f.ips ?? []) this.ips.add(ip);
    }
    for (const e of entities ?? []) addEntity(e);
    this.nets = CidrSet.fromStrings(cidrs).set;
    this.known = findings !== undefined || entities !== undefined;
  }

  has(ip: string, asn: number | undefined): boolean {
    return this.ips.has(ip) || (asn !== undefined && this.asns.has(asn)) || (this.nets.size > 0 && this.nets.has(ip));
  }
}

type SimEvent = RequestEvent | EnrichedEvent;

/**
 * `events` may be sync or async, and may yield batches (arrays) of events: an async source SHOULD yield
 * batches, because awaiting once per event costs more than everything else the simulation does.
 */
export async function simulate(
  events: AsyncIterable<SimEvent | readonly SimEvent[]> | Iterable<SimEvent | readonly SimEvent[]>,
  input: SimulationInput,
): Promise<SimulationResult> {
  const matcher = new ListMatcher(input.bans, input.allows ?? []);
  const banMatcher = new ListMatcher(input.bans, []);
  const flagged = new FlaggedSet(input.findings, input.flaggedEntities);
  const from = input.from ?? Number.NEGATIVE_INFINITY;
  const to = input.to ?? Number.POSITIVE_INFINITY;
  const needsEnrichment = input.bans.some((b) => b.kind === 'asn' || b.kind === 'country');
  const all = new Set<string>();
  const blockedIps = new Set<string>();
  const unflaggedIps = new Set<string>();
  const crawlerIps = new Set<string>();
  const allowedIps = new Set<string>();
  const paths = new TopCounter();
  const hosts = new TopCounter();
  const countries = new TopCounter();
  let total = 0;
  let ban = 0;
  let throttle = 0;
  let monitored = 0;
  let unflagged = 0;
  let crawlers = 0;
  let allowlisted = 0;
  let outOfRange = 0;
  let unenriched = 0;
  let first: number | undefined;
  let last: number | undefined;
  const visit = (ev: SimEvent): void => {
    const enriched = 'req' in ev ? ev : undefined;
    const req = enriched ? enriched.req : (ev as RequestEvent);
    if (req.ts < from || req.ts >= to) {
      outOfRange++;
      return;
    }
    total++;
    all.add(req.ip);
    if (first === undefined || req.ts < first) first = req.ts;
    if (last === undefined || req.ts > last) last = req.ts;
    const asn = enriched?.net.asn ?? req.asn;
    const country = enriched?.net.country ?? req.country;
    if (needsEnrichment && (asn === undefined || country === undefined)) unenriched++;
    const verifiedCrawler = enriched?.crawler?.verified === true ? enriched.crawler.family : undefined;
    const subject = {
      ip: req.ip,
      service: enriched?.service ?? input.service ?? 'default',
      asn,
      country,
      verifiedCrawler,
      apiKey: req.apiKey,
    };
    const v = matcher.match(subject);
    if (v.action === 'none') return;
    if (v.action === 'allow') {
      if (banMatcher.match(subject).action !== 'none') {
        allowlisted++;
        allowedIps.add(req.ip);
      }
      return;
    }
    if (v.action === 'monitor') {
      monitored++;
      return;
    }
    if (v.action === 'ban') ban++;
    else throttle++;
    blockedIps.add(req.ip);
    paths.add(req.path);
    hosts.add(req.host === '' ? '(none)' : req.host);
    countries.add(country ?? '(unknown)');
    if (verifiedCrawler !== undefined) {
      crawlers++;
      crawlerIps.add(req.ip);
    }
    if (!flagged.has(req.ip, asn)) {
      unflagged++;
      unflaggedIps.add(req.ip);
    }
  };
  const take = (item: SimEvent | readonly SimEvent[]) => {
    if (Array.isArray(item)) for (const ev of item as readonly SimEvent[]) visit(ev);
    else visit(item as SimEvent);
  };
  if (Symbol.asyncIterator in events) for await (const item of events) take(item);
  else for (const item of events as Iterable<SimEvent | readonly SimEvent[]>) take(item);
  const blocked = ban + throttle;
  const n = input.top ?? 10;
  return {
    window: { first, last },
    total: { requests: total, addresses: all.size },
    blocked: { requests: blocked, addresses: blockedIps.size, share: ratio(blocked, total), byMode: { ban, throttle } },
    monitored,
    unflagged: { requests: unflagged, addresses: unflaggedIps.size, share: ratio(unflagged, total) },
    verifiedCrawlers: { requests: crawlers, addresses: crawlerIps.size },
    allowlisted: { requests: allowlisted, addresses: allowedIps.size },
    top: { paths: paths.top(n), hosts: hosts.top(n), countries: countries.top(n) },
    outOfRange,
    unenriched,
    flaggedKnown: flagged.known,
    verdict: verdictOf(
      {
        totalRequests: total,
        blockedRequests: blocked,
        unflaggedRequests: unflagged,
        unflaggedAddresses: unflaggedIps.size,
        crawlerRequests: crawlers,
      },
      input.thresholds ?? DEFAULT_VERDICT_THRESHOLDS,
    ),
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

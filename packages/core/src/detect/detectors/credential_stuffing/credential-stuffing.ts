/**
 * credential_stuffing: failed logins spread over many sources that each send only a few, found as a
 * population anomaly. People open the login page (and its assets) before posting it; stuffing tools
 * only POST. So the detector follows the sources that have only ever POSTed to an auth endpoint and
 * failed, and reports them as one campaign when there are many of them — against the service's own
 * hourly norm of such sources and its login-failure rate — listing the member addresses.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type Candidate, confidenceFrom, type DetectorFactory, signal } from '../../detector.js';
import { KeyStats } from '../../engine/key-stats.js';
import { F_AUTH_FAIL } from '../../features/event-features.js';
import type { EvidenceLine, Signal } from '../../finding.js';

const ConfigSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true }),
    minSources: Type.Integer({
      default: 20,
      minimum: 2,
      description: 'Auth-only failing sources (24 h) that make a campaign.',
    }),
    minFailureShare: Type.Number({
      default: 0.5,
      minimum: 0,
      maximum: 1,
      description: 'Share of the members’ attempts that failed.',
    }),
    spikeFactor: Type.Number({
      default: 4,
      minimum: 1,
      description: 'New auth-only sources this hour over the hourly median.',
    }),
    maxMembers: Type.Integer({ default: 20000, minimum: 100, description: 'Members followed at most (memory bound).' }),
  },
  { additionalProperties: false },
);
type Config = Static<typeof ConfigSchema>;

const DAY = 86400;
const EVAL_EVERY = 1800;

export const credentialStuffingDetector = {
  id: 'credential_stuffing',
  description: 'Failed logins spread over many auth-only sources: a campaign against the login.',
  categories: ['credential_stuffing'],
  configSchema: ConfigSchema,
  create(config, ctx) {
    const minSources = ctx.atLeast(config.minSources);
    const members = new Map<string, KeyStats>();
    const newPerHour = new Map<number, number>();
    let lastEval = Number.NEGATIVE_INFINITY;
    let campaign: KeyStats | undefined;
    let lastN = -1;
    let lastMembers = -1;
    return {
      observe(_e, f, ip) {
        if ((f.flags & F_AUTH_FAIL) === 0 || ip.authAttempts !== ip.n || members.has(ip.key)) return;
        if (members.size >= config.maxMembers) return;
        members.set(ip.key, ip);
        const h = (ip.last / 3600) | 0;
        newPerHour.set(h, (newPerHour.get(h) ?? 0) + 1);
      },
      evaluate(ev) {
        const now = Math.floor(ev.now / 1000);
        if (now - lastEval < EVAL_EVERY && !ev.final) return [];
        lastEval = now;
        const table = ev.table('ip');
        let attempts = 0;
        let fails = 0;
        let n = 0;
        let first = Number.POSITIVE_INFINITY;
        let last = 0;
        for (const [key, ks] of members) {
          // Left the population: did something else than logging in, went quiet for a day, or was evicted.
          if (ks.authAttempts !== ks.n || ks.last < now - DAY || table.get(key) !== ks) {
            members.delete(key);
            continue;
          }
          attempts += ks.authAttempts;
          fails += ks.authFails;
          n += ks.n;
          if (ks.first < first) first = ks.first;
          if (ks.last > last) last = ks.last;
        }
        const hour = (now / 3600) | 0;
        for (const h of newPerHour.keys()) if (h < hour - 24) newPerHour.delete(h);
        if (members.size < minSources || fails / Math.max(1, attempts) < config.minFailureShare) return [];
        // Unchanged since the last report: the finding stands as it is.
        if (n === lastN && members.size === lastMembers) return [];
        lastN = n;
        lastMembers = members.size;
        const hourly = [...newPerHour.entries()]
          .filter(([h]) => h < hour)
          .map(([, c]) => c)
          .sort((a, b) => a - b);
        const median = hourly.length === 0 ? 0 : hourly[hourly.length >> 1]!;
        const thisHour = (newPerHour.get(hour) ?? 0) + (newPerHour.get(hour - 1) ?? 0);
        const signals: Signal[] = [
          signal(
            'auth_only_failing_sources',
            members.size,
            '>=',
            minSources,
            0.7,
            '24h',
            'sources that only ever POSTed to an auth endpoint and failed',
          ),
          signal(
            'member_failure_share',
            fails / attempts,
            '>=',
            config.minFailureShare,
            0.3,
            '24h',
            'share of the members’ login attempts that failed',
          ),
        ];
        if (thisHour >= config.spikeFactor * Math.max(1, median)) {
          signals.push(
            signal(
              'new_sources_vs_hourly_median',
              thisHour,
              '>=',
              config.spikeFactor * Math.max(1, median),
              0.3,
              '1h',
              'new auth-only sources in the last two hours over the hourly median',
            ),
          );
        }
        const stats = campaign ?? new KeyStats('ip', `credential_stuffing:${ctx.service}`, first);
        campaign = stats;
        stats.n = n;
        stats.first = Math.min(stats.first, first);
        stats.last = last;
        const ips = [...new Set([...members.values()].map((m) => m.addr))].sort();
        const evidence: EvidenceLine[] = [];
        for (const m of members.values()) {
          const line = m.evidence?.[0];
          if (line) evidence.push(line);
          if (evidence.length === 5) break;
        }
        const avg = attempts / members.size;
        return [
          {
            entity: { kind: 'campaign', value: `credential_stuffing:${ctx.service}` },
            category: 'credential_stuffing',
            signals,
            confidence: confidenceFrom(members.size, minSources),
            summary: `${members.size} addresses only ever POSTed to the login and failed ${fails} of ${attempts} attempts (${avg.toFixed(1)} each): a distributed credential-stuffing campaign.`,
            stats,
            ips,
            evidence,
          } satisfies Candidate,
        ];
      },
    };
  },
} satisfies DetectorFactory<Config>;

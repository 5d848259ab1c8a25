/**
 * Settings of the decide stage: the escalation ladder, when to widen a ban to a prefix or ASN, the fair
 * rate for verified crawlers, and the simulation verdict thresholds. See docs/decisions.md.
 */
import { type Static, Type } from '@sinclair/typebox';

const Duration = Type.String({ pattern: '^\\d{1,7}[smhdw]$', description: "e.g. '90s', '30m', '6h', '7d', '2w'" });
const Share = Type.Number({ minimum: 0, maximum: 1 });

/** One automatic-ban rule: findings that match it become bans (origin 'detector') without a report. */
export const AutoBanRuleSchema = Type.Object(
  {
    /** Service name, or '*' for every service. */
    service: Type.String({ default: '*' }),
    /** Detector ids; empty = every detector. */
    detectors: Type.Array(Type.String(), { default: [] }),
    /** Only findings scoring at least this. */
    minScore: Type.Number({ minimum: 0, maximum: 1, default: 0.9 }),
    /** Recommendation actions applied automatically; others wait for a report. */
    actions: Type.Array(Type.Union([Type.Literal('ban'), Type.Literal('throttle')]), { default: ['ban'] }),
  },
  { additionalProperties: false },
);
export type AutoBanRule = Static<typeof AutoBanRuleSchema>;

export const DecideConfigSchema = Type.Object(
  {
    /** Automatic bans per detector and service; empty (the default) = every ban goes through a report. */
    autoBan: Type.Array(AutoBanRuleSchema, { default: [] }),
    /** Ban duration for the 1st, 2nd, 3rd … offence of the same value; the last step repeats. */
    escalation: Type.Array(Duration, { minItems: 1, default: ['1h', '6h', '24h', '7d'] }),
    /** Earlier bans count as offences when created within this window. */
    escalationLookback: Type.String({ ...Duration, default: '30d' }),
    widen: Type.Object(
      {
        /** Flagged hosting addresses in one prefix before the prefix itself is recommended. */
        minFlaggedAddressesPerPrefix: Type.Integer({ minimum: 2, default: 3 }),
        /** Largest share of the prefix's requests from unflagged addresses that still allows widening. */
        maxUnflaggedShareForPrefix: Type.Number({ ...Share, default: 0.2 }),
        /** Flagged prefixes in one hosting ASN before the ASN is recommended. */
        minFlaggedPrefixesPerAsn: Type.Integer({ minimum: 2, default: 3 }),
        /** "Almost none of its traffic is legitimate": largest unflagged request share for an ASN ban. */
        maxUnflaggedShareForAsn: Type.Number({ ...Share, default: 0.02 }),
      },
      { default: {}, additionalProperties: false },
    ),
    /** Verified crawlers above this many requests per minute (over their active span) are throttled. */
    crawlerFairRatePerMinute: Type.Number({ exclusiveMinimum: 0, default: 60 }),
    simulate: Type.Object(
      {
        /** At or under this share of all traffic from unflagged clients: "safe to ban". */
        safeUnflaggedShare: Type.Number({ ...Share, default: 0.001 }),
        /** Over this share: "unsafe"; in between: "review". */
        unsafeUnflaggedShare: Type.Number({ ...Share, default: 0.01 }),
      },
      { default: {}, additionalProperties: false },
    ),
  },
  { default: {}, additionalProperties: false },
);
export type DecideConfig = Static<typeof DecideConfigSchema>;

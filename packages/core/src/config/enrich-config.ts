/** Settings of the enrich stage. Owned by the enrich stage; see docs/enrichment.md. */
import { type Static, Type } from '@sinclair/typebox';
import { NETWORK_TYPES } from '../event/enriched-event.js';

const NetworkTypeSchema = Type.Union(
  NETWORK_TYPES.map((t) => Type.Literal(t)),
  { description: NETWORK_TYPES.join(' | ') },
);

export const FeedSchema = Type.Object(
  {
    url: Type.String({ pattern: '^https?://', description: 'Where `rampart update-data` downloads the list from.' }),
    kind: Type.Union([Type.Literal('asn-list'), Type.Literal('cidr-list')], {
      description: "'asn-list': one ASN a line ('AS64496' or '64496', '#' comments); 'cidr-list': one CIDR a line.",
    }),
    networkType: NetworkTypeSchema,
    name: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9_.-]{1,64}$',
        description: 'File name in the data dir; derived from the URL.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FeedConfig = Static<typeof FeedSchema>;

export const EnrichConfigSchema = Type.Object(
  {
    mmdb: Type.Object(
      {
        asn: Type.Optional(Type.String({ description: 'MMDB with ASNs (GeoLite2-ASN, DB-IP ASN lite, IPinfo lite).' })),
        country: Type.Optional(
          Type.String({ description: 'MMDB with countries (GeoLite2-Country, DB-IP country lite, IPinfo lite).' }),
        ),
      },
      {
        default: {},
        additionalProperties: false,
        description: 'MMDB files used instead of the bundled ip-location-db index.',
      },
    ),
    indexCache: Type.Optional(
      Type.String({
        description: 'Where the compiled IP index is cached; default node_modules/.cache/rampart/.',
      }),
    ),
    networkTypes: Type.Record(Type.String({ pattern: '^(AS|as)?[0-9]{1,10}$' }), NetworkTypeSchema, {
      default: {},
      additionalProperties: false,
      description: "Network type overrides per ASN, e.g. { 'AS64496': 'business' }. They win over every other rule.",
    }),
    feeds: Type.Array(FeedSchema, {
      default: [],
      description: 'Lists fetched by `rampart update-data` into the data dir; nothing downloads by default.',
    }),
    ipv6ClientPrefix: Type.Integer({
      default: 64,
      minimum: 32,
      maximum: 128,
      description: 'IPv6 clients are grouped per this prefix length (one /64 is usually one subscriber).',
    }),
    subnetV4: Type.Integer({ default: 24, minimum: 8, maximum: 32, description: 'IPv4 subnet key length.' }),
    subnetV6: Type.Integer({ default: 64, minimum: 16, maximum: 128, description: 'IPv6 subnet key length.' }),
    addressCacheSize: Type.Integer({
      default: 200_000,
      minimum: 1,
      description: 'Distinct addresses whose enrichment is kept in memory (least recently added evicted first).',
    }),
    userAgentCacheSize: Type.Integer({
      default: 50_000,
      minimum: 1,
      description: 'Distinct user agents whose classification is kept in memory.',
    }),
  },
  { default: {}, additionalProperties: false },
);
export type EnrichConfig = Static<typeof EnrichConfigSchema>;

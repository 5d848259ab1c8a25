/**
 * Settings of the detect stage: event-time lateness, evaluation cadence, memory caps, services matched by
 * host regex (each with its tolerance, detector settings and allowlist additions) and a global allowlist.
 * Detector settings are validated against each detector's own schema when the engine is created, so
 * this file only fixes their outer shape. Reference: docs/detection.md.
 */
import { type Static, Type } from '@sinclair/typebox';

export const TOLERANCES = ['strict', 'normal', 'lenient'] as const;
export type Tolerance = (typeof TOLERANCES)[number];

const ToleranceSchema = Type.Union(
  TOLERANCES.map((t) => Type.Literal(t)),
  {
    default: 'normal',
    description:
      'strict lowers every threshold (catches more), lenient raises them (flags less). See docs/detection.md.',
  },
);

/** Detector id → its settings (`enabled` plus the detector's thresholds; see docs/detectors/<id>.md). */
const DetectorSettingsSchema = Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()), {
  default: {},
  description: 'Per-detector settings keyed by detector id, e.g. { brute_force: { enabled: true, minFailures: 20 } }.',
});

export const DetectAllowSchema = Type.Object(
  {
    kind: Type.Union(
      ['ip', 'cidr', 'asn', 'country', 'crawler', 'api_key'].map((k) => Type.Literal(k)),
      { description: 'ip, cidr, asn (AS64496 or 64496), country (ISO alpha-2), crawler (family id), api_key.' },
    ),
    value: Type.String({ minLength: 1 }),
    reason: Type.String({ default: '' }),
  },
  { additionalProperties: false },
);
export type DetectAllow = Static<typeof DetectAllowSchema>;

export const ServiceConfigSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', description: 'Service name used in findings.' }),
    hosts: Type.Array(Type.String(), {
      default: [],
      description: 'Regular expressions matched (case-insensitively) against the request host; first service wins.',
    }),
    tolerance: ToleranceSchema,
    detectors: DetectorSettingsSchema,
    allow: Type.Array(DetectAllowSchema, { default: [], description: 'Allowlist additions for this service.' }),
  },
  { additionalProperties: false },
);
export type ServiceConfig = Static<typeof ServiceConfigSchema>;

export const DetectConfigSchema = Type.Object(
  {
    latenessSeconds: Type.Integer({
      default: 120,
      minimum: 0,
      maximum: 86400,
      description: 'Events older than the newest event time minus this are counted and dropped (reason: late).',
    }),
    evaluateEverySeconds: Type.Integer({
      default: 60,
      minimum: 10,
      maximum: 3600,
      description: 'Detectors evaluate at every multiple of this many seconds of event time.',
    }),
    maxKeysPerKind: Type.Integer({
      default: 2_000_000,
      minimum: 1000,
      description:
        'Hard cap on live keys per key kind (ip, subnet, asn, api_key, user) per service; the excess is evicted.',
    }),
    tolerance: ToleranceSchema,
    detectors: DetectorSettingsSchema,
    services: Type.Array(ServiceConfigSchema, {
      default: [],
      description: "Services matched by host; requests matching none belong to the 'default' service.",
    }),
    allow: Type.Array(DetectAllowSchema, { default: [], description: 'Entities never reported as abuse.' }),
  },
  { default: {}, additionalProperties: false },
);
export type DetectConfig = Static<typeof DetectConfigSchema>;

/**
 * Settings of alerts (`alerts:`): the channels (Slack, e-mail, signed webhooks, Teams, Discord) with
 * their filters, the digest window, per-channel rate limits, retries and the private-target guard.
 * The schema checks shapes; `checkAlertsConfig` checks what depends on the channel type (a Slack channel
 * needs a URL, e-mail needs SMTP settings) and URL syntax, naming the bad key. See docs/alerts.md.
 */
import { type Static, Type } from '@sinclair/typebox';

export const ALERT_CHANNEL_TYPES = ['slack', 'email', 'webhook', 'teams', 'discord'] as const;
export type AlertChannelType = (typeof ALERT_CHANNEL_TYPES)[number];
export const ALERT_EVENT_TYPES = ['report.created', 'ban.automatic', 'traffic.spike', 'detector.disabled'] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

export const AlertFiltersSchema = Type.Object(
  {
    events: Type.Array(Type.Union(ALERT_EVENT_TYPES.map((t) => Type.Literal(t))), {
      default: [],
      description: 'Event types this channel receives; empty = all.',
    }),
    services: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'Services; empty = all.' }),
    categories: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: "Finding categories, e.g. 'brute_force'; empty = all.",
    }),
    minScore: Type.Number({
      default: 0,
      minimum: 0,
      maximum: 1,
      description: 'Findings below this score are left out.',
    }),
  },
  { default: {}, additionalProperties: false },
);
export type AlertFilters = Static<typeof AlertFiltersSchema>;

export const SmtpSettingsSchema = Type.Object(
  {
    host: Type.String({ minLength: 1, description: 'SMTP server host name or address.' }),
    port: Type.Integer({ default: 587, minimum: 1, maximum: 65535 }),
    tls: Type.Union(
      [Type.Literal('implicit'), Type.Literal('starttls'), Type.Literal('opportunistic'), Type.Literal('none')],
      {
        default: 'starttls',
        description:
          "'implicit' = TLS from the first byte (port 465); 'starttls' = STARTTLS required; 'opportunistic' = STARTTLS when offered; 'none' = plain text (local relays only).",
      },
    ),
    rejectUnauthorized: Type.Boolean({ default: true, description: 'Verify the server certificate.' }),
    user: Type.Optional(Type.String({ minLength: 1 })),
    password: Type.Optional(Type.String({ description: 'Prefer passwordFile: keeps the secret out of the YAML.' })),
    passwordFile: Type.Optional(Type.String({ minLength: 1, description: 'File holding the SMTP password.' })),
    from: Type.String({ minLength: 3, description: 'Sender address, e.g. "Rampart <rampart@example.com>".' }),
    to: Type.Array(Type.String({ minLength: 3 }), { default: [], description: 'Recipients of alert e-mails.' }),
    timeoutSeconds: Type.Number({ default: 20, minimum: 0.1, maximum: 300 }),
  },
  { additionalProperties: false },
);
export type SmtpSettings = Static<typeof SmtpSettingsSchema>;

export const AlertChannelSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9_-]{1,40}$', description: 'Channel id shown in the delivery log.' }),
    type: Type.Union(ALERT_CHANNEL_TYPES.map((t) => Type.Literal(t))),
    url: Type.Optional(Type.String({ description: 'Webhook URL (slack, webhook, teams, discord).' })),
    urlFile: Type.Optional(
      Type.String({ minLength: 1, description: 'File holding the webhook URL (Slack URLs are secrets).' }),
    ),
    secret: Type.Optional(Type.String({ minLength: 16, description: 'HMAC key of signed webhooks.' })),
    secretFile: Type.Optional(Type.String({ minLength: 1, description: 'File holding the HMAC key.' })),
    smtp: Type.Optional(SmtpSettingsSchema),
    filters: AlertFiltersSchema,
  },
  { additionalProperties: false },
);
export type AlertChannelConfig = Static<typeof AlertChannelSchema>;

export const AlertsConfigSchema = Type.Object(
  {
    channels: Type.Array(AlertChannelSchema, { default: [] }),
    allowPrivateTargets: Type.Boolean({
      default: false,
      description: 'Allow webhook targets on loopback, private, link-local or metadata addresses (tests, labs).',
    }),
    publicUrl: Type.Optional(
      Type.String({ description: 'Base URL of the dashboard for report links; falls back to server.publicUrl.' }),
    ),
    digest: Type.Object(
      {
        windowSeconds: Type.Number({ default: 300, minimum: 0.1, maximum: 86_400 }),
        threshold: Type.Integer({
          default: 5,
          minimum: 1,
          description: 'Messages per channel within the window sent one by one; the rest go into one digest.',
        }),
      },
      { default: {}, additionalProperties: false },
    ),
    rateLimit: Type.Object(
      {
        perMinute: Type.Number({ default: 20, minimum: 0.1, description: 'Deliveries per channel per minute.' }),
      },
      { default: {}, additionalProperties: false },
    ),
    retry: Type.Object(
      {
        maxAttempts: Type.Integer({ default: 8, minimum: 1, maximum: 50 }),
        baseSeconds: Type.Number({ default: 5, minimum: 0.01, description: 'First retry delay; doubles each time.' }),
        maxSeconds: Type.Number({ default: 3600, minimum: 0.01, description: 'Longest delay between attempts.' }),
        timeoutSeconds: Type.Number({ default: 10, minimum: 0.1, maximum: 120, description: 'HTTP request timeout.' }),
      },
      { default: {}, additionalProperties: false },
    ),
    spike: Type.Object(
      {
        recentMinutes: Type.Integer({ default: 3, minimum: 1, maximum: 15, description: 'Minutes averaged as "now".' }),
        ratio: Type.Number({
          default: 5,
          minimum: 1.1,
          description: 'How many times the baseline (median of the earlier minutes) is a spike.',
        }),
        minRate: Type.Number({
          default: 60,
          minimum: 0,
          description: 'Lowest requests (or errors) per minute that can be a spike.',
        }),
        minHistory: Type.Integer({
          default: 30,
          minimum: 5,
          maximum: 45,
          description: 'Minutes of history a service needs before spikes are judged.',
        }),
      },
      {
        default: {},
        additionalProperties: false,
        description: 'traffic.spike: per service, for requests, 5xx and 4xx per minute (event time).',
      },
    ),
    queueLimit: Type.Integer({
      default: 1000,
      minimum: 10,
      description: 'Undelivered messages kept; beyond this new ones are dropped (counted), detection never waits.',
    }),
  },
  { default: {}, additionalProperties: false },
);
export type AlertsConfig = Static<typeof AlertsConfigSchema>;

const URL_TYPES: ReadonlySet<AlertChannelType> = new Set(['slack', 'webhook', 'teams', 'discord']);

/** Problems that depend on the channel type, each naming its key; empty when the section is sound. */
export function checkAlertsConfig(alerts: AlertsConfig): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  alerts.channels.forEach((c, i) => {
    const at = `alerts.channels.${i}`;
    if (seen.has(c.id)) problems.push(`${at}.id: duplicate channel id '${c.id}'`);
    seen.add(c.id);
    if (URL_TYPES.has(c.type)) {
      if (c.url === undefined && c.urlFile === undefined)
        problems.push(`${at}.url: a ${c.type} channel needs url or urlFile`);
      if (c.url !== undefined && c.urlFile !== undefined) problems.push(`${at}.url: give url or urlFile, not both`);
      if (c.smtp !== undefined) problems.push(`${at}.smtp: only e-mail channels take smtp settings`);
    } else {
      if (c.smtp === undefined) problems.push(`${at}.smtp: an e-mail channel needs smtp settings`);
      else if (c.smtp.to.length === 0) problems.push(`${at}.smtp.to: an e-mail channel needs at least one recipient`);
      if (c.url !== undefined || c.urlFile !== undefined) problems.push(`${at}.url: e-mail channels take no url`);
    }
    if (c.secret !== undefined && c.secretFile !== undefined)
      problems.push(`${at}.secret: give secret or secretFile, not both`);
    if ((c.secret !== undefined || c.secretFile !== undefined) && c.type !== 'webhook') {
      problems.push(`${at}.secret: only webhook channels are signed`);
    }
  });
  return problems;
}

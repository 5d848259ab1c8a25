/**
 * The two LAPI endpoints a CrowdSec bouncer calls, as one transport-free function the server (and the
 * bouncer protocol test) can mount: `GET|HEAD /v1/decisions/stream` and `GET|HEAD /v1/decisions`.
 * Authentication follows LAPI: the `X-Api-Key` header must name a known bouncer, else 403
 * `{"message":"access forbidden"}`. Each bouncer's cursor is loaded and saved through `bouncers`, and is
 * saved only after a successful answer, so a failed poll never loses a delta.
 */
import {
  type AllowEntry,
  type BanEntry,
  type BouncerCursor,
  type CrowdsecType,
  type DecisionExpander,
  parseDecisionFilter,
  pollDecisionStream,
  queryDecisions,
} from '@rampart/core';

export interface BouncerAccount {
  /** Decision types this bouncer enforces (default ['ban']). */
  readonly types?: readonly CrowdsecType[];
  readonly cursor: BouncerCursor | undefined;
}

export interface LapiDeps {
  /** The bouncer for an API key, or undefined when the key is unknown. */
  bouncer(apiKey: string): Promise<BouncerAccount | undefined>;
  saveCursor(apiKey: string, cursor: BouncerCursor): Promise<void>;
  /** Current bans and allow entries (the handler filters by time itself). */
  lists(): Promise<{ bans: readonly BanEntry[]; allow: readonly AllowEntry[] }>;
  now(): number;
  expand?: DecisionExpander;
}

export interface LapiRequest {
  readonly method: string;
  /** Path and query, e.g. '/v1/decisions/stream?startup=true'. */
  readonly url: string;
  readonly apiKey: string | undefined;
}

export interface LapiResponse {
  readonly status: number;
  /** JSON body; undefined for HEAD. */
  readonly body: unknown;
}

const FORBIDDEN: LapiResponse = { status: 403, body: { message: 'access forbidden' } };

export async function handleLapiRequest(req: LapiRequest, deps: LapiDeps): Promise<LapiResponse> {
  const url = new URL(req.url, 'http://lapi.invalid');
  const route = url.pathname.replace(/\/+$/, '');
  if (route !== '/v1/decisions/stream' && route !== '/v1/decisions') {
    return { status: 404, body: { message: 'not found' } };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, body: { message: 'method not allowed' } };
  if (req.apiKey === undefined || req.apiKey.length === 0) return FORBIDDEN;
  const account = await deps.bouncer(req.apiKey);
  if (!account) return FORBIDDEN;
  // LAPI answers HEAD without touching the cursor, so the next GET still gets the delta.
  if (req.method === 'HEAD') return { status: 200, body: undefined };
  const { bans, allow } = await deps.lists();
  const now = deps.now();
  const expand = deps.expand ? { expand: deps.expand } : {};
  if (route === '/v1/decisions') {
    const r = queryDecisions(bans, url.searchParams, now, { ...expand, allow });
    return r.ok ? { status: 200, body: r.body } : { status: r.status, body: { message: r.message } };
  }
  const { response, cursor } = pollDecisionStream(bans, account.cursor, {
    now,
    startup: url.searchParams.get('startup') === 'true',
    filter: parseDecisionFilter(url.searchParams),
    allow,
    ...(account.types ? { types: account.types } : {}),
    ...expand,
  });
  await deps.saveCursor(req.apiKey, cursor);
  return { status: 200, body: response };
}

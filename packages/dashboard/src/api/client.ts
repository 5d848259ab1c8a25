/**
 * The typed API client: openapi-fetch over the generated schema (paths, parameters and bodies checked at
 * compile time). The browser sends the HttpOnly session cookie; unsafe methods add the session's CSRF
 * token. Errors become `ApiError` with the server's code and message.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** From Retry-After (429 lock-outs, 503 busy). */
  retryAfterSeconds: number | undefined;
}

let csrf: string | null = null;
/** Set from the session answer (log-in or GET /api/v1/session). */
export function setCsrf(token: string | null): void {
  csrf = token;
}

let onUnauthorized: () => void = () => {};
export function whenUnauthorized(f: () => void): void {
  onUnauthorized = f;
}

let onForbidden: () => void = () => {};
/** Called on a 403: the role may have changed since the page loaded (the shell then asks again). */
export function whenForbidden(f: () => void): void {
  onForbidden = f;
}

/**
 * Requests started and still running, on <html data-started data-inflight>: lets the browser benchmark
 * (and anyone curious) see when a view has finished loading.
 */
const activity = { started: 0, inflight: 0 };
function publish(): void {
  document.documentElement.dataset.started = String(activity.started);
  document.documentElement.dataset.inflight = String(activity.inflight);
}

const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    activity.started++;
    activity.inflight++;
    publish();
    if (csrf && !['GET', 'HEAD'].includes(request.method)) request.headers.set('X-CSRF-Token', csrf);
    return request;
  },
  onResponse({ response }) {
    activity.inflight--;
    publish();
    return response;
  },
  onError() {
    activity.inflight--;
    publish();
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrfMiddleware);

/** Unwraps an openapi-fetch answer: the data as the caller's contract type, or throws ApiError. */
export async function unwrap<T>(p: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (response.ok) return data as T;
  const e = (error as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw failure(response, e);
}

/**
 * The ApiError for a refused answer. A 403 says so in words: the dashboard hides what the session's
 * permissions do not allow, but a role can change while a page is open.
 */
function failure(response: Response, e: { code?: string; message?: string } | undefined): ApiError {
  if (response.status === 401) onUnauthorized();
  if (response.status === 403) onForbidden();
  const message = e?.message ?? response.statusText;
  const err = new ApiError(
    response.status,
    e?.code ?? 'HTTP',
    response.status === 403 ? `Not allowed for your account: ${message}` : message,
  );
  const retry = Number(response.headers.get('retry-after'));
  if (Number.isFinite(retry) && retry > 0) err.retryAfterSeconds = retry;
  return err;
}

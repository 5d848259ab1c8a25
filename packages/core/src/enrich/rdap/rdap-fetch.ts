/**
 * One RDAP HTTP exchange, reduced to a value: JSON with its final URL (after redirects, which `fetch`
 * follows), or a failure with a reason. Timeouts use `AbortSignal.timeout`; nothing here throws.
 */

export type FetchOutcome =
  | { readonly kind: 'ok'; readonly json: unknown; readonly url: string }
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'error'; readonly reason: string; readonly retryAfterMs?: number };

const MAX_BODY = 4 * 1024 * 1024;

export async function fetchRdapJson(url: string, timeoutMs: number, outer: AbortSignal): Promise<FetchOutcome> {
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), outer]);
  try {
    const res = await fetch(url, {
      signal,
      redirect: 'follow',
      headers: { accept: 'application/rdap+json, application/json;q=0.8' },
    });
    if (res.status === 404) {
      await res.body?.cancel();
      return { kind: 'none', reason: 'not_found' };
    }
    if (res.status === 429) {
      await res.body?.cancel();
      const seconds = Number(res.headers.get('retry-after'));
      return {
        kind: 'error',
        reason: 'rate_limited',
        retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000,
      };
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { kind: 'error', reason: `http_${res.status}` };
    }
    const text = await res.text();
    if (text.length > MAX_BODY) return { kind: 'error', reason: 'too_large' };
    try {
      return { kind: 'ok', json: JSON.parse(text) as unknown, url: res.url || url };
    } catch {
      return { kind: 'error', reason: 'malformed_json' };
    }
  } catch (err) {
    const name = (err as { name?: unknown }).name;
    return { kind: 'error', reason: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network' };
  }
}

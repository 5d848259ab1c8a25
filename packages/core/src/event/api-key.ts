/**
 * Reads an API key from request headers or query parameters, in the configured order of preference.
 * Credentials in an `Authorization` header are never kept in clear: the value (without a `Bearer`/`Token`
 * scheme) becomes `sha256:` + the first 12 hex digits of its SHA-256. `Basic` credentials are a user's
 * password, not an API key, and are ignored. Raw keys from other headers and parameters are kept as is.
 */
import { createHash } from 'node:crypto';

const HASH_CACHE_LIMIT = 4096;
const hashCache = new Map<string, string>();

/** `sha256:<12 hex>` of a credential; memoized because a client sends the same token many times. */
export function hashCredential(token: string): string {
  const hit = hashCache.get(token);
  if (hit !== undefined) return hit;
  const h = `sha256:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
  if (hashCache.size >= HASH_CACHE_LIMIT) hashCache.clear();
  hashCache.set(token, h);
  return h;
}

/** API key from an Authorization header value, hashed; undefined for Basic auth or an empty value. */
export function keyFromAuthorization(value: string): string | undefined {
  const v = value.trim();
  if (v === '' || v === '-') return undefined;
  const sp = v.indexOf(' ');
  if (sp < 0) return hashCredential(v);
  const scheme = v.slice(0, sp).toLowerCase();
  if (scheme === 'basic') return undefined;
  const token = v.slice(sp + 1).trim();
  return token === '' ? undefined : hashCredential(token);
}

/** The key a header carries: hashed for `authorization`, as is otherwise; undefined when empty or '-'. */
export function keyFromHeader(name: string, value: string): string | undefined {
  if (name === 'authorization' || name === 'proxy-authorization') return keyFromAuthorization(value);
  if (value === '' || value === '-') return undefined;
  return value;
}

/** Value of the first `name=` parameter in a raw query string, percent-decoded when valid. */
export function queryParam(query: string, name: string): string | undefined {
  let from = 0;
  while (from <= query.length) {
    const at = query.indexOf(name, from);
    if (at < 0) return undefined;
    const before = at === 0 ? 38 : query.charCodeAt(at - 1);
    if ((before === 38 /* & */ || before === 59) /* ; */ && query.charCodeAt(at + name.length) === 61 /* = */) {
      const start = at + name.length + 1;
      const amp = query.indexOf('&', start);
      const raw = amp < 0 ? query.slice(start) : query.slice(start, amp);
      return raw === '' ? undefined : decodeLenient(raw);
    }
    from = at + 1;
  }
  return undefined;
}

function decodeLenient(s: string): string {
  if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Key from the configured query parameters, in order; undefined when none is present. */
export function keyFromQuery(query: string, params: readonly string[]): string | undefined {
  if (query === '') return undefined;
  for (const p of params) {
    const v = queryParam(query, p);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Splits an HTTP request line (`GET /p?q HTTP/1.1`) or a request target into method, host, path, query
 * and protocol. Tolerant: spaces inside the target (clients that do not encode them), a missing protocol
 * (HTTP/0.9), absolute-form targets (`GET http://host:80/p`), authority-form (`CONNECT host:443`). A line
 * that is not a request at all (`-`, TLS handshake bytes) yields method '' so the event, with its address
 * and status, still counts: such lines are themselves evidence of scanning.
 */

/** Reused output record; callers copy the fields out before the next call. */
export interface RequestParts {
  method: string;
  host: string;
  path: string;
  query: string;
  protocol: string;
}

export function newRequestParts(): RequestParts {
  return { method: '', host: '', path: '', query: '', protocol: '' };
}

/** True for an RFC 9110 token of 1–32 characters (methods are tokens). */
export function isMethodToken(s: string): boolean {
  if (s.length === 0 || s.length > 32) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok =
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 45 ||
      c === 95 ||
      c === 46 ||
      c === 33 ||
      c === 126 ||
      (c >= 35 && c <= 39) ||
      c === 42 ||
      c === 43 ||
      c === 94 ||
      c === 96 ||
      c === 124;
    if (!ok) return false;
  }
  return true;
}

/**
 * Fills `out` from a request line. Returns false when it is not a request line; then method is '' and
 * path holds the text as logged (TLS bytes, `HELP`, a trojan's beacon: evidence worth keeping), except
 * for the placeholders `-` and ALB's `- … -`, which leave path ''.
 */
export function splitRequestLine(line: string, out: RequestParts): boolean {
  return splitRequestAt(line, 0, line.length, out);
}

/** `splitRequestLine` on `line[start, end)`, without first cutting that substring out. */
export function splitRequestAt(line: string, start: number, end: number, out: RequestParts): boolean {
  out.method = '';
  out.host = '';
  out.path = '';
  out.query = '';
  out.protocol = '';
  let sp = line.indexOf(' ', start);
  if (sp >= end) sp = -1;
  const method = sp > start ? (commonMethod(line, start, sp - start) ?? line.slice(start, sp)) : '';
  // AWS ALB writes `- - -` for requests it could not parse; '-' is a token but never a method.
  if (sp <= start || method === '-' || !isMethodToken(method)) {
    const text = line.slice(start, end);
    if (text !== '-' && !text.startsWith('- ')) out.path = text;
    return false;
  }
  let targetEnd = end;
  const last = line.lastIndexOf(' ', end - 1);
  if (last > sp && line.startsWith('HTTP/', last + 1)) {
    out.protocol = commonProtocol(line, last + 1, end) ?? line.slice(last + 1, end);
    targetEnd = last;
  }
  out.method = method;
  const t = sp + 1;
  if (line.charCodeAt(t) === 47 /* / */) {
    // Origin form, nearly every request: path and query straight from the line.
    // Bounded scan: indexOf would run on through the referer and user agent when there is no query.
    let q = t;
    while (q < targetEnd && line.charCodeAt(q) !== 63 /* ? */) q++;
    if (q >= targetEnd) out.path = line.slice(t, targetEnd);
    else {
      out.path = line.slice(t, q);
      out.query = line.slice(q + 1, targetEnd);
    }
  } else splitTarget(line.slice(t, targetEnd), out);
  return true;
}

// Shared constant strings for the common methods and protocols: no substring per line, and the
// later stages' map lookups hash an already-hashed string.
const METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];
const PROTOCOLS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/2', 'HTTP/3'];

function commonMethod(line: string, at: number, len: number): string | undefined {
  for (const m of METHODS) if (m.length === len && line.startsWith(m, at)) return m;
  return undefined;
}

function commonProtocol(line: string, at: number, end: number): string | undefined {
  const len = end - at;
  for (const p of PROTOCOLS) if (p.length === len && line.startsWith(p, at)) return p;
  return undefined;
}

/** Fills host (absolute form only), path and query of `out` from a request target. */
export function splitTarget(target: string, out: RequestParts): void {
  let t = target;
  const c0 = t.charCodeAt(0);
  if ((c0 === 104 || c0 === 72) /* h/H */ && (startsWithCi(t, 'http://') || startsWithCi(t, 'https://'))) {
    const authStart = t.indexOf('/') + 2;
    let pathStart = authStart;
    while (pathStart < t.length) {
      const c = t.charCodeAt(pathStart);
      if (c === 47 || c === 63 || c === 35) break;
      pathStart++;
    }
    out.host = hostOfAuthority(t.slice(authStart, pathStart));
    t = pathStart < t.length ? t.slice(pathStart) : '/';
    if (t.charCodeAt(0) === 63) t = `/${t}`;
  }
  const q = t.indexOf('?');
  if (q < 0) {
    out.path = t;
    out.query = '';
  } else {
    out.path = t.slice(0, q);
    out.query = t.slice(q + 1);
  }
}

/** Lower-case host of an authority (`user@Host:8080`, `[2001:db8::1]:443`), without userinfo and port. */
export function hostOfAuthority(authority: string): string {
  // Consecutive lines mostly name the same host: a one-entry memo skips the lower-casing.
  if (authority === lastAuthority) return lastHost;
  lastHost = hostOf(authority);
  lastAuthority = authority;
  return lastHost;
}

let lastAuthority = '';
let lastHost = '';

function hostOf(authority: string): string {
  let a = authority;
  const at = a.lastIndexOf('@');
  if (at >= 0) a = a.slice(at + 1);
  if (a.charCodeAt(0) === 91 /* [ */) {
    const close = a.indexOf(']');
    return (close > 0 ? a.slice(0, close + 1) : a).toLowerCase();
  }
  const colon = a.indexOf(':');
  return (colon >= 0 ? a.slice(0, colon) : a).toLowerCase();
}

function startsWithCi(s: string, prefix: string): boolean {
  return s.length >= prefix.length && s.slice(0, prefix.length).toLowerCase() === prefix;
}

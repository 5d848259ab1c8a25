/**
 * Classifies one event once for every detector: static asset, page, auth attempt and failure, sensitive
 * path families, export endpoint, pagination, path template and id. Per-path answers (template, id, hash,
 * class) are cached in bounded maps (cleared when full) because most traffic repeats a small set of paths;
 * the result object is reused between events, so callers MUST copy what they keep.
 */
import type { EnrichedEvent } from '../../event/enriched-event.js';
import { internString } from '../../util/detach-string.js';
import { fnv1a } from '../engine/sketch.js';
import { isAuthAttemptMethod, isAuthFailureStatus, isAuthPath } from './auth-endpoints.js';
import { cursorOf, queryNumber, templatePathInto } from './path-template.js';
import { SENSITIVE_CVE, SENSITIVE_TRAVERSAL, sensitiveKinds } from './sensitive-paths.js';
import { isPagePath, isStaticAsset } from './static-assets.js';

export const F_STATIC = 1;
export const F_PAGE = 2;
export const F_AUTH = 4;
export const F_AUTH_ATTEMPT = 8;
export const F_AUTH_FAIL = 16;
export const F_SENSITIVE = 32;
export const F_EXPORT = 64;
export const F_CURSOR = 128;
export const F_API = 256;
export const F_ID = 512;

export interface EventFeatures {
  flags: number;
  sensitive: number;
  template: string;
  id: number;
  /** page/offset number from the query, or -1. */
  page: number;
  prefix: string;
  /** 32-bit hashes computed once per event for the sketches of every key kind. */
  pathHash: number;
  templateHash: number;
  uaHash: number;
  /** Hash of the client address; left 0 here and filled in by the engine (it keeps one per address). */
  clientHash: number;
  /** Hash of the pagination cursor value (F_CURSOR set), else 0. */
  cursorHash: number;
}

const EXPORT = /(?:^|\/)(?:export|exports|download|dump|backup|bulk|csv|report)s?(?:\/|\.|$)/;
const QUERY_ATTACK = new RegExp(
  [
    String.raw`\.\./|\.\.%2f|%2e%2e|%252e|/etc/passwd|etc%2fpasswd|file:/|file%3a%2f`,
    // expression / template injection, command injection, PHP and Java gadget payloads
    String.raw`(?:\$|%24)(?:\{|%7b)(?:jndi|script|url|dns|env|sys|java|base64|lower|upper|ctx|date|main|spring|::|\(|%28|\$|%24|\{|%7b)`,
    String.raw`\$\(|%24%28|\$%28|invokefunction|call_user_func|class\.module\.classloader`,
    String.raw`union(?:\s|%20|\+)+(?:all(?:\s|%20|\+)+)?select|<script|%3cscript|sleep\(|benchmark\(|waitfor(?:\s|%20|\+)delay`,
    String.raw`' or '1'='1|%27%20or%20|\bor\+1=1`,
  ].join('|'),
);
/** A lookup expression (log4j and its obfuscations) sent in the Referer header, lower-cased. */
const REFERER_EXPRESSION = /\$\{(?:jndi:|\$\{|(?:lower|upper|env|sys|java|date|main|ctx|base64|::-)[:}])/;
const PAGE_PARAMS = ['page=', 'offset=', 'p=', 'start=', 'skip='] as const;
/** Every attack payload in QUERY_ATTACK contains one of these characters: a cheap pre-check. */
const MAYBE_ATTACK = /[.$<%'(+ :_]|invokefunction/;
const CACHE_LIMIT = 50_000;

export interface FeatureOptions {
  /** A 200 answer to an auth POST counts as a failure (form logins that re-render on failure). */
  readonly post200Fails: boolean;
}

export function createFeatureExtractor(options: FeatureOptions) {
  const shape = { template: '', id: -1 };
  const out: EventFeatures = {
    flags: 0,
    sensitive: 0,
    template: '',
    id: -1,
    page: -1,
    prefix: '',
    pathHash: 0,
    templateHash: 0,
    uaHash: 0,
    clientHash: 0,
    cursorHash: 0,
  };

  /** Classification of a path shape; paths with ids share their template's (`/products/:id`). */
  interface PathClass {
    readonly flags: number;
    readonly sensitive: number;
    readonly prefix: string;
    readonly templateHash: number;
    /** The template itself: a hash hit is confirmed by comparing it (hash collisions are possible). */
    readonly template: string;
  }
  // Keyed by a 30-bit hash of the template (a small integer key: no string hashing per event).
  const classes = new Map<number, PathClass>();

  function classify(shape: string, hash: number): PathClass {
    const key = hash & 0x3fffffff;
    let c = classes.get(key);
    if (c !== undefined && c.template === shape) return c;
    const lower = shape.toLowerCase();
    let flags = 0;
    if (isStaticAsset(lower)) flags |= F_STATIC;
    else if (isPagePath(lower)) flags |= F_PAGE;
    if (isAuthPath(lower)) flags |= F_AUTH;
    if (EXPORT.test(lower)) flags |= F_EXPORT;
    if (lower.startsWith('/api/') || lower.startsWith('/v1/') || lower.startsWith('/v2/')) flags |= F_API;
    const slash = lower.indexOf('/', 1);
    c = {
      flags,
      // Probes encode slashes to slip past filters ('GET %2Fcatalog-portal%2Fui…'): match the decoded form too.
      sensitive: sensitiveKinds(lower.includes('%2f') ? lower.replaceAll('%2f', '/') : lower),
      prefix: slash < 0 ? lower : lower.slice(0, slash),
      templateHash: hash,
      template: shape,
    };
    if (classes.size >= CACHE_LIMIT) classes.clear();
    classes.set(key, c);
    return c;
  }

  /** Everything about one exact path (template, id, hash, class): computed once per distinct path. */
  interface PathFacts {
    readonly template: string;
    readonly id: number;
    readonly pathHash: number;
    readonly c: PathClass;
  }
  // Keyed by the path string: the parser interns paths, so a lookup finds an already-hashed string and
  // compares pointers; no per-event hashing of the path in JavaScript.
  const pathFacts = new Map<string, PathFacts>();

  function learnPath(path: string): PathFacts {
    // Copied: a cached path must not pin the log chunk the parser sliced it from.
    const own = internString(path);
    const pathHash = fnv1a(own);
    templatePathInto(own, shape);
    const c = classify(shape.template, shape.template === own ? pathHash : fnv1a(shape.template));
    const p: PathFacts = { template: shape.template, id: shape.id, pathHash, c };
    if (pathFacts.size >= CACHE_LIMIT) pathFacts.clear();
    pathFacts.set(own, p);
    return p;
  }

  // Hashes per shared enrichment object: the enricher hands out one UaInfo per user agent, so identity
  // stands for the string and no long string is hashed per event.
  const uaFacts = new WeakMap<object, { readonly hash: number; readonly jndi: boolean }>();

  return function extract(e: EnrichedEvent): EventFeatures {
    const req = e.req;
    const p = pathFacts.get(req.path) ?? learnPath(req.path);
    const c = p.c;
    let flags = p.id >= 0 ? c.flags | F_ID : c.flags;
    let sensitive = c.sensitive;
    if (flags & F_AUTH && isAuthAttemptMethod(req.method)) {
      flags |= F_AUTH_ATTEMPT;
      // A 200 answer means failure only for form logins (re-rendered form); APIs and token endpoints answer 200 on success.
      const form = options.post200Fails && (flags & (F_PAGE | F_API)) === F_PAGE && !p.template.includes('token');
      if (isAuthFailureStatus(req.status, form)) flags |= F_AUTH_FAIL;
    }
    // A page view is a GET (or HEAD) of a page path; a form POST is not.
    if (flags & F_PAGE && req.method !== 'GET' && req.method !== 'HEAD') flags &= ~F_PAGE;
    let page = -1;
    let cursorHash = 0;
    if (req.query !== '') {
      const q = req.query.toLowerCase();
      page = queryNumber(q, PAGE_PARAMS);
      const cursor = cursorOf(req.query);
      if (cursor !== '') {
        flags |= F_CURSOR;
        cursorHash = fnv1a(cursor);
      }
      if (MAYBE_ATTACK.test(q) && QUERY_ATTACK.test(q))
        sensitive |= q.includes('..') || q.includes('%2e') ? SENSITIVE_TRAVERSAL : SENSITIVE_CVE;
    }
    let ua = uaFacts.get(e.ua);
    if (ua === undefined) {
      ua = { hash: fnv1a(req.userAgent), jndi: req.userAgent.includes('${') };
      uaFacts.set(e.ua, ua);
    }
    if (ua.jndi) sensitive |= SENSITIVE_CVE;
    const referer = req.referer;
    if (referer.length > 6 && referer.includes('${') && REFERER_EXPRESSION.test(referer.toLowerCase()))
      sensitive |= SENSITIVE_CVE;
    if (sensitive !== 0) flags |= F_SENSITIVE;
    out.flags = flags;
    out.sensitive = sensitive;
    out.template = p.template;
    out.id = p.id;
    out.page = page;
    out.cursorHash = cursorHash;
    out.prefix = c.prefix;
    out.pathHash = p.pathHash;
    out.templateHash = c.templateHash;
    out.uaHash = ua.hash;
    // Set by the engine, which keeps it per address.
    out.clientHash = 0;
    return out;
  };
}
export type FeatureExtractor = ReturnType<typeof createFeatureExtractor>;

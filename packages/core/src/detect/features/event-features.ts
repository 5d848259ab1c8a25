/**
 * Classifies one event once for every detector: static asset, page, auth attempt and failure, sensitive
 * path families, export endpoint, pagination, path template and id. Per-path answers are cached in a
 * bounded map (cleared when full) because most traffic repeats a small set of paths; the result object is
 * reused between events, so callers MUST copy what they keep.
 */
import type { EnrichedEvent } from '../../event/enriched-event.js';
import { fnv1a } from '../engine/sketch.js';
import { isAuthAttemptMethod, isAuthFailureStatus, isAuthPath } from './auth-endpoints.js';
import { cursorOf, queryNumber, templatePath } from './path-template.js';
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

interface PathInfo {
  readonly flags: number;
  readonly sensitive: number;
  readonly template: string;
  readonly id: number;
  /** First path segment, e.g. '/wp-admin'; what "the service serves this prefix" is learned on. */
  readonly prefix: string;
  readonly pathHash: number;
  readonly templateHash: number;
}

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
  clientHash: number;
  /** Hash of the pagination cursor value (F_CURSOR set), else 0. */
  cursorHash: number;
}

const EXPORT = /(?:^|\/)(?:export|exports|download|dump|backup|bulk|csv|report)s?(?:\/|\.|$)/;
const QUERY_ATTACK =
  /\.\.\/|\.\.%2f|%2e%2e|\$\{jndi|%24%7bjndi|\/etc\/passwd|union(?:\s|%20|\+)+(?:all(?:\s|%20|\+)+)?select|<script|%3cscript|sleep\(|benchmark\(|' or '1'='1|%27%20or%20|\bor\+1=1|waitfor(?:\s|%20|\+)delay/;
const PAGE_PARAMS = ['page', 'offset', 'p', 'start', 'skip'] as const;
const CACHE_LIMIT = 50_000;

export interface FeatureOptions {
  /** A 200 answer to an auth POST counts as a failure (form logins that re-render on failure). */
  readonly post200Fails: boolean;
}

export function createFeatureExtractor(options: FeatureOptions) {
  const cache = new Map<string, PathInfo>();
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

  function pathInfo(path: string): PathInfo {
    let info = cache.get(path);
    if (info !== undefined) return info;
    const lower = path.toLowerCase();
    let flags = 0;
    if (isStaticAsset(lower)) flags |= F_STATIC;
    else if (isPagePath(lower)) flags |= F_PAGE;
    if (isAuthPath(lower)) flags |= F_AUTH;
    if (EXPORT.test(lower)) flags |= F_EXPORT;
    if (lower.startsWith('/api/') || lower.startsWith('/v1/') || lower.startsWith('/v2/')) flags |= F_API;
    const sensitive = sensitiveKinds(lower);
    const t = templatePath(path);
    if (t.id >= 0) flags |= F_ID;
    const slash = lower.indexOf('/', 1);
    info = {
      flags,
      sensitive,
      template: t.template,
      id: t.id,
      prefix: slash < 0 ? lower : lower.slice(0, slash),
      pathHash: fnv1a(path),
      templateHash: fnv1a(t.template),
    };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(path, info);
    return info;
  }

  return function extract(e: EnrichedEvent): EventFeatures {
    const req = e.req;
    const info = pathInfo(req.path);
    let flags = info.flags;
    let sensitive = info.sensitive;
    if (flags & F_AUTH && isAuthAttemptMethod(req.method)) {
      flags |= F_AUTH_ATTEMPT;
      // A 200 answer means failure only for form logins (re-rendered form); APIs and token endpoints answer 200 on success.
      const form = options.post200Fails && (flags & (F_PAGE | F_API)) === F_PAGE && !info.template.includes('token');
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
      if (QUERY_ATTACK.test(q))
        sensitive |= q.includes('..') || q.includes('%2e') ? SENSITIVE_TRAVERSAL : SENSITIVE_CVE;
    }
    if (req.userAgent.includes('${')) sensitive |= SENSITIVE_CVE;
    if (sensitive !== 0) flags |= F_SENSITIVE;
    out.flags = flags;
    out.sensitive = sensitive;
    out.template = info.template;
    out.id = info.id;
    out.page = page;
    out.cursorHash = cursorHash;
    out.prefix = info.prefix;
    out.pathHash = info.pathHash;
    out.templateHash = info.templateHash;
    out.uaHash = fnv1a(req.userAgent);
    out.clientHash = fnv1a(e.client);
    return out;
  };
}
export type FeatureExtractor = ReturnType<typeof createFeatureExtractor>;

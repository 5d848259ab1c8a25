/**
 * One HTTP POST of an alert to a checked target: connects to the address the URL guard approved (the
 * host name still goes in Host and TLS SNI), bounded by a timeout, reading at most 4 KiB of the answer.
 * The outcome is a value: delivered, retry (5xx, 408, 429 with Retry-After, network errors, timeouts)
 * or failed (other 4xx, refused targets). Redirects are not followed (a redirect could lead anywhere).
 */

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkTarget, type HostResolver } from './url-guard.js';

export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly status: number }
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs: number | undefined }
  | { readonly kind: 'failed'; readonly error: string };

export interface PostOptions {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly allowPrivate: boolean;
  readonly resolve: HostResolver;
}

export async function postJson(o: PostOptions): Promise<DeliveryOutcome> {
  const target = await checkTarget(o.url, o.allowPrivate, o.resolve);
  if (!target.ok) {
    // A resolver failure may pass (retry); a refused address will not.
    if ('transient' in target && target.transient)
      return { kind: 'retry', error: target.reason, retryAfterMs: undefined };
    return { kind: 'failed', error: `target refused: ${target.reason}` };
  }
  // The socket goes to the checked address whatever the host name would resolve to now.
  const pinned: LookupFunction = (_host, opts, cb) => {
    if (opts.all)
      (cb as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else cb(null, target.address, target.family);
  };
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<DeliveryOutcome>((resolve) => {
    let settled = false;
    const done = (v: DeliveryOutcome) => {
      if (!settled) {
        settled = true;
        resolve(v);
      }
    };
    const req = request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(o.body)),
          'user-agent': 'Rampart-Alerts/0.1',
          ...o.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 4096) text += chunk;
        });
        res.on('error', (err) => done({ kind: 'retry', error: err.message, retryAfterMs: undefined }));
        res.on('end', () => done(classify(res.statusCode ?? 0, res.headers['retry-after'], text)));
      },
    );
    // A whole-exchange deadline, not an idle timeout: a receiver trickling bytes cannot hold the worker.
    const deadline = setTimeout(() => {
      done({ kind: 'retry', error: `timed out after ${o.timeoutMs} ms`, retryAfterMs: undefined });
      req.destroy();
    }, o.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', (err: NodeJS.ErrnoException) =>
      done({ kind: 'retry', error: err.code ?? err.message, retryAfterMs: undefined }),
    );
    req.end(o.body);
  });
}

function classify(status: number, retryAfter: string | undefined, body: string): DeliveryOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  const snippet = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  const error = `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
  if (status === 429 || status === 408 || status >= 500) {
    return { kind: 'retry', error, retryAfterMs: parseRetryAfter(retryAfter) };
  }
  return { kind: 'failed', error };
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(v: string | undefined, now = Date.now()): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\d{1,9}(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

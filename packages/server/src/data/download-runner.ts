/**
 * Runs `ReferenceDownload`s: fetches every URL with a timeout and a size cap, lets the download parse and
 * validate the bodies, and replaces the target file in the data dir atomically (write to a temporary
 * name, then rename) so a failed or partial download never destroys the previous good file. Failures are
 * values with a reason, never exceptions.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { ReferenceDownload } from '@rampart/core';

export interface DownloadOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Injected for tests; default: the global fetch. */
  readonly fetch?: typeof fetch;
}

export type DownloadOutcome =
  | { readonly name: string; readonly ok: true; readonly file: string; readonly bytes: number }
  | { readonly name: string; readonly ok: false; readonly reason: string };

const EXPLAIN: Readonly<Record<string, string>> = {
  ENOTFOUND: 'host not found: offline or DNS failing',
  EAI_AGAIN: 'DNS lookup failed: offline?',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
};

async function fetchText(
  url: string,
  o: DownloadOptions,
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  const doFetch = o.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, { signal: AbortSignal.timeout(o.timeoutMs), redirect: 'follow' });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') return { ok: false, reason: `${url}: no answer within ${o.timeoutMs} ms` };
    const code = e.cause?.code;
    const cause = code ? `${code}${EXPLAIN[code] ? ` (${EXPLAIN[code]})` : ''}` : (e.cause?.message ?? e.message);
    return { ok: false, reason: `${url}: ${cause}` };
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `${url}: HTTP ${res.status}` };
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > o.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `${url}: larger than ${o.maxBytes} bytes` };
  }
  try {
    const buf = Buffer.from(await res.arrayBuffer());
    if (buf.length > o.maxBytes) return { ok: false, reason: `${url}: larger than ${o.maxBytes} bytes` };
    return { ok: true, text: buf.toString('utf8') };
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError') return { ok: false, reason: `${url}: no answer within ${o.timeoutMs} ms` };
    return { ok: false, reason: `${url}: ${e.message}` };
  }
}

let tmpSeq = 0;

export async function runDownload(d: ReferenceDownload, dataDir: string, o: DownloadOptions): Promise<DownloadOutcome> {
  const root = resolve(dataDir);
  const target = resolve(root, d.targetFile);
  // targetFile comes from code and config; MUST stay inside the data dir whatever it says.
  if (!target.startsWith(root + sep))
    return { name: d.name, ok: false, reason: `target ${d.targetFile} is outside the data dir` };
  const bodies: string[] = [];
  for (const url of d.urls) {
    const r = await fetchText(url, o);
    if (!r.ok) return { name: d.name, ok: false, reason: r.reason };
    bodies.push(r.text);
  }
  const parsed = d.parse(bodies);
  if (!parsed.ok) return { name: d.name, ok: false, reason: `${d.urls.join(' + ')}: ${parsed.reason}` };
  try {
    await mkdir(dirname(target), { recursive: true });
    // Unique per download: several run at once and can finish in the same millisecond.
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${++tmpSeq}.tmp`);
    await writeFile(tmp, parsed.content);
    await rename(tmp, target);
  } catch (err) {
    return { name: d.name, ok: false, reason: `cannot write ${target}: ${(err as Error).message}` };
  }
  return { name: d.name, ok: true, file: target, bytes: Buffer.byteLength(parsed.content) };
}

/**
 * POST /api/v1/ingest: a single JSON event, a JSON array, or an NDJSON batch (optionally gzip) of the API's
 * event shape; or, with `?format=<parser id>`, raw log lines of any format the parsers know (so Cloudflare
 * Logpush, Vector or Fluent Bit HTTP sinks can post as they are). Good lines are kept; each bad line is
 * reported with its line number and reason (422 when no line was good). The answer comes only after the accepted events are durable.
 */
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type LineParser, RampartError, type RequestEvent } from '@rampart/core';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { MetricsRegistry } from '../../telemetry/metrics.js';
import { jsonToEvent } from '../ingest/json-event.js';

const gunzipAsync = promisify(gunzip);

export interface IngestDeps {
  /** Parser for `?format=`; throws RampartError UNKNOWN_PLUGIN for an unknown id. */
  lineParser(format: string): LineParser;
  /** Persists the events durably, then hands them to detection. Rejects with OVERLOADED under backpressure. */
  accept(events: readonly RequestEvent[]): Promise<void>;
  /** Largest body after decompression; a gzip bomb stops here. */
  readonly maxDecompressedBytes: number;
}

const MAX_ERRORS_REPORTED = 100;

const IngestQuery = Type.Object({
  format: Type.Optional(
    Type.String({ pattern: '^[a-z0-9_]{1,40}$', description: 'Parser id for raw log lines; omit for JSON events' }),
  ),
});

const IngestReply = Type.Object({
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
});
type IngestReplyT = Static<typeof IngestReply>;

export function ingestRoutes(deps: IngestDeps, metrics: MetricsRegistry): FastifyPluginAsync {
  const accepted = metrics.counter('rampart_ingest_events_total', 'Events accepted by the ingest API');
  const rejected = metrics.counter('rampart_ingest_rejected_total', 'Lines rejected by the ingest API, by reason kind');
  return async (app) => {
    // Bodies are read raw in this scope and parsed here, line by line: one bad line must not fail the batch.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    app.post(
      '/api/v1/ingest',
      {
        config: { permission: 'ingest:write' },
        schema: {
          tags: ['ingest'],
          summary: 'Ingest events (JSON, NDJSON, or raw log lines with ?format=), gzip accepted',
          querystring: IngestQuery,
          response: { 200: IngestReply, 422: IngestReply },
        },
      },
      async (request, reply) => {
        const body = await decodeBody(
          request.body as Buffer,
          request.headers['content-encoding'],
          deps.maxDecompressedBytes,
        );
        const query = request.query as Static<typeof IngestQuery>;
        const result = query.format ? parseRawLines(body, deps.lineParser(query.format)) : parseJsonBody(body);
        if (result.events.length > 0) await deps.accept(result.events);
        accepted.inc({}, result.events.length);
        rejected.inc({ kind: query.format ? 'log_line' : 'json' }, result.rejected);
        const answer: IngestReplyT = {
          accepted: result.events.length,
          rejected: result.rejected,
          errors: result.errors,
        };
        return reply.status(result.events.length === 0 && result.rejected > 0 ? 422 : 200).send(answer);
      },
    );
  };
}

async function decodeBody(body: Buffer, encoding: string | string[] | undefined, limit: number): Promise<string> {
  const enc = (Array.isArray(encoding) ? encoding[0] : encoding)?.toLowerCase().trim();
  let bytes = body;
  if (enc === 'gzip' || enc === 'x-gzip') {
    try {
      bytes = await gunzipAsync(body, { maxOutputLength: limit });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        throw new RampartError('PAYLOAD_TOO_LARGE', `decompressed body exceeds ${limit} bytes`);
      }
      throw new RampartError('INVALID_ARGUMENT', 'body is not valid gzip');
    }
  } else if (enc !== undefined && enc !== 'identity') {
    throw new RampartError('INVALID_ARGUMENT', `unsupported content-encoding '${enc}' (use gzip or none)`);
  }
  return bytes.toString('utf8');
}

interface Parsed {
  events: RequestEvent[];
  rejected: number;
  errors: { line: number; reason: string }[];
}

function parseJsonBody(text: string): Parsed {
  const out: Parsed = { events: [], rejected: 0, errors: [] };
  const trimmed = text.trimStart();
  // A single JSON object or array (possibly pretty-printed) is one document; anything else is NDJSON.
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !trimmed.includes('\n{'))) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      doc = undefined;
    }
    if (doc !== undefined) {
      const items = Array.isArray(doc) ? doc : [doc];
      items.forEach((item, i) => {
        addJson(out, item, i + 1, JSON.stringify(item) ?? '');
      });
      return out;
    }
  }
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      reject(out, i + 1, 'not valid JSON');
      continue;
    }
    addJson(out, item, i + 1, line);
  }
  return out;
}

function addJson(out: Parsed, item: unknown, line: number, raw: string): void {
  const r = jsonToEvent(item, 'http', line, raw);
  if (r.ok) out.events.push(r.event);
  else reject(out, line, r.reason);
}

function parseRawLines(text: string, parser: LineParser): Parsed {
  const out: Parsed = { events: [], rejected: 0, errors: [] };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    if (line === '') continue;
    const r = parser.parse(line, 'http', i + 1);
    if (r.kind === 'event') out.events.push(r.event);
    else if (r.kind === 'error') reject(out, i + 1, `${r.reason}: ${r.detail}`);
  }
  return out;
}

function reject(out: Parsed, line: number, reason: string): void {
  out.rejected++;
  if (out.errors.length < MAX_ERRORS_REPORTED) out.errors.push({ line, reason });
}

/**
 * A syslog listener (`server.syslog`): each message's payload is an access-log line in the listener's
 * format, parsed and sent to the ingest pipeline in small batches (every 100 ms or 1,000 events). A UDP
 * sender cannot be asked to wait, so a batch refused under backpressure is dropped and counted
 * (`rampart_syslog_dropped_events_total`), never buffered without bound.
 */
import type { LineParser, RequestEvent } from '@rampart/core';
import { type SyslogServer, startSyslogServer } from '../sources/syslog/syslog-server.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import type { IngestPipeline } from './ingest-pipeline.js';

export interface SyslogListenerOptions {
  readonly host: string;
  readonly udpPort?: number | undefined;
  readonly tcpPort?: number | undefined;
  readonly parser: LineParser;
}

export interface RunningSyslog {
  readonly server: SyslogServer;
  stop(): Promise<void>;
}

const BATCH = 1000;

export async function startSyslog(
  o: SyslogListenerOptions,
  pipeline: IngestPipeline,
  metrics: MetricsRegistry,
): Promise<RunningSyslog> {
  const received = metrics.counter('rampart_syslog_messages_total', 'Syslog messages received, by outcome');
  const dropped = metrics.counter('rampart_syslog_dropped_events_total', 'Syslog events dropped under backpressure');
  let batch: RequestEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight = Promise.resolve();
  let seq = 0;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    inFlight = inFlight.then(() =>
      pipeline.accept(events, 'syslog').catch(() => {
        dropped.inc({}, events.length);
      }),
    );
  };
  const server = await startSyslogServer({
    host: o.host,
    ...(o.udpPort !== undefined ? { udpPort: o.udpPort } : {}),
    ...(o.tcpPort !== undefined ? { tcpPort: o.tcpPort } : {}),
    onMessage(message) {
      const r = o.parser.parse(message.message, 'syslog', ++seq);
      if (r.kind !== 'event') {
        received.inc({ outcome: r.kind === 'error' ? r.reason : 'skipped' });
        return;
      }
      received.inc({ outcome: 'event' });
      batch.push(r.event);
      if (batch.length >= BATCH) flush();
      else timer ??= setTimeout(flush, 100);
    },
    onError(reason) {
      received.inc({ outcome: reason });
    },
  });
  return {
    server,
    async stop() {
      await server.close();
      flush();
      await inFlight;
    },
  };
}

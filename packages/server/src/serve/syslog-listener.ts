/**
 * A syslog listener (`server.syslog`): each message's payload is an access-log line in the listener's
 * format, parsed and sent to the ingest pipeline in small batches (every 100 ms or 1,000 events).
 *
 * Backpressure differs by transport. A TCP batch refused because ingest is saturated is kept and retried
 * (100 ms doubling to 2 s) while every TCP connection is paused, so the kernel's buffers fill and the
 * sender (nginx, rsyslog) waits: nothing sent over TCP is dropped for load. A UDP sender cannot be asked
 * to wait, so a refused UDP batch is dropped and counted (`rampart_syslog_dropped_events_total`), as is
 * one arriving while two are already waiting — never buffered without bound.
 */
import { type LineParser, RampartError, type RequestEvent } from '@rampart/core';
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

type Transport = 'udp' | 'tcp';
type Accept = Pick<IngestPipeline, 'accept'>;

const BATCH = 1000;
const MAX_WAITING_UDP_BATCHES = 2;
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 2000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const overloaded = (err: unknown) => err instanceof RampartError && err.code === 'OVERLOADED';

export async function startSyslog(
  o: SyslogListenerOptions,
  pipeline: Accept,
  metrics: MetricsRegistry,
): Promise<RunningSyslog> {
  const received = metrics.counter('rampart_syslog_messages_total', 'Syslog messages received, by outcome');
  const dropped = metrics.counter(
    'rampart_syslog_dropped_events_total',
    'Syslog events dropped, by transport and reason (UDP under backpressure; either when ingest fails)',
  );
  const pauses = metrics.counter('rampart_syslog_tcp_pauses_total', 'Times TCP syslog reading paused for backpressure');
  let stopping = false;
  let seq = 0;
  let server: SyslogServer | undefined;

  const lanes = {
    udp: {
      batch: [] as RequestEvent[],
      timer: undefined as NodeJS.Timeout | undefined,
      chain: Promise.resolve(),
      waiting: 0,
    },
    tcp: {
      batch: [] as RequestEvent[],
      timer: undefined as NodeJS.Timeout | undefined,
      chain: Promise.resolve(),
      waiting: 0,
    },
  };

  /** TCP: retry while saturated, with every connection paused; resume once the batch is in. */
  const sendTcp = async (events: RequestEvent[]) => {
    let delay = RETRY_FIRST_MS;
    try {
      for (;;) {
        try {
          await pipeline.accept(events, 'syslog');
          return;
        } catch (err) {
          if (!overloaded(err) || stopping) {
            dropped.inc({ transport: 'tcp', reason: overloaded(err) ? 'shutdown' : 'ingest_failed' }, events.length);
            return;
          }
          if (server && !server.tcpPaused) {
            server.pauseTcp();
            pauses.inc();
          }
          await sleep(delay);
          delay = Math.min(delay * 2, RETRY_MAX_MS);
        }
      }
    } finally {
      if (server?.tcpPaused) server.resumeTcp();
    }
  };

  const sendUdp = async (events: RequestEvent[]) => {
    try {
      await pipeline.accept(events, 'syslog');
    } catch (err) {
      dropped.inc({ transport: 'udp', reason: overloaded(err) ? 'backpressure' : 'ingest_failed' }, events.length);
    }
  };

  const flush = (transport: Transport) => {
    const lane = lanes[transport];
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = undefined;
    if (lane.batch.length === 0) return;
    const events = lane.batch;
    lane.batch = [];
    if (transport === 'udp' && lane.waiting >= MAX_WAITING_UDP_BATCHES) {
      dropped.inc({ transport: 'udp', reason: 'backpressure' }, events.length);
      return;
    }
    lane.waiting++;
    lane.chain = lane.chain
      .then(() => (transport === 'tcp' ? sendTcp(events) : sendUdp(events)))
      .finally(() => {
        lane.waiting--;
      });
  };

  server = await startSyslogServer({
    host: o.host,
    ...(o.udpPort !== undefined ? { udpPort: o.udpPort } : {}),
    ...(o.tcpPort !== undefined ? { tcpPort: o.tcpPort } : {}),
    onMessage(message, _peer, transport) {
      const lane = lanes[transport];
      const r = o.parser.parse(message.message, 'syslog', ++seq);
      if (r.kind !== 'event') {
        received.inc({ outcome: r.kind === 'error' ? r.reason : 'skipped' });
        return;
      }
      received.inc({ outcome: 'event' });
      lane.batch.push(r.event);
      if (lane.batch.length >= BATCH) flush(transport);
      else lane.timer ??= setTimeout(() => flush(transport), 100);
    },
    onError(reason) {
      received.inc({ outcome: reason });
    },
  });
  const running = server;
  return {
    server: running,
    async stop() {
      await running.close();
      flush('udp');
      flush('tcp');
      stopping = true;
      await Promise.all([lanes.udp.chain, lanes.tcp.chain]);
    },
  };
}

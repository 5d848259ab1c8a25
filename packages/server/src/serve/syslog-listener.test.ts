import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { createParser, RampartError, type RequestEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../telemetry/metrics.js';
import { startSyslog } from './syslog-listener.js';

const line = (i: number) =>
  `<190>Nov 21 07:00:00 web1 nginx: 192.0.2.${i % 250} - - [21/Nov/2026:07:00:00 +0000] "GET /p/${i} HTTP/1.1" 200 5 "-" "curl/8"`;

/** An ingest stand-in that refuses the first `refusals` batches as saturated, then keeps everything. */
function saturated(refusals: number) {
  const kept: RequestEvent[] = [];
  let calls = 0;
  return {
    kept,
    get calls() {
      return calls;
    },
    async accept(events: readonly RequestEvent[]) {
      calls++;
      if (calls <= refusals) throw new RampartError('OVERLOADED', 'ingest is saturated; retry shortly');
      kept.push(...events);
    },
  };
}

const until = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('syslog listener backpressure', () => {
  it('keeps TCP batches refused under load, pausing the connections until ingest has room', async () => {
    const ingest = saturated(3);
    const metrics = new MetricsRegistry();
    const syslog = await startSyslog(
      { host: '127.0.0.1', tcpPort: 0, parser: createParser('nginx_combined', {}) },
      ingest,
      metrics,
    );
    let pausedSeen = false;
    const watch = setInterval(() => {
      pausedSeen ||= syslog.server.tcpPaused;
    }, 5);
    const sock = connect(syslog.server.tcpPort ?? 0, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    for (let i = 0; i < 2500; i++) sock.write(`${line(i)}\n`);
    await until(() => ingest.kept.length === 2500);
    clearInterval(watch);
    sock.destroy();
    await syslog.stop();
    expect(pausedSeen).toBe(true);
    expect(syslog.server.tcpPaused).toBe(false);
    expect(ingest.calls).toBeGreaterThan(3);
    // Every line exactly once, in order.
    expect(ingest.kept.map((e) => e.path)).toEqual(Array.from({ length: 2500 }, (_, i) => `/p/${i}`));
    expect(metrics.render()).not.toMatch(/rampart_syslog_dropped_events_total\{[^}]*transport="tcp"/);
  });

  it('drops and counts UDP batches refused under load (a UDP sender cannot wait)', async () => {
    const ingest = saturated(1);
    const metrics = new MetricsRegistry();
    const syslog = await startSyslog(
      { host: '127.0.0.1', udpPort: 0, parser: createParser('nginx_combined', {}) },
      ingest,
      metrics,
    );
    const udp = createSocket('udp4');
    const send = (i: number) =>
      new Promise<void>((r) => udp.send(line(i), syslog.server.udpPort ?? 0, '127.0.0.1', () => r()));
    for (let i = 0; i < 5; i++) await send(i);
    await until(() => ingest.calls === 1);
    for (let i = 5; i < 8; i++) await send(i);
    await until(() => ingest.calls === 2);
    udp.close();
    await syslog.stop();
    expect(ingest.kept.map((e) => e.path)).toEqual(['/p/5', '/p/6', '/p/7']);
    expect(metrics.render()).toMatch(/rampart_syslog_dropped_events_total\{reason="backpressure",transport="udp"\} 5/);
  });
});

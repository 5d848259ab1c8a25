import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SyslogTcpDecoder } from './syslog-framing.js';
import { parseSyslogMessage } from './syslog-message.js';
import { type SyslogServer, startSyslogServer } from './syslog-server.js';

const LINE = '203.0.113.9 - - [20/Nov/2026:12:00:00 +0000] "GET /login HTTP/1.1" 401 12 "-" "curl/8.5.0"';

describe('parseSyslogMessage', () => {
  it('reads what nginx sends (RFC 3164 with the nginx tag)', () => {
    const r = parseSyslogMessage(`<190>Nov 20 12:00:00 web-1 nginx: ${LINE}`);
    expect(r).toEqual({
      ok: true,
      value: { facility: 23, severity: 6, hostname: 'web-1', appName: 'nginx', message: LINE },
    });
  });

  it('reads RFC 5424 with and without structured data, keeping brackets inside the message', () => {
    const plain = parseSyslogMessage(`<134>1 2026-11-20T12:00:00.123Z web-2 nginx 311 - - ${LINE}`);
    expect(plain.ok && plain.value.message).toBe(LINE);
    const sd = parseSyslogMessage(
      `<134>1 2026-11-20T12:00:00Z web-2 nginx - ID47 [ex@1 k="a\\]b" j="c"][x@2 y="z"] ${LINE}`,
    );
    expect(sd.ok && sd.value).toMatchObject({ hostname: 'web-2', appName: 'nginx', message: LINE });
  });

  it('refuses messages without a valid header, with a reason', () => {
    expect(parseSyslogMessage(LINE)).toEqual({ ok: false, reason: 'missing <PRI>' });
    expect(parseSyslogMessage('<999>Nov 20 12:00:00 h t: x')).toMatchObject({ ok: false });
    expect(parseSyslogMessage('<13>1 2026-11-20T12:00:00Z h a p m [unterminated')).toEqual({
      ok: false,
      reason: 'malformed structured data',
    });
    expect(parseSyslogMessage('<13>garbage')).toMatchObject({ ok: false });
  });
});

describe('SyslogTcpDecoder', () => {
  it('splits octet-counted and newline-framed messages arriving in arbitrary chunks', () => {
    const got: string[] = [];
    let oversize = 0;
    const d = new SyslogTcpDecoder(
      1000,
      (m) => got.push(m),
      () => oversize++,
    );
    const a = '<13>Nov 20 12:00:00 h t: one';
    const stream = Buffer.from(`${Buffer.byteLength(a)} ${a}<13>Nov 20 12:00:01 h t: two\n`);
    for (let i = 0; i < stream.length; i += 7) d.push(stream.subarray(i, i + 7));
    expect(got).toEqual([a, '<13>Nov 20 12:00:01 h t: two']);
    d.push(Buffer.from(`5000 ${'x'.repeat(50)}\n<13>Nov 20 12:00:02 h t: three\n`));
    expect(oversize).toBe(1);
    expect(got.at(-1)).toBe('<13>Nov 20 12:00:02 h t: three');
  });
});

describe('syslog server on loopback', () => {
  let server: SyslogServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('receives nginx lines over UDP and TCP and counts malformed messages', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    server = await startSyslogServer({
      host: '127.0.0.1',
      udpPort: 0,
      tcpPort: 0,
      onMessage: (m) => lines.push(m.message),
      onError: (reason) => errors.push(reason),
    });
    const udp = createSocket('udp4');
    await new Promise<void>((r) =>
      udp.send(`<190>Nov 20 12:00:00 web-1 nginx: ${LINE}`, server!.udpPort!, '127.0.0.1', () => r()),
    );
    await new Promise<void>((r) => udp.send('not syslog', server!.udpPort!, '127.0.0.1', () => r()));
    udp.close();
    const tcp = connect(server.tcpPort!, '127.0.0.1');
    await new Promise<void>((r) => tcp.once('connect', () => r()));
    tcp.write(`<190>1 2026-11-20T12:00:01Z web-1 nginx - - - ${LINE}\n<190>Nov 20 12:00:02 web-1 nginx: ${LINE}\n`);
    tcp.end();
    const deadline = Date.now() + 5000;
    while (lines.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(lines).toEqual([LINE, LINE, LINE]);
    expect(errors).toEqual(['missing <PRI>']);
    expect(server.stats).toEqual({ received: 3, rejected: 1 });
  });
});

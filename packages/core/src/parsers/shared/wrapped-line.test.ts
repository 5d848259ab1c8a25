import { describe, expect, it } from 'vitest';
import { createParser } from '../registry.js';
import { wrappedMessageStart } from './wrapped-line.js';

const MSG = '81.150.104.130 - - [15/Sep/2021:16:13:46 +0000] "POST /wp-login.php HTTP/1.1" 200 5364 "-" "Mozilla/5.0"';

describe('wrappedMessageStart', () => {
  it('finds the message after RFC 3164 headers, with or without PRI and pid', () => {
    for (const head of [
      'Sep 15 16:13:46 ip-172-31-43-28.us-east-2.compute.internal nginx[2869]: ',
      '<190>Sep  5 16:13:46 web1 nginx: ',
    ]) {
      expect(wrappedMessageStart(head + MSG)).toBe(head.length);
    }
  });

  it('finds the message after an RFC 5424 header', () => {
    const head = '<171>1 2025-11-05T20:47:03.000000+00:00 firewall.lan nginx - - - ';
    expect(wrappedMessageStart(head + MSG)).toBe(head.length);
  });

  it('does not match plain access-log lines or long garbage', () => {
    expect(wrappedMessageStart(MSG)).toBe(-1);
    expect(wrappedMessageStart(`Sep ${'x'.repeat(100_000)}`)).toBe(-1);
    expect(wrappedMessageStart(`<1>1 ${'a '.repeat(50_000)}`)).toBe(-1);
  });
});

describe('template formats behind syslog', () => {
  it('reads a syslog-wrapped nginx combined line and keeps the whole line as raw', () => {
    const line = `Sep 15 16:13:46 web1 nginx[2869]: ${MSG}`;
    const r = createParser('nginx_combined', {}).parse(line, 's', 1);
    expect(r).toMatchObject({ kind: 'event', event: { ip: '81.150.104.130', path: '/wp-login.php', raw: line } });
  });
});

describe('container runtime prefix', () => {
  it('finds the message after a CRI (containerd) pod-log prefix', () => {
    const head = '2025-12-31T17:37:40.493035218+01:00 stdout F ';
    expect(wrappedMessageStart(head + MSG)).toBe(head.length);
    expect(wrappedMessageStart(`2025-12-31 ${MSG}`)).toBe(-1);
  });
});

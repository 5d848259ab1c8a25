/**
 * Address extraction against fail2ban's filter test logs: every web-server line is preceded by
 * `# failJSON: {…, "host": …}` naming the address fail2ban extracts. Each such line that one of
 * Rampart's access-log formats reads must yield exactly that address. Error-log lines (Apache
 * error_log, nginx error.log) are not access logs; they are counted as not read, not as failures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, sharedPath } from '../support/shared-data.js';
import { ACCESS_LOG_FAMILY, parseWithFamily } from './parsers-support.js';

const CLF_DATE = /\[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2}/;

interface Case {
  file: string;
  host: string;
  line: string;
}

function loadCases(): Case[] {
  const dir = sharedPath('logs/fail2ban-tests/logs');
  const cases: Case[] = [];
  for (const file of readdirSync(dir).sort()) {
    const lines = readFileSync(`${dir}/${file}`, 'utf8').split('\n');
    for (let i = 0; i < lines.length - 1; i++) {
      const m = /^# failJSON: (\{.*\})\s*$/.exec(lines[i]!);
      if (!m) continue;
      let meta: { host?: unknown };
      try {
        meta = JSON.parse(m[1]!) as { host?: unknown };
      } catch {
        continue;
      }
      const next = lines[i + 1]!;
      if (typeof meta.host === 'string' && next !== '' && !next.startsWith('#')) {
        cases.push({ file, host: meta.host, line: next });
      }
    }
  }
  return cases;
}

describe.skipIf(!HAS_SHARED_DATA)('parsers agree with fail2ban on the client address', () => {
  const cases = HAS_SHARED_DATA ? loadCases() : [];

  it('yields the address fail2ban expects for every access-log line it reads', () => {
    let read = 0;
    let agree = 0;
    let accessShaped = 0;
    const wrong: string[] = [];
    const unread: string[] = [];
    const perFile = new Map<string, { total: number; read: number }>();
    for (const c of cases) {
      const stats = perFile.get(c.file) ?? { total: 0, read: 0 };
      perFile.set(c.file, stats);
      stats.total++;
      // Independent of Rampart's parsers: an access-log line carries a CLF date in brackets.
      const shaped = CLF_DATE.test(c.line);
      if (shaped) accessShaped++;
      const parsed = parseWithFamily(c.line, ACCESS_LOG_FAMILY);
      if (!parsed) {
        if (shaped) unread.push(`${c.file}: ${c.line.slice(0, 100)}`);
        continue;
      }
      read++;
      stats.read++;
      if (parsed.event.ip === c.host) agree++;
      else wrong.push(`${c.file}: want ${c.host}, got ${parsed.event.ip} (${parsed.format}): ${c.line.slice(0, 100)}`);
    }
    const files = [...perFile].map(([f, s]) => `${f} ${s.read}/${s.total}`).join(', ');
    console.log(
      [
        `fail2ban: ${cases.length} lines name a host; ${accessShaped} are access-log lines; ${read} read; ${agree} yield the host`,
        `  per file (read/with host): ${files}`,
        ...unread.map((u) => `  access-log line not read: ${u}`),
        ...wrong.map((w) => `  WRONG: ${w}`),
      ].join('\n'),
    );
    expect(accessShaped).toBeGreaterThan(20);
    expect(read / accessShaped).toBeGreaterThanOrEqual(0.9);
    expect(wrong).toEqual([]);
    expect(agree).toBe(read);
  });
});

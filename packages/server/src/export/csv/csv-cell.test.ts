import { describe, expect, it } from 'vitest';
import { entry, NOW } from '../../../../../test/e2e/export-fixture.js';
import { csvCell } from './csv-cell.js';
import { csvExporter } from './csv-exporter.js';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['plain', 'plain'],
  ])('neutralises and quotes %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });
});

describe('csv exporter', () => {
  it('writes a header and CRLF rows, with a formula in a reason kept as text', () => {
    const r = csvExporter.render([entry('ip', '192.0.2.1', 'monitor', { reason: '=cmd|calc' })], { now: NOW });
    const lines = r.text.split('\r\n');
    expect(lines[0]).toBe(
      'id,kind,value,mode,service,origin,reason,created_at,expires_at,offence,actor,finding_id,report_id',
    );
    expect(lines[1]).toContain(",192.0.2.1,monitor,,manual,'=cmd|calc,");
    expect(r.counts.notEnforced).toBe(0);
  });
});

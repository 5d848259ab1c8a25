/**
 * CSV cells per RFC 4180 with spreadsheet formula injection neutralised: a cell starting with
 * = + - @ TAB or CR gets a leading apostrophe (OWASP's advice), then cells containing a quote, comma,
 * CR or LF are quoted with inner quotes doubled.
 */

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (s.length > 0 && FORMULA_START.has(s[0]!)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

import { describe, expect, it } from 'vitest';
import { unescapeLogValue } from './unescape.js';

describe('unescapeLogValue', () => {
  it('decodes nginx \\xHH escapes, including multi-byte UTF-8 sequences', () => {
    expect(unescapeLogValue('a\\x22b\\x5Cc')).toBe('a"b\\c');
    expect(unescapeLogValue('caf\\xC3\\xA9')).toBe('café');
  });

  it('decodes Apache and JSON escapes', () => {
    expect(unescapeLogValue('say \\"hi\\"\\n')).toBe('say "hi"\n');
    expect(unescapeLogValue('\\u00e9\\t')).toBe('é\t');
  });

  it('leaves values without backslashes, and broken escapes, as they are', () => {
    const clean = 'Mozilla/5.0 (X11)';
    expect(unescapeLogValue(clean)).toBe(clean);
    expect(unescapeLogValue('bad \\xZZ end\\')).toBe('bad \\xZZ end\\');
  });

  it('turns invalid UTF-8 byte escapes into U+FFFD rather than failing', () => {
    expect(unescapeLogValue('\\xFF\\xFE')).toBe('\ufffd\ufffd');
  });
});

import { describe, expect, it } from 'vitest';
import { BUNDLED_BROWSER_VERSIONS, toBrowserVersions } from './browser-versions.js';
import { browserVersionsDownload } from './browser-versions-download.js';

const CHROME = JSON.stringify([{ channel: 'Stable', milestone: 157, platform: 'Windows', version: '157.0.7600.51' }]);
const FIREFOX = JSON.stringify({ LATEST_FIREFOX_VERSION: '158.0.1', FIREFOX_ESR: '153.5.0esr' });
const EDGE = JSON.stringify([
  { Product: 'Beta', Releases: [{ ProductVersion: '158.0.3000.1' }] },
  { Product: 'Stable', Releases: [{ ProductVersion: '156.0.2900.10' }, { ProductVersion: '157.0.2950.3' }] },
]);

describe('browserVersionsDownload', () => {
  it('reads the current Chrome, Firefox and Edge majors from their release feeds and keeps the policy', () => {
    const r = browserVersionsDownload().parse([CHROME, FIREFOX, EDGE]);
    expect(r.ok).toBe(true);
    const doc = r.ok ? toBrowserVersions(JSON.parse(r.content)) : undefined;
    expect(doc?.families.Chrome).toEqual({ current: 157, maxBehind: 12 });
    expect(doc?.families.Firefox?.current).toBe(158);
    expect(doc?.families.Edge?.current).toBe(157);
    expect(doc?.families.Safari).toEqual(BUNDLED_BROWSER_VERSIONS.families.Safari);
  });

  it('ignores unreadable or older feeds and refuses to write when none could be read', () => {
    const partial = browserVersionsDownload().parse(['<html>', FIREFOX, '[]']);
    expect(partial.ok && JSON.parse(partial.content).families.Chrome.current).toBe(155);
    const older = JSON.stringify([{ version: '120.0.1' }]);
    expect(browserVersionsDownload().parse([older, 'x', 'y']).ok).toBe(false);
  });
});

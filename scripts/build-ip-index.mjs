// Builds the cached IP index (node_modules/.cache/rampart/) from the installed @ip-location-db packages,
// so the first `rampart` run does not pay for it. Run by the root `prepare` script after the build.
// Never fails the install: without a cache, Rampart builds the index on first use instead.
try {
  const { loadIpIndex } = await import('../packages/core/dist/index.js');
  const r = loadIpIndex();
  const what = r.from === 'cache' ? 'up to date' : `built in ${(r.millis / 1000).toFixed(1)} s`;
  console.log(`rampart: IP index ${what}: ${r.path}${r.cacheError ? ` (not cached: ${r.cacheError})` : ''}`);
} catch (err) {
  console.log(`rampart: IP index not prebuilt (${err?.message ?? err}); it will be built on first use`);
}

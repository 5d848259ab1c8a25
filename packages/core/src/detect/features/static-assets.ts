/**
 * Static assets (stylesheets, scripts, images, fonts) and page-support calls: what a browser loads
 * around a page and a scraper skips. Decided by extension and a few conventional folders.
 */

const STATIC_EXT =
  /\.(?:css|js|mjs|map|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf|eot|mp4|webm|mp3|ogg|wasm|json\.map)$/;
const STATIC_DIR = /^\/(?:static|assets|_next\/static|build|dist|css|js|img|images|fonts|media)\//;

/** True when the lower-cased path is a static asset. */
export function isStaticAsset(lowerPath: string): boolean {
  return STATIC_EXT.test(lowerPath) || STATIC_DIR.test(lowerPath);
}

const DOC_EXT = /\.(?:html?|php|aspx?|jsp)$/;

/**
 * A content page meant for browsers: a GET of an extension-less or document path that is not an API,
 * a static asset or a feed. Scrapers fetch these; the ratio of assets to pages separates them from people.
 */
export function isPagePath(lowerPath: string): boolean {
  if (lowerPath.startsWith('/api/') || lowerPath.startsWith('/graphql')) return false;
  const slash = lowerPath.lastIndexOf('/');
  const dot = lowerPath.indexOf('.', slash);
  return dot < 0 || DOC_EXT.test(lowerPath);
}

/**
 * A file `rampart update-data` may download into the data dir: where from, where to, and how to turn the
 * fetched bodies into the file's content. Nothing here fetches; the update-data command owns the network.
 */

export type ReferenceParseResult = { ok: true; content: string } | { ok: false; reason: string };

export interface ReferenceDownload {
  /** Stable id, e.g. 'crawler-ranges:googlebot' or 'browser-versions'. */
  readonly name: string;
  /** Fetched in order; `parse` receives the bodies in the same order. */
  readonly urls: readonly string[];
  /** Path relative to the data dir. */
  readonly targetFile: string;
  /** Turns the bodies into the file to write; a failure is a value with a reason, never a throw. */
  readonly parse: (bodies: readonly string[]) => ReferenceParseResult;
}

/**
 * What every source hands to the analysis run: a named stream of byte chunks plus how far it has got,
 * for progress. Sources only move bytes; splitting into lines (LineReader) and parsing happen downstream,
 * so each source stays small and every source gets the same bad-input handling.
 */

export interface ByteSource {
  /** Shown in summaries and error samples: the path as given, or 'stdin'. */
  readonly name: string;
  /** Size on disk (compressed size for gzip) when known, for the progress bar. */
  readonly totalBytes: number | undefined;
  /** True when the bytes are gunzipped on the way. */
  readonly compressed: boolean;
  /** Bytes taken from the underlying file or pipe so far (before decompression). */
  bytesRead(): number;
  /** The (decompressed) content, chunk by chunk. Read it once. */
  chunks(): AsyncIterable<Buffer>;
}

/** A source that could not be opened at all; reported, and the run goes on with the others. */
export interface SourceFailure {
  readonly name: string;
  readonly message: string;
}

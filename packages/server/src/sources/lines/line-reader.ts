/**
 * Bytes → lines for every source. Splits on '\n' (a trailing '\r' is dropped), enforces the line size
 * limit without ever buffering more than that many bytes of one line, and turns binary garbage (C0 control
 * bytes such as NUL) and invalid UTF-8 into counted bad lines instead of strings.
 *
 * Speed: each chunk is checked and decoded once with native calls (`isAscii`, `isUtf8`, a NUL search);
 * lines are then cut out of that string. Only chunks that fail a check are looked at line by line. Other
 * control bytes in an otherwise valid line cost a regex per byte to find, so they are only looked for in
 * lines the parser rejects (ParsingSink counts those as `binary`); NUL is always checked.
 * Decoded chunks MUST stay under 128 KB: V8 allocates larger strings in large-object space, several
 * times slower (measured: 2.4 GB/s at 64 KB, 0.45 GB/s at 256 KB).
 * Lines are substrings of their chunk's string: a consumer that keeps a line (or a field of it) for long
 * MUST copy it with `detachString` so it does not pin the whole chunk in memory.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { ParseErrorReason } from '@rampart/core';
import { printableSample } from './printable-sample.js';

export interface LineSink {
  /** One decoded, non-empty line. `final` is true for a last line that had no newline (possibly cut short). */
  line(text: string, lineNo: number, final: boolean): void;
  /** A line that could not be decoded; `sample` is a short printable excerpt. */
  bad(reason: ParseErrorReason, lineNo: number, sample: string): void;
}

/** C0 control characters except TAB, LF and CR: never part of a text log line (nginx and Apache escape them). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const CONTROL_RE = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;
const NEWLINE = 10;
const MAX_DECODE_BYTES = 96 * 1024;

export class LineReader {
  /** Number of lines seen so far, blank and bad ones included; the last line's 1-based number. */
  lineNo = 0;
  /** Bytes of complete lines handed on (the resume offset relative to where reading started). */
  completeBytes = 0;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  /** Inside a line already known to be too long: drop bytes until its newline. */
  private skipping = false;
  private skippedSample = '';
  /** Bytes of the current unfinished line seen so far, held or skipped. */
  private carriedBytes = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: number,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.skipping || this.pendingLength > 0) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        this.hold(chunk);
        return;
      }
      this.finishCarried(chunk.subarray(0, nl));
      this.completeBytes += this.carriedBytes + nl + 1;
      this.carriedBytes = 0;
      start = nl + 1;
    }
    const lastNl = chunk.lastIndexOf(NEWLINE);
    if (lastNl < start) {
      if (start < chunk.length) this.hold(chunk.subarray(start));
      return;
    }
    this.completeLines(chunk.subarray(start, lastNl + 1));
    this.completeBytes += lastNl + 1 - start;
    if (lastNl + 1 < chunk.length) this.hold(chunk.subarray(lastNl + 1));
  }

  /** End of input: a held partial line becomes the final line (flagged, since it may be cut short). */
  end(): void {
    this.completeBytes += this.carriedBytes;
    this.carriedBytes = 0;
    if (this.skipping) {
      this.lineNo++;
      this.sink.bad('too_long', this.lineNo, this.skippedSample);
      this.skipping = false;
    } else if (this.pendingLength > 0) {
      const bytes = this.takePending();
      this.oneLine(bytes, true);
    }
  }

  /** Forgets a held partial line (the file was truncated under us); returns how many bytes were dropped. */
  discardPartial(): number {
    const dropped = this.carriedBytes;
    this.carriedBytes = 0;
    this.pending = [];
    this.pendingLength = 0;
    this.skipping = false;
    return dropped;
  }

  /** Bytes held for a line whose newline has not arrived yet. */
  get partialBytes(): number {
    return this.pendingLength;
  }

  private hold(part: Buffer): void {
    this.carriedBytes += part.length;
    if (this.skipping) return;
    if (this.pendingLength + part.length > this.maxLineBytes) {
      this.skippedSample = printableSample(Buffer.concat([...this.pending, part.subarray(0, 200)]));
      this.skipping = true;
      this.pending = [];
      this.pendingLength = 0;
      return;
    }
    // Copy: the chunk may be a pooled buffer that the stream reuses.
    this.pending.push(Buffer.from(part));
    this.pendingLength += part.length;
  }

  private takePending(): Buffer {
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingLength = 0;
    return bytes;
  }

  /** Completes the line carried over from earlier chunks with `head` (the bytes before the newline). */
  private finishCarried(head: Buffer): void {
    if (this.skipping) {
      this.skipping = false;
      this.lineNo++;
      this.sink.bad('too_long', this.lineNo, this.skippedSample);
      return;
    }
    if (this.pendingLength + head.length > this.maxLineBytes) {
      const sample = printableSample(Buffer.concat([...this.pending, head]).subarray(0, 200));
      this.pending = [];
      this.pendingLength = 0;
      this.lineNo++;
      this.sink.bad('too_long', this.lineNo, sample);
      return;
    }
    this.pending.push(head);
    this.oneLine(this.takePending(), false);
  }

  /** `region` ends with '\n'. Decodes it in pieces under MAX_DECODE_BYTES, cut at newlines. */
  private completeLines(region: Buffer): void {
    if (region.length <= MAX_DECODE_BYTES) {
      this.decodedLines(region);
      return;
    }
    let pos = 0;
    while (pos < region.length) {
      let cut = region.length - 1;
      if (pos + MAX_DECODE_BYTES < region.length) {
        cut = region.lastIndexOf(NEWLINE, pos + MAX_DECODE_BYTES - 1);
        if (cut < pos) cut = region.indexOf(NEWLINE, pos + MAX_DECODE_BYTES);
      }
      this.decodedLines(region.subarray(pos, cut + 1));
      pos = cut + 1;
    }
  }

  /** The fast path: one validity check, one decode and one NUL search for the whole region. */
  private decodedLines(region: Buffer): void {
    let text: string;
    let multiByte = false;
    if (isAscii(region)) {
      text = region.toString('latin1');
    } else if (isUtf8(region)) {
      text = region.toString('utf8');
      multiByte = true;
    } else {
      this.linesOneByOne(region);
      return;
    }
    const checkNul = region.indexOf(0) >= 0;
    const sink = this.sink;
    const max = this.maxLineBytes;
    let pos = 0;
    const end = text.length;
    while (pos < end) {
      const nl = text.indexOf('\n', pos);
      let stop = nl;
      if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--;
      const lineNo = ++this.lineNo;
      if (stop > pos) {
        const line = text.slice(pos, stop);
        if (line.length > max || (multiByte && line.length * 3 > max && Buffer.byteLength(line) > max)) {
          sink.bad('too_long', lineNo, printableSample(line));
        } else if (checkNul && line.indexOf('\0') >= 0) {
          sink.bad('binary', lineNo, printableSample(line));
        } else {
          sink.line(line, lineNo, false);
        }
      }
      pos = nl + 1;
    }
  }

  /** The slow path for a region that is not valid UTF-8 as a whole. */
  private linesOneByOne(region: Buffer): void {
    let pos = 0;
    while (pos < region.length) {
      const nl = region.indexOf(NEWLINE, pos);
      this.oneLine(region.subarray(pos, nl), false);
      pos = nl + 1;
    }
  }

  private oneLine(bytes: Buffer, final: boolean): void {
    let length = bytes.length;
    if (length > 0 && bytes[length - 1] === 13) length--;
    const lineNo = ++this.lineNo;
    if (length === 0) return;
    const body = bytes.subarray(0, length);
    if (length > this.maxLineBytes) {
      this.sink.bad('too_long', lineNo, printableSample(body.subarray(0, 200)));
      return;
    }
    const ascii = isAscii(body);
    if (!ascii && !isUtf8(body)) {
      const reason = hasControlByte(body) ? 'binary' : 'invalid_utf8';
      this.sink.bad(reason, lineNo, printableSample(body));
      return;
    }
    const line = body.toString(ascii ? 'latin1' : 'utf8');
    if (CONTROL_RE.test(line)) {
      this.sink.bad('binary', lineNo, printableSample(line));
      return;
    }
    this.sink.line(line, lineNo, final);
  }
}

function hasControlByte(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 9 && b !== 13) return true;
  }
  return false;
}

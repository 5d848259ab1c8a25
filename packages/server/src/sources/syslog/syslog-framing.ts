/**
 * Splits a syslog TCP stream into messages (RFC 6587): octet counting (`LEN SP MSG`) and non-transparent
 * framing (messages ended by LF), detected per message. A frame over `maxBytes` is dropped and counted,
 * and the decoder resynchronises at the next line.
 */

export class SyslogTcpDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private skipping = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onMessage: (message: string) => void,
    private readonly onOversize: () => void,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length === 0) return;
      if (this.skipping) {
        const nl = this.buffer.indexOf(10);
        if (nl < 0) {
          this.buffer = Buffer.alloc(0);
          return;
        }
        this.buffer = this.buffer.subarray(nl + 1);
        this.skipping = false;
        continue;
      }
      const first = this.buffer[0]!;
      if (first >= 0x30 && first <= 0x39) {
        // Octet counting: digits, a space, then exactly LEN bytes.
        const sp = this.buffer.indexOf(32);
        if (sp < 0) {
          if (this.buffer.length > 10) this.drop();
          return;
        }
        const len = Number(this.buffer.subarray(0, sp).toString('latin1'));
        if (!Number.isInteger(len) || sp > 10) {
          this.drop();
          continue;
        }
        if (len > this.maxBytes) {
          this.drop();
          continue;
        }
        if (this.buffer.length < sp + 1 + len) return;
        this.onMessage(this.buffer.subarray(sp + 1, sp + 1 + len).toString('utf8'));
        this.buffer = this.buffer.subarray(sp + 1 + len);
        continue;
      }
      const nl = this.buffer.indexOf(10);
      if (nl < 0) {
        if (this.buffer.length > this.maxBytes) this.drop();
        return;
      }
      const line = this.buffer.subarray(0, nl);
      this.buffer = this.buffer.subarray(nl + 1);
      if (line.length > this.maxBytes) this.onOversize();
      else if (line.length > 0) this.onMessage(line.toString('utf8'));
    }
  }

  /** Drops the current frame: counted, then skip to the next line. */
  private drop(): void {
    this.onOversize();
    this.skipping = true;
  }
}

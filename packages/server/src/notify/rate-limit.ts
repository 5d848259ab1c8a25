/** Per-channel token bucket: `perMinute` deliveries on average, bursts up to the same number. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(perMinute: number, now: number) {
    this.capacity = Math.max(1, Math.floor(perMinute));
    this.perMs = perMinute / 60_000;
    this.tokens = this.capacity;
    this.last = now;
  }

  /** Takes a token and returns 0, or returns how many ms until one is available. */
  take(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, now - this.last) * this.perMs);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.perMs);
  }
}

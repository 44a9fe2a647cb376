// Per-socket token buckets: `perSecond` tokens refill each second, up to the same burst. Real monotonic
// time, not the injectable clock: this is scheduling, not a business decision.
import { performance } from "node:perf_hooks";

export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

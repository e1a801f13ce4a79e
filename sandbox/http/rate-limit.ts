// Per-host token buckets: a host answers 429 with Retry-After when hit faster than it
// allows, as real sites do, so crawlers must keep to their configured rate.
export class RateLimiter {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** True if the request may proceed. A zero rate means no limit. */
  take(now = Date.now()): boolean {
    if (this.perSecond <= 0) return true;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

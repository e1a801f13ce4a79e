// Login throttling: failed attempts are counted per username and per client address
// in a sliding window, so password guessing is slowed whichever one an attacker varies;
// an address gets a larger budget because a bureau's analysts may share one NAT address.
export interface RateLimitOptions {
  /** Failures per username per window. */
  maxFailures: number;
  windowMs: number;
  /** Failures per client address per window (default 5 × maxFailures). */
  maxFailuresPerAddress?: number;
}

export class LoginRateLimiter {
  private failures = new Map<string, number[]>();

  constructor(private readonly opts: RateLimitOptions = { maxFailures: 5, windowMs: 15 * 60_000 }) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** True when either the address or the username has used up its failures. */
  blocked(ip: string, username: string, now = Date.now()): boolean {
    const perAddress = this.opts.maxFailuresPerAddress ?? this.opts.maxFailures * 5;
    return this.recent(`ip:${ip}`, now).length >= perAddress || this.recent(`user:${username}`, now).length >= this.opts.maxFailures;
  }

  fail(ip: string, username: string, now = Date.now()): void {
    for (const key of [`ip:${ip}`, `user:${username}`]) this.failures.set(key, [...this.recent(key, now), now]);
    // Bound memory under a spray of random usernames.
    if (this.failures.size > 50_000) this.failures.clear();
  }

  succeed(ip: string, username: string): void {
    this.failures.delete(`ip:${ip}`);
    this.failures.delete(`user:${username}`);
  }
}

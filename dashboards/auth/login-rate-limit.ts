// Login throttling: failed attempts are counted per username and per client address in a
// window, so password guessing is slowed whichever one an attacker varies; an address gets a
// larger budget because a bureau's analysts may share one NAT address. A successful login
// clears only its username's count: an address's budget is spent, whoever logs in from it.
export interface RateLimitOptions {
  /** Failures per username per window. */
  maxFailures: number;
  windowMs: number;
  /** Failures per client address per window (default 5 × maxFailures). */
  maxFailuresPerAddress?: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { maxFailures: 5, windowMs: 15 * 60_000 };

/** What the login route asks; in Redis for every dashboard process (redis-login-throttle.ts), else in memory. */
export interface LoginThrottle {
  /** True when either the address or the username has used up its failures. */
  blocked(ip: string, username: string): Promise<boolean>;
  fail(ip: string, username: string): Promise<void>;
  succeed(ip: string, username: string): Promise<void>;
  /** True for an address's first blocked attempt in a window: only that one is written to the audit log. */
  firstBlock(ip: string): Promise<boolean>;
}

const MAX_KEYS = 50_000;

/** The in-process throttle, for a dashboard without Redis and for unit tests. */
export class LoginRateLimiter implements LoginThrottle {
  private failures = new Map<string, number[]>();
  private blockedSince = new Map<string, number>();

  constructor(private readonly opts: RateLimitOptions = DEFAULT_RATE_LIMIT) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  async blocked(ip: string, username: string, now = Date.now()): Promise<boolean> {
    const perAddress = this.opts.maxFailuresPerAddress ?? this.opts.maxFailures * 5;
    return this.recent(`ip:${ip}`, now).length >= perAddress || this.recent(`user:${username}`, now).length >= this.opts.maxFailures;
  }

  async fail(ip: string, username: string, now = Date.now()): Promise<void> {
    for (const key of [`ip:${ip}`, `user:${username}`]) {
      // Only the latest budget-full of failures can matter, so no list grows past it.
      const list = [...this.recent(key, now), now].slice(-Math.max(this.opts.maxFailures, this.opts.maxFailuresPerAddress ?? this.opts.maxFailures * 5));
      // Re-inserted at the end, so the first keys are the least recently failed.
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    // Bound memory under a spray of random usernames by dropping the stalest keys, never all of them.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS) break;
      this.failures.delete(key);
    }
  }

  async succeed(_ip: string, username: string): Promise<void> {
    this.failures.delete(`user:${username}`);
  }

  async firstBlock(ip: string, now = Date.now()): Promise<boolean> {
    const since = this.blockedSince.get(ip);
    if (since !== undefined && now - since < this.opts.windowMs) return false;
    this.blockedSince.delete(ip);
    this.blockedSince.set(ip, now);
    for (const key of this.blockedSince.keys()) {
      if (this.blockedSince.size <= MAX_KEYS) break;
      this.blockedSince.delete(key);
    }
    return true;
  }
}

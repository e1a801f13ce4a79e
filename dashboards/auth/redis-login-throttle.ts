// The login throttle in Redis: one count per address and per username shared by every
// dashboard process and kept across restarts (a fixed window from the first failure, INCR + PEXPIRE).
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DEFAULT_RATE_LIMIT, type LoginThrottle, type RateLimitOptions } from './login-rate-limit.js';

// INCR and the window's expiry in one step: a crash between the two would leave a count that never expires.
const COUNT_FAILURE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

function part(s: string): string {
  // Usernames and addresses are attacker-chosen: a fixed-size key whatever they send.
  return createHash('sha256').update(s).digest('base64url').slice(0, 32);
}

export class RedisLoginThrottle implements LoginThrottle {
  constructor(
    private readonly redis: Redis,
    /** The installation's key prefix (its queue namespace). */
    private readonly prefix: string,
    private readonly opts: RateLimitOptions = DEFAULT_RATE_LIMIT,
  ) {}

  private ipKey(ip: string): string {
    return `${this.prefix}:login:ip:${part(ip)}`;
  }

  private userKey(username: string): string {
    return `${this.prefix}:login:user:${part(username.toLowerCase())}`;
  }

  async blocked(ip: string, username: string): Promise<boolean> {
    const [byIp, byUser] = await this.redis.mget(this.ipKey(ip), this.userKey(username));
    const perAddress = this.opts.maxFailuresPerAddress ?? this.opts.maxFailures * 5;
    return Number(byIp ?? 0) >= perAddress || Number(byUser ?? 0) >= this.opts.maxFailures;
  }

  async fail(ip: string, username: string): Promise<void> {
    await Promise.all([
      this.redis.eval(COUNT_FAILURE, 1, this.ipKey(ip), String(this.opts.windowMs)),
      this.redis.eval(COUNT_FAILURE, 1, this.userKey(username), String(this.opts.windowMs)),
    ]);
  }

  async succeed(_ip: string, username: string): Promise<void> {
    await this.redis.del(this.userKey(username));
  }

  async firstBlock(ip: string): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}:login:blocked:${part(ip)}`, '1', 'PX', this.opts.windowMs, 'NX')) === 'OK';
  }
}

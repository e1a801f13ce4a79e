// A per-host request rate held across processes and machines: Redis keeps each
// host's next free slot, and a Lua script hands slots out atomically on Redis's clock.
import type { Redis } from 'ioredis';

/**
 * KEYS[1] host key. ARGV[1] interval ms, ARGV[2] idle ttl ms.
 * Reserves the next slot (now or the stored next-free time, whichever is later),
 * advances next-free by the interval, and returns how long the caller must wait.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextFree)
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[1], slot + interval, 'PX', slot - now + interval + tonumber(ARGV[2]))
return {slot - now, slot}
`;

/** KEYS[1] host key. ARGV[1] delay ms. Pushes the host's next-free time to at least now+delay. */
const DEFER = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local target = now + tonumber(ARGV[1])
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
if target > nextFree then
  redis.call('SET', KEYS[1], target, 'PX', tonumber(ARGV[1]) + 60000)
  return target - now
end
return nextFree - now
`;

type LeaseRedis = Redis & {
  certwatchReserveSlot(key: string, intervalMs: number, ttlMs: number): Promise<[number, number]>;
  certwatchDeferHost(key: string, delayMs: number): Promise<number>;
};

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class HostLease {
  private readonly redis: LeaseRedis;

  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
  ) {
    const r = redis as LeaseRedis;
    if (typeof r.certwatchReserveSlot !== 'function') {
      r.defineCommand('certwatchReserveSlot', { numberOfKeys: 1, lua: RESERVE });
      r.defineCommand('certwatchDeferHost', { numberOfKeys: 1, lua: DEFER });
    }
    this.redis = r;
  }

  key(host: string): string {
    return `${this.keyPrefix}:host-lease:${host.toLowerCase()}`;
  }

  /** Reserves the host's next slot without waiting: how long until it, and its time on Redis's clock (ms). */
  async reserve(host: string, intervalMs: number): Promise<{ waitMs: number; slotMs: number }> {
    const [waitMs, slotMs] = await this.redis.certwatchReserveSlot(this.key(host), Math.max(0, Math.round(intervalMs)), 60_000);
    return { waitMs, slotMs };
  }

  /** Waits until this process may send one request to `host`; returns the time waited. */
  async acquire(host: string, intervalMs: number, signal?: AbortSignal): Promise<number> {
    const { waitMs } = await this.reserve(host, intervalMs);
    if (waitMs > 0) await sleep(waitMs, signal);
    return waitMs;
  }

  /** Holds every process off `host` for `delayMs` (Retry-After, 429/503). */
  async defer(host: string, delayMs: number): Promise<void> {
    await this.redis.certwatchDeferHost(this.key(host), Math.max(0, Math.round(delayMs)));
  }
}

export { sleep };

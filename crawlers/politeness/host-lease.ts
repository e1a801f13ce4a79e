// A per-host request rate held across processes and machines: Redis keeps each
// host's next free slot, and a Lua script hands slots out atomically on Redis's clock.
import type { Redis } from 'ioredis';

/**
 * KEYS[1] host key. ARGV[1] interval ms, ARGV[2] idle ttl ms, ARGV[3] slots wanted (1 if absent).
 * Reserves the next n slots (the first now or at the stored next-free time, whichever is later, the
 * rest an interval apart), advances next-free past them, and returns how long until the first.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextFree)
local interval = tonumber(ARGV[1])
local span = interval * math.max(1, tonumber(ARGV[3] or '1'))
redis.call('SET', KEYS[1], slot + span, 'PX', slot - now + span + tonumber(ARGV[2]))
return {slot - now, slot}
`;

/**
 * A host's slots are taken this far ahead in one round trip (at most MAX_BUDGET of them), so a fast
 * host costs one Redis call per many requests: at 1000/s a 100 ms span, which a crawler fetching
 * 80 pages/s from the host spends on some 8. The price: another process wanting the host waits up
 * to the span's end. A slow host (20/s: 2 slots; crawl-delay or 5/s: 1) changes little.
 */
const BUDGET_WINDOW_MS = 100;
const MAX_BUDGET = 100;

/**
 * The span of a host's time this process holds (performance.now() times): requests in it an
 * interval apart are this process's alone, and none may start at or after `lastAt`+interval.
 */
interface Budget {
  intervalMs: number;
  /** The earliest the next request may go. */
  nextAt: number;
  /** The last slot of the span. */
  lastAt: number;
}

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
  certwatchReserveSlot(key: string, intervalMs: number, ttlMs: number, slots?: number): Promise<[number, number]>;
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
  private readonly budgets = new Map<string, Budget>();

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

  /**
   * Waits until this process may send one request to `host`; returns the time waited. Slots come
   * from the host's budget in this process while it lasts (see BUDGET_WINDOW_MS); a slot whose time
   * has passed unused is never spent late, since that would bunch requests up.
   */
  async acquire(host: string, intervalMs: number, signal?: AbortSignal): Promise<number> {
    const interval = Math.max(0, Math.round(intervalMs));
    const h = host.toLowerCase();
    const now = performance.now();
    const b = this.budgets.get(h);
    let waitMs: number;
    const at = b && b.intervalMs === interval ? Math.max(b.nextAt, now) : Infinity;
    if (b && at <= b.lastAt) {
      // A slot of the span this process holds: a request late for its slot moves the rest along, never closer together.
      waitMs = at - now;
      b.nextAt = at + interval;
    } else {
      const n = interval > 0 ? Math.max(1, Math.min(MAX_BUDGET, Math.floor(BUDGET_WINDOW_MS / interval))) : MAX_BUDGET;
      const sent = performance.now();
      [waitMs] = await this.redis.certwatchReserveSlot(this.key(host), interval, 60_000, n);
      // Both ends taken the safe way: the first slot from when the answer came (no earlier than
      // Redis granted it), the last from when the question left (no later).
      const first = performance.now() + waitMs;
      if (n > 1) this.budgets.set(h, { intervalMs: interval, nextAt: first + interval, lastAt: sent + waitMs + (n - 1) * interval });
      else this.budgets.delete(h);
      waitMs = Math.max(0, first - performance.now());
    }
    if (waitMs > 0) await sleep(waitMs, signal);
    return waitMs;
  }

  /** Holds every process off `host` for `delayMs` (Retry-After, 429/503); slots this process held for it are given up. */
  async defer(host: string, delayMs: number): Promise<void> {
    this.budgets.delete(host.toLowerCase());
    await this.redis.certwatchDeferHost(this.key(host), Math.max(0, Math.round(delayMs)));
  }
}

export { sleep };

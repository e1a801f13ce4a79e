// Per-host pacing for captures, shared with the crawlers: a capture takes one slot of
// the same Redis host lease, so capturing a seller's posts never hammers their forum.
import type { Redis } from 'ioredis';
import { HostLease } from '../../crawlers/index.js';

export interface CaptureGate {
  /** Resolves when a request to `host` may start; returns the milliseconds waited. */
  acquire(host: string): Promise<number>;
}

export const DEFAULT_CAPTURE_INTERVAL_MS = 1000;

/** Across processes, via the crawlers' Redis host lease. */
export function redisCaptureGate(redis: Redis, keyPrefix: string, intervalMs = DEFAULT_CAPTURE_INTERVAL_MS): CaptureGate {
  const lease = new HostLease(redis, keyPrefix);
  return { acquire: (host) => lease.acquire(host, intervalMs) };
}

/** In one process only (no Redis: a CLI run against PGlite). */
export function localCaptureGate(intervalMs = DEFAULT_CAPTURE_INTERVAL_MS): CaptureGate {
  const nextFree = new Map<string, number>();
  return {
    async acquire(host) {
      const now = Date.now();
      const slot = Math.max(now, nextFree.get(host) ?? 0);
      nextFree.set(host, slot + intervalMs);
      const wait = slot - now;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return wait;
    },
  };
}

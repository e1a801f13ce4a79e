// The queue's filter choices (sources, platforms, certificates) kept for a minute per process:
// their queries scan every listing, and every queue page shows them.
import type { Queryable } from '../../pipeline/storage/database.js';
import { readQueueFacets, type QueueFacets } from '../storage/queue.js';

export function facetLoader(db: Queryable, ttlMs = 60_000): () => Promise<QueueFacets> {
  let cached: { at: number; value: QueueFacets } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    cached = { at: Date.now(), value: await readQueueFacets(db) };
    return cached.value;
  };
}

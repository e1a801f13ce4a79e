// One full cycle on demand (demo, `crawl --wait`, benchmarks): enqueue a crawl per
// source, then wait until crawl, analyze, link and capture have nothing left to do.
import type { AppContext } from '../app/context.js';
import type { QueueName } from '../queues/names.js';
import { requestCrawl } from '../queues/crawl-request.js';
import { upsertSources } from '../storage/sources.js';
import { waitForIdle, type QueueCounts, type QueueLike } from '../queues/queue-status.js';
import type { SourceConfig } from '../../crawlers/index.js';

export interface CycleOptions {
  sources: SourceConfig[];
  reason: 'manual' | 'demo';
  /** Queues whose work counts toward "done" (those with a worker somewhere). */
  queues: QueueName[];
  /** Distinguishes this cycle's crawl job ids from earlier ones. */
  stamp?: string;
  timeoutMs?: number;
  pollMs?: number;
  /** How long every queue must stay empty before the cycle counts as done. */
  settleMs?: number;
  signal?: AbortSignal;
  onTick?: (counts: Partial<Record<QueueName, QueueCounts>>) => void | Promise<void>;
}

export async function runCycle(ctx: AppContext, opts: CycleOptions): Promise<{ jobIds: string[]; counts: Partial<Record<QueueName, QueueCounts>> }> {
  const stamp = opts.stamp ?? new Date().toISOString().replace(/[^0-9]/g, '').slice(0, 17);
  const crawlQueue = ctx.queue('crawl');
  const jobIds: string[] = [];
  // Run rows before jobs: the reconciler re-queues a crawl Redis forgot only if the row says it is owed.
  await upsertSources(ctx.db, opts.sources);
  for (const s of opts.sources) if (s.enabled) jobIds.push(await requestCrawl(ctx.db, crawlQueue, s.id, opts.reason, stamp));
  const queues: Partial<Record<QueueName, QueueLike>> = {};
  for (const name of opts.queues) queues[name] = ctx.queue(name);
  const counts = await waitForIdle(queues, { onTick: opts.onTick, timeoutMs: opts.timeoutMs, pollMs: opts.pollMs ?? 500, settleMs: opts.settleMs ?? 1200, signal: opts.signal });
  return { jobIds, counts };
}

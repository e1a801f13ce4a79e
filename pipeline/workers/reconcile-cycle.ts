// After a cycle (demo, tests): reconcile, and while a pass had to re-enqueue anything, wait for
// the queues to drain and look again — so a cycle ends with nothing owed that could still be done.
import type { AppContext } from '../app/context.js';
import type { QueueName } from '../queues/names.js';
import { waitForIdle, type QueueCounts, type QueueLike } from '../queues/queue-status.js';
import { reconcile, type ReconcileReport } from '../reconcile/reconcile.js';

export interface ReconcileCycleOptions {
  /** The queues whose workers run here: re-enqueued work is waited for on these. */
  queues: QueueName[];
  /** Passes at most; each after the previous one's re-enqueued work drained. */
  maxPasses?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  onTick?: (counts: Partial<Record<QueueName, QueueCounts>>) => void | Promise<void>;
}

export interface ReconcileCycle {
  passes: ReconcileReport[];
  /** Items re-enqueued, re-run or abandoned over all passes: non-zero means something had been lost. */
  repaired: number;
}

export async function reconcileUntilSettled(ctx: AppContext, opts: ReconcileCycleOptions): Promise<ReconcileCycle> {
  const passes: ReconcileReport[] = [];
  const queues: Partial<Record<QueueName, QueueLike>> = {};
  for (const name of opts.queues) queues[name] = ctx.queue(name);
  for (let i = 0; i < (opts.maxPasses ?? 3); i++) {
    const report = await reconcile(ctx);
    passes.push(report);
    if (report.repaired === 0) break;
    await waitForIdle(queues, { onTick: opts.onTick, timeoutMs: opts.timeoutMs, signal: opts.signal, pollMs: 500, settleMs: 1200 });
  }
  return { passes, repaired: passes.reduce((n, p) => n + p.repaired, 0) };
}

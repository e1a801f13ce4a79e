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
  /** The same, by stage and by what was done ("link re-run": 44): what a summary names, so a repair can be told from a loss. */
  repairs: Record<string, number>;
}

/** Non-zero repairs of all passes, keyed "<stage> <action>". */
export function repairsByStage(passes: ReconcileReport[]): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (key: string, n: number) => {
    if (n > 0) out[key] = (out[key] ?? 0) + n;
  };
  for (const p of passes) {
    for (const [stage, r] of [['analyze', p.analyze], ['picture', p.picture], ['link', p.link], ['capture', p.capture]] as const) {
      if (!r) continue;
      add(`${stage} requeued`, r.requeued);
      add(`${stage} re-run`, r.rerun);
    }
    add('crawl requeued', p.crawlRuns.requeued);
    add('crawl abandoned', p.crawlRuns.abandoned);
  }
  return out;
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
  return { passes, repaired: passes.reduce((n, p) => n + p.repaired, 0), repairs: repairsByStage(passes) };
}

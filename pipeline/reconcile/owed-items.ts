// One stage's reconciliation: items the database says are owed, held against their jobs in
// Redis; what Redis forgot (or still marks done from an older database) is enqueued again.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobVerdicts, type StateQueue } from './job-states.js';

export interface StageReport {
  /** Items the database says still need this stage. */
  owed: number;
  /** …whose job is waiting, active, delayed or prioritized: nothing to do. */
  inFlight: number;
  /** …with no job at all (Redis restarted or flushed, or the enqueue never happened): enqueued. */
  requeued: number;
  /** …whose job is marked completed though the work is not in the database (a restored backup): run again. */
  rerun: number;
  /** …whose job failed for good: left in the failed set, where its reason is shown. */
  failed: number;
  /** A few of the failed job ids, for the report. */
  failedJobs: string[];
}

export interface OwedItem {
  id: number;
}

export interface StagePlan<T extends OwedItem> {
  redis: Redis;
  queue: StateQueue & Pick<Queue, 'remove'>;
  owed: T[];
  jobId(item: T): string;
  /** Of these, the ids still owed now (a job may have finished since `owed` was read). */
  stillOwed(items: T[]): Promise<Set<number>>;
  enqueue(items: T[]): Promise<void>;
  /**
   * Items can also travel in batch jobs (one job, many pages or listings) that have no per-item id:
   * the keys of the items batches in flight carry, and an item's key. Read only when some item's own job is missing.
   */
  batches?: { carried(): Promise<Set<string>>; key(item: T): string };
}

export async function reconcileStage<T extends OwedItem>(plan: StagePlan<T>): Promise<StageReport> {
  const report: StageReport = { owed: plan.owed.length, inFlight: 0, requeued: 0, rerun: 0, failed: 0, failedJobs: [] };
  if (plan.owed.length === 0) return report;
  const ids = plan.owed.map((item) => plan.jobId(item));
  const verdicts = await jobVerdicts(plan.redis, plan.queue, ids);
  const missing: T[] = [];
  const done: T[] = [];
  verdicts.forEach((v, i) => {
    const item = plan.owed[i]!;
    if (v === 'in-flight') report.inFlight++;
    else if (v === 'failed') {
      report.failed++;
      if (report.failedJobs.length < 5) report.failedJobs.push(ids[i]!);
    } else if (v === 'missing') missing.push(item);
    else done.push(item);
  });
  if (missing.length > 0 && plan.batches) {
    const carried = await plan.batches.carried();
    for (let i = missing.length - 1; i >= 0; i--) {
      if (!carried.has(plan.batches.key(missing[i]!))) continue;
      missing.splice(i, 1);
      report.inFlight++;
    }
  }
  const still = await plan.stillOwed([...missing, ...done]);
  const requeue = missing.filter((m) => still.has(m.id));
  const rerun = done.filter((x) => still.has(x.id));
  // The completed job would make a re-add a silent no-op (same id): it goes first.
  for (const d of rerun) await plan.queue.remove(plan.jobId(d));
  await plan.enqueue([...requeue, ...rerun]);
  report.requeued = requeue.length;
  report.rerun = rerun.length;
  // Items that finished between the two reads count as done, not owed.
  report.owed -= missing.length + done.length - requeue.length - rerun.length;
  return report;
}

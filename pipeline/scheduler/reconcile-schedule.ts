// The reconciler's job scheduler, kept in Redis beside the per-source ones, and the check that
// notices when Redis has lost its schedulers (restarted without persistence) and puts them back.
import type { Queue } from 'bullmq';
import type { ReconcileJob } from '../queues/names.js';
import { defaultJobOptions, RECONCILE_SCHEDULER_ID } from '../queues/job-options.js';

/** Often enough that a lost job is redone within the hour; a pass over 20,000 pages costs well under a second. */
export const RECONCILE_EVERY_MS = 10 * 60_000;

export async function syncReconcileSchedule(queue: Queue<ReconcileJob>, everyMs = RECONCILE_EVERY_MS): Promise<void> {
  const { attempts, backoff, removeOnComplete, removeOnFail } = defaultJobOptions('reconcile');
  await queue.upsertJobScheduler(
    RECONCILE_SCHEDULER_ID,
    { every: everyMs },
    { name: 'reconcile', data: { reason: 'schedule' }, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
  );
}

/** A pass now, outside the schedule (ids carry no ':' and differ per call). */
export async function requestReconcile(queue: Queue<ReconcileJob>, reason: ReconcileJob['reason']): Promise<string> {
  const job = await queue.add('reconcile', { reason }, { ...defaultJobOptions('reconcile'), jobId: `reconcile-${reason}-${Date.now()}` });
  return String(job.id);
}

/** Schedulers Redis should hold but does not: the reconciler's own, and a count short of the sources'. */
export async function schedulesLost(crawl: Pick<Queue, 'getJobSchedulersCount'>, reconcile: Pick<Queue, 'getJobScheduler'>, sourceSchedules: number): Promise<boolean> {
  const [count, own] = await Promise.all([crawl.getJobSchedulersCount(), reconcile.getJobScheduler(RECONCILE_SCHEDULER_ID)]);
  return !own || count < sourceSchedules;
}

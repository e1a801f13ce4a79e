// The queue board's BullMQ side: failed jobs per queue with their errors, and the three
// actions an admin may take on them (retry one, retry all, clean the failed set).
import type { AppContext } from '../../pipeline/app/context.js';
import { QUEUE_NAMES, type QueueName } from '../../pipeline/queues/names.js';

/** Failed jobs shown per queue; the count beside them says how many there are in all. */
export const FAILED_SHOWN = 50;
const REDIS_MS = 5000;

export interface FailedJobRow {
  id: string;
  name: string;
  reason: string;
  attempts: number;
  failedAt: Date | null;
  data: string;
}

export interface QueueBoardRow {
  name: QueueName;
  counts: Record<string, number>;
  failed: FailedJobRow[];
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer from Redis within ${REDIS_MS} ms`)), REDIS_MS).unref())]);
}

export function isQueueName(v: unknown): v is QueueName {
  return typeof v === 'string' && (QUEUE_NAMES as readonly string[]).includes(v);
}

export async function readQueueBoard(ctx: AppContext): Promise<QueueBoardRow[]> {
  return withTimeout(
    Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const q = ctx.queue(name);
        const [counts, failed] = await Promise.all([q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'), q.getFailed(0, FAILED_SHOWN - 1)]);
        return {
          name,
          counts,
          failed: failed.filter(Boolean).map((j) => ({
            id: String(j.id ?? ''),
            name: j.name,
            reason: (j.failedReason ?? '').slice(0, 500),
            attempts: j.attemptsMade,
            failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
            data: JSON.stringify(j.data ?? {}).slice(0, 300),
          })),
        };
      }),
    ),
  );
}

export type JobActionResult = { ok: true; count: number } | { ok: false; error: 'not-found' | 'not-failed' };

/** Moves one failed job back to waiting with its attempts reset, so it gets its full retry budget. */
export async function retryFailedJob(ctx: AppContext, queue: QueueName, id: string): Promise<JobActionResult> {
  const q = ctx.queue(queue);
  return withTimeout(
    (async (): Promise<JobActionResult> => {
      const job = await q.getJob(id);
      if (!job) return { ok: false, error: 'not-found' };
      if ((await job.getState()) !== 'failed') return { ok: false, error: 'not-failed' };
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return { ok: true, count: 1 };
    })(),
  );
}

/** Every failed job of a queue back to waiting; returns how many there were. */
export async function retryAllFailed(ctx: AppContext, queue: QueueName): Promise<JobActionResult> {
  const q = ctx.queue(queue);
  return withTimeout(
    (async (): Promise<JobActionResult> => {
      const count = await q.getFailedCount();
      if (count > 0) await q.retryJobs({ state: 'failed', count: 1000 });
      return { ok: true, count };
    })(),
  );
}

/** Deletes the failed set (their reasons go with them: the audit entry keeps the count). */
export async function cleanFailed(ctx: AppContext, queue: QueueName): Promise<JobActionResult> {
  const q = ctx.queue(queue);
  return withTimeout(
    (async (): Promise<JobActionResult> => {
      let count = 0;
      for (;;) {
        const ids = await q.clean(0, 1000, 'failed');
        count += ids.length;
        if (ids.length < 1000) break;
      }
      return { ok: true, count };
    })(),
  );
}

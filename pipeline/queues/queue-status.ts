// Counts per queue (waiting, active, delayed, failed …) for progress lines, health and
// the demo's "is the cycle finished" test; failed jobs come with their reasons.
import type { Queue } from 'bullmq';
import type { QueueName } from './names.js';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  completed: number;
  failed: number;
}

export type QueueLike = Pick<Queue, 'getJobCounts' | 'getFailed' | 'name'>;

export async function queueCounts(q: QueueLike): Promise<QueueCounts> {
  const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed', 'waiting-children');
  return {
    waiting: (c.waiting ?? 0) + (c['waiting-children'] ?? 0),
    active: c.active ?? 0,
    delayed: c.delayed ?? 0,
    prioritized: c.prioritized ?? 0,
    completed: c.completed ?? 0,
    failed: c.failed ?? 0,
  };
}

export function pending(c: QueueCounts): number {
  return c.waiting + c.active + c.delayed + c.prioritized;
}

export async function allCounts(queues: Partial<Record<QueueName, QueueLike>>): Promise<Partial<Record<QueueName, QueueCounts>>> {
  const out: Partial<Record<QueueName, QueueCounts>> = {};
  for (const [name, q] of Object.entries(queues) as [QueueName, QueueLike][]) out[name] = await queueCounts(q);
  return out;
}

export interface FailedJobInfo {
  id?: string;
  name: string;
  reason: string;
  attempts: number;
  data: unknown;
}

export async function failedJobs(q: QueueLike, limit = 50): Promise<FailedJobInfo[]> {
  const jobs = await q.getFailed(0, limit - 1);
  return jobs.map((j) => ({ id: j.id, name: j.name, reason: j.failedReason, attempts: j.attemptsMade, data: j.data }));
}

/**
 * Resolves when no queue has pending work for `settleMs` (a job finishing can add the next
 * stage's job, so one empty look is not enough). Calls onTick with the counts each poll.
 */
export async function waitForIdle(
  queues: Partial<Record<QueueName, QueueLike>>,
  opts: { pollMs?: number; settleMs?: number; timeoutMs?: number; signal?: AbortSignal; onTick?: (c: Partial<Record<QueueName, QueueCounts>>) => void | Promise<void> } = {},
): Promise<Partial<Record<QueueName, QueueCounts>>> {
  const poll = opts.pollMs ?? 500;
  const settle = opts.settleMs ?? 1500;
  const deadline = opts.timeoutMs ? Date.now() + opts.timeoutMs : Infinity;
  let idleSince: number | undefined;
  for (;;) {
    const counts = await allCounts(queues);
    await opts.onTick?.(counts);
    const busy = Object.values(counts).some((c) => c && pending(c) > 0);
    if (!busy) {
      idleSince ??= Date.now();
      if (Date.now() - idleSince >= settle) return counts;
    } else idleSince = undefined;
    if (Date.now() > deadline) throw new Error(`queues still busy after ${opts.timeoutMs} ms: ${JSON.stringify(counts)}`);
    if (opts.signal?.aborted) throw new Error('aborted');
    await new Promise((r) => setTimeout(r, poll));
  }
}

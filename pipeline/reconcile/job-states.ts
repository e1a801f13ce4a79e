// The BullMQ state of many job ids at once: the reconciler asks about every owed item, and
// Queue.getJobState scans the wait list for each (LPOS), so 20,000 waiting jobs took seconds.
// Here one pipeline per batch asks O(1) questions: does the job hash exist, is the id in the
// completed or the failed set (the keys BullMQ names in queue.toKey / queue.keys).
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export type Verdict = 'in-flight' | 'completed' | 'failed' | 'missing';

export type StateQueue = Pick<Queue, 'toKey' | 'keys'>;

const BATCH = 2000;

export async function jobVerdicts(redis: Redis, queue: StateQueue, ids: string[]): Promise<Verdict[]> {
  const out: Verdict[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const p = redis.pipeline();
    for (const id of batch) p.exists(queue.toKey(id)).zscore(queue.keys.completed!, id).zscore(queue.keys.failed!, id);
    const replies = (await p.exec()) ?? [];
    for (let j = 0; j < batch.length; j++) {
      const [exists, completed, failed] = [replies[3 * j], replies[3 * j + 1], replies[3 * j + 2]].map((r) => {
        if (!r || r[0]) throw r?.[0] ?? new Error('no reply from Redis');
        return r[1];
      });
      // Waiting, active, delayed, prioritized, paused: a job that will still run is in flight.
      out.push(!exists ? 'missing' : completed !== null ? 'completed' : failed !== null ? 'failed' : 'in-flight');
    }
  }
  return out;
}

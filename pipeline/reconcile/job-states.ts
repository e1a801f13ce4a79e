// The BullMQ state of many job ids at once, in bounded batches: the reconciler asks about
// every owed item, and one round trip each would make a 20,000-page pass take seconds.
import type { Queue } from 'bullmq';

export type Verdict = 'in-flight' | 'completed' | 'failed' | 'missing';

const BATCH = 1000;

/** Waiting, active, delayed, prioritized, paused: a job that will still run is in flight. */
function verdictOf(state: string): Verdict {
  if (state === 'completed') return 'completed';
  if (state === 'failed') return 'failed';
  if (state === 'unknown') return 'missing';
  return 'in-flight';
}

export async function jobVerdicts(queue: Pick<Queue, 'getJobState'>, ids: string[]): Promise<Verdict[]> {
  const out: Verdict[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    // Issued together, ioredis pipelines them on the one connection.
    const states = await Promise.all(ids.slice(i, i + BATCH).map((id) => queue.getJobState(id)));
    for (const s of states) out.push(verdictOf(s));
  }
  return out;
}

// Analyze batches on a real Redis queue: a batch equal to one already completed (a page whose
// content went A → B → A) is a new job, not a duplicate BullMQ drops while A waits unanalysed.
import { afterAll, describe, expect, it } from 'vitest';
import { Queue, Worker } from 'bullmq';
import { enqueueAnalyzeBatch } from '../../pipeline/queues/enqueue.js';
import type { AnalyzeJob } from '../../pipeline/queues/names.js';
import { clearRedisPrefix, testRedis, uniqueName } from '../support/services.js';

const prefix = uniqueName('cwbatch');
const redis = testRedis();
const queue = new Queue<AnalyzeJob>('analyze', { connection: testRedis(), prefix });

describe('analyze batch jobs', () => {
  afterAll(async () => {
    await queue.close();
    await clearRedisPrefix(redis, prefix);
    redis.disconnect();
  });

  it('enqueues the same pages with the same content again as a job of its own', async () => {
    const pages = [
      { pageId: 11, contentSha: 'a'.repeat(64) },
      { pageId: 12, contentSha: 'b'.repeat(64) },
    ];
    await enqueueAnalyzeBatch(queue, pages);
    // The first batch is analysed by a worker and completes (its id stays in Redis for a day) …
    const worker = new Worker<AnalyzeJob>('analyze', async () => 'analysed', { connection: testRedis(), prefix });
    const first = await new Promise<string>((resolve) => worker.on('completed', (job) => resolve(job.id!)));
    await worker.close();
    expect(await queue.getJobState(first)).toBe('completed');
    // … and the same pages come back with the same content (after B in between).
    await enqueueAnalyzeBatch(queue, pages);
    const waiting = await queue.getJobs(['waiting']);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.id).not.toBe(first);
    expect(waiting[0]!.data).toEqual({ pages: pages.map((p) => ({ pageId: p.pageId, sha256: p.contentSha })) });
  });
});

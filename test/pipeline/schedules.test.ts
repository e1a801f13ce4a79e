// Job schedulers on real Redis: one per scheduled source, idempotent re-sync, removed when
// the source goes, and still there for a fresh Queue object (a restarted process).
import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { parseSources } from '../../crawlers/sources/load.js';
import { syncSchedules, listSchedules } from '../../pipeline/scheduler/sync-schedules.js';
import type { CrawlJob } from '../../pipeline/queues/names.js';
import { clearRedisPrefix, testRedis, uniqueName } from '../support/services.js';

const prefix = uniqueName('cwsched');
const redis = testRedis();
const open = () => new Queue<CrawlJob>('crawl', { connection: testRedis(), prefix });

const sources = parseSources([
  { id: 'bbs', name: 'B', seeds: ['http://127.0.0.2/'], schedule: '*/30 * * * *' },
  { id: 'qa', name: 'Q', seeds: ['http://127.0.0.6/'], schedule: '0 * * * *' },
  { id: 'manual', name: 'M', seeds: ['http://127.0.0.7/'] },
  { id: 'off', name: 'O', seeds: ['http://127.0.0.8/'], schedule: '0 * * * *', enabled: false },
]);

describe('job schedulers per source', () => {
  afterAll(async () => {
    await clearRedisPrefix(redis, prefix);
    redis.disconnect();
  });

  it('creates, re-syncs idempotently, survives a new process and drops removed sources', async () => {
    const q1 = open();
    expect((await syncSchedules(q1, sources)).upserted.sort()).toEqual(['bbs', 'qa']);
    await syncSchedules(q1, sources);
    await q1.close();
    const q2 = open();
    const listed = await listSchedules(q2);
    expect(listed.map((s) => [s.sourceId, s.pattern]).sort()).toEqual([
      ['bbs', '*/30 * * * *'],
      ['qa', '0 * * * *'],
    ]);
    expect(listed.every((s) => typeof s.next === 'number' && s.next > Date.now() - 1000)).toBe(true);
    // Each scheduler keeps exactly one delayed crawl job waiting for its next time.
    expect((await q2.getDelayed()).map((j) => j.data.sourceId).sort()).toEqual(['bbs', 'qa']);
    const r = await syncSchedules(q2, sources.filter((s) => s.id !== 'qa'));
    expect(r.removed).toEqual(['qa']);
    expect((await listSchedules(q2)).map((s) => s.sourceId)).toEqual(['bbs']);
    await q2.close();
  });
});

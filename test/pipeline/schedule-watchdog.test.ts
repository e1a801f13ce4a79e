// When Redis comes back empty (restarted without persistence), the schedule service notices its
// job schedulers are gone, puts them back — the reconciler's own too — and asks for a pass now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startScheduleService, type ScheduleService } from '../../pipeline/scheduler/schedule-service.js';
import { RECONCILE_SCHEDULER_ID } from '../../pipeline/queues/job-options.js';
import { clearRedisPrefix, TEST_REDIS_URL } from '../support/services.js';
import { until } from '../integration/child-worker.js';
import { openHarness, type Harness } from '../integration/harness.js';

describe('schedule service after Redis lost its keys', () => {
  let h: Harness;
  let service: ScheduleService;

  beforeAll(async () => {
    h = await openHarness('postgres');
    const file = join(h.dataDir, 'sources.yaml');
    writeFileSync(file, 'sources:\n  - id: bbs\n    name: B\n    seeds: ["http://127.0.0.2/"]\n    schedule: "*/30 * * * *"\n');
    service = await startScheduleService(h.ctx, file, { watchSchedulesMs: 200 });
  });
  afterAll(async () => {
    service?.close();
    await h?.close();
  });

  it('re-creates the source and reconciler schedulers and enqueues a reconcile pass', { timeout: 60_000 }, async () => {
    const crawl = h.ctx.queue('crawl');
    const reconcile = h.ctx.queue('reconcile');
    expect(await crawl.getJobSchedulersCount()).toBe(1);
    expect(await reconcile.getJobScheduler(RECONCILE_SCHEDULER_ID)).toBeDefined();
    // What a restart without persistence does to this installation's keys.
    const r = new Redis(TEST_REDIS_URL);
    await clearRedisPrefix(r, h.ctx.config.queuePrefix);
    r.disconnect();
    expect(await crawl.getJobSchedulersCount()).toBe(0);
    await until(async () => (await crawl.getJobSchedulersCount()) === 1 && (await reconcile.getJobScheduler(RECONCILE_SCHEDULER_ID)) !== undefined, 20_000, 'schedulers back');
    await until(async () => (await reconcile.getJobs(['waiting', 'delayed', 'prioritized'])).some((j) => j.data.reason === 'schedules-lost'), 20_000, 'a reconcile pass requested');
  });
});

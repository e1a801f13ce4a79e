// Hand-off runs are recorded under their owner, yet are no run of its own: they neither bring its
// next full walk forward nor, lost with Redis, make the reconciler crawl the whole source again;
// one waits while the owner's own run is open and then skips what that run just fetched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker, type Job } from 'bullmq';
import { parseSources } from '../../crawlers/sources/load.js';
import { upsertSources } from '../../pipeline/storage/sources.js';
import { finishCrawlRun, fullWalkDue, ownRunOpen, startCrawlRun } from '../../pipeline/storage/crawl-runs.js';
import { jobIds } from '../../pipeline/queues/job-options.js';
import { reconcileCrawlRuns } from '../../pipeline/reconcile/open-runs.js';
import { enqueueHandOff } from '../../pipeline/queues/enqueue.js';
import type { CrawlJob } from '../../pipeline/queues/names.js';
import { recordPageFetch } from '../../pipeline/storage/pages.js';
import { planHandedCrawl, type HandedCrawl } from '../../pipeline/workers/handed-crawl.js';
import { openHarness, type Harness } from '../integration/harness.js';

const sources = parseSources([{ id: 'forum', name: 'F', seeds: ['http://127.0.0.2:9/'], fullWalkEvery: 3 }]);

describe('hand-off runs (Postgres, Redis)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await openHarness('postgres');
    await upsertSources(h.ctx.db, sources);
  });
  afterAll(async () => h?.close());

  it('do not count toward the owner’s full walk, nor stand for its own open run', async () => {
    const own = await startCrawlRun(h.ctx.db, 'forum', 'crawl:forum:c1');
    expect(await ownRunOpen(h.ctx.db, 'forum')).toBe(true);
    await finishCrawlRun(h.ctx.db, own, { status: 'done', stats: { fullWalk: true } });
    for (const n of [1, 2, 3]) {
      const id = await startCrawlRun(h.ctx.db, 'forum', jobIds.handOff('forum', `r${n}a0`));
      if (n < 3) await finishCrawlRun(h.ctx.db, id, { status: 'done', stats: { fullWalk: false, handOff: { from: 'search', asked: 1, fresh: 0 } } });
    }
    // Two own runs since the last full walk would make the third one full; three hand-offs do not.
    expect(await fullWalkDue(h.ctx.db, 'forum', 3)).toBe(false);
    // The third hand-off is still running: not a run of the forum's own that the next hand-off should wait for.
    expect(await ownRunOpen(h.ctx.db, 'forum')).toBe(false);
  });

  it('lost with Redis, are abandoned without asking a crawl of the whole source', async () => {
    const report = await reconcileCrawlRuns(h.ctx.db, h.ctx.connection(), h.ctx.queue('crawl'));
    expect(report).toMatchObject({ open: 1, abandoned: 1, requeued: 0 });
    const runs = await h.ctx.db.query<{ job_id: string; status: string }>(`SELECT job_id, status FROM crawl_runs WHERE status <> 'done' ORDER BY id`);
    expect(runs.rows).toEqual([{ job_id: jobIds.handOff('forum', 'r3a0'), status: 'abandoned' }]);
  });

  it('waits while the owner’s own run is open, then fetches only what that run did not', async () => {
    const own = await startCrawlRun(h.ctx.db, 'forum', 'crawl:forum:c2');
    const t1 = 'http://127.0.0.2:9/t1';
    const t2 = 'http://127.0.0.2:9/t2';
    await recordPageFetch(h.ctx.db, { sourceId: 'forum', url: t1, finalUrl: t1, status: 200, contentType: 'text/html', charset: 'utf-8', render: 'http', bodySha: 'a'.repeat(64), contentSha: 'b'.repeat(64), fetchedAt: new Date() });
    const crawl = h.ctx.queue('crawl');
    const jobId = await enqueueHandOff(crawl, 'forum', { from: 'search', urls: [t1, t2] }, 'w1');
    const plans: HandedCrawl[] = [];
    const worker = new Worker<CrawlJob>('crawl', async (job: Job<CrawlJob>) => void plans.push(await planHandedCrawl(h.ctx.db, job, sources[0]!)), { connection: h.ctx.connection(), prefix: h.ctx.config.queuePrefix });
    const until = async (state: string) => {
      for (let i = 0; i < 100 && (await crawl.getJobState(jobId)) !== state; i++) await new Promise((r) => setTimeout(r, 100));
      return crawl.getJobState(jobId);
    };
    try {
      expect(await until('delayed')).toBe('delayed');
      expect(plans).toEqual([]);
      await finishCrawlRun(h.ctx.db, own, { status: 'done', stats: { fullWalk: false } });
      await (await crawl.getJob(jobId))!.promote();
      expect(await until('completed')).toBe('completed');
    } finally {
      await worker.close();
    }
    expect(plans).toEqual([{ source: expect.objectContaining({ id: 'forum', maxDepth: 0 }), urls: [t2], asked: 2, fresh: 1 }]);
  });
});

// Hand-off runs are recorded under their owner, yet are no run of its own: they neither bring its
// next full walk forward nor, lost with Redis, make the reconciler crawl the whole source again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSources } from '../../crawlers/sources/load.js';
import { upsertSources } from '../../pipeline/storage/sources.js';
import { finishCrawlRun, fullWalkDue, ownRunOpen, startCrawlRun } from '../../pipeline/storage/crawl-runs.js';
import { jobIds } from '../../pipeline/queues/job-options.js';
import { reconcileCrawlRuns } from '../../pipeline/reconcile/open-runs.js';
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
});

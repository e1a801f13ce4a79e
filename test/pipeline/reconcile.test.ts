// The reconciler on real Postgres and Redis, one pass against hand-made states: owed work whose
// job is missing is enqueued, a stale completed job is replaced, jobs in flight are left alone,
// failed ones reported; open crawl runs are re-queued or abandoned with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker } from 'bullmq';
import { parseSources } from '../../crawlers/sources/load.js';
import { upsertSources } from '../../pipeline/storage/sources.js';
import { recordPageFetch, markPageAnalyzed } from '../../pipeline/storage/pages.js';
import { recordCrawlQueued, startCrawlRun } from '../../pipeline/storage/crawl-runs.js';
import { enqueueAnalyze, enqueueAnalyzeBatch, enqueueCrawlJob, enqueueLinkBatch, enqueueLinks } from '../../pipeline/queues/enqueue.js';
import { jobIds } from '../../pipeline/queues/job-options.js';
import { reconcile } from '../../pipeline/reconcile/reconcile.js';
import { openHarness, type Harness } from '../integration/harness.js';

const sources = parseSources([
  { id: 'forum', name: 'F', seeds: ['http://127.0.0.2:9/'] },
  { id: 'old', name: 'O', seeds: ['http://127.0.0.3:9/'], enabled: false },
]);

describe('reconciler (Postgres, Redis)', () => {
  let h: Harness;
  const page: Record<string, { id: number; sha: string }> = {};
  const listing: Record<string, number> = {};
  const run: Record<string, number> = {};

  async function addPage(name: string) {
    const sha = `${name}`.padEnd(64, '0');
    const r = await recordPageFetch(h.ctx.db, {
      sourceId: 'forum', url: `http://127.0.0.2:9/${name}`, finalUrl: `http://127.0.0.2:9/${name}`, status: 200, contentType: 'text/html',
      charset: 'utf-8', render: 'http', bodySha: sha, contentSha: sha, fetchedAt: new Date(),
    });
    page[name] = { id: r.pageId, sha };
  }

  async function addListing(name: string, opts: { flagged: boolean; review?: boolean; seller?: boolean }) {
    let sellerId: number | null = null;
    if (opts.seller) sellerId = (await h.ctx.db.query<{ id: number }>(`INSERT INTO sellers DEFAULT VALUES RETURNING id`)).rows[0]!.id;
    const r = await h.ctx.db.query<{ id: number }>(
      `INSERT INTO listings (url, page_id, source_id, platform, body, normalized_body, body_sha256, score, flagged, review, model_version, seller_id)
       VALUES ($1, $2, 'forum', 'discuz', 'b', 'b', $3, 0.9, $4, $5, 't', $6) RETURNING id`,
      [`http://127.0.0.2:9/${name}#1`, page['done']!.id, `${name}`.padEnd(64, 'f'), opts.flagged, opts.review ?? false, sellerId],
    );
    listing[name] = r.rows[0]!.id;
  }

  beforeAll(async () => {
    h = await openHarness('postgres', { capture: { enabled: true } });
    await upsertSources(h.ctx.db, sources);
    for (const n of ['done', 'lost', 'waiting', 'stale', 'broken']) await addPage(n);
    await markPageAnalyzed(h.ctx.db, page['done']!.id, page['done']!.sha);
    // A completed job for 'stale' (as a restored backup would meet) and a failed one for 'broken'.
    const analyze = h.ctx.queue('analyze');
    await enqueueAnalyze(analyze, page['stale']!.id, page['stale']!.sha);
    await enqueueAnalyze(analyze, page['broken']!.id, page['broken']!.sha);
    const w = new Worker(
      'analyze',
      async (job) => {
        if (job.data.pageId === page['broken']!.id) throw new UnrecoverableError('undecodable bytes');
        return 'pretended';
      },
      { connection: h.ctx.connection(), prefix: h.ctx.config.queuePrefix },
    );
    const settled = async () => (await analyze.getJobCounts('completed', 'failed')) as { completed: number; failed: number };
    for (let i = 0; i < 100 && (await settled()).completed + (await settled()).failed < 2; i++) await new Promise((r) => setTimeout(r, 100));
    await w.close();
    await enqueueAnalyze(analyze, page['waiting']!.id, page['waiting']!.sha);

    await addListing('unlinked', { flagged: true });
    await addListing('review', { flagged: false, review: true });
    await enqueueLinks(h.ctx.queue('link'), [{ listingId: listing['review']!, bodySha: 'review'.padEnd(64, 'f') }]);
    await addListing('uncaptured', { flagged: true, seller: true });

    // Crawl runs: queued but Redis forgot the job; running with the job gone; running with its job waiting
    // (a retry); queued for a source switched off since.
    await recordCrawlQueued(h.ctx.db, 'forum', 'crawl:forum:q1', 'manual');
    run['vanished'] = await startCrawlRun(h.ctx.db, 'forum', 'crawl:forum:r1');
    run['retrying'] = await startCrawlRun(h.ctx.db, 'forum', 'crawl:forum:r2');
    await enqueueCrawlJob(h.ctx.queue('crawl'), 'crawl:forum:r2', 'forum', 'manual');
    await recordCrawlQueued(h.ctx.db, 'old', 'crawl:old:q2', 'manual');
  });
  afterAll(async () => h?.close());

  it('re-enqueues what Redis lost, replaces a stale completed job, and reports the rest', async () => {
    const r = await reconcile(h.ctx);
    expect(r.analyze).toEqual({ owed: 4, inFlight: 1, requeued: 1, rerun: 1, failed: 1, failedJobs: [jobIds.analyze(page['broken']!.id, page['broken']!.sha)] });
    expect(r.link).toMatchObject({ owed: 2, inFlight: 1, requeued: 1, rerun: 0, failed: 0 });
    expect(r.capture).toMatchObject({ owed: 1, inFlight: 0, requeued: 1 });
    expect(r.crawlRuns).toMatchObject({ open: 4, inFlight: 1, requeued: 2, abandoned: 2 });
    expect(r.repaired).toBe(1 + 1 + 1 + 1 + 2 + 2);

    const analyze = h.ctx.queue('analyze');
    expect(await analyze.getJobState(jobIds.analyze(page['lost']!.id, page['lost']!.sha))).toBe('waiting');
    // The completed job is gone and a fresh one waits under the same id.
    expect(await analyze.getJobState(jobIds.analyze(page['stale']!.id, page['stale']!.sha))).toBe('waiting');
    expect(await analyze.getJobState(jobIds.analyze(page['broken']!.id, page['broken']!.sha))).toBe('failed');
    expect(await h.ctx.queue('link').getJobState(jobIds.link(listing['unlinked']!, 'unlinked'.padEnd(64, 'f')))).toBe('waiting');
    const capture = await h.ctx.queue('capture').getJob(jobIds.capture(listing['uncaptured']!, 'uncaptured'.padEnd(64, 'f')));
    expect(capture?.data).toEqual({ listingId: listing['uncaptured'], reason: 'flagged' });

    const crawl = h.ctx.queue('crawl');
    expect(await crawl.getJobState('crawl:forum:q1')).toBe('waiting');
    const runs = await h.ctx.db.query<{ job_id: string; status: string; error: string | null }>(`SELECT job_id, status, error FROM crawl_runs ORDER BY id`);
    expect(runs.rows).toEqual([
      { job_id: 'crawl:forum:q1', status: 'queued', error: null },
      { job_id: 'crawl:forum:r1', status: 'abandoned', error: expect.stringContaining('vanished from Redis') },
      { job_id: 'crawl:forum:r2', status: 'running', error: null },
      { job_id: 'crawl:old:q2', status: 'abandoned', error: expect.stringContaining('no longer enabled') },
      // The abandoned run's source is crawled again, itself recorded as queued first.
      { job_id: `crawl:forum:retry-${run['vanished']}`, status: 'queued', error: null },
    ]);
    expect(await crawl.getJobState(`crawl:forum:retry-${run['vanished']}`)).toBe('waiting');
  });

  it('finds nothing more to do on a second pass: everything owed is in flight or failed', async () => {
    const r = await reconcile(h.ctx);
    expect(r.repaired).toBe(0);
    expect(r.analyze).toMatchObject({ owed: 4, inFlight: 3, failed: 1 });
    expect(r.crawlRuns).toMatchObject({ open: 3, inFlight: 3, abandoned: 0, requeued: 0 });
  });

  it('counts pages and listings that batch jobs in flight carry as in flight, not lost', async () => {
    for (const n of ['batched1', 'batched2']) await addPage(n);
    await enqueueAnalyzeBatch(h.ctx.queue('analyze'), ['batched1', 'batched2'].map((n) => ({ pageId: page[n]!.id, contentSha: page[n]!.sha })));
    await addListing('batchedA', { flagged: true });
    await addListing('batchedB', { flagged: true });
    await enqueueLinkBatch(h.ctx.queue('link'), ['batchedA', 'batchedB'].map((n) => ({ listingId: listing[n]!, bodySha: n.padEnd(64, 'f') })));
    const r = await reconcile(h.ctx);
    expect(r.repaired).toBe(0);
    expect(r.analyze).toMatchObject({ owed: 6, inFlight: 5, requeued: 0, failed: 1 });
    expect(r.link).toMatchObject({ owed: 4, inFlight: 4, requeued: 0 });
    // No job of their own was added beside the batch.
    expect(await h.ctx.queue('analyze').getJob(jobIds.analyze(page['batched1']!.id, page['batched1']!.sha))).toBeUndefined();
    expect(await h.ctx.queue('link').getJob(jobIds.link(listing['batchedA']!, 'batchedA'.padEnd(64, 'f')))).toBeUndefined();
  });
});

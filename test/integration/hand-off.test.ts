// A search crawl whose results lead into the classifieds site hands those pages to the classifieds
// source: each is fetched and recorded once, the owner's way (its phone reveal), and analysed once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { startWorkers, type WorkerPool } from '../../cli/worker-pool.js';
import { runCycle } from '../../pipeline/workers/run-cycle.js';
import type { CrawlJob } from '../../pipeline/queues/names.js';
import { openHarness, type Harness } from './harness.js';
import { sandboxRegistry } from './sandbox-sources.js';

describe('hand-off of pages on another source’s site (Postgres)', () => {
  let h: Harness;
  let sb: Sandbox;
  let pool: WorkerPool;
  let reg: ReturnType<typeof sandboxRegistry>;

  beforeAll(async () => {
    const port = await findFreePort();
    sb = await startSandbox({ port, quiet: true });
    const base = sandboxRegistry(port, ['search', 'classifieds'], 300);
    // The classifieds crawl's own walk reaches few ads: most ads the search finds only a hand-off reads.
    const list = base.list.map((s) => (s.id === 'classifieds' ? { ...s, maxPages: 12 } : s));
    reg = { ...base, list, byId: new Map(list.map((s) => [s.id, s])) };
    h = await openHarness('postgres', { capture: { enabled: false } });
    h.ctx.config.workers.crawlConcurrency = 2;
    pool = await startWorkers(h.ctx, ['crawl', 'analyze', 'picture', 'link'], { registry: () => reg });
  });
  afterAll(async () => {
    await pool?.close();
    await h?.close();
    await sb?.close();
  });

  it('records every classifieds page once, under classifieds, with its reveal, analysed once', { timeout: 300_000 }, async () => {
    await runCycle(h.ctx, { sources: reg.list, reason: 'manual', queues: ['crawl', 'analyze', 'picture', 'link'], stamp: 'h1', timeoutMs: 240_000 });
    const classifieds = new URL(sb.origins['classifieds']!).origin;
    const pages = (
      await h.ctx.db.query<{ url: string; source_id: string; status: number; sha256: string; content_sha256: string; analyzed_sha256: string | null; versions: number }>(
        `SELECT p.url, p.source_id, p.status, p.sha256, p.content_sha256, p.analyzed_sha256, (SELECT count(*)::int FROM page_versions v WHERE v.page_id = p.id) AS versions
         FROM pages p WHERE p.url LIKE $1`,
        [`${classifieds}/%`],
      )
    ).rows;
    expect(pages.length).toBeGreaterThan(12);
    // Fetched by one source only: one content, and that content analysed.
    expect(pages.filter((p) => p.source_id !== 'classifieds').map((p) => `${p.source_id} ${p.url}`)).toEqual([]);
    expect(pages.filter((p) => p.versions !== 1).map((p) => p.url)).toEqual([]);
    expect(pages.filter((p) => p.analyzed_sha256 !== p.content_sha256).map((p) => p.url)).toEqual([]);
    // Every ad with a "show phone" button read the owner's way: the number revealed by its reveal rule.
    const ads = pages.filter((p) => /x\.shtml$/.test(p.url) && p.status === 200);
    const unrevealed: string[] = [];
    let buttons = 0;
    for (const p of ads) {
      if (!(await h.ctx.blobs.get(p.sha256)).includes('class="show-phone"')) continue;
      buttons++;
      if (!(JSON.parse((await h.ctx.blobs.get(p.content_sha256)).toString('utf8')) as { extras?: Record<string, string> }).extras?.phone) unrevealed.push(p.url);
    }
    expect(buttons).toBeGreaterThan(5);
    expect(unrevealed).toEqual([]);

    // The search handed its classifieds links; the hand-off fetched those the owner's own walk had not, none lost.
    const runs = (await h.ctx.db.query<{ job_id: string; stats: { pages: number; handedTo?: Record<string, { jobId: string; urls: number }>; handOff?: { from: string } } }>(`SELECT job_id, stats FROM crawl_runs`)).rows;
    const search = runs.find((r) => r.job_id === 'crawl:search:h1')!;
    const handedTo = search.stats.handedTo?.['classifieds'];
    expect(handedTo?.urls).toBeGreaterThan(0);
    const handOffRun = runs.find((r) => r.job_id === handedTo!.jobId);
    expect(handOffRun?.stats.handOff?.from).toBe('search');
    expect(handOffRun!.stats.pages).toBeGreaterThan(0);
    const job = await h.ctx.queue('crawl').getJob(handedTo!.jobId);
    const handed = (job!.data as CrawlJob).handOff!.urls;
    const recorded = new Set(pages.map((p) => p.url));
    expect(handed.filter((u) => !recorded.has(u))).toEqual([]);
    // The search recorded only pages of its own host (and sites nobody crawls here).
    const bySearch = await h.ctx.db.query<{ url: string }>(`SELECT url FROM pages WHERE source_id = 'search' AND url LIKE $1`, [`${classifieds}/%`]);
    expect(bySearch.rows).toEqual([]);
  });
});

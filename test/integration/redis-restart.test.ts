// Redis goes away under running workers and comes back (a private redis-server with AOF on
// a free port — never the machine's 6379): queued state survives and the same workers carry on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { findFreePort } from '../../sandbox/index.js';
import type { FetchedPage } from '../../crawlers/types.js';
import { fetchedPage } from '../crawlers/helpers/fetched-page.js';
import { storeSnapshot } from '../../pipeline/ingest/page-snapshot.js';
import { recordPageFetch } from '../../pipeline/storage/pages.js';
import { upsertSources } from '../../pipeline/storage/sources.js';
import { parseSources } from '../../crawlers/sources/load.js';
import { enqueueAnalyze } from '../../pipeline/queues/enqueue.js';
import { queueCounts } from '../../pipeline/queues/queue-status.js';
import { startWorkers, type WorkerPool } from '../../cli/worker-pool.js';
import { ContactFilter } from '../../pipeline/ingest/contact-filter.js';
import { tempDir } from '../support/services.js';
import { redisAnswers } from '../../pipeline/app/redis.js';
import { openHarness, type Harness } from './harness.js';
import { until } from './child-worker.js';

const sources = parseSources([{ id: 'forum', name: 'F', platform: 'discuz', seeds: ['http://127.0.0.2:9/'], selectors: { post: 'div.floor', body: '.msg', author: '.author' } }]);

function sellerPage(n: number): FetchedPage {
  const html = `<html><body><div class="floor"><a class="author">卖家${n}</a><div class="msg">低压电工证 焊工证 不用考试 包过 直接拿证 可查 微信 seller${n}x 电话 1381234${String(n).padStart(4, '0')}</div></div></body></html>`;
  const url = `http://127.0.0.2:9/thread-${n}-1-1.html`;
  return fetchedPage('forum', url, html, { contentType: 'text/html', selectors: sources[0]!.selectors });
}

describe('Redis restart under running workers', () => {
  const dir = tempDir('certwatch-redis-');
  let port: number;
  let server: ChildProcess | undefined;
  let h: Harness;
  let pool: WorkerPool;

  const startRedis = async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir.path, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
    await until(() => redisAnswers(`redis://127.0.0.1:${port}`), 20_000, 'redis-server');
  };

  beforeAll(async () => {
    port = await findFreePort(1);
    await startRedis();
    h = await openHarness('pglite', { capture: { enabled: false } }, `redis://127.0.0.1:${port}`);
    await upsertSources(h.ctx.db, sources);
    const reg = { file: '(test)', list: sources, byId: new Map(sources.map((s) => [s.id, s])), filter: new ContactFilter(sources) };
    pool = await startWorkers(h.ctx, ['analyze', 'link'], { registry: () => reg });
  });
  afterAll(async () => {
    await pool?.close();
    await h?.close();
    if (server && server.exitCode === null) server.kill('SIGKILL');
    dir.remove();
  });

  async function store(n: number) {
    const p = sellerPage(n);
    const { contentSha, bodySha } = storeSnapshot(h.ctx.blobs, p);
    const r = await recordPageFetch(h.ctx.db, { sourceId: 'forum', url: p.url, finalUrl: p.url, status: 200, contentType: p.contentType, charset: 'utf-8', render: 'http', bodySha, contentSha, fetchedAt: p.fetchedAt });
    return { pageId: r.pageId, contentSha };
  }
  const analysed = async (pageId: number) =>
    (await h.ctx.db.query<{ ok: boolean }>(`SELECT analyzed_sha256 = content_sha256 AS ok FROM pages WHERE id = $1`, [pageId])).rows[0]?.ok === true;
  const linked = async (pageId: number) =>
    (await h.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM listings WHERE page_id = $1 AND seller_id IS NOT NULL`, [pageId])).rows[0]!.n > 0;

  it('keeps queued jobs and resumes processing after the server restarts', { timeout: 240_000 }, async () => {
    const a = await store(1);
    await enqueueAnalyze(h.ctx.queue('analyze'), a.pageId, a.contentSha);
    await until(async () => (await analysed(a.pageId)) && (await linked(a.pageId)), 120_000, 'first page through analyze and link');

    // Crash the server; a job is enqueued while it is down (ioredis holds the command).
    server!.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    const b = await store(2);
    const pendingAdd = enqueueAnalyze(h.ctx.queue('analyze'), b.pageId, b.contentSha);
    await new Promise((r) => setTimeout(r, 1500));
    await startRedis();
    await pendingAdd;
    await until(async () => (await analysed(b.pageId)) && (await linked(b.pageId)), 120_000, 'second page after the restart');

    // The first job's record survived the crash (AOF), and nothing failed.
    const first = await h.ctx.queue('analyze').getJob(`analyze:${a.pageId}:${a.contentSha}`);
    expect(await first?.getState()).toBe('completed');
    for (const q of ['analyze', 'link'] as const) expect((await queueCounts(h.ctx.queue(q))).failed).toBe(0);
  });
});

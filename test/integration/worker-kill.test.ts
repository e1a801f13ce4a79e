// A real worker process is SIGKILLed mid-crawl and restarted: BullMQ hands the stalled job
// to the new worker and the database ends complete (every page analysed, every flagged
// listing linked) with nothing doubled (no two live sellers share a contact). SIGTERM drains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { enqueueCrawl } from '../../pipeline/queues/enqueue.js';
import { failedJobs, queueCounts, waitForIdle } from '../../pipeline/queues/queue-status.js';
import { TEST_REDIS_URL } from '../support/services.js';
import { openHarness, schemaUrl, type Harness } from './harness.js';
import { sandboxRegistry } from './sandbox-sources.js';
import { spawnWorker, until, writeSourcesFile, type ChildWorker } from './child-worker.js';

describe('worker SIGKILL and restart (Postgres, child processes)', () => {
  let h: Harness;
  let sb: Sandbox;
  let env: Record<string, string>;
  const children: ChildWorker[] = [];

  beforeAll(async () => {
    const port = await findFreePort();
    sb = await startSandbox({ port, quiet: true });
    h = await openHarness('postgres');
    // 5 requests/s per host: the crawl runs long enough to be killed in the middle.
    const reg = sandboxRegistry(port, ['bbs', 'qa'], 50, 5);
    env = {
      DATABASE_URL: schemaUrl(h.t.url!, h.t.schema!),
      REDIS_URL: TEST_REDIS_URL,
      CERTWATCH_QUEUE_PREFIX: h.prefix,
      CERTWATCH_DATA_DIR: h.dataDir,
      CERTWATCH_SOURCES: writeSourcesFile(h.dataDir, reg.list),
      CERTWATCH_LOCK_MS: '3000',
    };
  });
  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    await h?.close();
    await sb?.close();
  });

  const count = async (sql: string) => (await h.ctx.db.query<{ n: number }>(sql)).rows[0]!.n;

  it('loses nothing and duplicates nothing', { timeout: 400_000 }, async () => {
    for (const s of ['bbs', 'qa']) await enqueueCrawl(h.ctx.queue('crawl'), s, 'manual', 'k1');
    const first = spawnWorker(env);
    children.push(first);
    // Kill while crawls are running and analysis has started.
    await until(async () => (await count(`SELECT count(*)::int AS n FROM pages WHERE analyzed_sha256 IS NOT NULL`)) >= 3, 240_000, 'analysis to start');
    const atKill = await queueCounts(h.ctx.queue('crawl'));
    expect(atKill.active, `${JSON.stringify(atKill)} pages=${await count('SELECT count(*)::int AS n FROM pages')}\n${first.output()}`).toBeGreaterThan(0);
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = spawnWorker(env);
    children.push(second);
    const queues = { crawl: h.ctx.queue('crawl'), analyze: h.ctx.queue('analyze'), picture: h.ctx.queue('picture'), link: h.ctx.queue('link') };
    await waitForIdle(queues, { timeoutMs: 300_000, settleMs: 4000 });

    for (const q of Object.values(queues)) expect((await queueCounts(q)).failed, JSON.stringify(await failedJobs(q))).toBe(0);
    const crawl = await Promise.all(['bbs', 'qa'].map(async (s) => (await h.ctx.queue('crawl').getJob(`crawl:${s}:k1`))!.getState()));
    expect(crawl).toEqual(['completed', 'completed']);
    // One run row per job, even for the job that was retried after the kill (visits to sites the
    // posts cite are runs of their own).
    expect(await count(`SELECT count(*)::int AS n FROM crawl_runs WHERE status = 'done' AND source_id <> 'cited-sites'`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM crawl_runs WHERE source_id <> 'cited-sites'`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM pages`)).toBeGreaterThan(40);
    expect(await count(`SELECT count(*)::int AS n FROM pages WHERE analyzed_sha256 IS DISTINCT FROM content_sha256`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM listings WHERE flagged AND seller_id IS NULL`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM listings WHERE flagged`)).toBeGreaterThan(0);
    // Same day, same bodies: one version per listing however often a job ran.
    expect(await count(`SELECT count(*)::int AS n FROM listing_versions v GROUP BY listing_id HAVING count(*) > 1 UNION ALL SELECT 0 ORDER BY 1 DESC LIMIT 1`)).toBe(0);
    // No strong contact is shared by two live sellers: a seller was never created twice. (A forum
    // handle may be: it is a hint, never a link.)
    expect(
      await count(`SELECT count(*)::int AS n FROM (
        SELECT lc.contact_id FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id JOIN listings l ON l.id = lc.listing_id JOIN sellers s ON s.id = l.seller_id
        WHERE c.kind <> 'handle' AND (l.flagged OR l.review) GROUP BY lc.contact_id HAVING count(DISTINCT COALESCE(s.merged_into, s.id)) > 1) x`),
    ).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM sellers s WHERE merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.seller_id = s.id)`)).toBe(0);

    // SIGTERM: the worker drains and exits 0.
    second.proc.kill('SIGTERM');
    const end = await second.exited;
    expect(end.code, second.output()).toBe(0);
  });
});

// Two crawl processes and two analyze/link processes on one Redis and one Postgres, as a grown
// deployment runs them: every stage shared between processes, no work lost or done twice, and the
// per-host rate held across processes (the sandbox's access log is the witness).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { enqueueCrawl } from '../../pipeline/queues/enqueue.js';
import { failedJobs, queueCounts, waitForIdle } from '../../pipeline/queues/queue-status.js';
import { TEST_REDIS_URL } from '../support/services.js';
import { openHarness, schemaUrl, type Harness } from './harness.js';
import { sandboxRegistry } from './sandbox-sources.js';
import { spawnWorker, writeSourcesFile, type ChildWorker } from './child-worker.js';

// Low enough that the lease, not a loaded machine's CPU, sets the pace of each process.
const RATE = 1;

describe('scale-out: two crawl and two analyze/link processes (Postgres, child processes)', () => {
  let h: Harness;
  let sb: Sandbox;
  let env: Record<string, string>;
  let accessLog: string;
  let hosts: Map<string, string>;
  const children: ChildWorker[] = [];

  beforeAll(async () => {
    const port = await findFreePort();
    h = await openHarness('postgres');
    accessLog = join(h.dataDir, 'access.jsonl');
    sb = await startSandbox({ port, quiet: true, accessLog });
    const reg = sandboxRegistry(port, ['bbs', 'qa'], 20, RATE);
    hosts = new Map(reg.list.map((s) => [s.id, new URL(s.seeds[0]!).host]));
    env = {
      DATABASE_URL: schemaUrl(h.t.url!, h.t.schema!),
      REDIS_URL: TEST_REDIS_URL,
      CERTWATCH_QUEUE_PREFIX: h.prefix,
      CERTWATCH_DATA_DIR: h.dataDir,
      CERTWATCH_SOURCES: writeSourcesFile(h.dataDir, reg.list),
      // One crawl at a time per process: the two crawls of one source must run in two processes.
      CERTWATCH_CRAWL_CONCURRENCY: '1',
      CERTWATCH_ANALYZE_CONCURRENCY: '2',
    };
  });
  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    await h?.close();
    await sb?.close();
  });

  const count = async (sql: string) => (await h.ctx.db.query<{ n: number }>(sql)).rows[0]!.n;

  it('shares every stage, loses and doubles nothing, and keeps each host at its rate', { timeout: 400_000 }, async () => {
    // Two crawls of the same source at once (a manual run beside a scheduled one) and one other.
    await enqueueCrawl(h.ctx.queue('crawl'), 'bbs', 'manual', 'a');
    await enqueueCrawl(h.ctx.queue('crawl'), 'bbs', 'manual', 'b');
    await enqueueCrawl(h.ctx.queue('crawl'), 'qa', 'manual', 'a');
    for (let i = 0; i < 2; i++) children.push(spawnWorker(env, 'crawl'));
    for (let i = 0; i < 2; i++) children.push(spawnWorker(env, 'analyze,picture,link'));
    const queues = { crawl: h.ctx.queue('crawl'), analyze: h.ctx.queue('analyze'), picture: h.ctx.queue('picture'), link: h.ctx.queue('link') };
    await waitForIdle(queues, { timeoutMs: 300_000, settleMs: 4000 });

    const out = children.map((c) => c.output()).join('\n').slice(-4000);
    for (const q of Object.values(queues)) expect((await queueCounts(q)).failed, JSON.stringify(await failedJobs(q)) + out).toBe(0);

    // Each stage ran in both of its processes.
    const ranIn = async (name: keyof typeof queues) => new Set((await queues[name].getJobs(['completed'], 0, 5000)).map((j) => j.processedBy).filter(Boolean));
    expect((await ranIn('crawl')).size, out).toBe(2);
    expect((await ranIn('analyze')).size, out).toBe(2);
    const crawlProcs = new Set(children.slice(0, 2).map((c) => String(c.proc.pid)));
    for (const by of await ranIn('crawl')) expect(crawlProcs.has(String(by).split(':').pop()!)).toBe(true);

    // Nothing lost: every page's current content analysed, every flagged listing in a seller.
    expect(await count(`SELECT count(*)::int AS n FROM pages`)).toBeGreaterThan(25);
    expect(await count(`SELECT count(*)::int AS n FROM pages WHERE analyzed_sha256 IS DISTINCT FROM content_sha256`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM listings WHERE flagged`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM listings WHERE (flagged OR review) AND seller_id IS NULL`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM crawl_runs WHERE status = 'done' AND source_id IN ('bbs', 'qa')`)).toBe(3);
    // Nothing doubled: one page row per URL, one version per listing body, no contact in two sellers.
    expect(await count(`SELECT count(*)::int AS n FROM (SELECT url FROM pages GROUP BY url HAVING count(*) > 1) x`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM (SELECT listing_id FROM listing_versions GROUP BY listing_id HAVING count(*) > 1) x`)).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM (
        SELECT lc.contact_id FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id JOIN listings l ON l.id = lc.listing_id JOIN sellers s ON s.id = l.seller_id
        WHERE c.kind <> 'handle' AND (l.flagged OR l.review) GROUP BY lc.contact_id HAVING count(DISTINCT COALESCE(s.merged_into, s.id)) > 1) x`),
    ).toBe(0);

    // The per-host rate across both crawl processes, while both crawls of bbs run. Redis hands out
    // slots exactly 1/RATE s apart, but a busy process sends its request late (on 2 loaded cores,
    // by up to a second), so the count may beat the pace by one second's worth; two processes each
    // keeping their own pace would send nearly twice as many.
    const runs = (await h.ctx.db.query<{ started_at: Date; finished_at: Date }>(`SELECT started_at, finished_at FROM crawl_runs WHERE source_id = 'bbs' ORDER BY started_at`)).rows;
    expect(runs).toHaveLength(2);
    const from = Math.max(...runs.map((r) => r.started_at.getTime()));
    const to = Math.min(...runs.map((r) => r.finished_at.getTime()));
    const overlapS = (to - from) / 1000;
    expect(overlapS, 'the two crawls of bbs ran at the same time').toBeGreaterThan(3);
    const entries = readFileSync(accessLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { time: string; host: string; path: string });
    const during = entries.filter((e) => e.host === hosts.get('bbs') && e.path !== '/robots.txt' && Date.parse(e.time) >= from && Date.parse(e.time) <= to).length;
    expect(during, `${during} requests to the bbs host in the ${overlapS.toFixed(1)} s both crawls ran, at ${RATE}/s`).toBeLessThanOrEqual(Math.floor(RATE * (overlapS + 1)) + 1);

    for (const c of children) c.proc.kill('SIGTERM');
    for (const c of children) expect((await c.exited).code, c.output().slice(-2000)).toBe(0);
  });
});

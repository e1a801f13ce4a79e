// A Redis without persistence restarted mid-crawl comes back empty: waiting crawl, analyze and
// link jobs are gone. After the reconciler runs, the leads are those of an undisturbed run.
// The Redis is our own redis-server on a free port (never the machine's shared 6379).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { findFreePort, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { startWorkers, type WorkerPool } from '../../cli/worker-pool.js';
import { runCycle } from '../../pipeline/workers/run-cycle.js';
import { queueCounts, waitForIdle } from '../../pipeline/queues/queue-status.js';
import { reconcile, type ReconcileReport } from '../../pipeline/reconcile/reconcile.js';
import { redisAnswers } from '../../pipeline/app/redis.js';
import { tempDir } from '../support/services.js';
import { openHarness, type Harness } from './harness.js';
import { sandboxRegistry } from './sandbox-sources.js';
import { leadSignatures } from './lead-signatures.js';
import { until } from './child-worker.js';

const SOURCES = ['bbs', 'classifieds', 'qa'];
const QUEUES = ['crawl', 'analyze', 'picture', 'link'] as const;

describe('Redis without persistence restarted mid-crawl (Postgres)', () => {
  const dir = tempDir('certwatch-redisloss-');
  let port: number;
  let url: string;
  let server: ChildProcess | undefined;
  let sb: Sandbox;
  let reg: ReturnType<typeof sandboxRegistry>;
  const open: { h: Harness; pool: WorkerPool }[] = [];

  const startRedis = async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir.path, '--appendonly', 'no', '--save', ''], { stdio: 'ignore' });
    await until(() => redisAnswers(url), 20_000, 'redis-server');
  };

  beforeAll(async () => {
    port = await findFreePort(1);
    url = `redis://127.0.0.1:${port}`;
    await startRedis();
    const sandboxPort = await findFreePort();
    sb = await startSandbox({ port: sandboxPort, quiet: true });
    reg = sandboxRegistry(sandboxPort, SOURCES, 3000);
  });
  afterAll(async () => {
    for (const o of open) {
      await o.pool.close().catch(() => undefined);
      await o.h.close().catch(() => undefined);
    }
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await sb?.close();
    dir.remove();
  });

  async function pipeline(crawlConcurrency: number) {
    const h = await openHarness('postgres', { capture: { enabled: false } }, url);
    h.ctx.config.workers.crawlConcurrency = crawlConcurrency;
    const pool = await startWorkers(h.ctx, [...QUEUES], { registry: () => reg });
    open.push({ h, pool });
    return h;
  }
  const idle = (h: Harness) => waitForIdle(Object.fromEntries(QUEUES.map((q) => [q, h.ctx.queue(q)])), { timeoutMs: 300_000, settleMs: 2000 });
  const count = async (h: Harness, sql: string) => (await h.ctx.db.query<{ n: number }>(sql)).rows[0]!.n;

  it('ends with the leads of an undisturbed run once the reconciler has run', { timeout: 900_000 }, async () => {
    const calm = await pipeline(SOURCES.length);
    await runCycle(calm.ctx, { sources: reg.list, reason: 'manual', queues: [...QUEUES], stamp: 'calm', timeoutMs: 300_000 });
    const expected = await leadSignatures(calm.ctx.db);
    const expectedPages = await count(calm, 'SELECT count(*)::int AS n FROM pages');
    expect(expected.length).toBeGreaterThan(3);

    // One crawl at a time, so two wait in Redis while the first runs and its pages are analysed.
    const h = await pipeline(1);
    const cycle = runCycle(h.ctx, { sources: reg.list, reason: 'manual', queues: [...QUEUES], stamp: 'lossy', timeoutMs: 300_000 });
    await until(
      async () => (await count(h, 'SELECT count(*)::int AS n FROM pages WHERE analyzed_sha256 IS NOT NULL')) >= 20 && (await queueCounts(h.ctx.queue('crawl'))).waiting >= 1,
      120_000,
      'analysis under way with crawls still waiting',
    );
    server!.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    await startRedis();
    await cycle;

    // What the lost Redis had been holding is missing: crawls that never ran, pages never analysed.
    const queuedRuns = await count(h, `SELECT count(*)::int AS n FROM crawl_runs WHERE status = 'queued'`);
    expect(queuedRuns).toBeGreaterThanOrEqual(1);
    expect(await count(h, 'SELECT count(*)::int AS n FROM pages')).toBeLessThan(expectedPages);

    // Reconcile until a pass finds nothing lost and no crawl is still open (the crawl that was
    // running when Redis went keeps fetching in its worker; it is re-crawled too, harmlessly).
    const reports: ReconcileReport[] = [];
    await until(
      async () => {
        const r = await reconcile(h.ctx);
        reports.push(r);
        if (r.repaired > 0) await idle(h);
        const openRuns = await count(h, `SELECT count(*)::int AS n FROM crawl_runs WHERE status IN ('queued', 'running')`);
        return r.repaired === 0 && openRuns === 0 && r.analyze.owed === 0 && r.picture.owed === 0 && r.link.owed === 0;
      },
      600_000,
      'the reconciler to find nothing left',
    );
    const first = reports[0]!;
    expect(first.crawlRuns.requeued, JSON.stringify(first)).toBeGreaterThanOrEqual(queuedRuns);
    expect(reports.reduce((n, r) => n + r.repaired, 0)).toBeGreaterThan(0);

    expect(await count(h, 'SELECT count(*)::int AS n FROM pages_not_analysed')).toBe(0);
    expect(await count(h, 'SELECT count(*)::int AS n FROM pages')).toBe(expectedPages);
    expect(await count(h, 'SELECT count(*)::int AS n FROM listings WHERE (flagged OR review) AND seller_id IS NULL')).toBe(0);
    expect(await leadSignatures(h.ctx.db)).toEqual(expected);
  });
});

// Two pipeline runs in a row on the same Redis and queue prefix, each with a fresh database (a
// new data dir, a restored backup, a second demo): both crawl and analyse every page and find the
// same leads, although the second run's job ids — crawl ids included — are the first run's again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { findFreePort, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { startWorkers } from '../../cli/worker-pool.js';
import { runCycle } from '../../pipeline/workers/run-cycle.js';
import { queueCounts } from '../../pipeline/queues/queue-status.js';
import { jobIds } from '../../pipeline/queues/job-options.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import { reconcile } from '../../pipeline/reconcile/reconcile.js';
import { checkAgainstTruth } from '../../cli/truth-check.js';
import { clearRedisPrefix, testRedis, uniqueName } from '../support/services.js';
import { openHarness } from './harness.js';
import { sandboxRegistry } from './sandbox-sources.js';
import { leadSignatures } from './lead-signatures.js';

const SOURCES = ['bbs', 'classifieds', 'qa'];

interface RunResult {
  namespace: string;
  pages: number;
  notAnalysed: number;
  leads: string[];
  found: number;
  repaired: number;
}

describe('a fresh database on a Redis that remembers an earlier one (Postgres)', () => {
  const prefix = uniqueName('cwfresh');
  let sb: Sandbox;
  let reg: ReturnType<typeof sandboxRegistry>;
  const runs: RunResult[] = [];

  beforeAll(async () => {
    const port = await findFreePort();
    sb = await startSandbox({ port, quiet: true });
    // The whole of each site (no page budget to cut differently), as the demo crawls it.
    reg = sandboxRegistry(port, SOURCES, 3000);
  });
  afterAll(async () => {
    const r = testRedis();
    await clearRedisPrefix(r, prefix);
    r.disconnect();
    await sb?.close();
  });

  async function run(): Promise<RunResult> {
    const h = await openHarness('postgres', { capture: { enabled: false } }, undefined, { prefix, keepRedis: true });
    h.ctx.config.workers.crawlConcurrency = SOURCES.length;
    const pool = await startWorkers(h.ctx, ['crawl', 'analyze', 'picture', 'link'], { registry: () => reg });
    try {
      // The same stamp both times: the second run's crawl job ids equal the first's.
      await runCycle(h.ctx, { sources: reg.list, reason: 'manual', queues: ['crawl', 'analyze', 'picture', 'link'], stamp: 'same', timeoutMs: 300_000 });
      for (const q of ['crawl', 'analyze', 'picture', 'link'] as const) expect((await queueCounts(h.ctx.queue(q))).failed).toBe(0);
      const pages = await h.ctx.db.query<{ id: number; content_sha256: string; owed: boolean }>(
        `SELECT id, content_sha256, id IN (SELECT id FROM pages_not_analysed) AS owed FROM pages`,
      );
      const leads = await listLeads(h.ctx.db);
      return {
        namespace: h.ctx.config.queuePrefix,
        pages: pages.rows.length,
        notAnalysed: pages.rows.filter((p) => p.owed).length,
        leads: await leadSignatures(h.ctx.db),
        found: checkAgainstTruth(leads, sb.truth()).found,
        repaired: (await reconcile(h.ctx)).repaired,
      };
    } finally {
      await pool.close();
      await h.close();
    }
  }

  it('analyses every page and finds the same leads both times', { timeout: 700_000 }, async () => {
    runs.push(await run());
    runs.push(await run());
    const [a, b] = runs as [RunResult, RunResult];
    expect(a.pages).toBeGreaterThan(100);
    expect(b.pages).toBe(a.pages);
    expect([a.notAnalysed, b.notAnalysed]).toEqual([0, 0]);
    // Nothing was lost, so the reconciler had nothing to redo.
    expect([a.repaired, b.repaired]).toEqual([0, 0]);
    expect(a.leads.length).toBeGreaterThan(3);
    expect(b.leads).toEqual(a.leads);
    expect(b.found).toBe(a.found);
    expect(a.namespace).not.toBe(b.namespace);
    expect(a.namespace.startsWith(`${prefix}:`) && b.namespace.startsWith(`${prefix}:`)).toBe(true);

    // Without the namespace the second run would have met the first's completed jobs under the same
    // ids: every crawl job (analyze jobs carry batches of pages, whose ids depend on how the fetches
    // fell into batches, so they collide only by chance).
    const conn = testRedis();
    const old = { crawl: new Queue('crawl', { connection: conn, prefix: a.namespace }) };
    try {
      for (const s of SOURCES) expect(await old.crawl.getJobState(jobIds.crawl(s, 'same'))).toBe('completed');
    } finally {
      await old.crawl.close();
      conn.disconnect();
    }
  });
});

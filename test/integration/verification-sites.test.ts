// Fake verification sites end to end on the sandbox, real Redis and Postgres: posts cite clones of
// the official query platform (and honest provincial pages), the pipeline visits what flagged posts
// cite, and every planted clone — none of the honest pages — is listed as a verification-site lead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { startWorkers, type WorkerPool } from '../../cli/worker-pool.js';
import { runCycle } from '../../pipeline/workers/run-cycle.js';
import { queueCounts } from '../../pipeline/queues/queue-status.js';
import { jobIds } from '../../pipeline/queues/job-options.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import { leadsToJson } from '../../pipeline/leads/lead-writers.js';
import { checkAgainstTruth } from '../../cli/truth-check.js';
import { openHarness, type Harness } from './harness.js';
import { sandboxRegistry } from './sandbox-sources.js';

const SOURCES = ['bbs', 'classifieds', 'qa', 'sellers'];

describe('fake verification sites on the sandbox (Postgres)', () => {
  let h: Harness;
  let sb: Sandbox;
  let pool: WorkerPool;
  let reg: ReturnType<typeof sandboxRegistry>;

  beforeAll(async () => {
    const port = await findFreePort();
    sb = await startSandbox({ port, quiet: true });
    reg = sandboxRegistry(port, SOURCES, 1500);
    // Captures are owed but not taken here (no browser): the capture queue shows what is owed.
    h = await openHarness('postgres', { capture: { enabled: true } });
    h.ctx.config.workers.crawlConcurrency = SOURCES.length + 2;
    h.ctx.config.verification.pagesPerSite = 4;
    pool = await startWorkers(h.ctx, ['crawl', 'analyze', 'picture', 'link'], { registry: () => reg });
    await runCycle(h.ctx, { sources: reg.list, reason: 'manual', queues: ['crawl', 'analyze', 'picture', 'link'], stamp: 'v1', timeoutMs: 400_000 });
  }, 420_000);
  afterAll(async () => {
    await pool?.close();
    await h?.close();
    await sb?.close();
  });

  it('lists every planted clone as a verification-site lead and none of the honest pages', async () => {
    for (const q of ['crawl', 'analyze', 'picture', 'link'] as const) expect((await queueCounts(h.ctx.queue(q))).failed).toBe(0);
    const truth = sb.truth();
    const leads = await listLeads(h.ctx.db);
    const check = checkAgainstTruth(leads, truth);
    expect(check.verificationSites).toBeDefined();
    expect(check.verificationSites!.plantedReachable).toBe(truth.fakeVerificationSites.filter((f) => f.reachable).length);
    expect(check.verificationSites!.missed).toEqual([]);
    expect(check.verificationSites!.falseSites).toEqual([]);
    expect(check.verificationSites!.negativesFlagged).toEqual([]);
    // Seller figures are not disturbed by the sites.
    expect(check.falseLeads).toEqual([]);
  });

  it('visits the honest look-alikes (and so judged them) but never an official host', async () => {
    const truth = sb.truth();
    const pages = (await h.ctx.db.query<{ url: string }>(`SELECT url FROM pages`)).rows.map((r) => r.url);
    for (const n of truth.verificationNegatives) expect(pages.some((u) => u.startsWith(`${n.origin}/`))).toBe(true);
    expect(pages.filter((u) => /gov\.cn|saws\.org\.cn/.test(new URL(u).host))).toEqual([]);
    const runs = await h.ctx.db.query<{ n: number; done: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'done')::int AS done FROM crawl_runs WHERE source_id = 'cited-sites'`,
    );
    expect(runs.rows[0]!.n).toBeGreaterThan(0);
    expect(runs.rows[0]!.done).toBe(runs.rows[0]!.n);
  });

  it('keeps each site an entity of its own, linked to the sellers that cite it, with its capture owed', async () => {
    const truth = sb.truth();
    const all = await listLeads(h.ctx.db);
    const sites = all.filter((l) => l.kind === 'verification-site');
    const sellers = all.filter((l) => l.kind === 'seller');
    const rows = JSON.parse(leadsToJson(all)) as { kind: string }[];
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['seller', 'verification-site']));
    for (const fake of truth.fakeVerificationSites.filter((f) => f.reachable && f.look !== 'seller-site-cx')) {
      const site = sites.find((s) => s.contacts.some((c) => c.kind === 'url' && c.value === fake.host))!;
      expect(site, fake.host).toBeDefined();
      expect(site.listings.every((l) => l.platform === 'verification-site')).toBe(true);
      // The citing planted seller is a seller lead of its own, and the site names it.
      const planted = truth.sellers.find((s) => s.id === fake.citedBy[0])!;
      const citing = sellers.find((s) => s.contacts.some((c) => planted.contacts.some((p) => p.kind === c.kind && p.value === c.value)))!;
      expect(citing, fake.citedBy[0]).toBeDefined();
      expect(site.citedBy).toContain(citing.id);
      expect(citing.verificationSites).toContain(site.id);
      // Its own pages are its evidence: a capture job waits for each.
      const pages = await h.ctx.db.query<{ id: number; body_sha256: string }>(`SELECT id, body_sha256 FROM listings WHERE seller_id = $1`, [site.id]);
      expect(pages.rows.length).toBeGreaterThan(0);
      for (const p of pages.rows) expect(await h.ctx.queue('capture').getJob(jobIds.capture(p.id, p.body_sha256))).toBeDefined();
    }
  });
});

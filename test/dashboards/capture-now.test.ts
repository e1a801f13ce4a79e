// "Capture now" against a real server and real Redis: the click enqueues one `capture`
// job for the workers and answers at once; clicking again within the window adds none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import type { CaptureJob } from '../../pipeline/queues/names.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData, type DemoIds } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;
let alice: DashboardClient;
let bob: DashboardClient;

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  // The dashboard process itself never loads the capture code now: the workers run it.
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  [alice, bob] = [new DashboardClient(dash.url), new DashboardClient(dash.url)];
  await alice.login('alice', PASSWORDS.alice);
  await bob.login('bob', PASSWORDS.bob);
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

async function captureJobs(): Promise<{ id: string; name: string; data: CaptureJob }[]> {
  const jobs = await ctx.queue('capture').getJobs(['waiting', 'prioritized', 'delayed', 'active']);
  return jobs.map((j) => ({ id: String(j.id), name: j.name, data: j.data as CaptureJob }));
}

describe('capture now', () => {
  it('enqueues one manual capture job, audits it and answers with a flash message', async () => {
    const seller = ids.sellers.electric;
    const listingId = ids.listings.e1!;
    const t0 = performance.now();
    const res = await alice.form(`/sellers/${seller}/capture`, { listing: String(listingId) });
    const ms = performance.now() - t0;
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sellers/${seller}?msg=capture_queued`);
    console.log(`capture now answered in ${ms.toFixed(0)} ms`);
    const page = await (await alice.get(res.headers.get('location')!)).text();
    expect(page).toContain('<p class="flash" role="status">已加入采集队列</p>');

    const jobs = await captureJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ name: 'capture', data: { listingId, reason: 'manual', actor: 'alice' } });
    expect(jobs[0]!.id).toMatch(new RegExp(`^capture:${listingId}:manual-\\d+$`));
    const job = await ctx.queue('capture').getJob(jobs[0]!.id);
    expect(job!.opts.attempts).toBe(4);

    const audit = await ctx.db.query<{ actor: string; listing_id: number; detail: { job_id: string; duplicate: boolean } }>(
      `SELECT actor, listing_id, detail FROM audit_log WHERE action = 'evidence.capture_queued' AND seller_id = $1`,
      [seller],
    );
    expect(audit.rows).toEqual([{ actor: 'alice', listing_id: listingId, detail: { job_id: jobs[0]!.id, duplicate: false } }]);
  });

  it('does not duplicate the job when the same listing is clicked again within the window', async () => {
    const seller = ids.sellers.electric;
    const listingId = ids.listings.e1!;
    const [first] = await captureJobs();
    const again = await alice.form(`/sellers/${seller}/capture`, { listing: String(listingId) });
    expect(again.status).toBe(303);
    const other = await bob.form(`/sellers/${seller}/capture`, { listing: String(listingId) });
    expect(other.status).toBe(303);
    const jobs = await captureJobs();
    expect(jobs.map((j) => j.id)).toEqual([first!.id]);
    const audit = await ctx.db.query<{ actor: string; detail: { job_id: string; duplicate: boolean } }>(
      `SELECT actor, detail FROM audit_log WHERE action = 'evidence.capture_queued' AND listing_id = $1 ORDER BY id`,
      [listingId],
    );
    expect(audit.rows.map((r) => [r.actor, r.detail.duplicate, r.detail.job_id])).toEqual([
      ['alice', false, first!.id],
      ['alice', true, first!.id],
      ['bob', true, first!.id],
    ]);

    // Another listing of the same seller is its own capture.
    const second = await alice.form(`/sellers/${seller}/capture`, { listing: String(ids.listings.e2!) });
    expect(second.status).toBe(303);
    const after = await captureJobs();
    expect(after.map((j) => j.data.listingId).sort()).toEqual([listingId, ids.listings.e2!].sort());
  });

  it('refuses a listing of another seller or junk, enqueueing nothing', async () => {
    const before = (await captureJobs()).length;
    const foreign = await alice.form(`/sellers/${ids.sellers.electric}/capture`, { listing: String(ids.listings.w1!) });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('that listing does not belong to this seller');
    expect((await alice.form(`/sellers/${ids.sellers.electric}/capture`, { listing: '1e99' })).status).toBe(400);
    expect((await alice.form(`/sellers/${ids.sellers.electric}/capture`, { listing: String(ids.listings.e1!) }, { csrf: false })).status).toBe(403);
    expect((await captureJobs()).length).toBe(before);
  });
});

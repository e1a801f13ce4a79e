// The status flow as one table per role, against a real server: an analyst cannot undo a
// confirmed seller by any route (status, decision, bulk API), and a refusal answers 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { ROLES } from '../../dashboards/auth/roles.js';
import { SELLER_STATUSES, type SellerStatus } from '../../dashboards/queue/queue-filters.js';
import { mayMove, nextStatuses, TRANSITIONS } from '../../dashboards/workflow/status-flow.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData, type DemoIds } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;
let alice: DashboardClient;
let sup: DashboardClient;

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  [alice, sup] = [new DashboardClient(dash.url), new DashboardClient(dash.url)];
  await alice.login('alice', PASSWORDS.alice);
  await sup.login('sup', PASSWORDS.sup);
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

/** Every status a role can reach from `from` by its own moves alone. */
function reachable(role: (typeof ROLES)[number], from: SellerStatus): Set<SellerStatus> {
  const seen = new Set<SellerStatus>();
  const todo = [from];
  while (todo.length) for (const next of nextStatuses(todo.pop()!, role)) if (!seen.has(next)) seen.add(next), todo.push(next);
  return seen;
}

describe('the table of moves', () => {
  it('gives an analyst no path out of confirmed, and no role a move to referred except a supervisor', () => {
    expect(reachable('analyst', 'confirmed').size).toBe(0);
    expect(reachable('supervisor', 'confirmed')).toContain('dismissed');
    for (const role of ROLES) for (const from of SELLER_STATUSES) {
      if (mayMove(role, from, 'referred')) expect(role).not.toBe('analyst');
    }
    expect(TRANSITIONS.admin).toEqual(TRANSITIONS.supervisor);
  });
});

describe('when an analyst tries to undo a confirmed seller', () => {
  it('refuses in_review and dismiss with 403, writes no labels, and a supervisor still may', async () => {
    const id = ids.sellers.heights;
    expect((await alice.form(`/sellers/${id}/decision`, { action: 'confirm' })).status).toBe(303);
    const labels = async () => Number((await ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM labels l JOIN listings x ON x.id = l.listing_id WHERE x.seller_id = $1`, [id])).rows[0]!.n);
    const before = await labels();

    expect((await alice.form(`/sellers/${id}/status`, { to: 'in_review' })).status).toBe(403);
    expect((await alice.form(`/sellers/${id}/decision`, { action: 'dismiss' })).status).toBe(403);
    const bulk = await alice.json('/api/sellers/decision', { ids: [id], action: 'dismiss' });
    expect(bulk.status).toBe(403);
    expect(((await bulk.json()) as { results: { code: number }[] }).results[0]!.code).toBe(403);
    const status = (await ctx.db.query<{ status: string }>('SELECT status FROM sellers WHERE id = $1', [id])).rows[0]!.status;
    expect(status).toBe('confirmed');
    expect(await labels()).toBe(before);

    expect((await sup.form(`/sellers/${id}/status`, { to: 'in_review' })).status).toBe(303);
  });

  it('answers 409 for a move no role may make', async () => {
    expect((await alice.form(`/sellers/${ids.sellers.welder}/status`, { to: 'new' })).status).toBe(409);
  });
});

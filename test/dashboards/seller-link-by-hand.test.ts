// Joining and separating sellers from the seller page on real Postgres: the forms are there, they
// change the sellers and the audit log, and a referred case can be reshaped only by a supervisor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

let ctx: TestContext;
let dash: DashboardHandle;

async function sellerWithListings(name: string, n: number, status = 'new'): Promise<{ seller: number; listings: number[] }> {
  const seller = (await ctx.db.query<{ id: number }>(`INSERT INTO sellers (status, score) VALUES ($1, 0.8) RETURNING id`, [status])).rows[0]!.id;
  const listings: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = await ctx.db.query<{ id: number }>(
      `INSERT INTO listings (url, source_id, platform, body, normalized_body, body_sha256, score, flagged, model_version, seller_id)
       VALUES ($1, 'tieba', 'tieba', 'x', 'x', $2, 0.8, true, 't', $3) RETURNING id`,
      [`http://127.0.0.3:8900/p/${name}-${i}`, `${name}${i}`.padEnd(64, '0'), seller],
    );
    listings.push(l.rows[0]!.id);
  }
  return { seller, listings };
}

async function formMany(c: DashboardClient, path: string, fields: [string, string][]): Promise<Response> {
  const body = new URLSearchParams(fields);
  body.set('_csrf', c.csrf);
  return c.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

beforeAll(async () => {
  ctx = await openTestContext();
  await seedDemoData(ctx);
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

describe('sellers joined and separated from the seller page', () => {
  it('offers both forms and joins two sellers into the older id, audited', async () => {
    const a = await sellerWithListings('join-a', 1);
    const b = await sellerWithListings('join-b', 1);
    const alice = new DashboardClient(dash.url);
    await alice.login('alice', PASSWORDS.alice);
    const page = await (await alice.get(`/sellers/${b.seller}`)).text();
    expect(page).toContain(`action="/sellers/${b.seller}/join"`);
    expect(page).toContain(`id="separate-form"`);
    expect(page).toContain(`form="separate-form"`);

    const res = await alice.form(`/sellers/${b.seller}/join`, { other: `#${a.seller}`, note: '同一人' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sellers/${a.seller}?msg=joined`);
    const merged = await ctx.db.query<{ merged_into: number }>(`SELECT merged_into FROM sellers WHERE id = $1`, [b.seller]);
    expect(merged.rows[0]!.merged_into).toBe(a.seller);
    const audit = await ctx.db.query(`SELECT actor FROM audit_log WHERE action = 'seller.join' AND seller_id = $1`, [a.seller]);
    expect(audit.rows).toEqual([{ actor: 'alice' }]);
    const after = await (await alice.get(`/sellers/${a.seller}?msg=joined`)).text();
    expect(after).toContain('已人工合并');
  });

  it('separates the ticked listings into a new seller, and says why it cannot', async () => {
    const s = await sellerWithListings('sep', 3);
    const alice = new DashboardClient(dash.url);
    await alice.login('alice', PASSWORDS.alice);
    const res = await formMany(alice, `/sellers/${s.seller}/separate`, [['listing', String(s.listings[1])], ['listing', String(s.listings[2])], ['note', '转载']]);
    expect(res.status).toBe(303);
    const into = Number(new URL(res.headers.get('location')!, dash.url).searchParams.get('into'));
    const rows = await ctx.db.query<{ id: number; seller_id: number }>(`SELECT id, seller_id FROM listings WHERE id = ANY($1::int[]) ORDER BY id`, [s.listings]);
    expect(rows.rows.map((r) => r.seller_id)).toEqual([s.seller, into, into]);

    const none = await formMany(alice, `/sellers/${s.seller}/separate`, [['note', 'x']]);
    expect(none.status).toBe(400);
    const all = await formMany(alice, `/sellers/${s.seller}/separate`, [['listing', String(s.listings[0])], ['note', 'x']]);
    expect(all.status).toBe(409);
  });

  it('refuses an analyst who would reshape a referred case (403) and lets a supervisor', async () => {
    const s = await sellerWithListings('referred', 2, 'referred');
    const alice = new DashboardClient(dash.url);
    await alice.login('alice', PASSWORDS.alice);
    const refused = await formMany(alice, `/sellers/${s.seller}/separate`, [['listing', String(s.listings[1])], ['note', 'x']]);
    expect(refused.status).toBe(403);
    const sup = new DashboardClient(dash.url);
    await sup.login('sup', PASSWORDS.sup);
    const ok = await formMany(sup, `/sellers/${s.seller}/separate`, [['listing', String(s.listings[1])], ['note', '负责人核实']]);
    expect(ok.status).toBe(303);
  });
});

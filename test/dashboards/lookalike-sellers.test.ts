// Lookalike ids on real Postgres: a seller who rotated dgz_wang888 → dgz_wang889 shows up on the other's
// page as "possibly the same seller" (ids, phones, forum handles, shared contacts do not); splits are listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { findLookalikeSellers } from '../../dashboards/seller/lookalike-sellers.js';
import { loadSeller } from '../../dashboards/seller/seller-detail.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData, type DemoIds } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

let ctx: TestContext;
let ids: DemoIds;
let dash: DashboardHandle;
const added: Record<string, number> = {};

async function sellerWith(name: string, contacts: [string, string][]): Promise<number> {
  const db = ctx.db;
  const s = (await db.query<{ id: number }>(`INSERT INTO sellers (status, score) VALUES ('new', 0.8) RETURNING id`)).rows[0]!.id;
  const l = await db.query<{ id: number }>(
    `INSERT INTO listings (url, source_id, platform, body, normalized_body, body_sha256, score, flagged, model_version, seller_id)
     VALUES ($1, 'tieba', 'tieba', 'x', 'x', $2, 0.8, true, 't', $3) RETURNING id`,
    [`http://127.0.0.3:8900/p/${name}`, name.padEnd(64, '0'), s],
  );
  for (const [kind, value] of contacts) {
    const c = await db.query<{ id: number }>(`INSERT INTO contacts (kind, value) VALUES ($1, $2) ON CONFLICT (kind, value) DO UPDATE SET kind = EXCLUDED.kind RETURNING id`, [kind, value]);
    await db.query('INSERT INTO listing_contacts (listing_id, contact_id) VALUES ($1, $2)', [l.rows[0]!.id, c.rows[0]!.id]);
  }
  return s;
}

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  // The electric seller uses phone 13812345678 and WeChat dgz_wang888.
  added.rotated = await sellerWith('rotated', [['wechat', 'dgz_wang889']]);
  added.otherId = await sellerWith('other-id', [['wechat', 'dgz_zhao_2024']]);
  added.nearPhone = await sellerWith('near-phone', [['phone', '13812345679']]);
  // Two unrelated accounts on one forum: as stored, `host|name` strings share a long prefix.
  added.handleA = await sellerWith('handle-a', [['handle', '127.0.0.3:8900|电工证代办小王'], ['qq', '12345678']]);
  added.handleB = await sellerWith('handle-b', [['handle', '127.0.0.3:8900|电工证代办小李'], ['qq', '12345679']]);
  added.mailA = await sellerWith('mail-a', [['email', 'zhengshu_wang@163.com']]);
  added.mailB = await sellerWith('mail-b', [['email', 'zhengshu_wang1@163.com']]);
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

describe('lookalike sellers', () => {
  it('finds the seller with a near-copy of a WeChat id and names the pair', async () => {
    const found = await findLookalikeSellers(ctx.db, ids.sellers.electric, [
      { kind: 'wechat', value: 'dgz_wang888' },
      { kind: 'phone', value: '13812345678' },
    ]);
    expect(found.map((f) => f.seller_id)).toEqual([added.rotated]);
    expect(found[0]!.pairs[0]).toMatchObject({ kind: 'wechat', ours: 'dgz_wang888', theirs: 'dgz_wang889' });
    expect(found[0]!.pairs[0]!.similarity).toBeGreaterThanOrEqual(0.9);
  });

  it('works in both directions and ignores phones, short ids and the seller itself', async () => {
    expect((await findLookalikeSellers(ctx.db, added.rotated, [{ kind: 'wechat', value: 'dgz_wang889' }])).map((f) => f.seller_id)).toEqual([ids.sellers.electric]);
    expect(await findLookalikeSellers(ctx.db, added.nearPhone, [{ kind: 'phone', value: '13812345679' }])).toEqual([]);
    expect(await findLookalikeSellers(ctx.db, ids.sellers.electric, [{ kind: 'wechat', value: 'dgz' }])).toEqual([]);
  });

  it('leaves sellers already linked by a shared contact to the linked list', async () => {
    // The linked seller shares the welder's WeChat id outright: a link, not a lookalike.
    const welder = await loadSeller(ctx.db, ids.sellers.welder);
    expect(welder!.linked.map((l) => l.seller_id)).toContain(ids.sellers.linked);
    expect(welder!.lookalikes.map((l) => l.seller_id)).not.toContain(ids.sellers.linked);
  });

  it('shows the hint on the seller page, escaped, with a link to the other seller', async () => {
    const alice = new DashboardClient(dash.url);
    await alice.login('alice', PASSWORDS.alice);
    const page = await (await alice.get(`/sellers/${ids.sellers.electric}`)).text();
    expect(page).toContain('疑似同一卖家');
    expect(page).toContain(`href="/sellers/${added.rotated}"`);
    expect(page).toContain('dgz_wang888 ≈ dgz_wang889');
    expect(page).not.toContain(`href="/sellers/${added.otherId}"`);
  });

  it('compares strong identifiers only: forum handles on one site never look alike, near e-mails do', async () => {
    const a = await loadSeller(ctx.db, added.handleA!);
    expect(a!.lookalikes).toEqual([]);
    expect(await findLookalikeSellers(ctx.db, added.handleA!, [{ kind: 'handle', value: '127.0.0.3:8900|电工证代办小王' }, { kind: 'qq', value: '12345678' }])).toEqual([]);
    const m = await findLookalikeSellers(ctx.db, added.mailA!, [{ kind: 'email', value: 'zhengshu_wang@163.com' }]);
    expect(m.map((x) => x.seller_id)).toEqual([added.mailB]);
  });

  it("lists a seller's splits on its page, on both sides", async () => {
    await ctx.db.query(`INSERT INTO seller_splits (kept_id, split_id, listing_ids, reason) VALUES ($1, $2, '{1}', 'unlinked')`, [added.mailA, added.mailB]);
    const alice = new DashboardClient(dash.url);
    await alice.login('alice', PASSWORDS.alice);
    for (const id of [added.mailA, added.mailB]) {
      const page = await (await alice.get(`/sellers/${id}`)).text();
      expect(page).toContain('拆分记录');
      expect(page).toContain(`<a href="/sellers/${added.mailA}">#${added.mailA}</a> → <a href="/sellers/${added.mailB}">#${added.mailB}</a>`);
    }
  });
});

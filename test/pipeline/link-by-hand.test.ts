// Joins and separations by hand on real Postgres and PGlite: they are logged and audited, and
// every later link job keeps them, whichever listing it starts from and whatever new posts arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markVanished } from '../../pipeline/storage/listings.js';
import { linkListing } from '../../pipeline/linking/link-listing.js';
import { joinSellersByHand, LinkByHandError, separateListingsByHand, type HandActor } from '../../pipeline/linking/link-by-hand.js';
import { resolveSeller } from '../../pipeline/storage/sellers.js';
import type { ContactRef } from '../../pipeline/storage/contacts.js';
import { linkingDatabase, type LinkingDb } from '../support/linking-db.js';
import { listingInput as listing } from '../support/listing-input.js';

const phone = (v: string): ContactRef => ({ kind: 'phone', value: v, origin: 'text' });
const wechat = (v: string): ContactRef => ({ kind: 'wechat', value: v, origin: 'text' });
const analyst: HandActor = { username: 'ana', mayReshapeReferred: false };
const supervisor: HandActor = { username: 'sup', mayReshapeReferred: true };

describe.each(['postgres', 'pglite'] as const)('sellers joined and separated by hand on %s', (kind) => {
  let db: LinkingDb;
  let t: LinkingDb['t'];
  let add: LinkingDb['add'];
  let sellerOf: LinkingDb['sellerOf'];
  beforeAll(async () => {
    db = await linkingDatabase(kind);
    ({ t, add, sellerOf } = db);
  });
  afterAll(async () => db?.t.drop());

  it('keeps two sellers joined by hand together through later link jobs, and audits the join', async () => {
    const [a] = await add(listing({ contacts: [phone('13700000001')] }));
    const [b] = await add(listing({ contacts: [wechat('join_b_2024')] }));
    const sa = (await linkListing(t.db, a!)).sellerId!;
    const sb = (await linkListing(t.db, b!)).sellerId!;
    expect(sa).not.toBe(sb);

    const r = await joinSellersByHand(t.db, [sb, sa], analyst, '同一人，换号');
    expect(r).toMatchObject({ survivor: sa, merged: [sb] });
    // No contact connects them; without the join each link job would split them apart again.
    for (const id of [b!, a!, b!]) expect((await linkListing(t.db, id)).sellerId).toBe(sa);
    // A new post with b's WeChat reaches the joined seller too.
    const [c] = await add(listing({ contacts: [wechat('join_b_2024')] }));
    expect((await linkListing(t.db, c!)).sellerId).toBe(sa);
    expect(await resolveSeller(t.db, sb)).toBe(sa);

    const audit = await t.db.query<{ action: string; actor: string; seller_id: number; detail: Record<string, unknown> }>(
      `SELECT action, actor, seller_id, detail FROM audit_log WHERE action = 'seller.join'`,
    );
    expect(audit.rows).toEqual([expect.objectContaining({ actor: 'ana', seller_id: sa, detail: expect.objectContaining({ merged: [sb], reason: '同一人，换号' }) })]);
    await expect(joinSellersByHand(t.db, [sa, sb], analyst, 'again')).rejects.toThrow(LinkByHandError);
  });

  it('keeps listings separated by hand apart although they share a phone, from either side and for new posts', async () => {
    const shared = phone('13700000002');
    const [x, y, z] = await add(
      listing({ contacts: [shared, wechat('sep_x_2024')] }),
      listing({ contacts: [shared] }),
      listing({ contacts: [shared, wechat('sep_z_2024')] }),
    );
    for (const id of [x!, y!, z!]) await linkListing(t.db, id);
    const seller = await sellerOf(x!);
    expect(await sellerOf(z!)).toBe(seller);

    const r = await separateListingsByHand(t.db, seller, [z!], analyst, '中介转发，不是同一卖家');
    expect(r.sellerId).toBe(seller);
    expect(await sellerOf(z!)).toBe(r.newSellerId);
    // Link jobs from every listing, in either order, leave the separation standing.
    for (const id of [z!, x!, y!, z!]) await linkListing(t.db, id);
    expect(await sellerOf(x!)).toBe(seller);
    expect(await sellerOf(y!)).toBe(seller);
    expect(await sellerOf(z!)).toBe(r.newSellerId);
    // A new post with only z's WeChat joins z's side; one with the shared phone joins the older side.
    const [w1, w2] = await add(listing({ contacts: [wechat('sep_z_2024')] }), listing({ contacts: [shared] }));
    await linkListing(t.db, w1!);
    await linkListing(t.db, w2!);
    expect(await sellerOf(w1!)).toBe(r.newSellerId);
    expect(await sellerOf(w2!)).toBe(seller);

    const splits = await t.db.query(`SELECT kept_id, split_id, listing_ids, reason, actor FROM seller_splits WHERE reason = 'by hand'`);
    expect(splits.rows).toEqual([{ kept_id: seller, split_id: r.newSellerId, listing_ids: [z!], reason: 'by hand', actor: 'ana' }]);
    const status = await t.db.query<{ status: string }>(`SELECT status FROM sellers WHERE id = $1`, [r.newSellerId]);
    expect(status.rows[0]!.status).toBe('new');
  });

  it('undoes a separation when the same two are joined by hand, and a join when part of it is separated', async () => {
    const shared = phone('13700000003');
    const [p, q2] = await add(listing({ contacts: [shared] }), listing({ contacts: [shared] }));
    await linkListing(t.db, p!);
    await linkListing(t.db, q2!);
    const seller = await sellerOf(p!);
    const sep = await separateListingsByHand(t.db, seller, [q2!], analyst, 'apart');
    const joined = await joinSellersByHand(t.db, [seller, sep.newSellerId], analyst, 'together after all');
    expect(joined.revoked).toBe(1);
    await linkListing(t.db, q2!);
    expect(await sellerOf(q2!)).toBe(await sellerOf(p!));

    // Separating q2 again leaves the join (which bound p and q2) standing for nothing but p.
    const again = await separateListingsByHand(t.db, joined.survivor, [q2!], analyst, 'apart again');
    for (const id of [p!, q2!]) await linkListing(t.db, id);
    expect(await sellerOf(q2!)).toBe(again.newSellerId);
    expect(await sellerOf(p!)).toBe(joined.survivor);
  });

  it('refuses what makes no sense, and lets only a supervisor reshape a referred case', async () => {
    const [m, n, o] = await add(
      listing({ contacts: [phone('13700000004')] }),
      listing({ contacts: [phone('13700000004')] }),
      listing({ flagged: false, score: 0.1, contacts: [] }),
    );
    await linkListing(t.db, m!);
    await linkListing(t.db, n!);
    const seller = await sellerOf(m!);
    await expect(separateListingsByHand(t.db, seller, [], analyst, '')).rejects.toMatchObject({ status: 400 });
    await expect(separateListingsByHand(t.db, seller, [o!], analyst, '')).rejects.toMatchObject({ status: 400 });
    await expect(separateListingsByHand(t.db, seller, [m!, n!], analyst, '')).rejects.toMatchObject({ status: 409 });

    await t.db.query(`UPDATE sellers SET status = 'referred' WHERE id = $1`, [seller]);
    await expect(separateListingsByHand(t.db, seller, [n!], analyst, '')).rejects.toMatchObject({ status: 403 });
    const r = await separateListingsByHand(t.db, seller, [n!], supervisor, 'supervisor decided');
    expect(await sellerOf(n!)).toBe(r.newSellerId);
  });

  it('keeps a separation when a listing on one side is removed from the web', async () => {
    const shared = wechat('gone_side_2024');
    const gonePage = await db.newPage('gone');
    const [g1, g2, g3] = await add(listing({ pageId: gonePage, contacts: [shared] }), listing({ contacts: [shared] }), listing({ contacts: [shared] }));
    for (const id of [g1!, g2!, g3!]) await linkListing(t.db, id);
    const seller = await sellerOf(g1!);
    const r = await separateListingsByHand(t.db, seller, [g3!], analyst, 'apart');
    await markVanished(t.db, gonePage, [], new Date());
    for (const id of [g1!, g2!, g3!]) await linkListing(t.db, id);
    expect(await sellerOf(g2!)).toBe(seller);
    expect(await sellerOf(g3!)).toBe(r.newSellerId);
  });
});

// Seller linking on real Postgres and PGlite: shared strong contacts form one seller, merges keep
// the older id and are recorded, reply floors lend contacts, handles never merge, only flagged posts
// make sellers, and an edited or removed post that held a seller together splits it (logged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertListings, type ListingInput } from '../../pipeline/storage/listings.js';
import { linkListing } from '../../pipeline/linking/link-listing.js';
import { resolveSeller } from '../../pipeline/storage/sellers.js';
import { component } from '../../pipeline/linking/component.js';
import { liveSellersOf } from '../../pipeline/storage/seller-links.js';
import { markVanished } from '../../pipeline/storage/listings.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import type { ContactRef } from '../../pipeline/storage/contacts.js';
import { testDatabase, type TestDatabase } from '../support/services.js';
import { listingInput } from '../support/listing-input.js';

const listing = listingInput;
const phone = (v: string): ContactRef => ({ kind: 'phone', value: v, origin: 'text' });
const wechat = (v: string): ContactRef => ({ kind: 'wechat', value: v, origin: 'text' });

describe.each(['postgres', 'pglite'] as const)('linking on %s', (kind) => {
  let t: TestDatabase;
  let pageId: number;
  beforeAll(async () => {
    t = await testDatabase(kind);
    await t.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('src', 'S', 'discuz', 'http')`);
    pageId = (await t.db.query<{ id: number }>(
      `INSERT INTO pages (url, final_url, source_id, status, render, sha256, fetched_at) VALUES ('http://forum.test/p', 'http://forum.test/p', 'src', 200, 'http', 'x', now()) RETURNING id`,
    )).rows[0]!.id;
  });
  afterAll(async () => t?.drop());

  async function add(...inputs: ListingInput[]): Promise<number[]> {
    const r = await t.db.tx((q) => upsertListings(q, inputs.map((i) => ({ ...i, pageId })), new Date()));
    return r.map((x) => x.id);
  }

  it('joins listings that share a contact and merges two sellers into the older id', async () => {
    const [a] = await add(listing({ contacts: [phone('13800000001')] }));
    const [b] = await add(listing({ contacts: [wechat('seller_b')] }));
    const ra = await linkListing(t.db, a!);
    const rb = await linkListing(t.db, b!);
    expect(ra.created).toBe(true);
    expect(rb.created).toBe(true);
    expect(rb.sellerId).toBeGreaterThan(ra.sellerId!);
    // A third post shows both contacts: the two sellers are one.
    const [c] = await add(listing({ contacts: [phone('13800000001'), wechat('seller_b')] }));
    const rc = await linkListing(t.db, c!);
    expect(rc.sellerId).toBe(ra.sellerId);
    expect(rc.merged).toBe(1);
    expect(await resolveSeller(t.db, rb.sellerId!)).toBe(ra.sellerId);
    const merges = await t.db.query(`SELECT survivor_id, merged_id FROM seller_merges`);
    expect(merges.rows).toEqual([{ survivor_id: ra.sellerId, merged_id: rb.sellerId }]);
    // Linking again changes nothing (at-least-once delivery).
    const again = await linkListing(t.db, c!);
    expect(again).toMatchObject({ sellerId: ra.sellerId, created: false, merged: 0, members: 3 });
    const leads = await listLeads(t.db, { sellerIds: [ra.sellerId!] });
    expect(leads[0]!.contacts).toEqual([{ kind: 'phone', value: '13800000001' }, { kind: 'wechat', value: 'seller_b' }]);
    expect(leads[0]!.listings).toHaveLength(3);
    expect(leads[0]!.mergedIds).toEqual([rb.sellerId]);
  });

  it('never makes a seller from unflagged posts, even when they share a contact', async () => {
    const [x] = await add(listing({ flagged: false, score: 0.1, contacts: [phone('13900000009')] }));
    const [y] = await add(listing({ flagged: false, score: 0.1, contacts: [phone('13900000009')] }));
    expect((await linkListing(t.db, x!)).sellerId).toBeUndefined();
    expect((await linkListing(t.db, y!)).sellerId).toBeUndefined();
    // A flagged post with that phone does not pull the unflagged ones in.
    const [z] = await add(listing({ contacts: [phone('13900000009')] }));
    const rz = await linkListing(t.db, z!);
    expect(rz.members).toBe(1);
  });

  it("takes the seller's contact from a reply floor by the same author in the same thread", async () => {
    const thread = 'forum.test/thread-reply';
    // Analysis gives a real account a handle contact (generic names get none).
    const h: ContactRef = { kind: 'handle', value: 'forum.test|证书王', origin: 'author' };
    const [ad] = await add(listing({ threadKey: thread, authorHandle: '证书王', contacts: [h] }));
    const replyPost = listing({ threadKey: thread, authorHandle: '证书王', flagged: false, score: 0.2, position: 5, contacts: [h, wechat('zsw888')] });
    const [reply] = await add(replyPost);
    const [other] = await add(listing({ contacts: [wechat('zsw888')] }));
    const r1 = await linkListing(t.db, reply!);
    expect(r1.sellerId).toBeDefined();
    const r2 = await linkListing(t.db, other!);
    expect(r2.sellerId).toBe(r1.sellerId);
    const adRow = await t.db.query<{ seller_id: number }>(`SELECT seller_id FROM listings WHERE id = $1`, [ad]);
    expect(adRow.rows[0]!.seller_id).toBe(r1.sellerId);
    const lead = (await listLeads(t.db, { sellerIds: [r1.sellerId!] }))[0]!;
    expect(lead.contacts).toContainEqual({ kind: 'wechat', value: 'zsw888' });
    // The reply is not a flagged listing of the lead.
    expect(lead.listings.map((l) => l.url)).not.toContain(replyPost.url);
  });

  it('never merges two posts on a shared handle alone, but keeps the handle as a hint', async () => {
    const h: ContactRef = { kind: 'handle', value: 'forum.test|电工证代办', origin: 'author' };
    const [a] = await add(listing({ contacts: [h, phone('13700000007')] }));
    const [b] = await add(listing({ contacts: [h] }));
    const ra = await linkListing(t.db, a!);
    const rb = await linkListing(t.db, b!);
    expect(rb.sellerId).toBeDefined();
    expect(rb.sellerId).not.toBe(ra.sellerId);
    expect(rb).toMatchObject({ merged: 0, members: 1 });
    const lead = (await listLeads(t.db, { sellerIds: [ra.sellerId!] }))[0]!;
    expect(lead.handles).toEqual(['forum.test|电工证代办']);
    expect(lead.contacts).toEqual([{ kind: 'phone', value: '13700000007' }]);
  });

  it('lends nothing through the reply floors of a placeholder author such as 匿名用户', async () => {
    // Analysis records no handle contact for a generic name: two anonymous posters in one thread are two people.
    const thread = 'forum.test/thread-anon';
    const [ad] = await add(listing({ threadKey: thread, authorHandle: '匿名用户', contacts: [phone('13500000005')] }));
    const [reply] = await add(listing({ threadKey: thread, authorHandle: '匿名用户', flagged: false, score: 0.2, position: 3, contacts: [wechat('anon_reply_1')] }));
    const [other] = await add(listing({ contacts: [wechat('anon_reply_1')] }));
    const rad = await linkListing(t.db, ad!);
    expect(await linkListing(t.db, reply!)).toMatchObject({ members: 0 });
    const rother = await linkListing(t.db, other!);
    expect(rother.sellerId).not.toBe(rad.sellerId);
    expect(rad.members).toBe(1);
  });

  it('keeps a referred status when a referred seller is merged into an older one', async () => {
    const [a] = await add(listing({ contacts: [phone('13600000006')] }));
    const [b] = await add(listing({ contacts: [phone('13600000066')] }));
    const sa = (await linkListing(t.db, a!)).sellerId!;
    const sb = (await linkListing(t.db, b!)).sellerId!;
    await t.db.query(`UPDATE sellers SET status = 'referred' WHERE id = $1`, [sb]);
    const [c] = await add(listing({ contacts: [phone('13600000006'), phone('13600000066')] }));
    expect((await linkListing(t.db, c!)).sellerId).toBe(sa);
    const s = await t.db.query<{ status: string }>(`SELECT status FROM sellers WHERE id = $1`, [sa]);
    expect(s.rows[0]!.status).toBe('referred');
    expect(await resolveSeller(t.db, sb)).toBe(sa);
  });

  it('splits a seller when an edited post drops the only shared phone, keeps the older id and logs the split', async () => {
    const shared = phone('13300000003');
    const older = listing({ contacts: [shared, wechat('split_a')] });
    const [a] = await add(older);
    const [b] = await add(listing({ contacts: [shared] }));
    const [c] = await add(listing({ contacts: [wechat('split_a')] }));
    const sa = (await linkListing(t.db, a!)).sellerId!;
    expect((await linkListing(t.db, b!)).sellerId).toBe(sa);
    expect((await linkListing(t.db, c!)).sellerId).toBe(sa);
    // The older post is edited: the phone is gone, a new one is there. Its upsert drops the old contact.
    const edited = await t.db.tx((q) =>
      upsertListings(q, [{ ...older, pageId, body: 'edited', bodySha: `${older.bodySha}-2`, contacts: [phone('13300000033'), wechat('split_a')] }], new Date()),
    );
    expect(edited[0]).toMatchObject({ outcome: 'updated', contactsDropped: 1, contactsAdded: 1 });
    const r = await linkListing(t.db, a!);
    // a and c still share the WeChat id: two flagged posts, the larger part, keep the id; b leaves.
    expect(r).toMatchObject({ sellerId: sa, split: 1, members: 2 });
    const sellerOf = async (id: number) => (await t.db.query<{ seller_id: number }>(`SELECT seller_id FROM listings WHERE id = $1`, [id])).rows[0]!.seller_id;
    const sb = await sellerOf(b!);
    expect(sb).not.toBe(sa);
    expect(await sellerOf(c!)).toBe(sa);
    const log = await t.db.query(`SELECT kept_id, split_id, listing_ids, reason FROM seller_splits WHERE kept_id = $1`, [sa]);
    expect(log.rows).toEqual([{ kept_id: sa, split_id: sb, listing_ids: [b], reason: 'unlinked' }]);
    const dropped = await t.db.query(`SELECT reason FROM listing_contacts_dropped WHERE listing_id = $1`, [a]);
    expect(dropped.rows).toEqual([{ reason: 'edited' }]);
    // Linking again changes nothing, and b's own job keeps it where it is.
    expect(await linkListing(t.db, a!)).toMatchObject({ sellerId: sa, split: 0, merged: 0 });
    expect(await linkListing(t.db, b!)).toMatchObject({ sellerId: sb, split: 0, merged: 0, members: 1 });
  });

  it('keeps the id with the older part when the parts are equal, and carries a confirmed status to the new part', async () => {
    const shared = phone('13200000002');
    const first = listing({ contacts: [shared] });
    const [a] = await add(first);
    const [b] = await add(listing({ contacts: [shared] }));
    const sa = (await linkListing(t.db, a!)).sellerId!;
    expect((await linkListing(t.db, b!)).sellerId).toBe(sa);
    await t.db.query(`UPDATE sellers SET status = 'confirmed' WHERE id = $1`, [sa]);
    // The newer post is edited and the shared phone is gone: its own link job splits it off.
    const later = await t.db.query<{ url: string }>(`SELECT url FROM listings WHERE id = $1`, [b]);
    await t.db.tx((q) => upsertListings(q, [{ ...listing({ contacts: [phone('13200000022')] }), url: later.rows[0]!.url, pageId }], new Date()));
    const r = await linkListing(t.db, b!);
    expect(r.sellerId).not.toBe(sa);
    expect(r).toMatchObject({ created: true, split: 1 });
    const sellers = await t.db.query<{ id: number; status: string }>(`SELECT id, status FROM sellers WHERE id = ANY($1::int[]) ORDER BY id`, [[sa, r.sellerId]]);
    expect(sellers.rows).toEqual([{ id: sa, status: 'confirmed' }, { id: r.sellerId, status: 'confirmed' }]);
    const log = await t.db.query(`SELECT kept_id, split_id, listing_ids FROM seller_splits WHERE kept_id = $1`, [sa]);
    expect(log.rows).toEqual([{ kept_id: sa, split_id: r.sellerId, listing_ids: [b] }]);
  });

  it('splits a seller when the removed post was the only link, and the removed post stays with the older id', async () => {
    const gonePage = (await t.db.query<{ id: number }>(
      // Its content is the one analysed below (a removal is only made for content the page holds).
      `INSERT INTO pages (url, final_url, source_id, status, render, sha256, content_sha256, fetched_at) VALUES ('http://forum.test/gone', 'http://forum.test/gone', 'src', 200, 'http', 'y', 'page-sha', now()) RETURNING id`,
    )).rows[0]!.id;
    const [bridge] = await t.db.tx(async (q) => (await upsertListings(q, [{ ...listing({ contacts: [phone('13100000001'), wechat('gone_b')] }), pageId: gonePage }], new Date())).map((x) => x.id));
    const [left] = await add(listing({ contacts: [phone('13100000001')] }));
    const [right] = await add(listing({ contacts: [wechat('gone_b')] }));
    const [right2] = await add(listing({ contacts: [wechat('gone_b')] }));
    const s = (await linkListing(t.db, bridge!)).sellerId!;
    for (const id of [left, right, right2]) expect((await linkListing(t.db, id!)).sellerId).toBe(s);
    const gone = await markVanished(t.db, gonePage, [], new Date(), 'page-sha');
    expect(gone).toEqual([expect.objectContaining({ id: bridge, seller_id: s })]);
    // A seller's post went: the page stays unmarked until its link job is queued.
    expect((await t.db.query(`SELECT analyzed_sha256 FROM pages WHERE id = $1`, [gonePage])).rows[0]).toEqual({ analyzed_sha256: null });
    const r = await linkListing(t.db, bridge!);
    expect(r).toMatchObject({ sellerId: s, split: 1 });
    const rows = await t.db.query<{ id: number; seller_id: number }>(`SELECT id, seller_id FROM listings WHERE id = ANY($1::int[]) ORDER BY id`, [[bridge, left, right, right2]]);
    const by = new Map(rows.rows.map((x) => [x.id, x.seller_id]));
    // The two posts sharing the WeChat id are the larger part: they keep the id, with the removed post.
    expect(by.get(right!)).toBe(s);
    expect(by.get(right2!)).toBe(s);
    expect(by.get(bridge!)).toBe(s);
    expect(by.get(left!)).not.toBe(s);
    const log = await t.db.query(`SELECT kept_id, split_id, listing_ids FROM seller_splits WHERE kept_id = $1`, [s]);
    expect(log.rows).toEqual([{ kept_id: s, split_id: by.get(left!), listing_ids: [left] }]);
  });
  it('follows a chain of merges to the live seller in the search and in its fallback, as resolveSeller does', async () => {
    // Old data can hold merges more than one hop deep (mergeSellers keeps new ones one hop deep).
    const [a, b] = await add(listing({ contacts: [phone('13800000071')] }), listing({ contacts: [phone('13800000071')] }));
    const ids = (await t.db.query<{ id: number }>(`INSERT INTO sellers (score) VALUES (0), (0), (0) RETURNING id`)).rows.map((r) => r.id);
    const [s1, s2, s3] = ids as [number, number, number];
    await t.db.query(`UPDATE sellers SET merged_into = $2 WHERE id = $1`, [s1, s2]);
    await t.db.query(`UPDATE sellers SET merged_into = $2 WHERE id = $1`, [s2, s3]);
    await t.db.query(`UPDATE listings SET seller_id = $2 WHERE id = $1`, [a, s1]);
    const lone = (await t.db.query<{ id: number }>(`INSERT INTO sellers DEFAULT VALUES RETURNING id`)).rows[0]!.id;
    expect(await resolveSeller(t.db, s1)).toBe(s3);

    const c = await component(t.db, [a!], [s2, lone]);
    expect(c.members.sort((x, y) => x - y)).toEqual([a, b]);
    // b holds no seller: the roots are a's live seller only; the asked ids resolve like resolveSeller.
    expect(c.sellers).toEqual({ roots: [s3], live: new Map([[s2, s3], [lone, lone]]) });
    const fallback = await liveSellersOf(t.db, [a!, b!], [s2, lone]);
    expect(fallback.roots).toEqual([s3]);
    expect([fallback.live.get(s2), fallback.live.get(lone), fallback.live.get(s1)]).toEqual([s3, lone, s3]);

    // Linking takes the component into the live seller, not a merged one.
    const r = await linkListing(t.db, b!);
    expect(r).toMatchObject({ sellerId: s3, created: false, members: 2 });
    const held = await t.db.query<{ seller_id: number }>(`SELECT seller_id FROM listings WHERE id = ANY($1::int[]) ORDER BY id`, [[a, b]]);
    expect(held.rows.map((x) => x.seller_id)).toEqual([s3, s3]);
    const score = await t.db.query<{ score: number }>(`SELECT score FROM sellers WHERE id = $1`, [s3]);
    const top = await t.db.query<{ m: number }>(`SELECT max(score) AS m FROM listings WHERE id = ANY($1::int[])`, [[a, b]]);
    expect(score.rows[0]!.score).toBeCloseTo(top.rows[0]!.m, 4);
  });
});

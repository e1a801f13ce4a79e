// Seller linking on real Postgres and PGlite: shared contacts form one seller, merges keep
// the older id and are recorded, reply floors lend contacts, and only flagged posts make sellers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertListings, type ListingInput } from '../../pipeline/storage/listings.js';
import { linkListing } from '../../pipeline/linking/link-listing.js';
import { resolveSeller } from '../../pipeline/storage/sellers.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import type { ContactRef } from '../../pipeline/storage/contacts.js';
import { testDatabase, type TestDatabase } from '../support/services.js';

let n = 0;
function listing(over: Partial<ListingInput> & { contacts: ContactRef[] }): ListingInput {
  n++;
  return {
    url: `http://forum.test/thread-${n}-1-1.html#post_${n}`,
    pageId: 0,
    sourceId: 'src',
    platform: 'discuz',
    position: 0,
    threadKey: `forum.test/thread-${n}`,
    authorHandle: `user${n}`,
    authorUrl: null,
    postedAt: null,
    title: 't',
    body: `body ${n}`,
    normalizedBody: `body ${n}`,
    bodySha: `sha${n}`,
    images: [],
    links: [],
    score: 0.9,
    flagged: true,
    review: false,
    modelVersion: 'm1',
    certTypes: [{ code: '1.2', label: '低压电工作业', authority: 'mem' }],
    reasons: [],
    ...over,
  };
}
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
    const [ad] = await add(listing({ threadKey: thread, authorHandle: '证书王', contacts: [] }));
    const [reply] = await add(listing({ threadKey: thread, authorHandle: '证书王', flagged: false, score: 0.2, position: 5, contacts: [wechat('zsw888')] }));
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
    expect(lead.listings.map((l) => l.url)).not.toContain(expect.stringContaining(`#post_${n - 1}`));
  });

  it('links by the same author handle on the same platform', async () => {
    const h: ContactRef = { kind: 'handle', value: 'forum.test|电工证代办', origin: 'author' };
    const [a] = await add(listing({ contacts: [h, phone('13700000007')] }));
    const [b] = await add(listing({ contacts: [h] }));
    const ra = await linkListing(t.db, a!);
    expect((await linkListing(t.db, b!)).sellerId).toBe(ra.sellerId);
    const lead = (await listLeads(t.db, { sellerIds: [ra.sellerId!] }))[0]!;
    expect(lead.handles).toEqual(['forum.test|电工证代办']);
    expect(lead.contacts).toEqual([{ kind: 'phone', value: '13700000007' }]);
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
});

// `certwatch relink` on real Postgres: a seller that older rules made from a shared forum handle
// comes apart, a seller held by a shared phone stays whole, and a join by hand is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relinkAll } from '../../pipeline/linking/relink-all.js';
import { joinSellersByHand } from '../../pipeline/linking/link-by-hand.js';
import { linkListing } from '../../pipeline/linking/link-listing.js';
import type { ContactRef } from '../../pipeline/storage/contacts.js';
import { linkingDatabase, type LinkingDb } from '../support/linking-db.js';
import { listingInput as listing } from '../support/listing-input.js';

const phone = (v: string): ContactRef => ({ kind: 'phone', value: v, origin: 'text' });
const handle = (v: string): ContactRef => ({ kind: 'handle', value: `forum.test|${v}`, origin: 'author' });

describe('relinking an upgraded install', () => {
  let db: LinkingDb;
  let t: LinkingDb['t'];
  let add: LinkingDb['add'];
  let sellerOf: LinkingDb['sellerOf'];
  beforeAll(async () => {
    db = await linkingDatabase('postgres');
    ({ t, add, sellerOf } = db);
  });
  afterAll(async () => db?.t.drop());

  it('splits what a handle joined, keeps what a phone joins, and keeps joins by hand', async () => {
    // As the old rules left it: two posts by different people under one generic-looking handle, one seller.
    const [a, b] = await add(listing({ contacts: [handle('客服'), phone('13600000001')] }), listing({ contacts: [handle('客服'), phone('13600000002')] }));
    const [c, d] = await add(listing({ contacts: [phone('13600000003')] }), listing({ contacts: [phone('13600000003')] }));
    const [e, f] = await add(listing({ contacts: [phone('13600000004')] }), listing({ contacts: [phone('13600000005')] }));
    const old = (await t.db.query<{ id: number }>(`INSERT INTO sellers DEFAULT VALUES RETURNING id`)).rows[0]!.id;
    await t.db.query(`UPDATE listings SET seller_id = $1 WHERE id = ANY($2::int[])`, [old, [a, b]]);
    for (const id of [c!, d!, e!, f!]) await linkListing(t.db, id);
    await joinSellersByHand(t.db, [await sellerOf(e!), await sellerOf(f!)], { username: 'ana', mayReshapeReferred: false }, 'one seller');

    const report = await relinkAll(t.db);
    expect(report.listings).toBe(6);
    expect(await sellerOf(a!)).not.toBe(await sellerOf(b!));
    expect(await sellerOf(c!)).toBe(await sellerOf(d!));
    expect(await sellerOf(e!)).toBe(await sellerOf(f!));
    expect(report).toMatchObject({ sellersBefore: 3, sellersAfter: 4 });
    const splits = await t.db.query(`SELECT kept_id FROM seller_splits WHERE kept_id = $1`, [old]);
    expect(splits.rows).toHaveLength(1);
    // A second pass finds nothing to change.
    expect(await relinkAll(t.db)).toMatchObject({ created: 0, merged: 0, split: 0, sellersAfter: 4 });
  });
});

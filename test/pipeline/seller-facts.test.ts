// The lead rule's facts kept on each seller by triggers (migration 013), on Postgres and PGlite:
// they follow every change the pipeline makes to listings and contacts, and always equal the facts
// computed from scratch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markVanished, type ListingInput } from '../../pipeline/storage/listings.js';
import { linkListing } from '../../pipeline/linking/link-listing.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import type { ContactRef } from '../../pipeline/storage/contacts.js';
import { linkingDatabase, type LinkingDb } from '../support/linking-db.js';
import { listingInput as listing } from '../support/listing-input.js';

const phone = (v: string): ContactRef => ({ kind: 'phone', value: v, origin: 'text' });
const handle = (v: string): ContactRef => ({ kind: 'handle', value: `forum.test|${v}`, origin: 'author' });

describe.each(['postgres', 'pglite'] as const)('seller facts on %s', (kind) => {
  let db: LinkingDb;
  let t: LinkingDb['t'];
  let pageId: number;
  beforeAll(async () => {
    db = await linkingDatabase(kind);
    ({ t, pageId } = db);
  });
  afterAll(async () => db?.t.drop());

  const add = (page: number, ...inputs: ListingInput[]) => db.add(...inputs.map((i) => ({ ...i, pageId: page })));
  const facts = async (sellerId: number) =>
    (await t.db.query<{ has_flagged: boolean; has_flagged_or_review: boolean; reach_kinds: string[] }>(
      `SELECT has_flagged, has_flagged_or_review, reach_kinds FROM sellers WHERE id = $1`,
      [sellerId],
    )).rows[0]!;
  // The same facts from scratch: what the triggers must always agree with.
  const drift = async () =>
    (await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sellers s WHERE
         s.has_flagged IS DISTINCT FROM EXISTS (SELECT 1 FROM listings l WHERE l.seller_id = s.id AND l.flagged)
         OR s.has_flagged_or_review IS DISTINCT FROM EXISTS (SELECT 1 FROM listings l WHERE l.seller_id = s.id AND (l.flagged OR l.review))
         OR s.reach_kinds IS DISTINCT FROM ARRAY(SELECT k FROM (
              SELECT c.kind AS k FROM listings l JOIN listing_contacts lc ON lc.listing_id = l.id JOIN contacts c ON c.id = lc.contact_id WHERE l.seller_id = s.id
              UNION SELECT 'image' FROM listings l WHERE l.seller_id = s.id AND l.flagged AND jsonb_array_length(l.images) > 0) x ORDER BY k)`,
    )).rows[0]!.n;

  it('follows linking, edits, removals and flags, and never drifts from the listings', async () => {
    const gonePage = await db.newPage('g');
    const [a] = await add(gonePage, listing({ contacts: [phone('13500000001'), handle('王')] }));
    const [b] = await add(pageId, listing({ contacts: [handle('王')], flagged: false, review: true, score: 0.4, images: ['http://forum.test/qr.png'] as never }));
    const seller = (await linkListing(t.db, a!)).sellerId!;
    expect(await facts(seller)).toEqual({ has_flagged: true, has_flagged_or_review: true, reach_kinds: ['handle', 'phone'] });
    expect((await listLeads(t.db)).map((l) => l.id)).toContain(seller);

    // The review-band post joins through nothing strong: put it in the seller by hand, as a merge would.
    await t.db.query(`UPDATE listings SET seller_id = $1 WHERE id = $2`, [seller, b]);
    expect((await facts(seller)).reach_kinds).toEqual(['handle', 'phone']);
    // Flagged with its picture: an image now reaches the seller too.
    await t.db.query(`UPDATE listings SET flagged = true WHERE id = $1`, [b]);
    expect((await facts(seller)).reach_kinds).toEqual(['handle', 'image', 'phone']);
    await t.db.query(`UPDATE listings SET flagged = false WHERE id = $1`, [b]);

    // The post with the phone is removed: its contacts go, the seller is reachable by a handle only.
    await markVanished(t.db, gonePage, [], new Date());
    expect(await facts(seller)).toEqual({ has_flagged: true, has_flagged_or_review: true, reach_kinds: ['handle'] });
    expect((await listLeads(t.db)).map((l) => l.id)).not.toContain(seller);
    expect((await listLeads(t.db, { view: 'review' })).map((l) => l.id)).toContain(seller);

    // Unflagged everywhere: neither a lead nor for review.
    await t.db.query(`UPDATE listings SET flagged = false, review = false WHERE seller_id = $1`, [seller]);
    expect(await facts(seller)).toEqual({ has_flagged: false, has_flagged_or_review: false, reach_kinds: ['handle'] });
    expect(await drift()).toBe(0);
  });
});

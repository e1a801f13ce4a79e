// Contacts are shared rows (kind + normal form): two listings pointing at one contact
// row is exactly the edge seller linking follows.
import type { Queryable } from './database.js';

export type StoredContactKind = 'phone' | 'wechat' | 'qq' | 'email' | 'url' | 'handle';

export interface ContactRef {
  kind: StoredContactKind;
  value: string;
  /** Where it was found: text, image, qr, reply, site, author. */
  origin: string;
}

/**
 * Attaches contacts to a listing in one statement (see setListingContacts for dropping the ones
 * the current version no longer shows). DO UPDATE (not DO NOTHING) so a contact another transaction just inserted
 * still returns its id; sorted input keeps concurrent upserts from deadlocking.
 */
export async function attachContacts(q: Queryable, listingId: number, contacts: ContactRef[]): Promise<number> {
  if (contacts.length === 0) return 0;
  const unique = [...new Map(contacts.map((c) => [`${c.kind}\u0000${c.value}`, c])).values()].sort((a, b) =>
    a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0,
  );
  const r = await q.query<{ contact_id: number }>(
    `WITH input AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS t(k, v, o)),
          up AS (INSERT INTO contacts (kind, value) SELECT k, v FROM input ORDER BY k, v
                 ON CONFLICT (kind, value) DO UPDATE SET kind = EXCLUDED.kind RETURNING id, kind, value)
     INSERT INTO listing_contacts (listing_id, contact_id, origin)
     SELECT $1, up.id, input.o FROM up JOIN input ON input.k = up.kind AND input.v = up.value
     ON CONFLICT DO NOTHING RETURNING contact_id`,
    [listingId, unique.map((c) => c.kind), unique.map((c) => c.value), unique.map((c) => c.origin)],
  );
  return r.rows.length;
}

export async function contactsOfListing(q: Queryable, listingId: number): Promise<{ id: number; kind: StoredContactKind; value: string }[]> {
  return (
    await q.query<{ id: number; kind: StoredContactKind; value: string }>(
      `SELECT c.id, c.kind, c.value FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id WHERE lc.listing_id = $1`,
      [listingId],
    )
  ).rows;
}

/**
 * Makes `contacts` the listing's contacts: those its current version no longer shows stop linking
 * (moved to listing_contacts_dropped, so what was seen stays on record). Returns added and dropped.
 */
export async function setListingContacts(q: Queryable, listingId: number, contacts: ContactRef[]): Promise<{ added: number; dropped: number }> {
  const dropped = await dropContacts(
    q,
    [listingId],
    'edited',
    contacts.map((c) => c.kind),
    contacts.map((c) => c.value),
  );
  return { added: await attachContacts(q, listingId, contacts), dropped };
}

/**
 * Drops the contacts of these listings, except the (kind, value) pairs given; 'gone' listings
 * lose them all. Returns how many listing–contact rows were dropped.
 */
export async function dropContacts(q: Queryable, listingIds: number[], reason: 'edited' | 'gone', keepKinds: string[] = [], keepValues: string[] = []): Promise<number> {
  if (listingIds.length === 0) return 0;
  const r = await q.query<{ n: number }>(
    `WITH d AS (
       DELETE FROM listing_contacts lc USING contacts c
       WHERE lc.listing_id = ANY($1::int[]) AND c.id = lc.contact_id
         AND (c.kind, c.value) NOT IN (SELECT * FROM unnest($3::text[], $4::text[]))
       RETURNING lc.listing_id, lc.contact_id, lc.origin),
     ins AS (INSERT INTO listing_contacts_dropped (listing_id, contact_id, origin, reason) SELECT listing_id, contact_id, origin, $2 FROM d)
     SELECT count(*)::int AS n FROM d`,
    [listingIds, reason, keepKinds, keepValues],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * setListingContacts for many listings in two statements: each listing's contacts become the ones
 * given (those it no longer shows are dropped, kept on record), new ones are attached. By listing id:
 * how many were added and dropped.
 */
export async function setContactsOfListings(
  q: Queryable,
  listings: { listingId: number; contacts: ContactRef[] }[],
): Promise<Map<number, { added: number; dropped: number }>> {
  const out = new Map<number, { added: number; dropped: number }>(listings.map((l) => [l.listingId, { added: 0, dropped: 0 }]));
  if (listings.length === 0) return out;
  const rows = listings.flatMap((l) => [...new Map(l.contacts.map((c) => [`${c.kind}\u0000${c.value}`, c])).values()].map((c) => ({ id: l.listingId, ...c })));
  const dropped = await q.query<{ listing_id: number; n: number }>(
    `WITH keep AS (SELECT * FROM unnest($2::int[], $3::text[], $4::text[]) AS k(listing_id, kind, value)),
     d AS (
       DELETE FROM listing_contacts lc USING contacts c
       WHERE lc.listing_id = ANY($1::int[]) AND c.id = lc.contact_id
         AND NOT EXISTS (SELECT 1 FROM keep k WHERE k.listing_id = lc.listing_id AND k.kind = c.kind AND k.value = c.value)
       RETURNING lc.listing_id, lc.contact_id, lc.origin),
     ins AS (INSERT INTO listing_contacts_dropped (listing_id, contact_id, origin, reason) SELECT listing_id, contact_id, origin, 'edited' FROM d)
     SELECT listing_id, count(*)::int AS n FROM d GROUP BY listing_id`,
    [listings.map((l) => l.listingId), rows.map((r) => r.id), rows.map((r) => r.kind), rows.map((r) => r.value)],
  );
  for (const r of dropped.rows) out.get(r.listing_id)!.dropped = Number(r.n);
  if (rows.length === 0) return out;
  // Sorted, as attachContacts: concurrent upserts of the same contacts never deadlock.
  rows.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : a.id - b.id));
  const added = await q.query<{ listing_id: number }>(
    `WITH input AS (SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS t(listing_id, k, v, o)),
          up AS (INSERT INTO contacts (kind, value) SELECT DISTINCT k, v FROM input ORDER BY k, v
                 ON CONFLICT (kind, value) DO UPDATE SET kind = EXCLUDED.kind RETURNING id, kind, value)
     INSERT INTO listing_contacts (listing_id, contact_id, origin)
     SELECT input.listing_id, up.id, input.o FROM up JOIN input ON input.k = up.kind AND input.v = up.value
     ON CONFLICT DO NOTHING RETURNING listing_id`,
    [rows.map((r) => r.id), rows.map((r) => r.kind), rows.map((r) => r.value), rows.map((r) => r.origin)],
  );
  for (const r of added.rows) out.get(r.listing_id)!.added++;
  return out;
}

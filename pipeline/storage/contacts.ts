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

/** Attaches contacts to a listing; contacts once seen stay attached (evidence is never dropped). */
export async function attachContacts(q: Queryable, listingId: number, contacts: ContactRef[]): Promise<number> {
  let added = 0;
  for (const c of contacts) {
    const r = await q.query<{ id: number }>(
      `WITH ins AS (INSERT INTO contacts (kind, value) VALUES ($1, $2) ON CONFLICT (kind, value) DO NOTHING RETURNING id)
       SELECT id FROM ins UNION ALL SELECT id FROM contacts WHERE kind = $1 AND value = $2 LIMIT 1`,
      [c.kind, c.value],
    );
    const id = r.rows[0]!.id;
    const ins = await q.query(
      `INSERT INTO listing_contacts (listing_id, contact_id, origin) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING contact_id`,
      [listingId, id, c.origin],
    );
    added += ins.rows.length;
  }
  return added;
}

export async function contactsOfListing(q: Queryable, listingId: number): Promise<{ id: number; kind: StoredContactKind; value: string }[]> {
  return (
    await q.query<{ id: number; kind: StoredContactKind; value: string }>(
      `SELECT c.id, c.kind, c.value FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id WHERE lc.listing_id = $1`,
      [listingId],
    )
  ).rows;
}

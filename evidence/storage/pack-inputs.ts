// The reads a referral pack is made of, over the shared tables (seller, merges, listings,
// contacts, status history, custody); evidence/pack assembles them and checks the seller.
import type { Queryable } from '../../pipeline/storage/database.js';
import type { AuditEntry } from '../../pipeline/storage/audit-entries.js';

export interface PackSeller {
  id: number;
  status: string;
  score: number;
  assignee: string | null;
  created_at: Date;
  merged_into: number | null;
}

export interface PackListing {
  id: number;
  seller_id: number;
  url: string;
  platform: string;
  source_id: string;
  title: string | null;
  author_handle: string | null;
  author_url: string | null;
  posted_at: string | null;
  body: string;
  score: number;
  cert_types: unknown;
  first_seen: Date;
  last_seen: Date;
  gone_at: Date | null;
}

export interface PackContact {
  kind: string;
  value: string;
  listing_ids: number[];
}

export interface PackStatusChange {
  from_status: string | null;
  to_status: string;
  actor: string;
  at: Date;
  note: string | null;
}

export async function packSeller(q: Queryable, sellerId: number): Promise<PackSeller | undefined> {
  return (await q.query<PackSeller>('SELECT id, status, score, assignee, created_at, merged_into FROM sellers WHERE id = $1', [sellerId])).rows[0];
}

/** The sellers merged into this one, oldest first. */
export async function sellersMergedInto(q: Queryable, sellerId: number): Promise<number[]> {
  return (await q.query<{ id: number }>('SELECT id FROM sellers WHERE merged_into = $1 ORDER BY id', [sellerId])).rows.map((r) => r.id);
}

export async function packListings(q: Queryable, sellerIds: number[]): Promise<PackListing[]> {
  return (
    await q.query<PackListing>(
      `SELECT id, seller_id, url, platform, source_id, title, author_handle, author_url, posted_at, body, score, cert_types,
              first_seen, last_seen, gone_at
         FROM listings WHERE seller_id = ANY($1::int[]) ORDER BY id`,
      [sellerIds],
    )
  ).rows;
}

/** Each contact of these listings once, with the listings that show it. */
export async function packContacts(q: Queryable, listingIds: number[]): Promise<PackContact[]> {
  const r = await q.query<PackContact>(
    `SELECT c.kind, c.value, array_agg(lc.listing_id ORDER BY lc.listing_id) AS listing_ids
       FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id
      WHERE lc.listing_id = ANY($1::int[])
      GROUP BY c.kind, c.value ORDER BY c.kind, c.value`,
    [listingIds],
  );
  return r.rows.map((c) => ({ ...c, listing_ids: c.listing_ids.map(Number) }));
}

export async function packStatusHistory(q: Queryable, sellerIds: number[]): Promise<PackStatusChange[]> {
  return (
    await q.query<PackStatusChange>(
      'SELECT from_status, to_status, actor, at, note FROM seller_status_history WHERE seller_id = ANY($1::int[]) ORDER BY at, id',
      [sellerIds],
    )
  ).rows;
}

/** The audit entries about these sellers or listings: the pack's custody log. */
export async function packCustody(q: Queryable, sellerIds: number[], listingIds: number[]): Promise<AuditEntry[]> {
  return (
    await q.query<AuditEntry>('SELECT * FROM audit_log WHERE seller_id = ANY($1::int[]) OR listing_id = ANY($2::int[]) ORDER BY id', [sellerIds, listingIds])
  ).rows;
}

// Reads everything a seller's pack is made of from the database in one consistent
// snapshot: the lead, its contacts, listings, captures with their files, and custody.
import type { Queryable } from '../../pipeline/storage/database.js';
import type { AuditEntry } from '../../pipeline/audit/audit-log.js';
import type { CaptureRow, EvidenceRow } from '../capture/capture-listing.js';

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

export interface PackInputs {
  seller: PackSeller;
  mergedSellerIds: number[];
  statusHistory: PackStatusChange[];
  contacts: PackContact[];
  listings: PackListing[];
  captures: (CaptureRow & { files: EvidenceRow[] })[];
  custody: AuditEntry[];
}

export class PackError extends Error {
  override name = 'PackError';
}

export async function readPackInputs(q: Queryable, sellerId: number): Promise<PackInputs> {
  const s = await q.query<PackSeller>('SELECT id, status, score, assignee, created_at, merged_into FROM sellers WHERE id = $1', [sellerId]);
  const seller = s.rows[0];
  if (!seller) throw new PackError(`no seller ${sellerId}`);
  if (seller.merged_into !== null) throw new PackError(`seller ${sellerId} was merged into seller ${seller.merged_into}; export that one`);
  const merged = await q.query<{ id: number }>('SELECT id FROM sellers WHERE merged_into = $1 ORDER BY id', [sellerId]);
  const sellerIds = [sellerId, ...merged.rows.map((r) => r.id)];
  const listings = await q.query<PackListing>(
    `SELECT id, seller_id, url, platform, source_id, title, author_handle, author_url, posted_at, body, score, cert_types,
            first_seen, last_seen, gone_at
       FROM listings WHERE seller_id = ANY($1::int[]) ORDER BY id`,
    [sellerIds],
  );
  const listingIds = listings.rows.map((l) => l.id);
  const contacts = await q.query<{ kind: string; value: string; listing_ids: number[] }>(
    `SELECT c.kind, c.value, array_agg(lc.listing_id ORDER BY lc.listing_id) AS listing_ids
       FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id
      WHERE lc.listing_id = ANY($1::int[])
      GROUP BY c.kind, c.value ORDER BY c.kind, c.value`,
    [listingIds],
  );
  const captures = await q.query<CaptureRow>('SELECT * FROM captures WHERE listing_id = ANY($1::int[]) ORDER BY listing_id, id', [listingIds]);
  const evidence = await q.query<EvidenceRow>(
    'SELECT * FROM evidence WHERE capture_id = ANY($1::int[]) ORDER BY capture_id, id',
    [captures.rows.map((c) => c.id)],
  );
  const byCapture = new Map<number, EvidenceRow[]>();
  for (const e of evidence.rows) {
    const list = byCapture.get(e.capture_id) ?? [];
    list.push(e);
    byCapture.set(e.capture_id, list);
  }
  const history = await q.query<PackStatusChange>(
    'SELECT from_status, to_status, actor, at, note FROM seller_status_history WHERE seller_id = ANY($1::int[]) ORDER BY at, id',
    [sellerIds],
  );
  const custody = await q.query<AuditEntry>(
    'SELECT * FROM audit_log WHERE seller_id = ANY($1::int[]) OR listing_id = ANY($2::int[]) ORDER BY id',
    [sellerIds, listingIds],
  );
  return {
    seller,
    mergedSellerIds: sellerIds.slice(1),
    statusHistory: history.rows,
    contacts: contacts.rows.map((c) => ({ ...c, listing_ids: c.listing_ids.map(Number) })),
    listings: listings.rows,
    captures: captures.rows.map((c) => ({ ...c, files: byCapture.get(c.id) ?? [] })),
    custody: custody.rows,
  };
}

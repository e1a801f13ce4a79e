// The writes an analyst's decision makes on a seller: the row lock, status and claim, the
// history row behind every move, notes, and the labels that retrain the classifier.
import type { Queryable } from '../../pipeline/storage/database.js';
import { withStatsDelta } from '../../pipeline/storage/stats-day-figures.js';
import type { SellerStatus } from '../queue/queue-filters.js';
import { leadRuleSql } from '../../pipeline/leads/lead-rule.js';

export type ListingLabel = 'seller_ad' | 'not_seller_ad';

export interface SellerLock {
  id: number;
  status: SellerStatus;
  assignee: string | null;
  merged_into: number | null;
}

/** The seller row, locked until the transaction ends, so two decisions on one seller queue up. */
export async function lockSellerRow(q: Queryable, id: number): Promise<SellerLock | undefined> {
  return (await q.query<SellerLock>('SELECT id, status, assignee, merged_into FROM sellers WHERE id = $1 FOR UPDATE', [id])).rows[0];
}

/** A move also claims the seller for whoever made it, unless someone holds it already. */
export async function setSellerStatus(q: Queryable, id: number, to: SellerStatus, actor: string): Promise<void> {
  // The status groups the statistics' breakdowns on closed days: moved with it.
  await withStatsDelta(q, leadRuleSql, [id], () =>
    q.query(`UPDATE sellers SET status = $2, assignee = COALESCE(assignee, $3), claimed_at = COALESCE(claimed_at, now()) WHERE id = $1`, [id, to, actor]),
  );
}

export interface StatusHistoryInput {
  sellerId: number;
  from: SellerStatus;
  /** The same as `from` for a flag on the status (escalating an in-review seller). */
  to: SellerStatus;
  actor: string;
  note?: string;
  detail?: Record<string, unknown>;
}

export async function insertStatusHistory(q: Queryable, h: StatusHistoryInput): Promise<void> {
  await q.query(`INSERT INTO seller_status_history (seller_id, from_status, to_status, actor, note, detail) VALUES ($1, $2, $3, $4, $5, $6)`, [
    h.sellerId,
    h.from,
    h.to,
    h.actor,
    h.note ?? null,
    JSON.stringify(h.detail ?? {}),
  ]);
}

/**
 * Labels every flagged or review-band listing of the seller; returns how many rows it wrote. A fake
 * verification site's pages are not posts: deciding on the site never teaches the post classifier.
 */
export async function labelSellerListings(q: Queryable, sellerId: number, label: ListingLabel, actor: string): Promise<number> {
  const r = await q.query<{ id: number }>(
    `INSERT INTO labels (listing_id, label, actor) SELECT id, $2, $3 FROM listings WHERE seller_id = $1 AND (flagged OR review) AND platform <> 'verification-site' RETURNING id`,
    [sellerId, label, actor],
  );
  return r.rows.length;
}

export async function insertSellerNote(q: Queryable, sellerId: number, actor: string, body: string): Promise<void> {
  await q.query('INSERT INTO seller_notes (seller_id, actor, body) VALUES ($1, $2, $3)', [sellerId, actor, body]);
}

export async function claimSellerRow(q: Queryable, id: number, actor: string): Promise<void> {
  await q.query('UPDATE sellers SET assignee = $2, claimed_at = now() WHERE id = $1', [id, actor]);
}

export async function releaseSellerRow(q: Queryable, id: number): Promise<void> {
  await q.query('UPDATE sellers SET assignee = NULL, claimed_at = NULL WHERE id = $1', [id]);
}

/** The listing's seller (null when not linked yet); undefined when there is no such listing. */
export async function listingSeller(q: Queryable, listingId: number): Promise<{ seller_id: number | null } | undefined> {
  return (await q.query<{ seller_id: number | null }>('SELECT seller_id FROM listings WHERE id = $1', [listingId])).rows[0];
}

export async function insertListingLabel(q: Queryable, listingId: number, label: ListingLabel, actor: string): Promise<void> {
  await q.query('INSERT INTO labels (listing_id, label, actor) VALUES ($1, $2, $3)', [listingId, label, actor]);
}

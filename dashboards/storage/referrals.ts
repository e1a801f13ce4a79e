// Referrals to public security: the receiving unit, who referred and when, the evidence
// pack's hash (and the kept pack version it names), and the outcome that closes the case.
import type { Queryable } from '../../pipeline/storage/database.js';

export interface ReferralRow {
  id: number;
  seller_id: number;
  unit: string;
  referred_by: string;
  referred_at: Date;
  pack_sha256: string | null;
  /** Only referrals made before packs were kept (migration 006) have a path. */
  pack_path: string | null;
  /** The kept pack version (packs.id) whose bytes hash to pack_sha256, when there is one. */
  pack_version_id: number | null;
  outcome: string | null;
  closed_by: string | null;
  closed_at: Date | null;
}

export interface ReferralInsert {
  sellerId: number;
  unit: string;
  referredBy: string;
  packSha256: string | null;
  packVersionId: number | null;
}

export async function insertReferral(q: Queryable, r: ReferralInsert): Promise<ReferralRow> {
  const res = await q.query<ReferralRow>(
    `INSERT INTO referrals (seller_id, unit, referred_by, pack_sha256, pack_version_id) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [r.sellerId, r.unit, r.referredBy, r.packSha256, r.packVersionId],
  );
  return res.rows[0]!;
}

/** Records the outcome on the seller's latest open referral (none open: no row changes). */
export async function closeLatestReferral(q: Queryable, sellerId: number, outcome: string, closedBy: string): Promise<void> {
  await q.query(
    `UPDATE referrals SET outcome = $2, closed_by = $3, closed_at = now()
     WHERE id = (SELECT id FROM referrals WHERE seller_id = $1 AND closed_at IS NULL ORDER BY referred_at DESC LIMIT 1)`,
    [sellerId, outcome, closedBy],
  );
}

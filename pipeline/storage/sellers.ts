// Seller rows, their merges and splits: a seller is a connected component of listings; when two
// components join, the older id survives and the younger points at it (merged_into); when one comes
// apart, its id stays with the larger part and the others are logged in seller_splits.
import type { Queryable } from './database.js';

// How far along triage a seller is; a merge keeps the furthest status of its parts.
const STATUS_RANK: Record<string, number> = { new: 0, in_review: 1, dismissed: 2, confirmed: 3, closed: 4, referred: 5 };

export async function createSeller(q: Queryable): Promise<number> {
  return (await q.query<{ id: number }>(`INSERT INTO sellers DEFAULT VALUES RETURNING id`)).rows[0]!.id;
}

/** Follows merged_into to the live seller (a referred id keeps resolving after merges). */
export async function resolveSeller(q: Queryable, id: number): Promise<number> {
  let cur = id;
  for (let hops = 0; hops < 100; hops++) {
    const r = await q.query<{ merged_into: number | null }>(`SELECT merged_into FROM sellers WHERE id = $1`, [cur]);
    const next = r.rows[0]?.merged_into;
    if (next == null) return cur;
    cur = next;
  }
  return cur;
}

/** Merges `others` into `survivor`; returns how many sellers were merged by this call. */
export async function mergeSellers(q: Queryable, survivor: number, others: number[]): Promise<number> {
  const ids = others.filter((id) => id !== survivor);
  if (ids.length === 0) return 0;
  const rows = (await q.query<{ id: number; status: string }>(`SELECT id, status FROM sellers WHERE id = ANY($1::int[]) OR id = $2`, [ids, survivor])).rows;
  const best = rows.reduce((a, b) => ((STATUS_RANK[b.status] ?? 0) > (STATUS_RANK[a.status] ?? 0) ? b : a));
  const survivorStatus = rows.find((r) => r.id === survivor)?.status;
  if (best.status !== survivorStatus) {
    await q.query(`UPDATE sellers SET status = $2 WHERE id = $1`, [survivor, best.status]);
    await q.query(
      `INSERT INTO seller_status_history (seller_id, from_status, to_status, actor, note, detail) VALUES ($1, $2, $3, 'system', 'merge', $4)`,
      [survivor, survivorStatus ?? null, best.status, JSON.stringify({ mergedFrom: best.id })],
    );
  }
  await q.query(`UPDATE sellers SET merged_into = $1, updated_at = now() WHERE id = ANY($2::int[]) AND merged_into IS NULL`, [survivor, ids]);
  // Earlier merges into a now-merged seller point straight at the survivor: one hop to resolve.
  await q.query(`UPDATE sellers SET merged_into = $1 WHERE merged_into = ANY($2::int[])`, [survivor, ids]);
  for (const id of ids) {
    await q.query(`INSERT INTO seller_merges (survivor_id, merged_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [survivor, id]);
  }
  await q.query(`UPDATE listings SET seller_id = $1 WHERE seller_id = ANY($2::int[])`, [survivor, ids]);
  return ids.length;
}

export async function refreshSellerScore(q: Queryable, sellerId: number): Promise<void> {
  await q.query(
    `UPDATE sellers SET score = COALESCE((SELECT max(score) FROM listings WHERE seller_id = $1 AND (flagged OR review)), 0), updated_at = now() WHERE id = $1`,
    [sellerId],
  );
}

/**
 * Logs that `listingIds` left `keptId` for `splitId` (a new seller, or one they now join). A new
 * seller takes the status its listings had, so nothing an analyst decided falls back to 新线索 unseen.
 */
export async function recordSplit(
  q: Queryable,
  keptId: number,
  splitId: number,
  listingIds: number[],
  opts: { reason: string; actor?: string; newSeller: boolean },
): Promise<void> {
  await q.query(`INSERT INTO seller_splits (kept_id, split_id, listing_ids, reason, actor) VALUES ($1, $2, $3, $4, $5)`, [
    keptId, splitId, listingIds, opts.reason, opts.actor ?? 'system',
  ]);
  if (!opts.newSeller) return;
  const kept = (await q.query<{ status: string }>(`SELECT status FROM sellers WHERE id = $1`, [keptId])).rows[0];
  if (!kept || kept.status === 'new') return;
  await q.query(`UPDATE sellers SET status = $2 WHERE id = $1`, [splitId, kept.status]);
  await q.query(
    `INSERT INTO seller_status_history (seller_id, from_status, to_status, actor, note, detail) VALUES ($1, 'new', $2, $3, 'split', $4)`,
    [splitId, kept.status, opts.actor ?? 'system', JSON.stringify({ splitFrom: keptId })],
  );
}


// The statements behind joins and separations made by hand: recording a decision with its sides,
// revoking the earlier ones it undoes, and reading what a seller's page shows of them.
import type { Queryable } from './database.js';

export interface LinkDecisionRow {
  id: number;
  kind: 'join' | 'apart';
  seller_id: number;
  other_id: number;
  actor: string;
  reason: string;
  decided_at: Date;
  listings: number;
}

/** Records a decision and the listings on each of its sides; returns its id. */
export async function insertLinkDecision(
  q: Queryable,
  d: { kind: 'join' | 'apart'; sellerId: number; otherId: number; actor: string; reason: string; side0: number[]; side1: number[] },
): Promise<number> {
  const id = (
    await q.query<{ id: number }>(
      `INSERT INTO seller_link_decisions (kind, seller_id, other_id, actor, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [d.kind, d.sellerId, d.otherId, d.actor, d.reason],
    )
  ).rows[0]!.id;
  await q.query(
    `INSERT INTO seller_link_sides (decision_id, listing_id, side)
     SELECT $1::int, x, 0 FROM unnest($2::int[]) AS x UNION SELECT $1::int, y, 1 FROM unnest($3::int[]) AS y
     ON CONFLICT DO NOTHING`,
    [id, d.side0, d.side1],
  );
  return id;
}

/**
 * Revokes the standing separations with `listingsA` on one side and `listingsB` on the other: a
 * join by hand undoes them. Returns how many it revoked.
 */
export async function revokeSeparations(q: Queryable, listingsA: number[], listingsB: number[], by: number): Promise<number> {
  const r = await q.query(
    `UPDATE seller_link_decisions d SET revoked_at = now(), revoked_by = $3
     WHERE d.kind = 'apart' AND d.revoked_at IS NULL
       AND EXISTS (SELECT 1 FROM seller_link_sides a JOIN seller_link_sides b ON b.decision_id = a.decision_id AND b.side <> a.side
                   WHERE a.decision_id = d.id AND a.listing_id = ANY($1::int[]) AND b.listing_id = ANY($2::int[]))
     RETURNING d.id`,
    [listingsA, listingsB, by],
  );
  return r.rows.length;
}

/**
 * Takes listings out of the standing joins by hand: a separation moves them away from what they
 * were joined to, while the join keeps binding the rest. Returns how many memberships ended.
 */
export async function leaveJoins(q: Queryable, listingIds: number[]): Promise<number> {
  const r = await q.query(
    `DELETE FROM seller_link_sides s USING seller_link_decisions d
     WHERE d.id = s.decision_id AND d.kind = 'join' AND d.revoked_at IS NULL AND s.listing_id = ANY($1::int[])
     RETURNING s.listing_id`,
    [listingIds],
  );
  return r.rows.length;
}

/** A seller's listings: all of them, and those that link (flagged or in review). */
export async function sellerListingIds(q: Queryable, sellerId: number): Promise<{ all: number[]; anchors: number[] }> {
  const rows = (
    await q.query<{ id: number; anchor: boolean }>(`SELECT id, (flagged OR review) AS anchor FROM listings WHERE seller_id = $1 ORDER BY id`, [sellerId])
  ).rows;
  return { all: rows.map((r) => r.id), anchors: rows.filter((r) => r.anchor).map((r) => r.id) };
}

/** The standing decisions by hand that name this seller, newest first. */
export async function linkDecisionsOf(q: Queryable, sellerId: number): Promise<LinkDecisionRow[]> {
  return (
    await q.query<LinkDecisionRow>(
      `SELECT d.id, d.kind, d.seller_id, d.other_id, d.actor, d.reason, d.decided_at,
              (SELECT count(*)::int FROM seller_link_sides s WHERE s.decision_id = d.id) AS listings
       FROM seller_link_decisions d
       WHERE d.revoked_at IS NULL AND (d.seller_id = $1 OR d.other_id = $1)
       ORDER BY d.decided_at DESC, d.id DESC LIMIT 50`,
      [sellerId],
    )
  ).rows;
}

/** The status of each of these sellers, for the rule on who may reshape a referred case. */
export async function sellerStatuses(q: Queryable, ids: number[]): Promise<Map<number, { status: string; merged_into: number | null }>> {
  const rows = (await q.query<{ id: number; status: string; merged_into: number | null }>(`SELECT id, status, merged_into FROM sellers WHERE id = ANY($1::int[])`, [ids])).rows;
  return new Map(rows.map((r) => [r.id, { status: r.status, merged_into: r.merged_into }]));
}

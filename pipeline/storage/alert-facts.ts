// What the alert rules read from the database: each source's last two finished crawl runs and
// the sellers first seen lately above a score; small indexed reads, run once a minute.
import type { Queryable } from './database.js';
import { OWN_RUN } from './crawl-runs.js';

export interface RunFactRow {
  source_id: string;
  source_name: string;
  id: number;
  status: string;
  started_at: Date;
  finished_at: Date | null;
  stats: Record<string, unknown>;
  error: string | null;
  /** 1 for the latest finished run, 2 for the one before. */
  rn: number;
}

/**
 * Every enabled source's latest finished (done or failed) run and the one before it of the same kind
 * (a full walk against the full walk before, an incremental run against an incremental one: their
 * page, post and skip counts only compare within a kind). Runs that record no kind walked in full.
 */
export async function lastFinishedRuns(db: Queryable): Promise<RunFactRow[]> {
  return (
    await db.query<RunFactRow>(
      `WITH latest AS (
         SELECT s.id AS source_id, s.name AS source_name, r.id, r.status, r.started_at, r.finished_at, r.stats, r.error
         FROM sources s
         CROSS JOIN LATERAL (
           SELECT c.id, c.status, c.started_at, c.finished_at, c.stats, c.error
           FROM crawl_runs c WHERE c.source_id = s.id AND c.status IN ('done', 'failed') AND ${OWN_RUN('c')} ORDER BY c.started_at DESC LIMIT 1
         ) r
         WHERE s.enabled
       )
       SELECT source_id, source_name, id, status, started_at, finished_at, stats, error, 1 AS rn FROM latest
       UNION ALL
       SELECT l.source_id, l.source_name, p.id, p.status, p.started_at, p.finished_at, p.stats, p.error, 2 AS rn
       FROM latest l
       CROSS JOIN LATERAL (
         SELECT c.id, c.status, c.started_at, c.finished_at, c.stats, c.error
         FROM crawl_runs c
         WHERE c.source_id = l.source_id AND c.status IN ('done', 'failed') AND c.started_at < l.started_at AND ${OWN_RUN('c')}
           AND COALESCE((c.stats->>'fullWalk')::boolean, true) = COALESCE((l.stats->>'fullWalk')::boolean, true)
         ORDER BY c.started_at DESC LIMIT 1
       ) p
       ORDER BY source_id, rn`,
    )
  ).rows;
}

export interface NewSellerRow {
  id: number;
  score: number;
  created_at: Date;
  sources: string[];
  listings: number;
}

/** Live sellers first seen within `withinHours` whose score reached `minScore`, best first. */
export async function newSellersAbove(db: Queryable, minScore: number, withinHours: number, limit = 50): Promise<NewSellerRow[]> {
  return (
    await db.query<NewSellerRow>(
      `SELECT s.id, s.score, s.created_at,
              COALESCE((SELECT array_agg(DISTINCT l.source_id ORDER BY l.source_id) FROM listings l WHERE l.seller_id = s.id), '{}') AS sources,
              (SELECT count(*)::int FROM listings l WHERE l.seller_id = s.id) AS listings
       FROM sellers s
       WHERE s.merged_into IS NULL AND s.score >= $1 AND s.created_at > now() - make_interval(hours => $2)
       ORDER BY s.score DESC, s.id LIMIT $3`,
      [minScore, withinHours, limit],
    )
  ).rows;
}

/** The source of each listing named (captures that failed name the sources they belong to). */
export async function listingSources(db: Queryable, listingIds: number[]): Promise<Map<number, string>> {
  if (listingIds.length === 0) return new Map();
  const r = await db.query<{ id: number; source_id: string }>(`SELECT id, source_id FROM listings WHERE id = ANY($1::int[])`, [listingIds]);
  return new Map(r.rows.map((x) => [x.id, x.source_id]));
}

// Database-side totals of the pipeline (pages, posts kept, flagged, sellers) for
// progress lines, the demo summary and benchmarks.
import type { Queryable } from './database.js';

export interface PipelineTotals {
  pages: number;
  pagesAnalyzed: number;
  listings: number;
  flagged: number;
  review: number;
  gone: number;
  sellers: number;
  merges: number;
  captures: number;
}

export async function pipelineTotals(db: Queryable): Promise<PipelineTotals> {
  const r = await db.query<Record<keyof PipelineTotals, number>>(
    `SELECT (SELECT count(*) FROM pages) AS pages,
            (SELECT count(*) FROM pages WHERE analyzed_sha256 IS NOT NULL AND analyzed_sha256 = content_sha256) AS "pagesAnalyzed",
            (SELECT count(*) FROM listings) AS listings,
            (SELECT count(*) FROM listings WHERE flagged) AS flagged,
            (SELECT count(*) FROM listings WHERE review AND NOT flagged) AS review,
            (SELECT count(*) FROM listings WHERE gone_at IS NOT NULL) AS gone,
            (SELECT count(*) FROM sellers s WHERE merged_into IS NULL AND EXISTS (SELECT 1 FROM listings l WHERE l.seller_id = s.id AND l.flagged)) AS sellers,
            (SELECT count(*) FROM seller_merges) AS merges,
            (SELECT count(*) FROM captures) AS captures`,
  );
  const row = r.rows[0]!;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as PipelineTotals;
}

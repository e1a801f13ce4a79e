// The database's side of the sources page: each source with its latest crawl run, pages
// stored (and not yet analysed), listings and flagged listings; health/ adds the queues' state from Redis.
import type { Queryable } from '../../pipeline/storage/database.js';
import { OWN_RUN } from '../../pipeline/storage/crawl-runs.js';

export interface SourceHealthRow {
  id: string;
  name: string;
  platform: string;
  render: string;
  enabled: boolean;
  schedule: string | null;
  run_status: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  stats: Record<string, unknown> | null;
  error: string | null;
  pages: number;
  /** Pages whose current content was never analysed (the view pages_not_analysed, as the demo counts them). */
  not_analysed: number;
  listings: number;
  flagged: number;
}

export async function readSourceHealth(db: Queryable): Promise<SourceHealthRow[]> {
  const r = await db.query<SourceHealthRow>(
    `SELECT s.id, s.name, s.platform, s.render, s.enabled, s.schedule,
            r.status AS run_status, r.started_at, r.finished_at, r.stats, r.error,
            (SELECT count(*)::int FROM pages p WHERE p.source_id = s.id) AS pages,
            (SELECT count(*)::int FROM pages_not_analysed n WHERE n.source_id = s.id) AS not_analysed,
            lc.listings, lc.flagged
     FROM sources s
     LEFT JOIN LATERAL (SELECT * FROM crawl_runs c WHERE c.source_id = s.id AND ${OWN_RUN('c')} ORDER BY c.started_at DESC LIMIT 1) r ON true
     LEFT JOIN LATERAL (SELECT count(*)::int AS listings, (count(*) FILTER (WHERE flagged))::int AS flagged FROM listings l WHERE l.source_id = s.id) lc ON true
     ORDER BY s.id`,
  );
  return r.rows;
}

/** Every source's pages not analysed together, pages of sources since removed included. */
export async function readPagesNotAnalysed(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pages_not_analysed')).rows[0]!.n;
}

export async function sourceExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM sources WHERE id = $1', [id])).rows.length > 0;
}

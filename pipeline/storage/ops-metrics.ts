// The database's side of /metrics: a few GROUP BY aggregates (pages and flagged listings per
// source, each source's latest finished run, leads by status) so a scrape stays in milliseconds.
import type { Queryable } from './database.js';
import { OWN_RUN } from './crawl-runs.js';
import type { LeadRuleSql } from './lead-rule-sql.js';

export interface SourceMetricRow {
  source_id: string;
  pages: number;
  listings: number;
  flagged: number;
  run_status: string | null;
  run_started_at: Date | null;
  run_finished_at: Date | null;
  run_stats: Record<string, unknown> | null;
}

export async function sourceMetrics(db: Queryable): Promise<SourceMetricRow[]> {
  return (
    await db.query<SourceMetricRow>(
      `SELECT s.id AS source_id, COALESCE(p.n, 0)::int AS pages, COALESCE(l.n, 0)::int AS listings, COALESCE(l.flagged, 0)::int AS flagged,
              r.status AS run_status, r.started_at AS run_started_at, r.finished_at AS run_finished_at, r.stats AS run_stats
       FROM sources s
       LEFT JOIN (SELECT source_id, count(*) AS n FROM pages GROUP BY source_id) p ON p.source_id = s.id
       LEFT JOIN (SELECT source_id, count(*) AS n, count(*) FILTER (WHERE flagged) AS flagged FROM listings GROUP BY source_id) l ON l.source_id = s.id
       LEFT JOIN LATERAL (
         SELECT c.status, c.started_at, c.finished_at, c.stats FROM crawl_runs c
         WHERE c.source_id = s.id AND c.status IN ('done', 'failed') AND ${OWN_RUN('c')} ORDER BY c.started_at DESC LIMIT 1
       ) r ON true
       ORDER BY s.id`,
    )
  ).rows;
}

/** Leads (the one lead rule) counted by their workflow status. */
export async function leadsByStatus(db: Queryable, rule: LeadRuleSql): Promise<{ status: string; n: number }[]> {
  return (await db.query<{ status: string; n: number }>(`SELECT s.status, count(*)::int AS n FROM sellers s WHERE ${rule.lead('s')} GROUP BY s.status ORDER BY s.status`)).rows;
}

/** The cheapest statement that proves the database answers. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

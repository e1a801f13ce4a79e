// Campaign figures for the supervisor's report: new leads (pipeline/leads/lead-rule.ts, the queue's
// rule), confirmed sellers and listings per day or week, and the leads by certificate, platform, status.
import type { Queryable } from '../../pipeline/storage/database.js';
import { leadRuleSql } from '../../pipeline/leads/lead-rule.js';

export type Period = 'day' | 'week';

export interface SeriesRow {
  bucket: string;
  new_sellers: number;
  confirmed_sellers: number;
  new_listings: number;
  flagged_listings: number;
}

export interface CampaignStats {
  period: Period;
  /** Leads now, and the sellers for review (待复核) that are not counted as leads. */
  totals: { leads: number; review: number };
  series: SeriesRow[];
  byCert: { code: string; label: string; authority: string; sellers: number; listings: number }[];
  byPlatform: { platform: string; sellers: number; listings: number }[];
  byStatus: { status: string; sellers: number }[];
}

/**
 * Every figure in one statement: the lead rule puts each live seller in its category once (one hash
 * of the rule's seller lists), and the series and breakdowns count the leads among them.
 */
export async function campaignStats(db: Queryable, period: Period): Promise<CampaignStats> {
  const unit = period === 'week' ? 'week' : 'day';
  const r = await db.query<Omit<CampaignStats, 'period'>>(
    `WITH cat AS MATERIALIZED (
       SELECT s.id, s.status, s.created_at, ${leadRuleSql.category('s')} AS category FROM sellers s WHERE s.merged_into IS NULL
     ),
     leads AS (SELECT id, status, created_at FROM cat WHERE category = 'lead'),
     -- A lead counts on the day its seller was first linked (the rule is judged on today's data).
     s AS (SELECT date_trunc('${unit}', created_at)::date AS b, count(*)::int AS n FROM leads GROUP BY 1),
     c AS (SELECT date_trunc('${unit}', at)::date AS b, count(DISTINCT seller_id)::int AS n FROM seller_status_history WHERE to_status = 'confirmed' GROUP BY 1),
     l AS (SELECT date_trunc('${unit}', first_seen)::date AS b, count(*)::int AS n, (count(*) FILTER (WHERE flagged))::int AS f FROM listings GROUP BY 1),
     b AS (SELECT b FROM s UNION SELECT b FROM c UNION SELECT b FROM l),
     series AS (
       SELECT to_char(b.b, 'YYYY-MM-DD') AS bucket, COALESCE(s.n, 0) AS new_sellers, COALESCE(c.n, 0) AS confirmed_sellers,
              COALESCE(l.n, 0) AS new_listings, COALESCE(l.f, 0) AS flagged_listings
       FROM b LEFT JOIN s ON s.b = b.b LEFT JOIN c ON c.b = b.b LEFT JOIN l ON l.b = b.b
       ORDER BY b.b DESC LIMIT ${period === 'week' ? 104 : 120}
     ),
     by_cert AS (
       SELECT e->>'code' AS code, min(e->>'label') AS label, min(e->>'authority') AS authority,
              count(DISTINCT l.seller_id)::int AS sellers, count(DISTINCT l.id)::int AS listings
       FROM listings l JOIN leads ON leads.id = l.seller_id,
            jsonb_array_elements(CASE WHEN jsonb_typeof(l.cert_types) = 'array' THEN l.cert_types ELSE '[]'::jsonb END) e
       WHERE l.flagged AND e->>'code' IS NOT NULL GROUP BY 1 ORDER BY listings DESC, code LIMIT 60
     ),
     by_platform AS (
       SELECT l.platform, count(DISTINCT l.seller_id)::int AS sellers, count(*)::int AS listings
       FROM listings l JOIN leads ON leads.id = l.seller_id WHERE l.flagged GROUP BY 1
     ),
     by_status AS (SELECT status, count(*)::int AS sellers FROM leads GROUP BY 1)
     SELECT (SELECT json_build_object('leads', count(*) FILTER (WHERE category = 'lead'), 'review', count(*) FILTER (WHERE category = 'review')) FROM cat) AS totals,
            (SELECT COALESCE(json_agg(x ORDER BY x.bucket), '[]') FROM series x) AS series,
            (SELECT COALESCE(json_agg(x ORDER BY x.listings DESC, x.code), '[]') FROM by_cert x) AS "byCert",
            (SELECT COALESCE(json_agg(x ORDER BY x.listings DESC, x.platform), '[]') FROM by_platform x) AS "byPlatform",
            (SELECT COALESCE(json_agg(x ORDER BY x.sellers DESC, x.status), '[]') FROM by_status x) AS "byStatus"`,
  );
  return { period, ...r.rows[0]! };
}

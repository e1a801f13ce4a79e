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

export async function campaignStats(db: Queryable, period: Period): Promise<CampaignStats> {
  const unit = period === 'week' ? 'week' : 'day';
  const lead = leadRuleSql.lead('s');
  // A lead counts on the day its seller was first linked (the rule is judged on today's data).
  const series = db.query<SeriesRow>(
    `WITH s AS (SELECT date_trunc('${unit}', s.created_at)::date AS b, count(*)::int AS n FROM sellers s WHERE ${lead} GROUP BY 1),
          c AS (SELECT date_trunc('${unit}', at)::date AS b, count(DISTINCT seller_id)::int AS n FROM seller_status_history WHERE to_status = 'confirmed' GROUP BY 1),
          l AS (SELECT date_trunc('${unit}', first_seen)::date AS b, count(*)::int AS n, (count(*) FILTER (WHERE flagged))::int AS f FROM listings GROUP BY 1),
          b AS (SELECT b FROM s UNION SELECT b FROM c UNION SELECT b FROM l)
     SELECT to_char(b.b, 'YYYY-MM-DD') AS bucket, COALESCE(s.n, 0) AS new_sellers, COALESCE(c.n, 0) AS confirmed_sellers,
            COALESCE(l.n, 0) AS new_listings, COALESCE(l.f, 0) AS flagged_listings
     FROM b LEFT JOIN s ON s.b = b.b LEFT JOIN c ON c.b = b.b LEFT JOIN l ON l.b = b.b
     ORDER BY b.b DESC LIMIT ${period === 'week' ? 104 : 120}`,
  );
  const byCert = db.query<CampaignStats['byCert'][number]>(
    `SELECT e->>'code' AS code, min(e->>'label') AS label, min(e->>'authority') AS authority,
            count(DISTINCT l.seller_id)::int AS sellers, count(DISTINCT l.id)::int AS listings
     FROM listings l JOIN sellers s ON s.id = l.seller_id,
          jsonb_array_elements(CASE WHEN jsonb_typeof(l.cert_types) = 'array' THEN l.cert_types ELSE '[]'::jsonb END) e
     WHERE l.flagged AND ${lead} AND e->>'code' IS NOT NULL GROUP BY 1 ORDER BY listings DESC, code LIMIT 60`,
  );
  const byPlatform = db.query<CampaignStats['byPlatform'][number]>(
    `SELECT l.platform, count(DISTINCT l.seller_id)::int AS sellers, count(*)::int AS listings
     FROM listings l JOIN sellers s ON s.id = l.seller_id WHERE l.flagged AND ${lead} GROUP BY 1 ORDER BY listings DESC`,
  );
  const byStatus = db.query<CampaignStats['byStatus'][number]>(
    `SELECT s.status, count(*)::int AS sellers FROM sellers s WHERE ${lead} GROUP BY 1 ORDER BY sellers DESC`,
  );
  const totals = db.query<CampaignStats['totals']>(
    `SELECT (count(*) FILTER (WHERE ${lead}))::int AS leads, (count(*) FILTER (WHERE ${leadRuleSql.review('s')}))::int AS review
     FROM sellers s WHERE s.merged_into IS NULL`,
  );
  const [a, b, c, d, e] = await Promise.all([series, byCert, byPlatform, byStatus, totals]);
  return { period, totals: e.rows[0] ?? { leads: 0, review: 0 }, series: a.rows.reverse(), byCert: b.rows, byPlatform: c.rows, byStatus: d.rows };
}

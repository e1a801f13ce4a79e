// Campaign figures for the supervisor's report: per day, week or month of a date range, the listings
// found, new leads (pipeline/leads/lead-rule.ts, the queue's rule), leads confirmed, cases referred and
// closed; and the leads by certificate, platform and status. Days are the analysts' days (config timeZone).
import type { Queryable } from '../../pipeline/storage/database.js';
import { leadRuleSql } from '../../pipeline/leads/lead-rule.js';

export type Period = 'day' | 'week' | 'month';
export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

export interface SeriesRow {
  bucket: string;
  new_listings: number;
  flagged_listings: number;
  new_sellers: number;
  confirmed_sellers: number;
  referred_cases: number;
  closed_cases: number;
}

export interface BreakdownRow {
  leads: number;
  confirmed: number;
  referred: number;
  listings: number;
}

export interface CampaignStats {
  period: Period;
  /** The campaign's dates shown: the range asked for, or first to last day with any event. */
  range: { from: string | null; to: string | null };
  /** Leads now, and the sellers for review (待复核) that are not counted as leads. */
  totals: { leads: number; review: number; listings: number; flagged: number; confirmed: number; referred: number; closed: number };
  series: SeriesRow[];
  /** `sellers` is the number of leads (kept for older readers; equals `leads`). */
  byCert: ({ code: string; label: string; authority: string; sellers: number } & BreakdownRow)[];
  byPlatform: ({ platform: string; sellers: number } & BreakdownRow)[];
  byStatus: { status: string; sellers: number }[];
}

export interface StatsOptions {
  /** First day (YYYY-MM-DD, local), inclusive. */
  from?: string;
  /** Last day (YYYY-MM-DD, local), inclusive. */
  to?: string;
  /** IANA zone the days are cut in. @default 'Asia/Shanghai' */
  timeZone?: string;
}

/**
 * Every figure in one statement: the lead rule puts each live seller in its category once (one hash
 * of the rule's seller lists), and the series and breakdowns count the leads among them.
 */
export async function campaignStats(db: Queryable, period: Period, o: StatsOptions = {}): Promise<CampaignStats> {
  const unit = period === 'week' ? 'week' : period === 'month' ? 'month' : 'day';
  const params: unknown[] = [o.timeZone ?? 'Asia/Shanghai', o.from ?? null, o.to ?? null];
  // A local day of a timestamptz, and whether it falls in the range.
  const day = (col: string) => `(${col} AT TIME ZONE $1)::date`;
  const inRange = (col: string) => `(($2::date IS NULL OR ${day(col)} >= $2::date) AND ($3::date IS NULL OR ${day(col)} <= $3::date))`;
  const bucket = (col: string) => `date_trunc('${unit}', ${day(col)})::date`;
  const r = await db.query<Omit<CampaignStats, 'period'>>(
    `WITH cat AS MATERIALIZED (
       SELECT s.id, s.status, s.created_at, ${leadRuleSql.category('s')} AS category FROM sellers s WHERE s.merged_into IS NULL
     ),
     leads AS (SELECT id, status, created_at FROM cat WHERE category = 'lead'),
     ev AS (
       -- A lead counts on the day its seller was first linked (the rule is judged on today's data).
       SELECT ${bucket('created_at')} AS b, 'lead' AS k, id AS x FROM leads WHERE ${inRange('created_at')}
       UNION ALL SELECT ${bucket('at')}, 'confirmed', seller_id FROM seller_status_history WHERE to_status = 'confirmed' AND ${inRange('at')}
       UNION ALL SELECT ${bucket('referred_at')}, 'referred', id FROM referrals WHERE ${inRange('referred_at')}
       UNION ALL SELECT ${bucket('closed_at')}, 'closed', id FROM referrals WHERE closed_at IS NOT NULL AND ${inRange('closed_at')}
     ),
     l AS (
       SELECT ${bucket('first_seen')} AS b, count(*)::int AS n, (count(*) FILTER (WHERE flagged))::int AS f
       FROM listings WHERE ${inRange('first_seen')} GROUP BY 1
     ),
     e AS (
       SELECT b, (count(DISTINCT x) FILTER (WHERE k = 'lead'))::int AS leads, (count(DISTINCT x) FILTER (WHERE k = 'confirmed'))::int AS confirmed,
              (count(*) FILTER (WHERE k = 'referred'))::int AS referred, (count(*) FILTER (WHERE k = 'closed'))::int AS closed
       FROM ev GROUP BY 1
     ),
     series AS (
       SELECT to_char(COALESCE(e.b, l.b), 'YYYY-MM-DD') AS bucket, COALESCE(l.n, 0) AS new_listings, COALESCE(l.f, 0) AS flagged_listings,
              COALESCE(e.leads, 0) AS new_sellers, COALESCE(e.confirmed, 0) AS confirmed_sellers,
              COALESCE(e.referred, 0) AS referred_cases, COALESCE(e.closed, 0) AS closed_cases
       FROM e FULL JOIN l ON l.b = e.b
       ORDER BY 1 DESC LIMIT ${period === 'day' ? 120 : 104}
     ),
     lf AS (
       SELECT l.id, l.seller_id, l.platform, l.cert_types, leads.status FROM listings l JOIN leads ON leads.id = l.seller_id
       WHERE l.flagged AND ${inRange('l.first_seen')}
     ),
     by_cert AS (
       SELECT e->>'code' AS code, min(e->>'label') AS label, min(e->>'authority') AS authority,
              count(DISTINCT lf.seller_id)::int AS sellers, count(DISTINCT lf.seller_id)::int AS leads,
              count(DISTINCT lf.seller_id) FILTER (WHERE lf.status IN ('confirmed', 'referred', 'closed'))::int AS confirmed,
              count(DISTINCT lf.seller_id) FILTER (WHERE lf.status IN ('referred', 'closed'))::int AS referred,
              count(DISTINCT lf.id)::int AS listings
       FROM lf, jsonb_array_elements(CASE WHEN jsonb_typeof(lf.cert_types) = 'array' THEN lf.cert_types ELSE '[]'::jsonb END) e
       WHERE e->>'code' IS NOT NULL GROUP BY 1 ORDER BY listings DESC, code LIMIT 60
     ),
     by_platform AS (
       SELECT platform, count(DISTINCT seller_id)::int AS sellers, count(DISTINCT seller_id)::int AS leads,
              count(DISTINCT seller_id) FILTER (WHERE status IN ('confirmed', 'referred', 'closed'))::int AS confirmed,
              count(DISTINCT seller_id) FILTER (WHERE status IN ('referred', 'closed'))::int AS referred,
              count(*)::int AS listings
       FROM lf GROUP BY 1
     ),
     by_status AS (SELECT status, count(*)::int AS sellers FROM leads GROUP BY 1)
     SELECT (SELECT json_build_object(
               'leads', (SELECT count(*) FROM cat WHERE category = 'lead'), 'review', (SELECT count(*) FROM cat WHERE category = 'review'),
               'listings', COALESCE((SELECT sum(new_listings) FROM series), 0), 'flagged', COALESCE((SELECT sum(flagged_listings) FROM series), 0),
               'confirmed', COALESCE((SELECT sum(confirmed_sellers) FROM series), 0), 'referred', COALESCE((SELECT sum(referred_cases) FROM series), 0),
               'closed', COALESCE((SELECT sum(closed_cases) FROM series), 0))) AS totals,
            json_build_object('from', COALESCE($2::date::text, (SELECT min(bucket) FROM series)), 'to', COALESCE($3::date::text, to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD'))) AS range,
            (SELECT COALESCE(json_agg(x ORDER BY x.bucket), '[]') FROM series x) AS series,
            (SELECT COALESCE(json_agg(x ORDER BY x.listings DESC, x.code), '[]') FROM by_cert x) AS "byCert",
            (SELECT COALESCE(json_agg(x ORDER BY x.listings DESC, x.platform), '[]') FROM by_platform x) AS "byPlatform",
            (SELECT COALESCE(json_agg(x ORDER BY x.sellers DESC, x.status), '[]') FROM by_status x) AS "byStatus"`,
    params,
  );
  const row = r.rows[0]!;
  const t = row.totals;
  return { period, ...row, totals: { leads: Number(t.leads), review: Number(t.review), listings: Number(t.listings), flagged: Number(t.flagged), confirmed: Number(t.confirmed), referred: Number(t.referred), closed: Number(t.closed) } };
}

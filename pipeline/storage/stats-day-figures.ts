// The statistics' figures for closed days (migration 021), counted once so a 90-day range at a year's
// volume is a few thousand rows: built, extended as days close, changed by seller deltas, reconciled.
import type { LeadRuleSql } from './lead-rule-sql.js';
import { LOCK_KEYS } from './advisory-locks.js';
import type { Database, Queryable } from './database.js';
import { mergeSellers } from './sellers.js';

/** What the figures cover: days up to `closedThrough` (local days in `zone`). */
export interface StatsDayCoverage {
  zone: string;
  closedThrough: string;
  maxListingId: number;
}

export interface StatsDayCheck {
  /** Rows of the stored figures (with the pending deltas) that differed from a live recount, rewritten. */
  rowsDiffering: number;
  closedThrough: string;
  ms: number;
}

/** A day closes for the figures an hour after it ends, so a page seen at 23:59 and linked after midnight is in it. */
const TARGET_DAY = (zone: string) => `(((now() - interval '1 hour') AT TIME ZONE ${zone})::date - 1)`;
const COLS = 'day, kind, key, label, authority, class, gap, n, m';
const KEY = 'day, kind, key, label, authority, class, gap';

/**
 * Per-seller contributions, summed: $1 zone, $2 the sellers (NULL: all), $3 the first day to emit
 * (NULL: all; history before it still gives the gaps), $4 the last day, $5 whether to count the rows
 * that are no seller's contribution: listings, confirmed/referred/closed events (appended at the time
 * they happen, so a closed day's never change). A seller's class and lead-ness are today's.
 */
function contributions(few: boolean, rule: LeadRuleSql): string {
  // Two spellings: `= ANY` reaches a few sellers through their indexes; a disjunction with
  // "$2 IS NULL" would not (a merge of two sellers read every seller and listing: 2 s at a year).
  const ofListing = few ? 'AND l.seller_id = ANY($2::int[])' : 'AND $2::int[] IS NULL';
  const ofSeller = few ? 's.id = ANY($2::int[])' : '$2::int[] IS NULL';
  return `
  WITH fl AS (
    SELECT l.id, l.seller_id, (l.first_seen AT TIME ZONE $1)::date AS d, l.platform, l.cert_types FROM listings l
    WHERE l.flagged AND l.seller_id IS NOT NULL ${ofListing}
      AND l.first_seen < (($4::date + 1)::timestamp AT TIME ZONE $1)
  ),
  cls AS (
    SELECT s.id, s.created_at,
           CASE s.status WHEN 'confirmed' THEN 'confirmed' WHEN 'referred' THEN 'referred' WHEN 'closed' THEN 'referred' ELSE 'open' END AS class
    FROM sellers s WHERE ${ofSeller} AND ${rule.lead('s')}
  ),
  el AS (
    SELECT fl.id, fl.seller_id, fl.d, e FROM fl, jsonb_array_elements(CASE WHEN jsonb_typeof(fl.cert_types) = 'array' THEN fl.cert_types ELSE '[]'::jsonb END) e
    WHERE e->>'code' IS NOT NULL
  ),
  pt AS (
    SELECT seller_id, 'platform'::text AS kind, platform AS key, d, count(*) AS m FROM fl GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT seller_id, 'cert', e->>'code', d, count(DISTINCT id) FROM el GROUP BY 1, 2, 3, 4
  ),
  gp AS (SELECT pt.*, COALESCE(d - lag(d) OVER (PARTITION BY seller_id, kind, key ORDER BY d), 0) AS gap FROM pt)
  SELECT gp.d AS day, gp.kind, gp.key, NULL::text AS label, NULL::text AS authority, cls.class, gp.gap, count(*) AS n, sum(gp.m) AS m
  FROM gp JOIN cls ON cls.id = gp.seller_id WHERE ($3::date IS NULL OR gp.d >= $3::date) GROUP BY 1, 2, 3, 6, 7
  UNION ALL
  SELECT el.d, 'label', el.e->>'code', el.e->>'label', el.e->>'authority', cls.class, 0, count(*), 0
  FROM el JOIN cls ON cls.id = el.seller_id WHERE ($3::date IS NULL OR el.d >= $3::date) GROUP BY 1, 2, 3, 4, 5, 6
  UNION ALL
  SELECT (cls.created_at AT TIME ZONE $1)::date, 'new-lead', '', NULL, NULL, cls.class, 0, count(*), 0 FROM cls
  WHERE cls.created_at < (($4::date + 1)::timestamp AT TIME ZONE $1) AND ($3::date IS NULL OR cls.created_at >= ($3::date::timestamp AT TIME ZONE $1))
  GROUP BY 1, 6
  UNION ALL
  SELECT (first_seen AT TIME ZONE $1)::date, 'listings', '', NULL, NULL, '', 0, count(*), count(*) FILTER (WHERE flagged) FROM listings
  WHERE $5::boolean AND first_seen < (($4::date + 1)::timestamp AT TIME ZONE $1) AND ($3::date IS NULL OR first_seen >= ($3::date::timestamp AT TIME ZONE $1))
  GROUP BY 1
  UNION ALL
  SELECT d, 'confirmed', '', NULL, NULL, '', gap, count(*), 0 FROM (
    SELECT seller_id, d, COALESCE(d - lag(d) OVER (PARTITION BY seller_id ORDER BY d), 0) AS gap FROM (
      SELECT DISTINCT seller_id, (at AT TIME ZONE $1)::date AS d FROM seller_status_history
      WHERE $5::boolean AND to_status = 'confirmed' AND at < (($4::date + 1)::timestamp AT TIME ZONE $1)
    ) c
  ) g WHERE ($3::date IS NULL OR d >= $3::date) GROUP BY 1, 7
  UNION ALL
  SELECT (referred_at AT TIME ZONE $1)::date, 'referred', '', NULL, NULL, '', 0, count(*), 0 FROM referrals
  WHERE $5::boolean AND referred_at < (($4::date + 1)::timestamp AT TIME ZONE $1) AND ($3::date IS NULL OR referred_at >= ($3::date::timestamp AT TIME ZONE $1))
  GROUP BY 1
  UNION ALL
  SELECT (closed_at AT TIME ZONE $1)::date, 'closed', '', NULL, NULL, '', 0, count(*), 0 FROM referrals
  WHERE $5::boolean AND closed_at < (($4::date + 1)::timestamp AT TIME ZONE $1) AND ($3::date IS NULL OR closed_at >= ($3::date::timestamp AT TIME ZONE $1))
  GROUP BY 1`;
}
// The statements by rule (there is one: pipeline/leads/lead-rule.ts, passed in as storage modules take it).
const statements = new WeakMap<LeadRuleSql, { all: string; few: string }>();
function sqlFor(rule: LeadRuleSql): { all: string; few: string } {
  let s = statements.get(rule);
  if (!s) statements.set(rule, (s = { all: contributions(false, rule), few: contributions(true, rule) }));
  return s;
}

/** The coverage, or undefined when the figures were never built, are for another zone, or are ahead of the data (a restored database). */
export async function statsDayCoverage(q: Queryable, zone: string): Promise<StatsDayCoverage | undefined> {
  const r = await q.query<{ zone: string; closed_through: string; max_listing_id: number; now_max: number | null }>(
    `SELECT zone, closed_through::text AS closed_through, max_listing_id, (SELECT max(id) FROM listings) AS now_max FROM stats_day_meta`,
  );
  const m = r.rows[0];
  if (!m || m.zone !== zone || (m.now_max ?? 0) < m.max_listing_id) return undefined;
  return { zone: m.zone, closedThrough: m.closed_through, maxListingId: m.max_listing_id };
}

async function tryExclusive(q: Queryable): Promise<boolean> {
  return (await q.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [LOCK_KEYS.statsDays])).rows[0]!.ok;
}

async function foldDeltas(q: Queryable): Promise<void> {
  await q.query(
    `INSERT INTO stats_day_figures (${COLS}) SELECT ${KEY}, sum(n), sum(m) FROM stats_day_deltas GROUP BY ${KEY} ORDER BY ${KEY}
     ON CONFLICT (${KEY}) DO UPDATE SET n = stats_day_figures.n + EXCLUDED.n, m = stats_day_figures.m + EXCLUDED.m`,
  );
  await q.query('DELETE FROM stats_day_deltas');
  await q.query('DELETE FROM stats_day_figures WHERE n = 0 AND m = 0');
}

/**
 * Counts every closed day from scratch (the first build, another zone, a restored database).
 * Returns false when a change to sellers was open: the next pass builds.
 */
export async function buildStatsDays(db: Database, zone: string, rule: LeadRuleSql): Promise<boolean> {
  return db.tx(async (q) => {
    if (!(await tryExclusive(q))) return false;
    await settings(db, q);
    const through = (await q.query<{ d: string }>(`SELECT ${TARGET_DAY('$1')}::text AS d`, [zone])).rows[0]!.d;
    await q.query('DELETE FROM stats_day_deltas');
    await q.query('DELETE FROM stats_day_figures');
    await q.query(`INSERT INTO stats_day_figures (${COLS}) ${sqlFor(rule).all}`, [zone, null, null, through, true]);
    await q.query(
      `INSERT INTO stats_day_meta (zone, closed_through, built_at, checked_at, max_listing_id)
       VALUES ($1, $2, now(), now(), COALESCE((SELECT max(id) FROM listings), 0))
       ON CONFLICT (only_row) DO UPDATE SET zone = EXCLUDED.zone, closed_through = EXCLUDED.closed_through, built_at = now(),
         checked_at = now(), max_listing_id = EXCLUDED.max_listing_id`,
      [zone, through],
    );
    return true;
  });
}

/**
 * Adds the days that closed since the last build or extension, and folds the pending deltas; a
 * no-op when nothing closed or a change is open (the reader then counts those days live).
 */
export async function extendStatsDays(db: Database, cov: StatsDayCoverage, rule: LeadRuleSql): Promise<StatsDayCoverage> {
  return db.tx(async (q) => {
    const behind = (await q.query<{ through: string; behind: boolean; deltas: boolean }>(
      `SELECT ${TARGET_DAY('$1')}::text AS through, ${TARGET_DAY('$1')} > $2::date AS behind, EXISTS (SELECT 1 FROM stats_day_deltas) AS deltas`,
      [cov.zone, cov.closedThrough],
    )).rows[0]!;
    if (!behind.behind && !behind.deltas) return cov;
    if (!(await tryExclusive(q))) return cov;
    const m = (await q.query<{ closed_through: string }>('SELECT closed_through::text AS closed_through FROM stats_day_meta')).rows[0];
    if (!m) return cov;
    await foldDeltas(q);
    if (behind.through <= m.closed_through) return { ...cov, closedThrough: m.closed_through };
    const from = (await q.query<{ d: string }>(`SELECT ($1::date + 1)::text AS d`, [m.closed_through])).rows[0]!.d;
    // The sellers with a point or a first link in the new days: their history gives the gaps.
    const ids = (await q.query<{ id: number }>(
      `SELECT DISTINCT seller_id AS id FROM listings WHERE flagged AND seller_id IS NOT NULL
         AND first_seen >= ($2::date::timestamp AT TIME ZONE $1) AND first_seen < (($3::date + 1)::timestamp AT TIME ZONE $1)
       UNION SELECT id FROM sellers WHERE created_at >= ($2::date::timestamp AT TIME ZONE $1) AND created_at < (($3::date + 1)::timestamp AT TIME ZONE $1)`,
      [cov.zone, from, behind.through],
    )).rows.map((r) => r.id);
    await q.query(
      `INSERT INTO stats_day_figures (${COLS}) SELECT ${KEY}, sum(n), sum(m) FROM (${sqlFor(rule).few}) c GROUP BY ${KEY}
       ON CONFLICT (${KEY}) DO UPDATE SET n = stats_day_figures.n + EXCLUDED.n, m = stats_day_figures.m + EXCLUDED.m`,
      [cov.zone, ids, from, behind.through, true],
    );
    await q.query(`UPDATE stats_day_meta SET closed_through = $1, max_listing_id = GREATEST(max_listing_id, COALESCE((SELECT max(id) FROM listings), 0))`, [behind.through]);
    return { ...cov, closedThrough: behind.through };
  });
}

/**
 * Runs `change` (a status move, a merge) with the figures kept exact for `sellerIds`: their
 * contribution before is taken away and their contribution after added, as appended deltas, in the
 * caller's transaction. Every seller whose listings, status or lead-ness the change touches must be named.
 */
export async function withStatsDelta<T>(q: Queryable, rule: LeadRuleSql, sellerIds: number[], change: () => Promise<T>): Promise<T> {
  const meta = (await q.query<{ zone: string | null; through: string | null }>(
    `SELECT pg_advisory_xact_lock_shared($1)::text AS locked, m.zone, m.closed_through::text AS through
     FROM (SELECT 1) one LEFT JOIN stats_day_meta m ON true`,
    [LOCK_KEYS.statsDays],
  )).rows[0];
  if (!meta?.zone || sellerIds.length === 0) return change();
  const params = [meta.zone, sellerIds, null, meta.through, false];
  const few = sqlFor(rule).few;
  const before = (await q.query<Record<string, unknown>>(`SELECT day::text AS day, ${KEY.slice(5)}, n, m FROM (${few}) c`, params)).rows;
  const out = await change();
  await q.query(
    `INSERT INTO stats_day_deltas (${COLS})
     SELECT ${COLS} FROM (${few}) c
     UNION ALL
     SELECT ${KEY}, -n, -m FROM json_to_recordset($6::json)
       AS b(day date, kind text, key text, label text, authority text, class text, gap integer, n bigint, m bigint)`,
    [...params, JSON.stringify(before)],
  );
  return out;
}

/**
 * Proves the figures: every closed day counted live again and held against the stored figures with
 * their pending deltas; what differs (a re-analysed old post, a link the pipeline made to an old
 * listing) is added as deltas, which the next read folds in. Builds first when there is nothing to hold against. Skipped (undefined)
 * while a change is open, or when `everyMs` is given and the last check is more recent.
 */
export async function reconcileStatsDays(db: Database, zone: string, rule: LeadRuleSql, o: { everyMs?: number } = {}): Promise<StatsDayCheck | undefined> {
  const t0 = performance.now();
  const cov = await statsDayCoverage(db, zone);
  if (cov && o.everyMs) {
    const due = (await db.query<{ due: boolean }>(`SELECT checked_at IS NULL OR checked_at < now() - make_interval(secs => $1::float8 / 1000) AS due FROM stats_day_meta`, [o.everyMs])).rows[0];
    if (!due?.due) return undefined;
  }
  if (!cov) {
    if (!(await buildStatsDays(db, zone, rule))) return undefined;
    const cov = (await statsDayCoverage(db, zone))!;
    return { rowsDiffering: 0, closedThrough: cov.closedThrough, ms: Math.round(performance.now() - t0) };
  }
  // The recount and the figures with their deltas are read in one snapshot, without a lock: a
  // decision or merge committed before it is in both, one after it in neither. What differs is added
  // as a delta of its own, so changes made meanwhile stay where they are.
  const found = await db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await settings(db, q);
    const m = (await q.query<{ d: string; built: string }>('SELECT closed_through::text AS d, built_at::text AS built FROM stats_day_meta')).rows[0]!;
    const diff = await q.query<Record<string, unknown>>(
      `SELECT day::text AS day, ${KEY.slice(5)}, sum(n) AS n, sum(m) AS m FROM (
         SELECT ${COLS} FROM (${sqlFor(rule).all}) live
         UNION ALL SELECT ${KEY}, -n, -m FROM stats_day_figures
         UNION ALL SELECT ${KEY}, -n, -m FROM stats_day_deltas
       ) x GROUP BY ${KEY} HAVING sum(n) <> 0 OR sum(m) <> 0`,
      [zone, null, null, m.d, true],
    );
    return { through: m.d, built: m.built, rows: diff.rows };
  });
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock_shared($1)', [LOCK_KEYS.statsDays]);
    const built = (await q.query<{ built: string }>('SELECT built_at::text AS built FROM stats_day_meta')).rows[0]?.built;
    // Built again meanwhile (another zone, a restore): that build counted everything.
    if (built !== found.built) return undefined;
    if (found.rows.length > 0) {
      await q.query(
        `INSERT INTO stats_day_deltas (${COLS}) SELECT ${COLS} FROM json_to_recordset($1::json)
           AS b(day date, kind text, key text, label text, authority text, class text, gap integer, n bigint, m bigint)`,
        [JSON.stringify(found.rows)],
      );
    }
    await q.query('UPDATE stats_day_meta SET checked_at = now(), max_listing_id = GREATEST(max_listing_id, COALESCE((SELECT max(id) FROM listings), 0))');
    return { rowsDiffering: found.rows.length, closedThrough: found.through, ms: Math.round(performance.now() - t0) };
  });
}

/** A whole-history count hashes more than the default 4 MB and passes JIT's cost threshold, which compiles longer than it runs. */
async function settings(db: Database, q: Queryable): Promise<void> {
  if (db.kind !== 'postgres') return;
  await q.query('SET LOCAL jit = off');
  await q.query("SET LOCAL work_mem = '64MB'");
}

/**
 * mergeSellers with the closed days' statistics moved along: the listings and the status the
 * survivor takes change what old days counted. Every merge outside a bench goes through here.
 */
export async function mergeSellersCounted(q: Queryable, rule: LeadRuleSql, survivor: number, others: number[]): Promise<number> {
  const ids = others.filter((id) => id !== survivor);
  if (ids.length === 0) return 0;
  return withStatsDelta(q, rule, [survivor, ...ids], () => mergeSellers(q, survivor, ids));
}

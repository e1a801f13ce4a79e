// The triage queue's SQL: the sellers of a lead-rule view (pipeline/leads/lead-rule.ts), filtered and
// ordered in the database, per-seller details for the shown page only; tab counts, filter choices, claims.
import type { Queryable } from '../../pipeline/storage/database.js';
import { leadRuleSql, type SellerCategory } from '../../pipeline/leads/lead-rule.js';
import { OPEN_STATUSES, type QueueFilters } from '../queue/queue-filters.js';
import { interpretSearch } from '../queue/search-query.js';

export const PAGE_SIZE = 50;

export interface QueueRow {
  id: number;
  status: string;
  /** Where the seller stands under the lead rule: the view labels a row by it. */
  category: SellerCategory;
  score: number;
  assignee: string | null;
  claimed_at: Date | null;
  updated_at: Date;
  n_listings: number;
  n_flagged: number;
  platforms: string[];
  last_seen: Date | null;
  top_title: string | null;
  top_listing_id: number | null;
  /** The best post's text, cut (the row's highlighted excerpt is made from it). */
  top_body: string | null;
  top_platform: string | null;
  first_seen: Date | null;
  certs: { code: string; label: string; authority: string }[] | null;
  contacts: { kind: string; value: string }[] | null;
  escalated: boolean;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The listing filters as conditions on one listing `l` (empty when none is set). */
function listingFilters(f: QueueFilters, p: (v: unknown) => string): string[] {
  const l: string[] = [];
  if (f.source) l.push(`l.source_id = ${p(f.source)}`);
  if (f.platform) l.push(`l.platform = ${p(f.platform)}`);
  if (f.cert) l.push(`l.cert_types @> ${p(JSON.stringify([{ code: f.cert }]))}::jsonb`);
  if (f.authority) l.push(`l.cert_types @> ${p(JSON.stringify([{ authority: f.authority }]))}::jsonb`);
  if (f.from) l.push(`l.last_seen >= ${p(f.from)}::date`);
  if (f.to) l.push(`l.first_seen < ${p(f.to)}::date + 1`);
  if (f.q) {
    const s = interpretSearch(f.q);
    const text = (v: string) => p(`%${likeEscape(v)}%`);
    // Contacts are matched through their prefix index; words are tried as a contact prefix too (an
    // id typed in part).
    const prefixes = (s.contacts.length ? s.contacts : [s.folded]).map((c) => `c.value LIKE ${p(`${likeEscape(c)}%`)}`);
    const typed = text(s.typed);
    const isNumber = s.contacts.length > 0 && s.contacts.every((c) => /^\d+$/.test(c));
    // A number (phone, QQ) is found through the extracted contacts, whatever separators or look-alikes
    // the post used; other queries also search handles and the normalised text, folded as the classifier folds.
    const words = isNumber
      ? [`t.title ILIKE ${typed}`]
      : [`t.title ILIKE ${typed}`, `t.normalized_body ILIKE ${text(s.folded)}`, `t.author_handle ILIKE ${typed}`];
    // One set of listing ids, each half through its own indexes (contacts' prefix btree; the
    // trigram indexes of migration 015, OR-ed as bitmaps): written as one OR over listings, the
    // contact test could not use an index and every listing was read (4 s at a year's volume).
    l.push(
      `l.id IN (SELECT lc.listing_id FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id WHERE ${prefixes.join(' OR ')}
                UNION SELECT t.id FROM listings t WHERE ${words.join(' OR ')})`,
    );
  }
  return l;
}

/**
 * The sellers with a listing that passes the filters, each once, with whether one of those is
 * flagged or review-band (`fr`: what the leads and 待复核 views are about; 全部卖家 takes any, so
 * search still finds a seller whose posts are neither). One pass over the matching listings
 * serves both. Undefined when no listing filter is set.
 */
function listingMatches(filters: string[]): string | undefined {
  if (filters.length === 0) return undefined;
  return `SELECT l.seller_id, COALESCE(bool_or(l.flagged OR l.review), false) AS fr
          FROM listings l WHERE ${['l.seller_id IS NOT NULL', ...filters].join(' AND ')} GROUP BY l.seller_id`;
}

const binder = (params: unknown[]) => (v: unknown) => {
  params.push(v);
  return `$${params.length}`;
};

export interface QueueTabCount {
  category: SellerCategory;
  status: string;
  /** Sellers with a flagged or review-band listing passing the filters (the leads and 待复核 views). */
  n: number;
  /** Sellers with any listing passing the filters (全部卖家). */
  n_any: number;
}

export interface QueueSlice {
  /** Live sellers per category and status under the listing filters: the total and tab badges (queue/queue-tabs.ts). */
  counts: QueueTabCount[];
  /** The requested page of the view, in order. */
  page: { id: number; category: SellerCategory }[];
}

function orderBy(f: QueueFilters, alias: string): string {
  return f.sort === 'recent'
    ? `${alias}.updated_at DESC, ${alias}.score DESC, ${alias}.id DESC`
    : `${alias}.score DESC, ${alias}.updated_at DESC, ${alias}.id DESC`;
}

/**
 * One pass that puts every live seller passing the listing filters in its lead-rule category, and
 * from it both the counts per category and status and the view's page: the rule's lists of sellers
 * are hashed once per screen, and the page can never disagree with the total.
 */
export async function fetchQueueSlice(db: Queryable, f: QueueFilters, pageSize = PAGE_SIZE): Promise<QueueSlice> {
  const params: unknown[] = [];
  const p = binder(params);
  const matches = listingMatches(listingFilters(f, p));
  const inView = f.view === 'all' ? 'true' : `c.category = '${f.view === 'leads' ? 'lead' : 'review'}' AND c.fr`;
  const status = f.status === 'open' ? `c.status = ANY(${p(OPEN_STATUSES)})` : f.status === 'all' ? 'true' : `c.status = ${p(f.status)}`;
  const limit = `LIMIT ${p(pageSize)} OFFSET ${p((f.page - 1) * pageSize)}`;
  if (!matches) return unfilteredSlice(db, f, status, limit, params);
  const r = await db.query<QueueSlice>(
    `WITH m AS MATERIALIZED (${matches}),
     c AS MATERIALIZED (
       SELECT s.id, s.status, s.score, s.updated_at, ${leadRuleSql.category('s')} AS category, m.fr
       FROM sellers s JOIN m ON m.seller_id = s.id WHERE s.merged_into IS NULL
     )
     SELECT (SELECT COALESCE(json_agg(x), '[]') FROM (
               SELECT category, status, (count(*) FILTER (WHERE fr))::int AS n, count(*)::int AS n_any FROM c GROUP BY 1, 2) x) AS counts,
            (SELECT COALESCE(json_agg(json_build_object('id', y.id, 'category', y.category) ORDER BY y.n), '[]') FROM (
               SELECT c.id, c.category, row_number() OVER (ORDER BY ${orderBy(f, 'c')}) AS n FROM c WHERE ${inView} AND ${status}
               ORDER BY ${orderBy(f, 'c')} ${limit}) y) AS page`,
    params,
  );
  return r.rows[0]!;
}

/**
 * With no listing filter every live seller is in (fr holds for all): the counts are one grouping of
 * the sellers table, and the page walks the order's index, so neither copies 200,000 sellers aside
 * (the one-statement form spilled them to disk at a year's volume). Run side by side.
 */
async function unfilteredSlice(db: Queryable, f: QueueFilters, status: string, limit: string, params: unknown[]): Promise<QueueSlice> {
  const category = leadRuleSql.category('c');
  const [counts, page] = await Promise.all([
    db.query<QueueTabCount>(
      `SELECT category, status, count(*)::int AS n, count(*)::int AS n_any
       FROM (SELECT ${category} AS category, c.status FROM sellers c WHERE c.merged_into IS NULL) x GROUP BY 1, 2`,
    ),
    // The view's own condition (not category = …) so the planner sees the columns and their indexes.
    db.query<QueueSlice['page'][number]>(
      `SELECT c.id, ${category} AS category FROM sellers c
       WHERE ${leadRuleSql.view(f.view, 'c')} AND ${status} ORDER BY ${orderBy(f, 'c')} ${limit}`,
      params,
    ),
  ]);
  return { counts: counts.rows, page: page.rows };
}

/** The shown sellers' details, in the slice's order, for these ids only. */
export async function fetchQueueRows(db: Queryable, page: QueueSlice['page']): Promise<QueueRow[]> {
  if (page.length === 0) return [];
  const sql = `
    WITH page AS (
      SELECT s.id, s.status, s.score, s.assignee, s.claimed_at, s.updated_at, x.category, x.n
      FROM unnest($1::int[], $2::text[]) WITH ORDINALITY AS x(id, category, n) JOIN sellers s ON s.id = x.id
    )
    SELECT p.id, p.status, p.score, p.assignee, p.claimed_at, p.updated_at, p.category, agg.n_listings, agg.n_flagged, agg.platforms, agg.first_seen, agg.last_seen, top.top_title, top.top_listing_id, top.top_body, top.top_platform,
           certs.certs, cts.contacts,
           COALESCE((SELECT h.detail->>'escalated' = 'true' FROM seller_status_history h WHERE h.seller_id = p.id ORDER BY h.at DESC, h.id DESC LIMIT 1), false) AS escalated
    FROM page p
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n_listings, (count(*) FILTER (WHERE l.flagged))::int AS n_flagged,
             array_agg(DISTINCT l.platform) AS platforms, min(l.first_seen) AS first_seen, max(l.last_seen) AS last_seen
      FROM listings l WHERE l.seller_id = p.id
    ) agg ON true
    -- The best post (flagged first, then score): only its first characters are read for the row's excerpt.
    LEFT JOIN LATERAL (
      SELECT l.id AS top_listing_id, l.title AS top_title, left(l.body, 1200) AS top_body, l.platform AS top_platform
      FROM listings l WHERE l.seller_id = p.id ORDER BY l.flagged DESC, l.score DESC, l.id LIMIT 1
    ) top ON true
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(DISTINCT jsonb_build_object('code', e->>'code', 'label', e->>'label', 'authority', e->>'authority')) AS certs
      FROM listings l, jsonb_array_elements(CASE WHEN jsonb_typeof(l.cert_types) = 'array' THEN l.cert_types ELSE '[]'::jsonb END) e
      WHERE l.seller_id = p.id
    ) certs ON true
    LEFT JOIN LATERAL (
      SELECT json_agg(x) AS contacts FROM (
        SELECT DISTINCT c.kind, c.value FROM listings l JOIN listing_contacts lc ON lc.listing_id = l.id JOIN contacts c ON c.id = lc.contact_id
        WHERE l.seller_id = p.id AND c.kind IN ('phone', 'wechat', 'qq', 'email') ORDER BY c.kind, c.value LIMIT 6
      ) x
    ) cts ON true
    ORDER BY p.n`;
  return (await db.query<QueueRow>(sql, [page.map((r) => r.id), page.map((r) => r.category)])).rows;
}

export interface QueueFacets {
  sources: { id: string; name: string }[];
  platforms: string[];
  certs: { code: string; label: string }[];
}

/** The filter drop-downs' choices; they scan every listing, so the caller caches them (queue/queue-facets.ts). */
export async function readQueueFacets(db: Queryable): Promise<QueueFacets> {
  const [sources, platforms, certs] = await Promise.all([
    db.query<{ id: string; name: string }>('SELECT id, name FROM sources ORDER BY id'),
    db.query<{ platform: string }>('SELECT DISTINCT platform FROM listings WHERE flagged OR review ORDER BY platform'),
    db.query<{ code: string; label: string }>(
      `SELECT e->>'code' AS code, min(e->>'label') AS label
       FROM listings l, jsonb_array_elements(CASE WHEN jsonb_typeof(l.cert_types) = 'array' THEN l.cert_types ELSE '[]'::jsonb END) e
       WHERE (l.flagged OR l.review) AND e->>'code' IS NOT NULL GROUP BY 1 ORDER BY 1`,
    ),
  ]);
  return { sources: sources.rows, platforms: platforms.rows.map((r) => r.platform), certs: certs.rows };
}

export interface ClaimRow {
  id: number;
  assignee: string | null;
  claimed_at: Date | null;
  status: string;
}

/** Who holds each of the shown sellers now: the queue polls this to show others' claims. */
export async function readClaims(db: Queryable, ids: number[]): Promise<ClaimRow[]> {
  return (await db.query<ClaimRow>('SELECT id, assignee, claimed_at, status FROM sellers WHERE id = ANY($1)', [ids])).rows;
}

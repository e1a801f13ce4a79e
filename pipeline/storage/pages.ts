// The pages table: one row per canonical URL with the hash of its latest content, and
// the hash analysis last finished — the pair that decides whether a fetch costs more work.
import type { Queryable } from './database.js';

export interface PageFetch {
  sourceId: string;
  url: string;
  finalUrl: string;
  status: number;
  contentType: string | null;
  charset: string | null;
  render: string;
  /** sha256 of the raw body (blob address). */
  bodySha: string;
  /** sha256 of the analysis snapshot (blob address); decides re-analysis. */
  contentSha: string;
  fetchedAt: Date;
  /** Cache validators the server sent (null: none), sent back on the next fetch. */
  etag?: string | null;
  lastModified?: string | null;
}

export interface PageFetchResult {
  pageId: number;
  /** Analysis of this content has not finished yet (new, changed, or interrupted before). */
  needsAnalysis: boolean;
  /** First fetch of this URL. */
  isNew: boolean;
  /** Fetched before, and the content differs from the previous fetch. */
  changed: boolean;
}

/** One fetch; see recordPageFetches. */
export async function recordPageFetch(db: Queryable, f: PageFetch): Promise<PageFetchResult> {
  return (await recordPageFetches(db, [f]))[0]!;
}

// Upserts the rows, adds each content version and reports what each URL held before, in one
// statement: every CTE reads the snapshot from before the insert, so `old` is the previous row.
const RECORD_FETCHES = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::text[], $12::text[])
    AS t(url, final_url, source_id, status, content_type, charset, render, sha256, content_sha256, fetched_at, etag, last_modified)
),
old AS (SELECT p.url, p.content_sha256 FROM pages p JOIN input i ON i.url = p.url),
up AS (
  INSERT INTO pages (url, final_url, source_id, status, content_type, charset, render, sha256, content_sha256, fetched_at, etag, last_modified, gone_at)
  SELECT url, final_url, source_id, status, content_type, charset, render, sha256, content_sha256, fetched_at, etag, last_modified,
         CASE WHEN status IN (404, 410) THEN fetched_at END
  FROM input ORDER BY url
  ON CONFLICT (url) DO UPDATE SET final_url = EXCLUDED.final_url, source_id = EXCLUDED.source_id, status = EXCLUDED.status,
    content_type = EXCLUDED.content_type, charset = EXCLUDED.charset, render = EXCLUDED.render, sha256 = EXCLUDED.sha256,
    content_sha256 = EXCLUDED.content_sha256, fetched_at = EXCLUDED.fetched_at, fetch_count = pages.fetch_count + 1,
    etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
    gone_at = CASE WHEN EXCLUDED.status IN (404, 410) THEN COALESCE(pages.gone_at, EXCLUDED.fetched_at) END
  RETURNING id, url, content_sha256, analyzed_sha256, fetched_at
),
versions AS (
  INSERT INTO page_versions (page_id, sha256, fetched_at) SELECT id, content_sha256, fetched_at FROM up ON CONFLICT DO NOTHING
)
SELECT up.id, up.url, up.analyzed_sha256, old.content_sha256 AS old_sha, old.url IS NOT NULL AS existed
FROM up LEFT JOIN old ON old.url = up.url`;

/**
 * Records many fetches in one round trip per batch of distinct URLs (ON CONFLICT may touch a
 * row once per statement). Rows are written in URL order, so concurrent batches never deadlock.
 */
export async function recordPageFetches(db: Queryable, fetches: PageFetch[]): Promise<PageFetchResult[]> {
  const out = new Array<PageFetchResult>(fetches.length);
  let rest = fetches.map((f, i) => ({ f, i }));
  while (rest.length > 0) {
    const round = new Map<string, { f: PageFetch; i: number }>();
    const later: typeof rest = [];
    for (const x of rest) {
      if (round.has(x.f.url)) later.push(x);
      else round.set(x.f.url, x);
    }
    const batch = [...round.values()].sort((a, b) => (a.f.url < b.f.url ? -1 : a.f.url > b.f.url ? 1 : 0));
    const fs = batch.map((x) => x.f);
    const r = await db.query<{ id: number; url: string; analyzed_sha256: string | null; old_sha: string | null; existed: boolean }>(RECORD_FETCHES, [
      fs.map((f) => f.url),
      fs.map((f) => f.finalUrl),
      fs.map((f) => f.sourceId),
      fs.map((f) => f.status),
      fs.map((f) => f.contentType),
      fs.map((f) => f.charset),
      fs.map((f) => f.render),
      fs.map((f) => f.bodySha),
      fs.map((f) => f.contentSha),
      fs.map((f) => f.fetchedAt.toISOString()),
      fs.map((f) => f.etag ?? null),
      fs.map((f) => f.lastModified ?? null),
    ]);
    const byUrl = new Map(r.rows.map((row) => [row.url, row]));
    for (const { f, i } of batch) {
      const row = byUrl.get(f.url);
      if (!row) throw new Error(`page upsert returned no row for ${f.url}`);
      const isNew = !row.existed;
      out[i] = { pageId: row.id, isNew, changed: !isNew && row.old_sha !== f.contentSha, needsAnalysis: row.analyzed_sha256 !== f.contentSha };
    }
    rest = later;
  }
  return out;
}

/** Unchanged pages re-seen: their live listings are re-seen too, all in one UPDATE. */
export async function touchListingsOfPages(db: Queryable, pages: { pageId: number; seenAt: Date }[]): Promise<void> {
  if (pages.length === 0) return;
  await db.query(
    `UPDATE listings l SET last_seen = t.at FROM unnest($1::int[], $2::timestamptz[]) AS t(id, at)
     WHERE l.page_id = t.id AND l.gone_at IS NULL AND l.last_seen < t.at`,
    [pages.map((p) => p.pageId), pages.map((p) => p.seenAt.toISOString())],
  );
}

export async function markPageAnalyzed(db: Queryable, pageId: number, contentSha: string): Promise<void> {
  await db.query(`UPDATE pages SET analyzed_sha256 = $2 WHERE id = $1 AND content_sha256 = $2`, [pageId, contentSha]);
}

/**
 * Locks a batch's pages for its write and returns those that still hold the content analysed: a
 * newer fetch in between makes the analysis stale, and its newer job writes instead. URL order,
 * as the crawl's page writes take them, so the two never deadlock on each other.
 */
export async function lockPagesHolding(q: Queryable, refs: { pageId: number; sha256: string }[]): Promise<Set<number>> {
  if (refs.length === 0) return new Set();
  const r = await q.query<{ id: number; sha: string }>(`SELECT id, content_sha256 AS sha FROM pages WHERE id = ANY($1::int[]) ORDER BY url, id FOR UPDATE`, [
    [...new Set(refs.map((x) => x.pageId))],
  ]);
  const current = new Map(r.rows.map((x) => [x.id, x.sha]));
  return new Set(refs.filter((x) => current.get(x.pageId) === x.sha256).map((x) => x.pageId));
}

/**
 * A batch's pages marked analysed in one statement, each with the picture job its content owes
 * (`picturesJob`; none: no picture read is owed, and an older content's owed read is dropped).
 * A page whose content changed since is left as it is: its newer content's job marks it.
 */
export async function markPagesAnalyzed(db: Queryable, pages: { pageId: number; sha256: string; picturesJob?: string | null }[]): Promise<void> {
  if (pages.length === 0) return;
  await db.query(
    `UPDATE pages p SET analyzed_sha256 = t.sha, pictures_job = t.job FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, sha, job) WHERE p.id = t.id AND p.content_sha256 = t.sha`,
    [pages.map((x) => x.pageId), pages.map((x) => x.sha256), pages.map((x) => x.picturesJob ?? null)],
  );
}

export interface PageRow {
  id: number;
  url: string;
  final_url: string;
  source_id: string;
  status: number;
  charset: string | null;
  render: string;
  sha256: string;
  content_sha256: string | null;
  analyzed_sha256: string | null;
  /** The picture job this content owes a read of its posts' pictures (migration 019); null: none owed. */
  pictures_job: string | null;
  fetched_at: Date;
}

export async function getPage(db: Queryable, pageId: number): Promise<PageRow | undefined> {
  return (await db.query<PageRow>(`SELECT * FROM pages WHERE id = $1`, [pageId])).rows[0];
}

/** A batch's page rows in one read, by id. */
export async function getPages(db: Queryable, pageIds: number[]): Promise<Map<number, PageRow>> {
  if (pageIds.length === 0) return new Map();
  const r = await db.query<PageRow>(`SELECT * FROM pages WHERE id = ANY($1::int[])`, [pageIds]);
  return new Map(r.rows.map((row) => [row.id, row]));
}

/**
 * Pages that held live flagged or review listings for a source: a re-crawl revisits them,
 * because a deleted thread is no longer linked from anywhere and would otherwise never be seen gone.
 * `share` > 1 takes the least recently fetched 1/share of them (an incremental run: each is still
 * revisited within `share` runs); 1 takes them all (a full walk).
 */
export async function pagesToRevisit(db: Queryable, sourceId: string, limit: number, share = 1): Promise<string[]> {
  const r = await db.query<{ url: string }>(
    `SELECT url FROM (
       SELECT p.url, p.fetched_at, row_number() OVER (ORDER BY p.fetched_at ASC, p.id) AS rn, count(*) OVER () AS n
       FROM pages p
       WHERE p.source_id = $1 AND p.gone_at IS NULL
         AND EXISTS (SELECT 1 FROM listings l WHERE l.page_id = p.id AND l.gone_at IS NULL AND (l.flagged OR l.review))
     ) x
     WHERE rn <= LEAST($2::bigint, ceil(n::numeric / $3::int))
     ORDER BY fetched_at ASC`,
    [sourceId, limit, Math.max(1, share)],
  );
  return r.rows.map((x) => x.url);
}

/** Of `urls`, those `sourceId` itself fetched since `since` (a hand-off skips what its owner's own crawl just read). */
export async function fetchedBySourceSince(db: Queryable, sourceId: string, urls: string[], since: Date): Promise<Set<string>> {
  if (urls.length === 0) return new Set();
  const r = await db.query<{ url: string }>(`SELECT url FROM pages WHERE url = ANY($1::text[]) AND source_id = $2 AND fetched_at >= $3`, [urls, sourceId, since]);
  return new Set(r.rows.map((x) => x.url));
}

/** A page as its last full fetch left it: enough to record an unchanged fetch and to ask conditionally. */
export interface KnownPageRow {
  url: string;
  final_url: string;
  status: number;
  content_type: string | null;
  charset: string | null;
  render: string;
  sha256: string;
  content_sha256: string;
  etag: string | null;
  last_modified: string | null;
}

/**
 * A source's live pages last answered 200 with a snapshot: the ones a fetch may find unchanged.
 * Read once per crawl run (one row per page, ~200 bytes each in memory).
 */
export async function knownPagesOf(db: Queryable, sourceId: string): Promise<Map<string, KnownPageRow>> {
  const r = await db.query<KnownPageRow>(
    `SELECT url, final_url, status, content_type, charset, render, sha256, content_sha256, etag, last_modified
     FROM pages WHERE source_id = $1 AND status = 200 AND gone_at IS NULL AND content_sha256 IS NOT NULL`,
    [sourceId],
  );
  return new Map(r.rows.map((row) => [row.url, row]));
}

/**
 * The rows of these (page, content) pairs whose content is still that one and (with `jobId`) still
 * owes that picture job its read. `share`: held (FOR SHARE) until the transaction ends, so no newer
 * fetch replaces the content under the writes that depend on it.
 */
export async function pagesOwedToPictureJob(q: Queryable, pages: { pageId: number; sha256: string }[], jobId: string | undefined, share = false): Promise<Map<number, PageRow>> {
  if (pages.length === 0) return new Map();
  const r = await q.query<PageRow>(
    `SELECT p.* FROM pages p JOIN unnest($1::int[], $2::text[]) AS t(id, sha) ON p.id = t.id AND p.content_sha256 = t.sha
     WHERE $3::text IS NULL OR p.pictures_job = $3 ORDER BY p.url, p.id${share ? ' FOR SHARE OF p' : ''}`,
    [pages.map((x) => x.pageId), pages.map((x) => x.sha256), jobId ?? null],
  );
  return new Map(r.rows.map((row) => [row.id, row]));
}

/** Up to `limit` pages whose pictures_job names this job, with the content analysed when it was named. */
export async function pagesNamingPictureJob(q: Queryable, jobId: string, limit: number): Promise<{ pageId: number; sha256: string }[]> {
  const r = await q.query<{ id: number; sha: string | null }>(`SELECT id, analyzed_sha256 AS sha FROM pages WHERE pictures_job = $1 ORDER BY id LIMIT $2`, [jobId, limit]);
  // A page with no analysed content matches none (stale) and is cleared like one.
  return r.rows.map((x) => ({ pageId: x.id, sha256: x.sha ?? '' }));
}

/**
 * The picture job is done with these pages (all of its pages without `pages`): cleared where the row
 * still names the job for the same analysed content — a newer content a late analysis handed the
 * same job stays owed, and is read in the job's next round.
 */
export async function clearPicturesOwed(q: Queryable, jobId: string, pages?: { pageId: number; sha256: string }[]): Promise<void> {
  if (!pages) {
    await q.query(`UPDATE pages SET pictures_job = NULL WHERE pictures_job = $1`, [jobId]);
    return;
  }
  if (pages.length === 0) return;
  await q.query(
    `UPDATE pages p SET pictures_job = NULL FROM unnest($2::int[], $3::text[]) AS t(id, sha)
     WHERE p.id = t.id AND p.pictures_job = $1 AND p.analyzed_sha256 IS NOT DISTINCT FROM NULLIF(t.sha, '')`,
    [jobId, pages.map((x) => x.pageId), pages.map((x) => x.sha256)],
  );
}

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

export async function recordPageFetch(db: Queryable, f: PageFetch): Promise<PageFetchResult> {
  const r = await db.query<{ id: number; old_sha: string | null; existed: number; analyzed_sha256: string | null }>(
    `WITH old AS (SELECT content_sha256 FROM pages WHERE url = $1)
     INSERT INTO pages (url, final_url, source_id, status, content_type, charset, render, sha256, content_sha256, fetched_at, gone_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $4 IN (404, 410) THEN $10::timestamptz END)
     ON CONFLICT (url) DO UPDATE SET final_url = EXCLUDED.final_url, source_id = EXCLUDED.source_id, status = EXCLUDED.status,
       content_type = EXCLUDED.content_type, charset = EXCLUDED.charset, render = EXCLUDED.render, sha256 = EXCLUDED.sha256,
       content_sha256 = EXCLUDED.content_sha256, fetched_at = EXCLUDED.fetched_at, fetch_count = pages.fetch_count + 1,
       gone_at = CASE WHEN EXCLUDED.status IN (404, 410) THEN COALESCE(pages.gone_at, EXCLUDED.fetched_at) END
     RETURNING id, (SELECT content_sha256 FROM old) AS old_sha, (SELECT count(*) FROM old) AS existed, analyzed_sha256`,
    [f.url, f.finalUrl, f.sourceId, f.status, f.contentType, f.charset, f.render, f.bodySha, f.contentSha, f.fetchedAt],
  );
  const row = r.rows[0]!;
  await db.query(`INSERT INTO page_versions (page_id, sha256, fetched_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    row.id,
    f.contentSha,
    f.fetchedAt,
  ]);
  const isNew = Number(row.existed) === 0;
  return { pageId: row.id, isNew, changed: !isNew && row.old_sha !== f.contentSha, needsAnalysis: row.analyzed_sha256 !== f.contentSha };
}

/** An unchanged page re-seen: its live listings are re-seen too, at the cost of one UPDATE. */
export async function touchListingsOfPage(db: Queryable, pageId: number, seenAt: Date): Promise<void> {
  await db.query(`UPDATE listings SET last_seen = $2 WHERE page_id = $1 AND gone_at IS NULL AND last_seen < $2`, [pageId, seenAt]);
}

export async function markPageAnalyzed(db: Queryable, pageId: number, contentSha: string): Promise<void> {
  await db.query(`UPDATE pages SET analyzed_sha256 = $2 WHERE id = $1`, [pageId, contentSha]);
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
  fetched_at: Date;
}

export async function getPage(db: Queryable, pageId: number): Promise<PageRow | undefined> {
  return (await db.query<PageRow>(`SELECT * FROM pages WHERE id = $1`, [pageId])).rows[0];
}

/**
 * Pages that held live flagged or review listings for a source: a re-crawl revisits them,
 * because a deleted thread is no longer linked from anywhere and would otherwise never be seen gone.
 */
export async function pagesToRevisit(db: Queryable, sourceId: string, limit: number): Promise<string[]> {
  const r = await db.query<{ url: string }>(
    `SELECT p.url FROM pages p
     WHERE p.source_id = $1 AND p.gone_at IS NULL
       AND EXISTS (SELECT 1 FROM listings l WHERE l.page_id = p.id AND l.gone_at IS NULL AND (l.flagged OR l.review))
     ORDER BY p.fetched_at ASC LIMIT $2`,
    [sourceId, limit],
  );
  return r.rows.map((x) => x.url);
}

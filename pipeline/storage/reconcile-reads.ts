// What the database says is owed — pages never analysed, pages owed a picture read, flagged/review
// listings never linked, flagged listings never captured, crawl runs still open — for the reconciler.
import type { Queryable } from './database.js';

export interface OwedPage {
  id: number;
  sha: string;
}

export interface OwedListing {
  id: number;
  sha: string;
}

export interface OwedCapture extends OwedListing {
  score: number;
  /** The listing has had more than one body: capture records why it is taken again. */
  changed: boolean;
}

export interface OpenCrawlRun {
  id: number;
  source_id: string;
  job_id: string | null;
  status: 'queued' | 'running';
  reason: string | null;
  /** The source is still enabled: a crawl Redis forgot is asked for again only then. */
  enabled: boolean;
}

export async function pagesOwedAnalysis(db: Queryable): Promise<OwedPage[]> {
  return (await db.query<OwedPage>(`SELECT id, content_sha256 AS sha FROM pages_not_analysed ORDER BY id`)).rows;
}

/** Of these (page, content) pairs, those still owed now: a job may have finished since the first read. */
export async function pagesStillOwed(db: Queryable, pages: OwedPage[]): Promise<Set<number>> {
  if (pages.length === 0) return new Set();
  const r = await db.query<{ id: number }>(
    `SELECT o.id FROM pages_not_analysed o JOIN unnest($1::int[], $2::text[]) AS t(id, sha) ON o.id = t.id AND o.content_sha256 = t.sha`,
    [pages.map((p) => p.id), pages.map((p) => p.sha)],
  );
  return new Set(r.rows.map((x) => x.id));
}

export async function countPagesNotAnalysed(db: Queryable): Promise<number> {
  return Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pages_not_analysed`)).rows[0]!.n);
}

/** A page whose analysed content owes a picture job (pages.pictures_job, migration 019). */
export interface OwedPictures extends OwedPage {
  job: string;
}

export async function pagesOwedPictures(db: Queryable): Promise<OwedPictures[]> {
  return (
    await db.query<OwedPictures>(`SELECT id, analyzed_sha256 AS sha, pictures_job AS job FROM pages WHERE pictures_job IS NOT NULL ORDER BY id`)
  ).rows;
}

/** Of these, the pages still owed to the same picture job. */
export async function pagesStillOwedPictures(db: Queryable, pages: OwedPictures[]): Promise<Set<number>> {
  if (pages.length === 0) return new Set();
  const r = await db.query<{ id: number }>(
    `SELECT p.id FROM pages p JOIN unnest($1::int[], $2::text[]) AS t(id, job) ON p.id = t.id AND p.pictures_job = t.job`,
    [pages.map((p) => p.id), pages.map((p) => p.job)],
  );
  return new Set(r.rows.map((x) => x.id));
}

export async function countPagesOwedPictures(db: Queryable): Promise<number> {
  return Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pages WHERE pictures_job IS NOT NULL`)).rows[0]!.n);
}

const UNLINKED = `(flagged OR review) AND seller_id IS NULL`;

export async function listingsOwedLink(db: Queryable): Promise<OwedListing[]> {
  return (await db.query<OwedListing>(`SELECT id, body_sha256 AS sha FROM listings WHERE ${UNLINKED} ORDER BY id`)).rows;
}

export async function listingsStillUnlinked(db: Queryable, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const r = await db.query<{ id: number }>(`SELECT id FROM listings WHERE id = ANY($1::int[]) AND ${UNLINKED}`, [ids]);
  return new Set(r.rows.map((x) => x.id));
}

// The link stage asks for a capture of a flagged, live listing it put into a seller; a capture
// of the listing's current text (captures.listing_body_sha256) is what settles it.
const UNCAPTURED = `l.flagged AND l.seller_id IS NOT NULL AND l.gone_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM captures c WHERE c.listing_id = l.id AND c.listing_body_sha256 = l.body_sha256)`;

export async function listingsOwedCapture(db: Queryable): Promise<OwedCapture[]> {
  return (
    await db.query<OwedCapture>(
      `SELECT l.id, l.body_sha256 AS sha, l.score,
              EXISTS (SELECT 1 FROM listing_versions v WHERE v.listing_id = l.id AND v.body_sha256 <> l.body_sha256) AS changed
       FROM listings l WHERE ${UNCAPTURED} ORDER BY l.id`,
    )
  ).rows;
}

export async function listingsStillUncaptured(db: Queryable, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const r = await db.query<{ id: number }>(`SELECT l.id FROM listings l WHERE l.id = ANY($1::int[]) AND ${UNCAPTURED}`, [ids]);
  return new Set(r.rows.map((x) => x.id));
}

export async function openCrawlRuns(db: Queryable): Promise<OpenCrawlRun[]> {
  return (
    await db.query<OpenCrawlRun>(
      `SELECT r.id, r.source_id, r.job_id, r.status, r.stats->>'reason' AS reason, COALESCE(s.enabled, false) AS enabled
       FROM crawl_runs r LEFT JOIN sources s ON s.id = r.source_id
       WHERE r.status IN ('queued', 'running') ORDER BY r.id`,
    )
  ).rows;
}

/** Closes an open run as abandoned, with why; false when it closed by itself meanwhile. */
export async function abandonCrawlRun(db: Queryable, id: number, why: string): Promise<boolean> {
  const r = await db.query<{ id: number }>(
    `UPDATE crawl_runs SET status = 'abandoned', finished_at = now(), error = $2 WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
    [id, why.slice(0, 2000)],
  );
  return r.rows.length > 0;
}

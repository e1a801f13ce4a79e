// What `certwatch crawl --all --wait` reports per source: the run its job recorded, and what
// of that source's pages and posts still waits for analysis or linking.
import type { Queryable } from './database.js';

export interface SourceRunSummary {
  sourceId: string;
  jobId: string;
  /** crawl_runs.status: queued, running, done, failed or abandoned. */
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** The crawl worker's counts (pages, newPages, changed, unchanged, analyzeJobs, gone, pageErrors, revisits). */
  stats: Record<string, unknown>;
  error: string | null;
  /** The source's pages whose current content was not analysed yet. */
  pagesNotAnalysed: number;
  /** Its pages whose pictures the picture stage has still to read. */
  picturesNotRead: number;
  /** Its flagged or review-band posts in no seller yet. */
  postsNotLinked: number;
  /** Its posts kept and flagged, all runs. */
  posts: number;
  flagged: number;
}

export interface AnalysisOwed {
  pagesNotAnalysed: number;
  /** Pages analysed whose posts' pictures are still to be read (pages.pictures_job). */
  picturesNotRead: number;
  postsNotLinked: number;
}

/** Pages not analysed, pictures not read and posts not linked, over the given sources. */
export async function analysisOwed(db: Queryable, sourceIds: string[]): Promise<AnalysisOwed> {
  const r = await db.query<{ pages: number; pictures: number; posts: number }>(
    `SELECT (SELECT count(*)::int FROM pages_not_analysed WHERE source_id = ANY($1::text[])) AS pages,
            (SELECT count(*)::int FROM pages WHERE pictures_job IS NOT NULL AND source_id = ANY($1::text[])) AS pictures,
            (SELECT count(*)::int FROM listings WHERE source_id = ANY($1::text[]) AND (flagged OR review) AND seller_id IS NULL) AS posts`,
    [sourceIds],
  );
  return { pagesNotAnalysed: Number(r.rows[0]!.pages), picturesNotRead: Number(r.rows[0]!.pictures), postsNotLinked: Number(r.rows[0]!.posts) };
}

/** Nothing of analysis, pictures or linking is owed. */
export const nothingOwed = (o: AnalysisOwed) => o.pagesNotAnalysed === 0 && o.picturesNotRead === 0 && o.postsNotLinked === 0;

/** The crawl runs of these job ids, by source id. */
export async function crawlRunStatuses(db: Queryable, jobIds: string[]): Promise<Map<string, string>> {
  const r = await db.query<{ job_id: string; status: string }>(`SELECT job_id, status FROM crawl_runs WHERE job_id = ANY($1::text[])`, [jobIds]);
  return new Map(r.rows.map((x) => [x.job_id, x.status]));
}

export async function sourceRunSummaries(db: Queryable, jobIds: string[]): Promise<SourceRunSummary[]> {
  const r = await db.query<{
    source_id: string;
    job_id: string;
    status: string;
    started_at: Date;
    finished_at: Date | null;
    stats: Record<string, unknown> | null;
    error: string | null;
    not_analysed: number;
    not_read: number;
    not_linked: number;
    posts: number;
    flagged: number;
  }>(
    `SELECT r.source_id, r.job_id, r.status, r.started_at, r.finished_at, r.stats, r.error,
            (SELECT count(*)::int FROM pages_not_analysed p WHERE p.source_id = r.source_id) AS not_analysed,
            (SELECT count(*)::int FROM pages p WHERE p.source_id = r.source_id AND p.pictures_job IS NOT NULL) AS not_read,
            (SELECT count(*)::int FROM listings l WHERE l.source_id = r.source_id AND (l.flagged OR l.review) AND l.seller_id IS NULL) AS not_linked,
            (SELECT count(*)::int FROM listings l WHERE l.source_id = r.source_id) AS posts,
            (SELECT count(*)::int FROM listings l WHERE l.source_id = r.source_id AND l.flagged) AS flagged
       FROM crawl_runs r WHERE r.job_id = ANY($1::text[]) ORDER BY r.source_id`,
    [jobIds],
  );
  return r.rows.map((x) => ({
    sourceId: x.source_id,
    jobId: x.job_id,
    status: x.status,
    startedAt: x.started_at,
    finishedAt: x.finished_at,
    stats: x.stats ?? {},
    error: x.error,
    pagesNotAnalysed: Number(x.not_analysed),
    picturesNotRead: Number(x.not_read),
    postsNotLinked: Number(x.not_linked),
    posts: Number(x.posts),
    flagged: Number(x.flagged),
  }));
}

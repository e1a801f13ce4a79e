// One crawl_runs row per crawl job: keyed by the BullMQ job id, so a job retried after
// a worker died reuses its row instead of counting the run twice.
import type { Queryable } from './database.js';

/** The job id prefix of hand-off runs (jobIds.handOff): the owner's crawl_runs rows, not its own runs. */
export const HANDOFF_JOB_PREFIX = 'handoff:';

/**
 * A source's own runs, not the hand-offs it fetched for other sources' crawls: a few handed pages
 * say nothing of its walk, its size or its health.
 */
export const OWN_RUN = (alias: string) => `COALESCE(${alias}.job_id, '') NOT LIKE '${HANDOFF_JOB_PREFIX}%'`;

/** Whether one of the source's own runs is queued or running (a hand-off waits for it: it may fetch those pages itself). */
export async function ownRunOpen(db: Queryable, sourceId: string): Promise<boolean> {
  const r = await db.query(`SELECT 1 FROM crawl_runs c WHERE c.source_id = $1 AND c.status IN ('queued', 'running') AND ${OWN_RUN('c')} LIMIT 1`, [sourceId]);
  return r.rows.length > 0;
}

/**
 * A crawl asked for on demand, written before its job goes to Redis: if Redis forgets the job,
 * the row still says the crawl is owed. The worker's startCrawlRun turns it into 'running'.
 */
export async function recordCrawlQueued(db: Queryable, sourceId: string, jobId: string, reason: string): Promise<void> {
  await db.query(
    `INSERT INTO crawl_runs (source_id, job_id, status, started_at, stats) VALUES ($1, $2, 'queued', now(), $3)
     ON CONFLICT (job_id) DO NOTHING`,
    [sourceId, jobId, JSON.stringify({ reason })],
  );
}

export async function startCrawlRun(db: Queryable, sourceId: string, jobId: string): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO crawl_runs (source_id, job_id, status, started_at) VALUES ($1, $2, 'running', now())
     ON CONFLICT (job_id) DO UPDATE SET status = 'running', started_at = now(), finished_at = NULL, error = NULL
     RETURNING id`,
    [sourceId, jobId],
  );
  return r.rows[0]!.id;
}

export async function finishCrawlRun(
  db: Queryable,
  id: number,
  outcome: { status: 'done' | 'failed'; stats: Record<string, unknown>; error?: string },
): Promise<void> {
  await db.query(`UPDATE crawl_runs SET status = $2, finished_at = now(), stats = $3, error = $4 WHERE id = $1`, [
    id,
    outcome.status,
    JSON.stringify(outcome.stats),
    outcome.error?.slice(0, 2000) ?? null,
  ]);
}

export interface CrawlRunRow {
  id: number;
  source_id: string;
  job_id: string | null;
  status: string;
  started_at: Date;
  finished_at: Date | null;
  stats: Record<string, unknown>;
  error: string | null;
}

export async function recentCrawlRuns(db: Queryable, limit = 20): Promise<CrawlRunRow[]> {
  return (await db.query<CrawlRunRow>(`SELECT * FROM crawl_runs ORDER BY started_at DESC LIMIT $1`, [limit])).rows;
}

/**
 * Whether this run of a source must walk in full: no finished run yet, or `every` finished runs
 * since the last full walk (a run records `fullWalk` in its stats). Failed runs do not count.
 */
export async function fullWalkDue(db: Queryable, sourceId: string, every: number): Promise<boolean> {
  if (every <= 1) return true;
  const r = await db.query<{ since: number; ever: boolean }>(
    `WITH last_full AS (
       SELECT max(started_at) AS at FROM crawl_runs c WHERE source_id = $1 AND status = 'done' AND (stats->>'fullWalk')::boolean AND ${OWN_RUN('c')}
     )
     SELECT count(*)::int AS since, (SELECT at IS NOT NULL FROM last_full) AS ever
     FROM crawl_runs c, last_full WHERE source_id = $1 AND status = 'done' AND (last_full.at IS NULL OR started_at > last_full.at) AND ${OWN_RUN('c')}`,
    [sourceId],
  );
  const row = r.rows[0]!;
  return !row.ever || row.since + 1 >= every;
}

// Crawl runs still open in the database, held against their jobs: a queued crawl Redis forgot
// is enqueued again; a run whose job vanished or ended without closing it is marked abandoned.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Queryable } from '../storage/database.js';
import { abandonCrawlRun, openCrawlRuns, type OpenCrawlRun } from '../storage/reconcile-reads.js';
import type { CrawlJob } from '../queues/names.js';
import { enqueueCrawlJob } from '../queues/enqueue.js';
import { requestCrawl } from '../queues/crawl-request.js';
import { HANDOFF_JOB_PREFIX } from '../storage/crawl-runs.js';
import { jobVerdicts } from './job-states.js';

export interface CrawlRunReport {
  /** Runs queued or running in the database. */
  open: number;
  inFlight: number;
  /** Queued crawls whose job was gone, enqueued again; and re-crawls asked for abandoned runs. */
  requeued: number;
  abandoned: number;
  /** Why each abandoned run was abandoned (the first few). */
  details: { runId: number; sourceId: string; why: string }[];
}

const REASONS: CrawlJob['reason'][] = ['schedule', 'manual', 'demo'];
const reasonOf = (r: string | null): CrawlJob['reason'] => (REASONS as string[]).includes(r ?? '') ? (r as CrawlJob['reason']) : 'schedule';

const VANISHED = 'its job vanished from Redis while the run was open (Redis restarted without persistence, flushed, or evicted keys)';

export async function reconcileCrawlRuns(db: Queryable, redis: Redis, queue: Queue<CrawlJob>): Promise<CrawlRunReport> {
  const runs = await openCrawlRuns(db);
  const report: CrawlRunReport = { open: runs.length, inFlight: 0, requeued: 0, abandoned: 0, details: [] };
  const withJob = runs.filter((r): r is OpenCrawlRun & { job_id: string } => r.job_id !== null);
  const verdicts = await jobVerdicts(redis, queue, withJob.map((r) => r.job_id));
  const abandon = async (run: OpenCrawlRun, why: string) => {
    if (!(await abandonCrawlRun(db, run.id, why))) return false;
    report.abandoned++;
    if (report.details.length < 20) report.details.push({ runId: run.id, sourceId: run.source_id, why });
    return true;
  };
  for (const run of runs.filter((r) => r.job_id === null)) await abandon(run, 'the run has no job id to follow');
  for (const [i, run] of withJob.entries()) {
    const v = verdicts[i]!;
    if (v === 'in-flight') {
      report.inFlight++;
      continue;
    }
    const failedReason = v === 'failed' ? ((await queue.getJob(run.job_id))?.failedReason ?? 'no reason kept') : '';
    if (run.status === 'queued') {
      if (v === 'missing' && run.enabled) {
        // Same id: if the first enqueue is still on its way, one of the two adds is a no-op.
        await enqueueCrawlJob(queue, run.job_id, run.source_id, reasonOf(run.reason));
        report.requeued++;
      } else if (v === 'missing') await abandon(run, 'its job vanished from Redis before it ran, and the source is no longer enabled');
      else await abandon(run, v === 'failed' ? `its job failed before the crawl started: ${failedReason}` : 'its job completed without starting the run');
      continue;
    }
    if (v === 'missing') {
      // Pages fetched so far are kept; the re-crawl finds them unchanged and fetches the rest. A lost
      // hand-off asks no crawl of the whole source: the handing source's next run finds and hands its pages again.
      if ((await abandon(run, VANISHED)) && run.enabled && !run.job_id.startsWith(HANDOFF_JOB_PREFIX)) {
        await requestCrawl(db, queue, run.source_id, reasonOf(run.reason), `retry-${run.id}`);
        report.requeued++;
      }
    } else await abandon(run, v === 'failed' ? `its job failed without closing the run: ${failedReason}` : 'its job completed without closing the run');
  }
  return report;
}

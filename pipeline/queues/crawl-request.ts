// A crawl asked for now (demo, `certwatch crawl`, the dashboard's "run now"): its run is
// recorded as queued in the database first, so a Redis that loses the job cannot lose the crawl.
import type { Queue } from 'bullmq';
import type { Queryable } from '../storage/database.js';
import { recordCrawlQueued } from '../storage/crawl-runs.js';
import type { CrawlJob } from './names.js';
import { jobIds } from './job-options.js';
import { enqueueCrawlJob } from './enqueue.js';

/** The source's row must exist (crawl_runs refers to it). Returns the job id. */
export async function requestCrawl(db: Queryable, q: Queue<CrawlJob>, sourceId: string, reason: CrawlJob['reason'], stamp: string): Promise<string> {
  const jobId = jobIds.crawl(sourceId, stamp);
  await recordCrawlQueued(db, sourceId, jobId, reason);
  await enqueueCrawlJob(q, jobId, sourceId, reason);
  return jobId;
}

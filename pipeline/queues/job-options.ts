// Retry, backoff and retention per queue: transient failures retry with exponential
// backoff; permanent ones stay in the failed set with their reason for an operator to see.
import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { QueueName } from './names.js';
import { HANDOFF_JOB_PREFIX } from '../storage/crawl-runs.js';

const ATTEMPTS: Record<QueueName, number> = { crawl: 3, analyze: 5, picture: 3, link: 5, capture: 4, export: 3, reconcile: 2, alert: 1 };
const BACKOFF_MS: Record<QueueName, number> = { crawl: 30_000, analyze: 2_000, picture: 5_000, link: 1_000, capture: 10_000, export: 5_000, reconcile: 30_000, alert: 10_000 };

export function defaultJobOptions(name: QueueName): JobsOptions {
  return {
    attempts: ATTEMPTS[name],
    backoff: { type: 'exponential', delay: BACKOFF_MS[name] },
    // Completed jobs are kept a while so a re-enqueue of the same id within that window is a no-op.
    removeOnComplete: { age: 24 * 3600, count: 20_000 },
    // Failed jobs are kept: the failed set with reasons is how permanent failures stay visible.
    removeOnFail: { count: 100_000 },
  };
}

let batches = 0;
// Time and a per-process count: unique among batches of this process, and across processes in practice.
const batchStamp = () => `${Date.now().toString(36)}${(batches++).toString(36)}${process.pid.toString(36)}`;

const digest = (items: string[]) => createHash('sha256').update([...items].sort().join('\n')).digest('hex').slice(0, 40);


/** Job ids from content: a redelivered or re-enqueued job with the same content is the same job. */
export const jobIds = {
  analyze: (pageId: number, contentSha: string) => `analyze:${pageId}:${contentSha}`,
  /**
   * A batch's id: its pages and their content, and when it was made. Not from content alone: a page
   * whose content goes A → B → A (a script page that once rendered empty) comes back in a batch equal
   * to one already completed, and BullMQ would drop it as a duplicate, leaving A unanalysed. A batch
   * enqueued twice is analysed twice, which is harmless: analysed content is cut short.
   */
  analyzeBatch: (pages: { pageId: number; contentSha: string }[]) => `analyze:batch:${digest(pages.map((p) => `${p.pageId}.${p.contentSha}`))}-${batchStamp()}`,
  /**
   * A picture job's id, opened by analysis (open-picture-job.ts) and kept in its pages' pictures_job
   * column: never equal to an earlier one, so a page whose content comes back is read again, and the
   * reconciler re-adds a lost job under the very id the database names.
   */
  pictures: () => `picture:open:${batchStamp()}`,
  link: (listingId: number, bodySha: string) => `link:${listingId}:${bodySha}`,
  linkBatch: (targets: { listingId: number; bodySha: string }[]) => `link:batch:${digest(targets.map((t) => `${t.listingId}.${t.bodySha}`))}`,
  capture: (listingId: number, bodySha: string) => `capture:${listingId}:${bodySha}`,
  crawl: (sourceId: string, stamp: string) => `crawl:${sourceId}:${stamp}`,
  // BullMQ takes ':' only as exactly two separators: the host's port colon becomes '_'.
  follow: (host: string, stamp: string) => `follow:${host.replace(/[^a-z0-9.-]/gi, '_')}:${stamp}`,
  /** One per owner per handing run (`stamp` names the run): a retried or re-sent hand-off is a no-op. */
  handOff: (sourceId: string, stamp: string) => `${HANDOFF_JOB_PREFIX}${sourceId}:${stamp.replace(/:/g, '_')}`,
};

/** Scheduler ids carry no ':' so the jobs they spawn (`repeat:<id>:<millis>`) keep valid ids. */
export const schedulerIdOf = (sourceId: string) => `source-${sourceId}`;

/** The reconciler's one job scheduler (on the reconcile queue). */
export const RECONCILE_SCHEDULER_ID = 'reconcile';

/** The alert pass's one job scheduler (on the alert queue). */
export const ALERT_SCHEDULER_ID = 'alerts';

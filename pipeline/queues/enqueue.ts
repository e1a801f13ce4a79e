// Adds jobs with content-derived ids and the queue's retry policy, so every producer
// (crawl worker, analyze worker, CLI, scheduler) enqueues the same way.
import type { Queue } from 'bullmq';
import type { AnalyzeJob, CaptureJob, CrawlJob, LinkJob } from './names.js';
import { defaultJobOptions, jobIds } from './job-options.js';

type Q<T> = Queue<T>;

export async function enqueueAnalyze(q: Q<AnalyzeJob>, pageId: number, contentSha: string): Promise<void> {
  await q.add('analyze', { pageId, sha256: contentSha }, { ...defaultJobOptions('analyze'), jobId: jobIds.analyze(pageId, contentSha) });
}

/** Many analyze jobs in one round trip (addBulk); ids as enqueueAnalyze, so duplicates stay no-ops. */
export async function enqueueAnalyzeMany(q: Q<AnalyzeJob>, pages: { pageId: number; contentSha: string }[]): Promise<void> {
  if (pages.length === 0) return;
  await q.addBulk(
    pages.map((p) => ({
      name: 'analyze',
      data: { pageId: p.pageId, sha256: p.contentSha },
      opts: { ...defaultJobOptions('analyze'), jobId: jobIds.analyze(p.pageId, p.contentSha) },
    })),
  );
}

export async function enqueueLinks(q: Q<LinkJob>, targets: { listingId: number; bodySha: string }[]): Promise<void> {
  if (targets.length === 0) return;
  await q.addBulk(
    targets.map((t) => ({
      name: 'link',
      data: { listingId: t.listingId },
      opts: { ...defaultJobOptions('link'), jobId: jobIds.link(t.listingId, t.bodySha) },
    })),
  );
}

/** Captures are slow (a browser visit each): the likeliest sellers' posts go first (BullMQ: 1 is highest). */
export async function enqueueCapture(q: Q<CaptureJob>, listingId: number, bodySha: string, reason: CaptureJob['reason'], score = 0.5): Promise<void> {
  const priority = 1 + Math.round((1 - Math.min(1, Math.max(0, score))) * 1000);
  await q.add('capture', { listingId, reason }, { ...defaultJobOptions('capture'), jobId: jobIds.capture(listingId, bodySha), priority });
}

/** A manual or demo crawl: one per source per `stamp` (callers pass a time bucket or a run id). */
export async function enqueueCrawl(q: Q<CrawlJob>, sourceId: string, reason: CrawlJob['reason'], stamp: string): Promise<string> {
  const jobId = jobIds.crawl(sourceId, stamp);
  await q.add('crawl', { sourceId, reason }, { ...defaultJobOptions('crawl'), jobId });
  return jobId;
}

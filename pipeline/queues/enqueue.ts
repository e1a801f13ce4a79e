// Adds jobs with content-derived ids and the queue's retry policy, so every producer
// (crawl worker, analyze worker, CLI, scheduler) enqueues the same way.
import type { Queue } from 'bullmq';
import type { AnalyzeJob, CaptureJob, CrawlJob, LinkJob, PictureJob } from './names.js';
import { defaultJobOptions, jobIds } from './job-options.js';

type Q<T> = Queue<T>;

/** An analyze job's name, data and options: one place for the id that keeps duplicates no-ops. */
function analyzeJob(pageId: number, contentSha: string) {
  return { name: 'analyze' as const, data: { pageId, sha256: contentSha }, opts: { ...defaultJobOptions('analyze'), jobId: jobIds.analyze(pageId, contentSha) } };
}

export async function enqueueAnalyze(q: Q<AnalyzeJob>, pageId: number, contentSha: string): Promise<void> {
  const j = analyzeJob(pageId, contentSha);
  await q.add(j.name, j.data, j.opts);
}

/** Many analyze jobs in one round trip (addBulk), one per page: the reconciler's re-queues, each under its page's id. */
export async function enqueueAnalyzeMany(q: Q<AnalyzeJob>, pages: { pageId: number; contentSha: string }[]): Promise<void> {
  if (pages.length === 0) return;
  await q.addBulk(pages.map((p) => analyzeJob(p.pageId, p.contentSha)));
}

/**
 * The pages of one recorded crawl batch as one analyze job (a lone page keeps its own id). The
 * reconciler counts a page carried by a batch in flight as in flight (see reconcile.ts).
 */
export async function enqueueAnalyzeBatch(q: Q<AnalyzeJob>, pages: { pageId: number; contentSha: string }[]): Promise<void> {
  if (pages.length === 0) return;
  if (pages.length === 1) return enqueueAnalyze(q, pages[0]!.pageId, pages[0]!.contentSha);
  await q.add('analyze', { pages: pages.map((p) => ({ pageId: p.pageId, sha256: p.contentSha })) }, { ...defaultJobOptions('analyze'), jobId: jobIds.analyzeBatch(pages) });
}

/**
 * The picture job its pages' pictures_job names (analysis opened it; the reconciler re-adds it): a
 * no-op while it waits, so every analyze batch that hands it pages adds it.
 */
export async function enqueuePictures(q: Q<PictureJob>, jobId: string): Promise<void> {
  await q.add('picture', {}, { ...defaultJobOptions('picture'), jobId });
}

/** One link job per listing (the reconciler's re-queues). */
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

/** The listings one analyze job left for linking, as one link job (a lone listing keeps its own id). */
export async function enqueueLinkBatch(q: Q<LinkJob>, targets: { listingId: number; bodySha: string }[]): Promise<void> {
  const unique = [...new Map(targets.map((t) => [`${t.listingId}.${t.bodySha}`, t])).values()];
  if (unique.length <= 1) return enqueueLinks(q, unique);
  await q.add('link', { listings: [...new Set(unique.map((t) => t.listingId))] }, { ...defaultJobOptions('link'), jobId: jobIds.linkBatch(unique) });
}

/** Captures are slow (a browser visit each): the likeliest sellers' posts go first (BullMQ: 1 is highest). */
export async function enqueueCapture(q: Q<CaptureJob>, listingId: number, bodySha: string, reason: CaptureJob['reason'], score = 0.5): Promise<void> {
  const priority = 1 + Math.round((1 - Math.min(1, Math.max(0, score))) * 1000);
  await q.add('capture', { listingId, reason }, { ...defaultJobOptions('capture'), jobId: jobIds.capture(listingId, bodySha), priority });
}

/** A manual or demo crawl: one per source per `stamp` (callers pass a time bucket or a run id). */
export async function enqueueCrawl(q: Q<CrawlJob>, sourceId: string, reason: CrawlJob['reason'], stamp: string): Promise<string> {
  const jobId = jobIds.crawl(sourceId, stamp);
  await enqueueCrawlJob(q, jobId, sourceId, reason);
  return jobId;
}

/**
 * A visit to a site that flagged posts cite: one per host per `stamp` (the analyze stage passes the
 * day), however many posts and pages cite it.
 */
export async function enqueueFollow(q: Q<CrawlJob>, sourceId: string, follow: { host: string; urls: string[]; allowPrivateAddresses?: boolean }, stamp: string): Promise<void> {
  await q.add('crawl', { sourceId, reason: 'cited', follow }, { ...defaultJobOptions('crawl'), jobId: jobIds.follow(follow.host, stamp) });
}

/** Pages of `sourceId`'s site that another source's run found, handed to it once per that run (`stamp`). */
export async function enqueueHandOff(q: Q<CrawlJob>, sourceId: string, handOff: { from: string; urls: string[] }, stamp: string): Promise<string> {
  const jobId = jobIds.handOff(sourceId, stamp);
  await q.add('crawl', { sourceId, reason: 'handoff', handOff }, { ...defaultJobOptions('crawl'), jobId });
  return jobId;
}

/** A crawl job under an id already chosen (the reconciler re-adds the one Redis forgot). */
export async function enqueueCrawlJob(q: Q<CrawlJob>, jobId: string, sourceId: string, reason: CrawlJob['reason']): Promise<void> {
  await q.add('crawl', { sourceId, reason }, { ...defaultJobOptions('crawl'), jobId });
}

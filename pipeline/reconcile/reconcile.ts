// The reconciler: one pass that holds the database's idea of owed work against the queues in
// Redis and re-enqueues what Redis lost, so a restart, a flush or a restored backup loses nothing.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppContext } from '../app/context.js';
import { enqueueAnalyzeMany, enqueueCapture, enqueueLinks, enqueuePictures } from '../queues/enqueue.js';
import { jobIds } from '../queues/job-options.js';
import { analyzeRefs, linkIds, type AnalyzeJob, type LinkJob } from '../queues/names.js';
import {
  listingsOwedCapture,
  listingsOwedLink,
  listingsStillUncaptured,
  listingsStillUnlinked,
  pagesOwedAnalysis,
  pagesOwedPictures,
  pagesStillOwed,
  pagesStillOwedPictures,
} from '../storage/reconcile-reads.js';
import { reconcileStatsDays, type StatsDayCheck } from '../storage/stats-day-figures.js';
import { reconcileStage, type StageReport } from './owed-items.js';
import { reconcileCrawlRuns, type CrawlRunReport } from './open-runs.js';
import { leadRuleSql } from '../leads/lead-rule.js';

export interface ReconcileReport {
  at: string;
  ms: number;
  /** Pages whose current content was never analysed. */
  analyze: StageReport;
  /** Pages whose analysed content owes a picture read (pages.pictures_job). */
  picture: StageReport;
  /** Flagged or review-band listings in no seller. */
  link: StageReport;
  /** Flagged live listings without a capture of their current text; null when capture is off. */
  capture: StageReport | null;
  crawlRuns: CrawlRunReport;
  /**
   * The statistics' closed-day figures recounted live and held against the stored ones (at most once
   * an hour: at a year's volume a recount is seconds of CPU); null when not due or a change was open.
   */
  statsDays: StatsDayCheck | null;
  /** Everything found lost and acted on: requeued, re-run or abandoned. */
  repaired: number;
}

/** `redis`: a connection to look jobs up on (a long-lived caller passes its own); else one for this pass. */
export async function reconcile(ctx: AppContext, opts: { redis?: Redis } = {}): Promise<ReconcileReport> {
  const redis = opts.redis ?? ctx.connection();
  try {
    return await pass(ctx, redis);
  } finally {
    if (!opts.redis) redis.disconnect();
  }
}

async function pass(ctx: AppContext, redis: Redis): Promise<ReconcileReport> {
  const started = Date.now();
  const { db } = ctx;
  // Crawl runs first: a crawl asked for again starts fetching while the other passes run.
  const crawlRuns = await reconcileCrawlRuns(db, redis, ctx.queue('crawl'));

  const analyzeQueue = ctx.queue('analyze');
  const analyze = await reconcileStage({
    redis,
    queue: analyzeQueue,
    owed: await pagesOwedAnalysis(db),
    jobId: (p) => jobIds.analyze(p.id, p.sha),
    stillOwed: (items) => pagesStillOwed(db, items),
    enqueue: (items) => enqueueAnalyzeMany(analyzeQueue, items.map((p) => ({ pageId: p.id, contentSha: p.sha }))),
    batches: {
      carried: () => carriedByBatches(analyzeQueue, (d) => ('pages' in d ? analyzeRefs(d).map((r) => `${r.pageId}.${r.sha256}`) : [])),
      key: (p) => `${p.id}.${p.sha}`,
    },
  });

  // Before links: a re-read picture job queues the link work it finds.
  const pictureQueue = ctx.queue('picture');
  const picture = await reconcileStage({
    redis,
    queue: pictureQueue,
    owed: await pagesOwedPictures(db),
    // The job id is the database's own (several pages of one analyze batch share it).
    jobId: (p) => p.job,
    stillOwed: (items) => pagesStillOwedPictures(db, items),
    // The job reads every page that names it: one add per job.
    enqueue: async (items) => {
      for (const job of new Set(items.map((p) => p.job))) await enqueuePictures(pictureQueue, job);
    },
  });

  const linkQueue = ctx.queue('link');
  const link = await reconcileStage({
    redis,
    queue: linkQueue,
    owed: await listingsOwedLink(db),
    jobId: (l) => jobIds.link(l.id, l.sha),
    stillOwed: (items) => listingsStillUnlinked(db, items.map((l) => l.id)),
    enqueue: (items) => enqueueLinks(linkQueue, items.map((l) => ({ listingId: l.id, bodySha: l.sha }))),
    batches: { carried: () => carriedByBatches(linkQueue, (d) => ('listings' in d ? linkIds(d).map(String) : [])), key: (l) => String(l.id) },
  });

  let capture: StageReport | null = null;
  if (ctx.config.capture.enabled) {
    const captureQueue = ctx.queue('capture');
    capture = await reconcileStage({
      redis,
      queue: captureQueue,
      owed: await listingsOwedCapture(db),
      jobId: (l) => jobIds.capture(l.id, l.sha),
      stillOwed: (items) => listingsStillUncaptured(db, items.map((l) => l.id)),
      enqueue: async (items) => {
        for (const l of items) await enqueueCapture(captureQueue, l.id, l.sha, l.changed ? 'changed' : 'flagged', l.score);
      },
    });
  }

  const statsDays = (await reconcileStatsDays(db, ctx.config.timeZone, leadRuleSql, { everyMs: STATS_CHECK_EVERY_MS })) ?? null;

  const stages = [analyze, picture, link, ...(capture ? [capture] : [])];
  const repaired = stages.reduce((n, s) => n + s.requeued + s.rerun, 0) + crawlRuns.requeued + crawlRuns.abandoned;
  return { at: new Date(started).toISOString(), ms: Date.now() - started, analyze, picture, link, capture, crawlRuns, statsDays, repaired };
}

/** How often a pass recounts the statistics' closed days: what the pipeline changes on old days (a re-analysed post) waits at most this long. */
const STATS_CHECK_EVERY_MS = 60 * 60_000;

/** Keys of the items that batch jobs still to run carry (waiting, active, delayed, prioritized). */
async function carriedByBatches<D extends AnalyzeJob | LinkJob>(queue: Queue<D>, keys: (data: D) => string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const page = 500;
  for (let start = 0; ; start += page) {
    // start/end page each state's list alike: fewer than a page in all means every list is read.
    const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized'], start, start + page - 1);
    for (const j of jobs) if (j?.data) for (const k of keys(j.data as D)) out.add(k);
    if (jobs.length < page) return out;
  }
}

/** One line for logs and the demo: what was owed and what was done about it. */
export function describeReconcile(r: ReconcileReport): string {
  const stage = (name: string, s: StageReport | null) =>
    s ? `${name} owed ${s.owed} (in flight ${s.inFlight}, requeued ${s.requeued}, re-run ${s.rerun}, failed ${s.failed})` : `${name} off`;
  const c = r.crawlRuns;
  return [
    stage('analyze', r.analyze),
    stage('picture', r.picture),
    stage('link', r.link),
    stage('capture', r.capture),
    `crawl runs open ${c.open} (in flight ${c.inFlight}, requeued ${c.requeued}, abandoned ${c.abandoned})`,
    ...(r.statsDays ? [`statistics days through ${r.statsDays.closedThrough} (rows rewritten ${r.statsDays.rowsDiffering})`] : []),
  ].join('; ');
}

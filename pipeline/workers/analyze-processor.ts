// The analyze worker: page → listings, then link jobs, and only then the page is marked
// analysed — so a worker killed anywhere in between redoes the work instead of losing it.
import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app/context.js';
import type { AnalyzeJob } from '../queues/names.js';
import { enqueueCapture, enqueueFollow, enqueueLinks } from '../queues/enqueue.js';
import { CITED_SITES_SOURCE_ID } from '../verification/follow-source.js';
import { OfficialHosts } from '../verification/official-hosts.js';
import { analyzePage, type AnalyzeOutcome } from '../ingest/analyze-page.js';
import type { AnalyzeTools } from '../ingest/analyze-tools.js';
import type { ImageReader } from '../ocr/image-reader.js';
import { markPageAnalyzed } from '../storage/pages.js';
import type { SourceRegistry } from '../scheduler/source-registry.js';

export function createAnalyzeProcessor(opts: { ctx: AppContext; registry: () => SourceRegistry; tools: AnalyzeTools; images?: ImageReader }) {
  const { ctx } = opts;
  const linkQueue = ctx.queue('link');
  const crawlQueue = ctx.queue('crawl');
  const captureQueue = ctx.config.capture.enabled ? ctx.queue('capture') : undefined;
  const verification = { official: new OfficialHosts(ctx.config.verification.officialHosts) };
  return {
    async process(job: Job<AnalyzeJob>): Promise<Omit<AnalyzeOutcome, 'linkTargets' | 'follow' | 'captureTargets'> & { links: number; follows: number }> {
      const reg = opts.registry();
      const outcome = await analyzePage({ db: ctx.db, blobs: ctx.blobs, tools: opts.tools, sources: reg.byId, filter: reg.filter, verification, ...(opts.images ? { images: opts.images } : {}) }, job.data);
      // The same posts stay unread on a retry; the failed set keeps the reason, and the page is not marked analysed.
      if (outcome.result === 'unreadable') throw new UnrecoverableError(outcome.reason ?? 'page defeated the extractor');
      await enqueueLinks(linkQueue, outcome.linkTargets);
      // A fake verification site's page is its own evidence; the sites posts cite are visited once a day.
      if (captureQueue) for (const c of outcome.captureTargets ?? []) await enqueueCapture(captureQueue, c.listingId, c.bodySha, 'flagged', c.score);
      const follows = ctx.config.verification.follow ? (outcome.follow ?? []) : [];
      const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      for (const f of follows) await enqueueFollow(crawlQueue, CITED_SITES_SOURCE_ID, f, day);
      if (outcome.result !== 'stale' && !outcome.markedAnalyzed) await markPageAnalyzed(ctx.db, job.data.pageId, job.data.sha256);
      const { linkTargets, markedAnalyzed: _, reason: __, follow: ___, captureTargets: ____, ...rest } = outcome;
      return { ...rest, links: linkTargets.length, follows: follows.length };
    },
    async close() {},
  };
}

// The analyze worker: page → listings, then link jobs, and only then the page is marked
// analysed — so a worker killed anywhere in between redoes the work instead of losing it.
import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app/context.js';
import type { AnalyzeJob } from '../queues/names.js';
import { enqueueLinks } from '../queues/enqueue.js';
import { analyzePage, type AnalyzeOutcome } from '../ingest/analyze-page.js';
import type { AnalyzeTools } from '../ingest/analyze-tools.js';
import type { ImageReader } from '../ocr/image-reader.js';
import { markPageAnalyzed } from '../storage/pages.js';
import type { SourceRegistry } from '../scheduler/source-registry.js';

export function createAnalyzeProcessor(opts: { ctx: AppContext; registry: () => SourceRegistry; tools: AnalyzeTools; images?: ImageReader }) {
  const { ctx } = opts;
  const linkQueue = ctx.queue('link');
  return {
    async process(job: Job<AnalyzeJob>): Promise<Omit<AnalyzeOutcome, 'linkTargets'> & { links: number }> {
      const reg = opts.registry();
      const outcome = await analyzePage({ db: ctx.db, blobs: ctx.blobs, tools: opts.tools, sources: reg.byId, filter: reg.filter, ...(opts.images ? { images: opts.images } : {}) }, job.data);
      // The same posts stay unread on a retry; the failed set keeps the reason, and the page is not marked analysed.
      if (outcome.result === 'unreadable') throw new UnrecoverableError(outcome.reason ?? 'page defeated the extractor');
      await enqueueLinks(linkQueue, outcome.linkTargets);
      if (outcome.result !== 'stale' && !outcome.markedAnalyzed) await markPageAnalyzed(ctx.db, job.data.pageId, job.data.sha256);
      const { linkTargets, markedAnalyzed: _, reason: __, ...rest } = outcome;
      return { ...rest, links: linkTargets.length };
    },
    async close() {},
  };
}

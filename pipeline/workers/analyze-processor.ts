// The analyze worker: page → listings, then link jobs, and only then the page is marked
// analysed — so a worker killed anywhere in between redoes the work instead of losing it.
import { UnrecoverableError, type Job } from 'bullmq';
import { ExtractError } from '../../crawlers/index.js';
import type { AppContext } from '../app/context.js';
import type { AnalyzeJob } from '../queues/names.js';
import { enqueueLinks } from '../queues/enqueue.js';
import { analyzePage, type AnalyzeOutcome } from '../ingest/analyze-page.js';
import type { AnalyzeTools } from '../ingest/analyze-tools.js';
import { markPageAnalyzed } from '../storage/pages.js';
import type { SourceRegistry } from '../scheduler/source-registry.js';

export function createAnalyzeProcessor(opts: { ctx: AppContext; registry: () => SourceRegistry; tools: AnalyzeTools }) {
  const { ctx } = opts;
  const linkQueue = ctx.queue('link');
  return {
    async process(job: Job<AnalyzeJob>): Promise<Omit<AnalyzeOutcome, 'linkTargets'> & { links: number }> {
      const reg = opts.registry();
      let outcome: AnalyzeOutcome;
      try {
        outcome = await analyzePage({ db: ctx.db, blobs: ctx.blobs, tools: opts.tools, sources: reg.byId, filter: reg.filter }, job.data);
      } catch (err) {
        // The same bytes fail the same way: retrying wastes work; the failed set keeps the reason.
        if (err instanceof ExtractError) throw new UnrecoverableError(err.message);
        throw err;
      }
      await enqueueLinks(linkQueue, outcome.linkTargets);
      if (outcome.result !== 'stale' && !outcome.markedAnalyzed) await markPageAnalyzed(ctx.db, job.data.pageId, job.data.sha256);
      const { linkTargets, markedAnalyzed: _, ...rest } = outcome;
      return { ...rest, links: linkTargets.length };
    },
    async close() {},
  };
}

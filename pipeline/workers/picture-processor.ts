// The picture worker: reads the pictures analysis left owed (tesseract, a child process), writes
// what they changed, queues its link work, and only then clears the pages' mark — so nothing is lost.
import type { Job } from 'bullmq';
import type { AppContext } from '../app/context.js';
import type { PictureJob } from '../queues/names.js';
import { enqueueFollow, enqueueLinkBatch } from '../queues/enqueue.js';
import { CITED_SITES_SOURCE_ID } from '../verification/follow-source.js';
import { OfficialHosts } from '../verification/official-hosts.js';
import { readPictures, type PicturesOutcome } from '../ingest/read-pictures.js';
import type { AnalyzeTools } from '../ingest/analyze-tools.js';
import type { ImageReader } from '../ocr/image-reader.js';
import { clearPicturesOwed } from '../storage/pages.js';
import type { SourceRegistry } from '../scheduler/source-registry.js';

export type PictureSummary = Omit<PicturesOutcome, 'linkTargets' | 'follow'> & { pages: number; links: number; follows: number };

export function createPictureProcessor(opts: { ctx: AppContext; registry: () => SourceRegistry; tools: AnalyzeTools; images?: ImageReader }) {
  const { ctx } = opts;
  const linkQueue = ctx.queue('link');
  const crawlQueue = ctx.queue('crawl');
  const verification = { official: new OfficialHosts(ctx.config.verification.officialHosts) };
  return {
    async process(job: Job<PictureJob>): Promise<PictureSummary> {
      const jobId = job.id!;
      if (!opts.images) {
        // Pictures turned off (ocr.enabled false) since the job was queued: owed no more, as analysis would now say.
        await clearPicturesOwed(ctx.db, job.data.pages.map((p) => p.pageId), jobId);
        return { read: 0, stale: 0, changed: 0, images: { read: 0, cached: 0, skipped: 0, failed: 0 }, pages: job.data.pages.length, links: 0, follows: 0 };
      }
      const reg = opts.registry();
      const env = { db: ctx.db, blobs: ctx.blobs, tools: opts.tools, sources: reg.byId, filter: reg.filter, verification, images: opts.images };
      const outcome = await readPictures(env, job.data.pages, jobId);
      // The link jobs analysis queued for these listings are done under their body's id: a link
      // after the pictures is a second look at the same body, keyed by this job (its id without ':').
      const key = jobId.replace(/:/g, '_');
      await enqueueLinkBatch(linkQueue, outcome.linkTargets.map((t) => ({ listingId: t.listingId, bodySha: `${t.bodySha}-${key}` })));
      const follows = ctx.config.verification.follow ? outcome.follow : [];
      const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      for (const f of follows) await enqueueFollow(crawlQueue, CITED_SITES_SOURCE_ID, f, day);
      await clearPicturesOwed(ctx.db, job.data.pages.map((p) => p.pageId), jobId);
      const { linkTargets, follow: _, ...rest } = outcome;
      return { ...rest, pages: job.data.pages.length, links: linkTargets.length, follows: follows.length };
    },
    async close() {},
  };
}

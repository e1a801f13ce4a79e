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
import { clearPicturesOwed, pagesNamingPictureJob } from '../storage/pages.js';
import { OpenPictureJob } from '../queues/open-picture-job.js';
import { sourceOutbound, type SourceRegistry } from '../scheduler/source-registry.js';

export type PictureSummary = Omit<PicturesOutcome, 'linkTargets' | 'follow'> & { pages: number; links: number; follows: number; rounds: number };

/** Pages read in one engine run: a job that gathered more reads them in rounds of this many. */
const PAGES_PER_ROUND = 32;
/** How often the last round looks again while analyses that took the job's id are still writing. */
const WRITER_POLL_MS = 50;

export function createPictureProcessor(opts: { ctx: AppContext; registry: () => SourceRegistry; tools: AnalyzeTools; images?: ImageReader }) {
  const { ctx } = opts;
  const linkQueue = ctx.queue('link');
  const crawlQueue = ctx.queue('crawl');
  const verification = { official: new OfficialHosts(ctx.config.verification.officialHosts) };
  const redis = ctx.connection();
  const open = new OpenPictureJob(redis, ctx.config.queuePrefix);
  return {
    async process(job: Job<PictureJob>): Promise<PictureSummary> {
      const jobId = job.id!;
      const sum: PictureSummary = { read: 0, stale: 0, changed: 0, images: { read: 0, cached: 0, skipped: 0, failed: 0 }, pages: 0, links: 0, follows: 0, rounds: 0 };
      // From here on analysis hands its pages to a new job; those it marked meanwhile are read below.
      await open.close(jobId);
      if (!opts.images) {
        // Pictures turned off (ocr.enabled false) since the job was queued: owed no more, as analysis would now say.
        for (let writing = 1; writing > 0; ) {
          writing = await open.writers(jobId);
          await clearPicturesOwed(ctx.db, jobId);
          if (writing > 0) await new Promise((r) => setTimeout(r, WRITER_POLL_MS));
        }
        return sum;
      }
      const reg = opts.registry();
      const env = { db: ctx.db, blobs: ctx.blobs, tools: opts.tools, sources: reg.byId, filter: reg.filter, verification, images: opts.images, outbound: (id: string) => sourceOutbound(reg, id) };
      const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      // Until no page names the job and no analysis that took its id before the close is still
      // writing: each round's pages are cleared once their link work is queued.
      for (;;) {
        const writing = await open.writers(jobId);
        const refs = await pagesNamingPictureJob(ctx.db, jobId, PAGES_PER_ROUND);
        if (refs.length === 0) {
          if (writing <= 0) break;
          await new Promise((r) => setTimeout(r, WRITER_POLL_MS));
          continue;
        }
        const outcome = await readPictures(env, refs, jobId);
        // The link jobs analysis queued for these listings are done under their body's id: a link
        // after the pictures is a second look at the same body, keyed by this job and round (no ':').
        const key = `${jobId.replace(/:/g, '_')}-${sum.rounds}`;
        await enqueueLinkBatch(linkQueue, outcome.linkTargets.map((t) => ({ listingId: t.listingId, bodySha: `${t.bodySha}-${key}` })));
        const follows = ctx.config.verification.follow ? outcome.follow : [];
        for (const f of follows) await enqueueFollow(crawlQueue, CITED_SITES_SOURCE_ID, f, day);
        await clearPicturesOwed(ctx.db, jobId, refs);
        sum.rounds++;
        sum.pages += refs.length;
        sum.read += outcome.read;
        sum.stale += outcome.stale;
        sum.changed += outcome.changed;
        sum.links += outcome.linkTargets.length;
        sum.follows += follows.length;
        for (const k of ['read', 'cached', 'skipped', 'failed'] as const) sum.images[k] += outcome.images[k];
      }
      return sum;
    },
    async close() {
      redis.disconnect();
    },
  };
}

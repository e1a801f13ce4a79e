// The link worker: puts a listing into its seller (connected component), then asks for
// evidence capture of a flagged listing's current body (one capture per body hash).
import type { Job } from 'bullmq';
import type { AppContext } from '../app/context.js';
import type { LinkJob } from '../queues/names.js';
import { enqueueCapture } from '../queues/enqueue.js';
import { linkListing, type LinkResult } from '../linking/link-listing.js';

export function createLinkProcessor(opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const captureQueue = ctx.config.capture.enabled ? ctx.queue('capture') : undefined;
  return {
    async process(job: Job<LinkJob>): Promise<Omit<LinkResult, 'listing'> & { capture: boolean }> {
      // The listing as linking read it is all capture needs: no second read.
      const { listing, ...result } = await linkListing(ctx.db, job.data.listingId);
      let capture = false;
      if (captureQueue && result.flagged && result.sellerId !== undefined && listing && !listing.gone) {
        await enqueueCapture(captureQueue, job.data.listingId, listing.body_sha256, listing.versions > 1 ? 'changed' : 'flagged', listing.score);
        capture = true;
      }
      return { ...result, capture };
    },
    async close() {},
  };
}

// The link worker: puts each listing of a job into its seller (connected component), then asks for
// evidence capture of a flagged listing's current body (one capture per body hash).
import type { Job } from 'bullmq';
import type { AppContext } from '../app/context.js';
import { linkIds, type LinkJob } from '../queues/names.js';
import { enqueueCapture } from '../queues/enqueue.js';
import { linkListing, linkListings, type LinkResult } from '../linking/link-listing.js';

type LinkOutcome = Omit<LinkResult, 'listing'> & { capture: boolean };
type LinkBatchOutcome = { listings: number; sellers: number; captures: number };

export function createLinkProcessor(opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const captureQueue = ctx.config.capture.enabled ? ctx.queue('capture') : undefined;

  async function one(listingId: number): Promise<LinkOutcome> {
    return captureAfter(await linkListing(ctx.db, listingId));
  }

  async function captureAfter(linked: LinkResult): Promise<LinkOutcome> {
    // The listing as linking read it is all capture needs: no second read.
    const { listing, ...result } = linked;
    const listingId = linked.listingId;
    let capture = false;
    if (captureQueue && result.flagged && result.sellerId !== undefined && listing && !listing.gone) {
      await enqueueCapture(captureQueue, listingId, listing.body_sha256, listing.versions > 1 ? 'changed' : 'flagged', listing.score);
      capture = true;
    }
    return { ...result, capture };
  }

  return {
    async process<D extends LinkJob>(job: Job<D>): Promise<D extends { listingId: number } ? LinkOutcome : LinkBatchOutcome> {
      type R = D extends { listingId: number } ? LinkOutcome : LinkBatchOutcome;
      const data: LinkJob = job.data;
      if (!('listings' in data)) return (await one(data.listingId)) as R;
      // One transaction and one hold of the lock for the batch. A retry redoes the batch; linking a
      // listing twice ends the same.
      const out = [];
      for (const linked of await linkListings(ctx.db, linkIds(data))) out.push(await captureAfter(linked));
      return { listings: out.length, sellers: new Set(out.map((o) => o.sellerId).filter((s) => s !== undefined)).size, captures: out.filter((o) => o.capture).length } as R;
    },
    async close() {},
  };
}

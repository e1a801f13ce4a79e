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
    async process(job: Job<LinkJob>): Promise<LinkResult & { capture: boolean }> {
      const result = await linkListing(ctx.db, job.data.listingId);
      let capture = false;
      if (captureQueue && result.flagged && result.sellerId !== undefined) {
        const r = await ctx.db.query<{ body_sha256: string; versions: number; gone: boolean; score: number }>(
          `SELECT body_sha256, score, gone_at IS NOT NULL AS gone, (SELECT count(*) FROM listing_versions v WHERE v.listing_id = l.id) AS versions
           FROM listings l WHERE id = $1`,
          [job.data.listingId],
        );
        const row = r.rows[0];
        if (row && !row.gone) {
          await enqueueCapture(captureQueue, job.data.listingId, row.body_sha256, Number(row.versions) > 1 ? 'changed' : 'flagged', row.score);
          capture = true;
        }
      }
      return { ...result, capture };
    },
    async close() {},
  };
}

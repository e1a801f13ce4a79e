// The `capture` queue's job handler: one shared Chromium for every job, per-host pacing
// through the crawlers' Redis lease, and bad listings failed without retries.
import { UnrecoverableError, type Job } from 'bullmq';
import type { OutboundPolicy } from '../crawlers/index.js';
import type { AppContext } from '../pipeline/app/context.js';
import type { CaptureJob } from '../pipeline/queues/names.js';
import { BrowserHolder } from './capture/browser-holder.js';
import { localCaptureGate, redisCaptureGate, type CaptureGate } from './capture/capture-gate.js';
import { captureListing } from './capture/capture-listing.js';
import { CaptureError } from './capture/page-capture.js';

export interface JobProcessor {
  process(job: Job): Promise<unknown>;
  close(): Promise<void>;
}

export interface CaptureProcessorOptions {
  gate?: CaptureGate;
  /** The outbound policy of a listing's source; without one, private addresses are refused. */
  outboundFor?: (sourceId: string) => OutboundPolicy | undefined;
}

export function createCaptureProcessor(ctx: AppContext, opts: CaptureProcessorOptions = {}): JobProcessor {
  const browsers = new BrowserHolder();
  const gate = opts.gate ?? (ctx.redisUrl ? redisCaptureGate(ctx.connection(), ctx.config.queuePrefix) : localCaptureGate());
  return {
    async process(job: Job) {
      const data = job.data as CaptureJob;
      if (!Number.isSafeInteger(data?.listingId)) throw new UnrecoverableError(`capture job ${job.id} has no listingId`);
      if (!ctx.config.capture.enabled) return { skipped: 'capture disabled in config (capture.enabled)' };
      const browser = await browsers.get();
      try {
        const out = await captureListing(ctx, data.listingId, {
          reason: data.reason ?? 'manual',
          actor: data.actor,
          browser,
          gate,
          key: job.id,
          ...(opts.outboundFor ? { outboundFor: opts.outboundFor } : {}),
        });
        return { captureId: out.capture.id, created: out.created, status: out.capture.status, files: out.evidence.length };
      } catch (err) {
        if (err instanceof CaptureError && !err.retryable) throw new UnrecoverableError(err.message);
        throw err;
      }
    },
    close: () => browsers.close(),
  };
}

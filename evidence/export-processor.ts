// The `export` queue's job handler: builds a seller's pack (recorded as its next version)
// with one shared Chromium (for the PDF report) kept across jobs.
import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../pipeline/app/context.js';
import type { ExportJob } from '../pipeline/queues/names.js';
import { BrowserHolder } from './capture/browser-holder.js';
import type { JobProcessor } from './capture-processor.js';
import { exportPack } from './pack/export-pack.js';
import { PackError } from './pack/pack-inputs.js';

export function createExportProcessor(ctx: AppContext): JobProcessor {
  const browsers = new BrowserHolder();
  return {
    async process(job: Job) {
      const data = job.data as ExportJob;
      if (!Number.isSafeInteger(data?.sellerId) || typeof data.out !== 'string' || !data.out) {
        throw new UnrecoverableError(`export job ${job.id} needs sellerId and out`);
      }
      try {
        return await exportPack(ctx, { sellerId: data.sellerId, out: data.out, actor: data.actor ?? 'system', via: 'queue', browser: await browsers.get() });
      } catch (err) {
        if (err instanceof PackError) throw new UnrecoverableError(err.message);
        throw err;
      }
    },
    close: () => browsers.close(),
  };
}

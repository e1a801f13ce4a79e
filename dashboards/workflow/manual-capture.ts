// "Capture now" on a seller page hands the listing to the capture workers as a job, so
// the page answers at once; repeated clicks within the window add no second capture.
import type { AppContext } from '../../pipeline/app/context.js';
import { defaultJobOptions } from '../../pipeline/queues/job-options.js';
import type { CaptureJob } from '../../pipeline/queues/names.js';
import { WorkflowError } from './status-flow.js';

/** A double click, or a second analyst on the same post, within this window is the same capture. */
export const MANUAL_CAPTURE_WINDOW_MS = 10 * 60_000;
const ENQUEUE_TIMEOUT_MS = 5_000;

export interface ManualCaptureResult {
  jobId: string;
  /** False when a manual capture of this listing was already asked for within the window. */
  queued: boolean;
}

export async function enqueueManualCapture(ctx: AppContext, listingId: number, actor: string, now = Date.now()): Promise<ManualCaptureResult> {
  // Three ':'-parts, as BullMQ requires of custom ids; the worker keys the capture row on it.
  const jobId = `capture:${listingId}:manual-${now}`;
  const data: CaptureJob = { listingId, reason: 'manual', actor };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WorkflowError('the capture queue (Redis) did not answer', 503)), ENQUEUE_TIMEOUT_MS);
  });
  try {
    const job = await Promise.race([
      ctx.queue('capture').add('capture', data, {
        ...defaultJobOptions('capture'),
        jobId,
        // Throttle mode: the key outlives the job, so a click after a fast capture is still a duplicate.
        deduplication: { id: `manual-capture-${listingId}`, ttl: MANUAL_CAPTURE_WINDOW_MS },
      }),
      timeout,
    ]);
    return { jobId: String(job.id), queued: job.id === jobId };
  } finally {
    clearTimeout(timer);
  }
}

// Per-stage job durations taken from BullMQ's completed jobs (processedOn → finishedOn), so
// a scrape of any one process sees the work of every worker process, sorted for quantiles.
import type { Queue } from 'bullmq';

export async function recentJobDurations(q: Pick<Queue, 'getJobs'>, limit: number): Promise<number[]> {
  const jobs = await q.getJobs(['completed'], 0, limit - 1, false);
  return jobs
    .map((j) => (j && j.processedOn && j.finishedOn ? j.finishedOn - j.processedOn : NaN))
    .filter((d) => Number.isFinite(d) && d >= 0)
    .sort((a, b) => a - b);
}

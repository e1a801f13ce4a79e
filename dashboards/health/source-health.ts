// Per-source health for operators: last run and its counts, pages stored, flagged
// rate, schedule and next run (from the BullMQ job scheduler), plus queue depths
// and recent failures; Redis trouble is reported, never thrown at the page.
import type { AppContext } from '../../pipeline/app/context.js';
import { QUEUE_NAMES, type QueueName } from '../../pipeline/queues/names.js';
import { requestCrawl } from '../../pipeline/queues/crawl-request.js';
import { readPagesNotAnalysed, readSourceHealth } from '../storage/source-health.js';

export interface SourceHealth {
  id: string;
  name: string;
  platform: string;
  render: string;
  enabled: boolean;
  schedule: string | null;
  lastRun: { status: string; started_at: Date; finished_at: Date | null; pages: number; errors: number; error: string | null } | null;
  pages: number;
  /** Pages of this source whose current content was never analysed (in flight, or lost: the reconciler redoes those). */
  pagesNotAnalysed: number;
  listings: number;
  flagged: number;
  nextRun: Date | null;
}

export interface QueueHealth {
  name: QueueName;
  counts: Record<string, number>;
  failed: { id: string; name: string; reason: string; at: Date | null; data: string }[];
}

export interface HealthReport {
  sources: SourceHealth[];
  /** The same count the demo reports as pagesNotAnalysed. */
  pagesNotAnalysed: number;
  queues: QueueHealth[] | null;
  redisError?: string;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms).unref())]);
}

function sumErrors(stats: Record<string, unknown>): number {
  const e = stats.errors;
  if (typeof e === 'number') return e;
  if (e && typeof e === 'object') return Object.values(e).reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
  return 0;
}

export async function sourceHealth(ctx: AppContext): Promise<HealthReport> {
  const [rows, pagesNotAnalysed] = await Promise.all([readSourceHealth(ctx.db), readPagesNotAnalysed(ctx.db)]);
  const report: HealthReport = {
    pagesNotAnalysed,
    sources: rows.map((x) => ({
      id: x.id, name: x.name, platform: x.platform, render: x.render, enabled: x.enabled, schedule: x.schedule,
      lastRun: x.run_status
        ? {
            status: x.run_status, started_at: x.started_at!, finished_at: x.finished_at,
            pages: Number((x.stats ?? {}).pagesFetched ?? (x.stats ?? {}).pages ?? 0) || 0,
            errors: sumErrors(x.stats ?? {}), error: x.error,
          }
        : null,
      pages: x.pages, pagesNotAnalysed: x.not_analysed, listings: x.listings ?? 0, flagged: x.flagged ?? 0, nextRun: null,
    })),
    queues: null,
  };
  if (!ctx.redisUrl) {
    report.redisError = 'Redis is not configured for this process';
    return report;
  }
  try {
    const schedulers = await withTimeout(ctx.queue('crawl').getJobSchedulers(0, -1), 3000);
    for (const s of report.sources) {
      const sch = schedulers.find((j) => j.key === s.id || j.id === s.id || j.name === s.id || (j.template?.data as { sourceId?: string } | undefined)?.sourceId === s.id || j.key.endsWith(`:${s.id}`));
      if (sch?.next) s.nextRun = new Date(sch.next);
      if (!s.schedule && sch) s.schedule = sch.pattern ?? (sch.every ? `every ${Math.round(sch.every / 1000)} s` : null);
    }
    report.queues = await withTimeout(
      Promise.all(
        QUEUE_NAMES.map(async (name) => {
          const q = ctx.queue(name);
          const [counts, failed] = await Promise.all([
            q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'),
            q.getFailed(0, 9),
          ]);
          return {
            name,
            counts,
            failed: failed.map((j) => ({
              id: String(j.id ?? ''), name: j.name, reason: (j.failedReason ?? '').slice(0, 300),
              at: j.finishedOn ? new Date(j.finishedOn) : null, data: JSON.stringify(j.data ?? {}).slice(0, 200),
            })),
          };
        }),
      ),
      5000,
    );
  } catch (err) {
    report.redisError = (err as Error).message;
  }
  return report;
}

/** "Run now": one crawl job, id unique per click so a second click is a second run; recorded as queued first. */
export async function runSourceNow(ctx: AppContext, sourceId: string): Promise<string> {
  return withTimeout(requestCrawl(ctx.db, ctx.queue('crawl'), sourceId, 'manual', `manual-${Date.now()}`), 5000);
}

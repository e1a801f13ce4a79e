// One BullMQ job scheduler per source with a cron schedule. Schedulers live in Redis,
// so they survive restarts; re-syncing is idempotent and drops schedules of removed sources.
import type { Queue } from 'bullmq';
import type { SourceConfig } from '../../crawlers/index.js';
import type { CrawlJob } from '../queues/names.js';
import { defaultJobOptions, schedulerIdOf } from '../queues/job-options.js';

export interface ScheduleSync {
  upserted: string[];
  removed: string[];
}

export async function syncSchedules(queue: Queue<CrawlJob>, sources: SourceConfig[], tz?: string): Promise<ScheduleSync> {
  const wanted = new Map<string, SourceConfig>();
  for (const s of sources) if (s.enabled && s.schedule) wanted.set(schedulerIdOf(s.id), s);
  const upserted: string[] = [];
  for (const [id, s] of wanted) {
    const { attempts, backoff, removeOnComplete, removeOnFail } = defaultJobOptions('crawl');
    await queue.upsertJobScheduler(
      id,
      { pattern: s.schedule!.trim(), ...(tz ? { tz } : {}) },
      { name: 'crawl', data: { sourceId: s.id, reason: 'schedule' }, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
    );
    upserted.push(s.id);
  }
  const removed: string[] = [];
  const existing = await queue.getJobSchedulers(0, -1);
  for (const e of existing) {
    const key = e.key ?? e.id;
    if (key && key.startsWith('source-') && !wanted.has(key)) {
      await queue.removeJobScheduler(key);
      removed.push(key.slice('source-'.length));
    }
  }
  return { upserted, removed };
}

export async function listSchedules(queue: Queue<CrawlJob>): Promise<{ sourceId: string; pattern?: string; next?: number }[]> {
  const all = await queue.getJobSchedulers(0, -1);
  return all
    .filter((e) => (e.key ?? e.id ?? '').startsWith('source-'))
    .map((e) => ({ sourceId: (e.key ?? e.id ?? '').slice('source-'.length), pattern: e.pattern ?? undefined, next: e.next }));
}

// Keeps BullMQ job schedulers in step with the sources file: syncs at start and again
// whenever the file changes, so editing a cron line needs no restart; and puts them back,
// with a reconciler pass, when Redis turns out to have lost them.
import { watchFile, unwatchFile } from 'node:fs';
import { resolve } from 'node:path';
import type { AppContext } from '../app/context.js';
import { loadSourceRegistry, syncSourcesTable, type SourceRegistry } from './source-registry.js';
import { syncSchedules } from './sync-schedules.js';
import { requestReconcile, schedulesLost, syncReconcileSchedule } from './reconcile-schedule.js';
import { syncAlertSchedule } from './alert-schedule.js';

/** How often the service looks for schedulers Redis has lost. */
const WATCH_SCHEDULES_MS = 60_000;

export interface ScheduleService {
  registry(): SourceRegistry;
  close(): void;
}

export async function startScheduleService(
  ctx: AppContext,
  file: string,
  opts: { watch?: boolean; watchSchedulesMs?: number; reconcileEveryMs?: number } = {},
): Promise<ScheduleService> {
  let registry = loadSourceRegistry(file);
  let wanted = 0;
  const sync = async () => {
    await syncSourcesTable(ctx.db, registry);
    const r = await syncSchedules(ctx.queue('crawl'), registry.list);
    await syncReconcileSchedule(ctx.queue('reconcile'), opts.reconcileEveryMs);
    await syncAlertSchedule(ctx.queue('alert'), ctx.config);
    wanted = r.upserted.length;
    ctx.log.info({ scheduled: r.upserted, removed: r.removed, file }, 'schedules synced');
  };
  await sync();
  // A Redis restarted without persistence comes back empty: schedulers and queued jobs gone.
  // Nothing in Redis would notice, so this process does, and the reconciler redoes what was owed.
  let watching = false;
  const watchdog =
    opts.watch === false
      ? undefined
      : setInterval(() => {
          if (watching) return;
          watching = true;
          (async () => {
            if (!(await schedulesLost(ctx.queue('crawl'), ctx.queue('reconcile'), wanted))) return;
            ctx.log.warn('Redis has lost job schedulers (restarted without persistence, or flushed?): putting them back and reconciling');
            await sync();
            await requestReconcile(ctx.queue('reconcile'), 'schedules-lost');
          })()
            .catch((err: Error) => ctx.log.warn({ err: err.message }, 'schedule check failed'))
            .finally(() => (watching = false));
        }, opts.watchSchedulesMs ?? WATCH_SCHEDULES_MS);
  watchdog?.unref();
  const path = resolve(file);
  if (opts.watch !== false) {
    watchFile(path, { interval: 2000 }, () => {
      try {
        registry = loadSourceRegistry(file);
      } catch (err) {
        // A broken edit keeps the running schedules; the operator sees why in the log.
        ctx.log.error({ err: (err as Error).message, file }, 'sources file changed but is invalid: schedules unchanged');
        return;
      }
      sync().catch((err: Error) => ctx.log.error({ err: err.message }, 'schedule sync failed'));
    });
  }
  return {
    registry: () => registry,
    close: () => {
      if (watchdog) clearInterval(watchdog);
      unwatchFile(path);
    },
  };
}

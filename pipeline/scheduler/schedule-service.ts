// Keeps BullMQ job schedulers in step with the sources file: syncs at start and again
// whenever the file changes, so editing a cron line needs no restart.
import { watchFile, unwatchFile } from 'node:fs';
import { resolve } from 'node:path';
import type { AppContext } from '../app/context.js';
import { loadSourceRegistry, syncSourcesTable, type SourceRegistry } from './source-registry.js';
import { syncSchedules } from './sync-schedules.js';

export interface ScheduleService {
  registry(): SourceRegistry;
  close(): void;
}

export async function startScheduleService(ctx: AppContext, file: string, opts: { watch?: boolean } = {}): Promise<ScheduleService> {
  let registry = loadSourceRegistry(file);
  const sync = async () => {
    await syncSourcesTable(ctx.db, registry);
    const r = await syncSchedules(ctx.queue('crawl'), registry.list);
    ctx.log.info({ scheduled: r.upserted, removed: r.removed, file }, 'schedules synced');
  };
  await sync();
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
    close: () => unwatchFile(path),
  };
}

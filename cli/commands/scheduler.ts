// `certwatch scheduler`: puts one BullMQ job scheduler per source (its cron) into Redis,
// where schedules survive restarts, and keeps them in step with the sources file.
import type { Command } from '../command.js';
import { parseOptions } from '../args.js';
import { openApp } from '../../pipeline/app/context.js';
import { loadConfig } from '../../pipeline/config/load.js';
import { loadSourceRegistry } from '../../pipeline/scheduler/source-registry.js';
import { startScheduleService } from '../../pipeline/scheduler/schedule-service.js';
import { listSchedules } from '../../pipeline/scheduler/sync-schedules.js';
import { waitForShutdown } from '../../pipeline/workers/shutdown.js';
import { heartbeatPing, startHeartbeat } from '../../pipeline/app/heartbeat.js';

const usage = `usage: certwatch scheduler [--once] [--list]

Creates or updates a job scheduler (upsertJobScheduler) for every enabled source with a
\`schedule\` in the sources file (CERTWATCH_SOURCES), removes schedulers of sources that are
gone, then keeps running and re-syncs when the file changes. The schedules live in Redis:
they keep firing across restarts as long as a crawl worker runs.
  --once   sync and exit        --list   print the schedules in Redis as JSON and exit`;

const command: Command = {
  summary: 'sync cron schedules of the sources into Redis and keep them in step',
  usage,
  async run(args) {
    const { values } = parseOptions(args, { once: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } });
    // A bad sources file exits 2 before Redis or the database is tried (the service loads it again).
    const config = loadConfig();
    if (!values.list) loadSourceRegistry(config.sourcesFile);
    const ctx = await openApp({ config });
    try {
      if (values.list) {
        console.log(JSON.stringify(await listSchedules(ctx.queue('crawl')), null, 2));
        return 0;
      }
      const shutdown = values.once ? undefined : waitForShutdown(ctx.log);
      const service = await startScheduleService(ctx, ctx.config.sourcesFile, { watch: !values.once });
      const heartbeat = shutdown && ctx.config.heartbeatFile ? startHeartbeat(ctx.config.heartbeatFile, heartbeatPing(ctx), ctx.log) : undefined;
      if (shutdown) await shutdown.done;
      heartbeat?.stop();
      service.close();
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

export default command;

// `certwatch start`: one machine, one process — the scheduler, workers for every queue
// and the dashboard; SIGTERM drains the workers before exit.
import type { Command } from '../command.js';
import { parseOptions } from '../args.js';
import { openApp } from '../../pipeline/app/context.js';
import { loadConfig } from '../../pipeline/config/load.js';
import { loadSourceRegistry } from '../../pipeline/scheduler/source-registry.js';
import { QUEUE_NAMES } from '../../pipeline/queues/names.js';
import { startScheduleService } from '../../pipeline/scheduler/schedule-service.js';
import { startWorkers } from '../worker-pool.js';
import { startDashboard } from '../../dashboards/index.js';
import { waitForShutdown } from '../../pipeline/workers/shutdown.js';

const usage = `usage: certwatch start [--no-dashboard]

Runs the scheduler (cron schedules from the sources file, kept in Redis), workers for
${QUEUE_NAMES.join(', ')} and the dashboard (CERTWATCH_DASHBOARD_HOST/PORT) in one process.
Without REDIS_URL and with nothing on 127.0.0.1:6379, starts a private redis-server under
the data dir and says so. SIGTERM/SIGINT: active jobs finish, then exit 0.`;

const command: Command = {
  summary: 'scheduler + all workers + dashboard in one process',
  usage,
  async run(args) {
    const { values } = parseOptions(args, { 'no-dashboard': { type: 'boolean', default: false } });
    // A bad sources file exits 2 before Redis or the database is tried (the service loads it again).
    const config = loadConfig();
    loadSourceRegistry(config.sourcesFile);
    const ctx = await openApp({ config, allowPrivateRedis: true });
    const shutdown = waitForShutdown(ctx.log);
    try {
      const schedules = await startScheduleService(ctx, ctx.config.sourcesFile);
      const pool = await startWorkers(ctx, [...QUEUE_NAMES], { registry: schedules.registry });
      const dashboard = values['no-dashboard'] ? undefined : await startDashboard(ctx, ctx.config.dashboard);
      ctx.log.info({ dashboard: dashboard?.url, queues: QUEUE_NAMES, pid: process.pid }, 'certwatch started');
      if (dashboard) console.error(`dashboard: ${dashboard.url}`);
      await shutdown.done;
      await dashboard?.close().catch(() => undefined);
      await pool.close();
      schedules.close();
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

export default command;

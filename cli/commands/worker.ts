// `certwatch worker`: runs BullMQ workers for the chosen queues until SIGTERM/SIGINT,
// then drains (active jobs finish) and exits 0.
import type { Command } from '../command.js';
import { parseOptions } from '../args.js';
import { UsageError } from '../../core/errors.js';
import { openApp } from '../../pipeline/app/context.js';
import { loadConfig } from '../../pipeline/config/load.js';
import { QUEUE_NAMES, type QueueName } from '../../pipeline/queues/names.js';
import { loadSourceRegistry, syncSourcesTable } from '../../pipeline/scheduler/source-registry.js';
import { startWorkers } from '../worker-pool.js';
import { waitForShutdown } from '../../pipeline/workers/shutdown.js';
import { heartbeatPing, startHeartbeat } from '../../pipeline/app/heartbeat.js';

const usage = `usage: certwatch worker [--queues crawl,analyze,link,capture,export,reconcile,alert]

Processes jobs from the named queues (default: all) until SIGTERM or SIGINT; on the
first signal active jobs finish and the worker exits 0 (a second signal exits at once).
Needs Redis (REDIS_URL) and, to share the database with other processes, DATABASE_URL.`;

export function parseQueues(list: string | undefined): QueueName[] {
  if (!list) return [...QUEUE_NAMES];
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(QUEUE_NAMES as readonly string[]).includes(n)) throw new UsageError(`--queues: unknown queue '${n}' (known: ${QUEUE_NAMES.join(', ')})`);
  if (names.length === 0) throw new UsageError('--queues: give at least one queue');
  return [...new Set(names)] as QueueName[];
}

const command: Command = {
  summary: 'run workers for some or all queues',
  usage,
  async run(args) {
    const { values } = parseOptions(args, { queues: { type: 'string' } });
    const queues = parseQueues(values.queues);
    // A bad sources file exits 2 before Redis or the database is tried.
    const config = loadConfig();
    const registry = loadSourceRegistry(config.sourcesFile);
    const ctx = await openApp({ config });
    const shutdown = waitForShutdown(ctx.log);
    try {
      await syncSourcesTable(ctx.db, registry);
      const pool = await startWorkers(ctx, queues, { registry: () => registry });
      const heartbeat = ctx.config.heartbeatFile ? startHeartbeat(ctx.config.heartbeatFile, heartbeatPing(ctx), ctx.log) : undefined;
      ctx.log.info({ queues, prefix: ctx.config.queuePrefix, pid: process.pid }, 'worker ready');
      await shutdown.done;
      heartbeat?.stop();
      await pool.close();
      ctx.log.info('worker drained');
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

export default command;

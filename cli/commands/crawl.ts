// `certwatch crawl --source ID`: runs one source now by enqueueing its crawl job; with
// --wait it follows the job through analyze, link and capture (running workers here if none are).
import type { Command } from '../command.js';
import { intOption, parseOptions } from '../args.js';
import { UsageError } from '../../core/errors.js';
import { openApp } from '../../pipeline/app/context.js';
import type { QueueName } from '../../pipeline/queues/names.js';
import { requestCrawl } from '../../pipeline/queues/crawl-request.js';
import { waitForIdle, failedJobs, type QueueLike } from '../../pipeline/queues/queue-status.js';
import { loadSourceRegistry, syncSourcesTable } from '../../pipeline/scheduler/source-registry.js';
import { startWorkers, type WorkerPool } from '../worker-pool.js';
import { progressReporter } from '../../pipeline/workers/progress-reporter.js';
import { pipelineTotals } from '../../pipeline/storage/pipeline-totals.js';

const usage = `usage: certwatch crawl --source ID [--wait] [--max-pages N]

Enqueues a crawl of source ID (from the sources file) now. With --wait, waits until the
crawl and everything it caused (analyze, link, capture) is done and prints totals as JSON;
if no crawl worker is running anywhere, runs the workers in this process for the duration.`;

const command: Command = {
  summary: 'run one source now (optionally wait for the whole pipeline)',
  usage,
  async run(args) {
    const { values } = parseOptions(args, { source: { type: 'string' }, wait: { type: 'boolean', default: false }, 'max-pages': { type: 'string' } });
    if (!values.source) throw new UsageError('--source ID is required');
    const maxPages = values['max-pages'] ? intOption(values['max-pages'], 'max-pages', 0) : undefined;
    const ctx = await openApp();
    let pool: WorkerPool | undefined;
    try {
      const registry = loadSourceRegistry(ctx.config.sourcesFile);
      const source = registry.byId.get(values.source);
      if (!source) throw new UsageError(`--source: no source '${values.source}' in ${registry.file} (known: ${registry.list.map((s) => s.id).join(', ')})`);
      await syncSourcesTable(ctx.db, registry);
      const crawlQueue = ctx.queue('crawl');
      if (values.wait && (await crawlQueue.getWorkersCount()) === 0) {
        ctx.log.info('no crawl worker is running: processing in this process');
        pool = await startWorkers(ctx, ['crawl', 'analyze', 'link', 'capture'], { registry: () => registry, maxPages });
      }
      const jobId = await requestCrawl(ctx.db, crawlQueue, source.id, 'manual', String(Date.now()));
      console.error(`enqueued ${jobId}`);
      if (!values.wait) return 0;
      const wanted: QueueName[] = ['crawl', 'analyze', 'link', ...(ctx.config.capture.enabled ? (['capture'] as QueueName[]) : [])];
      const queues: Partial<Record<QueueName, QueueLike>> = Object.fromEntries(wanted.map((n) => [n, ctx.queue(n)]));
      await waitForIdle(queues, { onTick: progressReporter(ctx.db) });
      const job = await crawlQueue.getJob(jobId);
      const state = job ? await job.getState() : 'unknown';
      const failed = Object.fromEntries(await Promise.all(wanted.map(async (n) => [n, (await failedJobs(ctx.queue(n), 5)).map((f) => f.reason)])));
      console.log(JSON.stringify({ job: jobId, state, result: job?.returnvalue ?? null, failedReason: job?.failedReason ?? null, totals: await pipelineTotals(ctx.db), recentFailures: failed }, null, 2));
      return state === 'completed' ? 0 : 1;
    } finally {
      await pool?.close();
      await ctx.close();
    }
  },
};

export default command;

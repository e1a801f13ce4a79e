// `certwatch crawl --source ID | --all`: runs sources now by enqueueing their crawl jobs; with
// --wait it follows them through analysis (running workers here if none are) and reports.
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
import type { AppContext } from '../../pipeline/app/context.js';
import type { SourceRegistry } from '../../pipeline/scheduler/source-registry.js';
import { waitForRuns } from '../../pipeline/workers/wait-for-runs.js';
import { nothingOwed, sourceRunSummaries } from '../../pipeline/storage/run-summaries.js';
import { formatRunSummaries } from '../run-summary-table.js';
import { waitForShutdown } from '../../pipeline/workers/shutdown.js';

const usage = `usage: certwatch crawl --source ID [--wait] [--max-pages N]
       certwatch crawl --all [--wait] [--json] [--max-pages N]

Enqueues a crawl of source ID (from the sources file) now. With --wait, waits until the
crawl and everything it caused (analyze, link, capture) is done and prints totals as JSON;
if no crawl worker is running anywhere, runs the workers in this process for the duration.

--all enqueues a crawl of every enabled source now. With --wait, waits until those crawl runs
have finished and their pages are analysed and their flagged posts linked (other work on the
queues is not waited for; captures continue on the capture workers), then prints a summary per
source (--json: as JSON on stdout). Exit 1 when a run failed or analysis was left owed.`;

const command: Command = {
  summary: 'run one source or every source now (optionally wait for the pipeline)',
  usage,
  async run(args) {
    const { values } = parseOptions(args, {
      source: { type: 'string' },
      all: { type: 'boolean', default: false },
      wait: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'max-pages': { type: 'string' },
    });
    if (values.all && values.source) throw new UsageError('--source and --all: give one of them');
    if (!values.source && !values.all) throw new UsageError('--source ID or --all is required');
    const maxPages = values['max-pages'] ? intOption(values['max-pages'], 'max-pages', 0) : undefined;
    const ctx = await openApp();
    let pool: WorkerPool | undefined;
    try {
      const registry = loadSourceRegistry(ctx.config.sourcesFile);
      if (values.all) return await crawlAll(ctx, registry, { wait: values.wait, json: values.json, maxPages, onPool: (p) => (pool = p) });
      const source = registry.byId.get(values.source!);
      if (!source) throw new UsageError(`--source: no source '${values.source}' in ${registry.file} (known: ${registry.list.map((s) => s.id).join(', ')})`);
      await syncSourcesTable(ctx.db, registry);
      const crawlQueue = ctx.queue('crawl');
      if (values.wait && (await crawlQueue.getWorkersCount()) === 0) {
        ctx.log.info('no crawl worker is running: processing in this process');
        pool = await startWorkers(ctx, ['crawl', 'analyze', 'picture', 'link', 'capture'], { registry: () => registry, maxPages });
      }
      const jobId = await requestCrawl(ctx.db, crawlQueue, source.id, 'manual', String(Date.now()));
      console.error(`enqueued ${jobId}`);
      if (!values.wait) return 0;
      const wanted: QueueName[] = ['crawl', 'analyze', 'picture', 'link', ...(ctx.config.capture.enabled ? (['capture'] as QueueName[]) : [])];
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

interface CrawlAllOptions {
  wait: boolean;
  json: boolean;
  maxPages?: number;
  /** Hands the in-process pool (when one is started) to the caller, who closes it. */
  onPool: (pool: WorkerPool) => void;
}

async function crawlAll(ctx: AppContext, registry: SourceRegistry, opts: CrawlAllOptions): Promise<number> {
  const sources = registry.list.filter((s) => s.enabled);
  if (sources.length === 0) throw new UsageError(`--all: no enabled source in ${registry.file}`);
  await syncSourcesTable(ctx.db, registry);
  const crawlQueue = ctx.queue('crawl');
  if (opts.wait && (await crawlQueue.getWorkersCount()) === 0) {
    ctx.log.info('no crawl worker is running: processing in this process');
    opts.onPool(await startWorkers(ctx, ['crawl', 'analyze', 'picture', 'link'], { registry: () => registry, maxPages: opts.maxPages }));
  }
  const stamp = new Date().toISOString().replace(/[^0-9]/g, '').slice(0, 17);
  const jobIds: string[] = [];
  for (const s of sources) jobIds.push(await requestCrawl(ctx.db, crawlQueue, s.id, 'manual', stamp));
  console.error(`enqueued ${jobIds.length} crawls: ${jobIds.join(' ')}`);
  if (!opts.wait) return 0;
  const started = Date.now();
  // Ctrl-C or SIGTERM stops waiting; workers run here drain in the caller's finally.
  const shutdown = waitForShutdown(ctx.log);
  let outcome: Awaited<ReturnType<typeof waitForRuns>>;
  try {
    outcome = await waitForRuns(ctx, jobIds, sources.map((s) => s.id), { onTick: progressReporter(ctx.db, { started }), signal: shutdown.signal });
  } catch (err) {
    if (!shutdown.signal.aborted) throw err;
    console.error('crawl --all: stopped waiting; the crawls stay queued and run on any worker');
    return 130;
  }
  const summaries = await sourceRunSummaries(ctx.db, jobIds);
  const rows = summaries.map((s) => ({ ...s, jobState: outcome.states[s.jobId] ?? 'unknown' }));
  if (opts.json) console.log(JSON.stringify({ seconds: (Date.now() - started) / 1000, sources: rows, owed: outcome.owed }, null, 2));
  else console.log(formatRunSummaries(rows, (Date.now() - started) / 1000));
  const ok = rows.length === jobIds.length && rows.every((r) => r.jobState === 'completed' && r.status === 'done') && nothingOwed(outcome.owed);
  return ok ? 0 : 1;
}

export default command;

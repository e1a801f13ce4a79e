// Starts BullMQ workers for the requested queues in this process and stops them
// gracefully: close() lets active jobs finish (SIGTERM drain) before connections go.
import { hostname } from 'node:os';
import { setMaxListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { MetricsTime, Worker, type Job, type Processor } from 'bullmq';
import type { AppContext } from '../pipeline/app/context.js';
import type { QueueName } from '../pipeline/queues/names.js';
import { loadAnalyzeTools, type AnalyzeTools } from '../pipeline/ingest/analyze-tools.js';
import { ImageReader } from '../pipeline/ocr/image-reader.js';
import { sourceOutbound, type SourceRegistry } from '../pipeline/scheduler/source-registry.js';
import { createCrawlProcessor } from '../pipeline/workers/crawl-processor.js';
import { createAnalyzeProcessor } from '../pipeline/workers/analyze-processor.js';
import { createPictureProcessor } from '../pipeline/workers/picture-processor.js';
import { createLinkProcessor } from '../pipeline/workers/link-processor.js';
import { createReconcileProcessor } from '../pipeline/workers/reconcile-processor.js';
import { createAlertProcessor } from '../pipeline/workers/alert-processor.js';
import { createCaptureProcessor, createExportProcessor } from '../evidence/index.js';

interface StageProcessor {
  process(job: Job): Promise<unknown>;
  close(): Promise<void>;
}

export interface WorkerPool {
  queues: QueueName[];
  workers: Worker[];
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  registry: () => SourceRegistry;
  tools?: AnalyzeTools;
  /** Override a crawl's page budget (bench, tests). */
  maxPages?: number;
  /** Called after each finished job (progress displays). */
  onCompleted?: (queue: QueueName, job: Job, result: unknown) => void;
}

/**
 * V8 lets the old space grow to about four times the live set while collections stay cheap; a
 * worker's short-lived garbage (parsed pages, query rows) then took RSS from ~450 MB to over 1 GB
 * during a 20,000-page crawl with ~250 MB live. Growing by half keeps RSS flat for a few percent
 * more GC time. A heap-growing-percent given in NODE_OPTIONS or on the command line wins.
 */
const HEAP_GROWING_PERCENT = 50;

function holdHeapNearLiveSet(): void {
  if (`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.includes('heap-growing-percent')) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

export async function startWorkers(ctx: AppContext, queues: QueueName[], opts: WorkerPoolOptions): Promise<WorkerPool> {
  holdHeapNearLiveSet();
  const abort = new AbortController();
  // Every running crawl, lease wait and robots fetch listens for shutdown on this one signal; a
  // thousand still warns of a leak.
  setMaxListeners(1000, abort.signal);
  const processors: StageProcessor[] = [];
  const workers: Worker[] = [];
  const w = ctx.config.workers;
  const concurrency: Record<QueueName, number> = {
    crawl: w.crawlConcurrency,
    analyze: w.analyzeConcurrency,
    picture: w.pictureConcurrency,
    // Linking serialises on a database lock anyway; more would only wait.
    link: 1,
    capture: w.captureConcurrency,
    export: 1,
    // Two passes at once would only race each other to the same re-enqueues.
    reconcile: 1,
    // One pass at a time: the claims keep two from sending twice, but two would only race.
    alert: 1,
  };
  // The classifier builds its tables (character folds, pattern trie, model) on first use, a
  // second or more of blocked event loop: done before any worker holds a job lock it must renew.
  const tools = queues.includes('analyze') || queues.includes('picture') ? (opts.tools ?? (await loadAnalyzeTools(ctx.config.classifier.model))) : undefined;
  const images = tools && ctx.config.ocr.enabled ? new ImageReader(ctx.db, ctx.blobs, { ...ctx.config.ocr, userAgent: ctx.config.userAgent }) : undefined;
  for (const name of queues) {
    let p: StageProcessor;
    if (name === 'crawl') p = createCrawlProcessor({ ctx, registry: opts.registry, signal: abort.signal, maxPages: opts.maxPages });
    else if (name === 'analyze') p = createAnalyzeProcessor({ ctx, registry: opts.registry, tools: tools!, ...(images ? { images } : {}) });
    else if (name === 'picture') p = createPictureProcessor({ ctx, registry: opts.registry, tools: tools!, ...(images ? { images } : {}) });
    else if (name === 'link') p = createLinkProcessor({ ctx });
    else if (name === 'capture') p = createCaptureProcessor(ctx, { outboundFor: (id) => sourceOutbound(opts.registry(), id) });
    else if (name === 'reconcile') p = createReconcileProcessor({ ctx });
    else if (name === 'alert') p = createAlertProcessor({ ctx });
    else p = createExportProcessor(ctx);
    processors.push(p);
    const proc = p;
    const worker = new Worker(name, ((job: Job) => proc.process(job)) as Processor, {
      connection: ctx.connection(),
      prefix: ctx.config.queuePrefix,
      // Stored on every job it takes (processedBy): with several processes and machines on one
      // Redis, an operator can tell which one ran a job.
      name: `${hostname()}:${process.pid}`,
      concurrency: concurrency[name],
      lockDuration: w.lockDurationMs,
      stalledInterval: Math.max(1000, Math.floor(w.lockDurationMs / 2)),
      maxStalledCount: 2,
      // Per-minute completed/failed counts kept in Redis a week: /metrics exports them per queue.
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
    });
    worker.on('failed', (job, err) => {
      const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true;
      ctx.log[final ? 'error' : 'warn']({ queue: name, job: job?.id, attempt: job?.attemptsMade, err: err.message }, final ? 'job failed permanently' : 'job failed, will retry');
    });
    worker.on('error', (err) => ctx.log.warn({ queue: name, err: err.message }, 'worker error'));
    if (opts.onCompleted) worker.on('completed', (job, result) => opts.onCompleted!(name, job, result));
    workers.push(worker);
  }
  return {
    queues,
    workers,
    async close() {
      abort.abort();
      await Promise.all(workers.map((wk) => wk.close().catch((err: Error) => ctx.log.warn({ err: err.message }, 'worker close failed'))));
      await Promise.all(processors.map((p) => p.close().catch(() => undefined)));
    },
  };
}

// Records a crawl's fetched pages in batches (one upsert and one analyze job per batch) off the
// crawler's path, so a crawl slot never waits on Postgres or Redis for the page it just stored.
import type { Queue } from 'bullmq';
import type { Database } from '../storage/database.js';
import { recordPageFetches, touchListingsOfPages, type PageFetch, type PageFetchResult } from '../storage/pages.js';
import { enqueueAnalyzeBatch } from '../queues/enqueue.js';
import type { AnalyzeJob } from '../queues/names.js';

export interface PageRecorderOptions {
  db: Database;
  analyzeQueue: Queue<AnalyzeJob>;
  /** A batch is written once it holds this many pages… */
  maxBatch?: number;
  /**
   * …or this long after its first page arrived. A batch is one analyze job, whose ~40 calls inside
   * Redis its pages share: a source fetching 10 pages/s (a loaded machine, a polite rate) fills
   * some 20 in 2 s, a delay analysis (minutes behind a crawl on any real day) does not notice.
   * @default 2000
   */
  maxDelayMs?: number;
  /** Batches being written at once before add() makes the crawler wait (backpressure). */
  maxInFlight?: number;
  onRecorded: (fetch: PageFetch, result: PageFetchResult, analyzeQueued: boolean) => void;
  onFailed: (fetch: PageFetch, err: Error) => void;
}

export class PageRecorder {
  private batch: PageFetch[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;
  private readonly maxInFlight: number;

  constructor(private readonly opts: PageRecorderOptions) {
    this.maxBatch = opts.maxBatch ?? 50;
    this.maxDelayMs = opts.maxDelayMs ?? 2000;
    this.maxInFlight = opts.maxInFlight ?? 2;
  }

  /** Queues one page's row; resolves at once unless earlier batches are still being written. */
  async add(fetch: PageFetch): Promise<void> {
    this.batch.push(fetch);
    if (this.batch.length >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
  }

  /** Writes what is queued and waits for every batch: the crawl job ends only after this. */
  async close(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    const p = this.write(batch).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  private async write(batch: PageFetch[]): Promise<void> {
    try {
      await this.record(batch);
    } catch {
      // One bad row must not cost its neighbours: fall back to page by page, each failure its own.
      for (const f of batch) await this.record([f]).catch((err: Error) => this.opts.onFailed(f, err));
    }
  }

  /** Page rows first, then their analyze jobs: a crash in between is healed by the next fetch (needsAnalysis). */
  private async record(batch: PageFetch[]): Promise<void> {
    const results = await recordPageFetches(this.opts.db, batch);
    const analyze: { pageId: number; contentSha: string }[] = [];
    const touch: { pageId: number; seenAt: Date }[] = [];
    batch.forEach((f, i) => {
      const r = results[i]!;
      if (r.needsAnalysis) analyze.push({ pageId: r.pageId, contentSha: f.contentSha });
      else touch.push({ pageId: r.pageId, seenAt: f.fetchedAt });
    });
    await enqueueAnalyzeBatch(this.opts.analyzeQueue, analyze);
    await touchListingsOfPages(this.opts.db, touch);
    batch.forEach((f, i) => this.opts.onRecorded(f, results[i]!, results[i]!.needsAnalysis));
  }
}

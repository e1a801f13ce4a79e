// The analyze worker: pages → listings, then link jobs, and only then the pages are marked
// analysed (with the picture job they owe, queued last) — so a worker killed anywhere in between
// redoes the work instead of losing it.
import { UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app/context.js';
import { analyzeRefs, type AnalyzeJob, type AnalyzePageRef } from '../queues/names.js';
import { enqueueAnalyze, enqueueCapture, enqueueFollow, enqueueLinkBatch, enqueuePictures } from '../queues/enqueue.js';
import { OpenPictureJob } from '../queues/open-picture-job.js';
import { CITED_SITES_SOURCE_ID } from '../verification/follow-source.js';
import { OfficialHosts } from '../verification/official-hosts.js';
import { analyzePage, type AnalyzeEnv, type AnalyzeOutcome, type FollowTarget, type LinkTarget, type PageWrite } from '../ingest/analyze-page.js';
import { writePageBatch, type PageWritten } from '../ingest/write-page-batch.js';
import type { AnalyzeTools } from '../ingest/analyze-tools.js';
import type { ImageReader } from '../ocr/image-reader.js';
import { getPages, markPagesAnalyzed } from '../storage/pages.js';
import type { VanishInput } from '../storage/listings.js';
import type { SourceRegistry } from '../scheduler/source-registry.js';

type PageSummary = Omit<AnalyzeOutcome, 'linkTargets' | 'follow' | 'captureTargets' | 'vanish'>;

export interface BatchSummary {
  pages: number;
  analyzed: number;
  stale: number;
  /** Pages set apart as jobs of their own (unreadable, or their analysis threw): they fail or retry alone. */
  setApart: number;
  stored: number;
  flagged: number;
  links: number;
  follows: number;
  /** Pages whose pictures the picture stage reads (one picture job for the batch). */
  pictures: number;
}

export function createAnalyzeProcessor(opts: { ctx: AppContext; registry: () => SourceRegistry; tools: AnalyzeTools; images?: ImageReader }) {
  const { ctx } = opts;
  const linkQueue = ctx.queue('link');
  const crawlQueue = ctx.queue('crawl');
  const analyzeQueue = ctx.queue('analyze');
  const pictureQueue = opts.images ? ctx.queue('picture') : undefined;
  const pictureRedis = pictureQueue ? ctx.connection() : undefined;
  const openPictures = pictureRedis ? new OpenPictureJob(pictureRedis, ctx.config.queuePrefix) : undefined;
  const captureQueue = ctx.config.capture.enabled ? ctx.queue('capture') : undefined;
  const verification = { official: new OfficialHosts(ctx.config.verification.officialHosts) };
  const env = (): AnalyzeEnv => {
    const reg = opts.registry();
    return { db: ctx.db, blobs: ctx.blobs, tools: opts.tools, sources: reg.byId, filter: reg.filter, verification, ...(opts.images ? { images: opts.images } : {}) };
  };

  /** What a page's analysis leaves for other stages: links first, then captures and visits. */
  async function handOn(linkTargets: LinkTarget[], outcomes: AnalyzeOutcome[]): Promise<number> {
    await enqueueLinkBatch(linkQueue, linkTargets);
    // A fake verification site's page is its own evidence; the sites posts cite are visited once a day.
    if (captureQueue) for (const o of outcomes) for (const c of o.captureTargets ?? []) await enqueueCapture(captureQueue, c.listingId, c.bodySha, 'flagged', c.score);
    const follows: FollowTarget[] = ctx.config.verification.follow ? outcomes.flatMap((o) => o.follow ?? []) : [];
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    for (const f of follows) await enqueueFollow(crawlQueue, CITED_SITES_SOURCE_ID, f, day);
    return follows.length;
  }

  /**
   * One page as its own job, written like a batch's: an unreadable page fails here for good, its
   * reason in the failed set, and a page whose analysis or write throws is retried.
   */
  async function single(ref: AnalyzePageRef): Promise<BatchSummary> {
    return batch([ref], true);
  }

  /**
   * A batch: the rows in one read, every page's listings and vanished posts written in one
   * transaction, one link job, the pages left marked analysed in one statement. A page that cannot
   * be read or whose analysis throws becomes a job of its own, so it fails or retries alone.
   */
  async function batch(refs: AnalyzePageRef[], alone = false): Promise<BatchSummary> {
    const taken: { picturesJob?: string } = {};
    try {
      return await analyzeBatch(refs, alone, taken);
    } finally {
      // Committed or given up: the picture job's last round need not wait for this batch.
      if (taken.picturesJob) await openPictures!.done(taken.picturesJob).catch((err: Error) => ctx.log.warn({ err: err.message }, 'picture job writer count not lowered (it expires)'));
    }
  }

  async function analyzeBatch(refs: AnalyzePageRef[], alone: boolean, taken: { picturesJob?: string }): Promise<BatchSummary> {
    const unique = [...new Map(refs.map((r) => [`${r.pageId}.${r.sha256}`, r])).values()];
    const rows = await getPages(ctx.db, [...new Set(unique.map((r) => r.pageId))]);
    const e = env();
    const sum: BatchSummary = { pages: unique.length, analyzed: 0, stale: 0, setApart: 0, stored: 0, flagged: 0, links: 0, follows: 0, pictures: 0 };
    // The batch's pages whose posts' pictures are read: the open picture job (taken.picturesJob) named in their rows.
    const owesPictures = new Set<number>();
    const outcomes: AnalyzeOutcome[] = [];
    const linkTargets: LinkTarget[] = [];
    const vanish: VanishInput[] = [];
    const writes: PageWrite[] = [];
    const mark: AnalyzePageRef[] = [];
    for (const ref of unique) {
      let outcome: AnalyzeOutcome;
      try {
        outcome = await analyzePage(e, ref, { row: rows.get(ref.pageId) ?? null, deferVanish: true });
      } catch (err) {
        if (alone) throw err;
        ctx.log.warn({ page: ref.pageId, err: (err as Error).message }, 'page analysis failed in its batch: queued on its own');
        outcome = { ...emptyOutcome(ref.pageId), result: 'unreadable' };
      }
      // The same posts stay unread on a retry; the failed set keeps the reason, and the page is not marked analysed.
      if (outcome.result === 'unreadable' && alone) throw new UnrecoverableError(outcome.reason ?? 'page defeated the extractor');
      if (outcome.result === 'unreadable') {
        await enqueueAnalyze(analyzeQueue, ref.pageId, ref.sha256);
        sum.setApart++;
        continue;
      }
      if (outcome.result === 'stale') sum.stale++;
      else sum.analyzed++;
      sum.stored += outcome.stored;
      sum.flagged += outcome.flagged;
      outcomes.push(outcome);
      linkTargets.push(...outcome.linkTargets);
      if (outcome.pictures && openPictures) {
        taken.picturesJob ??= await openPictures.take();
        owesPictures.add(ref.pageId);
      }
      const owed = owesPictures.has(ref.pageId) ? { picturesJob: taken.picturesJob } : {};
      if (outcome.vanish) vanish.push({ ...outcome.vanish, ...owed });
      if (outcome.write) writes.push({ ...outcome.write, ...owed });
      if (outcome.result !== 'stale' && !outcome.markedAnalyzed && !outcome.write) mark.push(ref);
    }
    // Pages left with link work (their listings, or posts of a seller that went) are marked below, once it is queued.
    let written: Map<number, PageWritten>;
    try {
      written = await writePageBatch(ctx.db, writes, vanish);
    } catch (err) {
      if (alone) throw err;
      // One page's rows must not cost its neighbours (as in the page recorder): page by page, and a
      // page that still fails becomes a job of its own, which fails or retries alone.
      ctx.log.warn({ err: (err as Error).message, pages: writes.length + vanish.length }, 'batch write failed: writing page by page');
      written = new Map();
      for (const one of [...writes.map((w) => ({ w: [w], v: [] as VanishInput[] })), ...vanish.map((v) => ({ w: [] as PageWrite[], v: [v] }))]) {
        try {
          for (const [id, r] of await writePageBatch(ctx.db, one.w, one.v)) written.set(id, r);
        } catch {
          const ref = one.w[0] ? { pageId: one.w[0].pageId, sha256: one.w[0].sha256 } : { pageId: one.v[0]!.pageId, sha256: one.v[0]!.analyzedSha };
          await enqueueAnalyze(analyzeQueue, ref.pageId, ref.sha256);
          sum.setApart++;
        }
      }
    }
    for (const [pageId, w] of written) {
      if (w.stale) {
        // A newer fetch changed the page while it was analysed: nothing was written, its newer job writes.
        sum.analyzed--;
        sum.stale++;
        owesPictures.delete(pageId);
        continue;
      }
      linkTargets.push(...w.linkTargets);
      if (!w.markedAnalyzed) mark.push({ pageId, sha256: writes.find((x) => x.pageId === pageId)?.sha256 ?? vanish.find((x) => x.pageId === pageId)!.analyzedSha });
    }
    sum.follows = await handOn(linkTargets, outcomes.filter((o) => !written.get(o.pageId)?.stale));
    sum.links = linkTargets.length;
    await markPagesAnalyzed(ctx.db, mark.map((m) => ({ ...m, picturesJob: owesPictures.has(m.pageId) ? taken.picturesJob : null })));
    // Last, once the pages name it: a job lost before this line is found by the reconciler.
    const pictured = taken.picturesJob ? [...written.keys()].filter((id) => owesPictures.has(id)) : [];
    if (pictureQueue && taken.picturesJob && pictured.length > 0) await enqueuePictures(pictureQueue, taken.picturesJob);
    sum.pictures = pictured.length;
    return sum;
  }

  return {
    async process(job: Job<AnalyzeJob>): Promise<unknown> {
      return 'pages' in job.data ? batch(analyzeRefs(job.data)) : single(job.data);
    },
    async close() {
      pictureRedis?.disconnect();
    },
  };
}

function emptyOutcome(pageId: number): AnalyzeOutcome {
  return { pageId, result: 'skipped', posts: 0, stored: 0, flagged: 0, created: 0, updated: 0, vanished: 0, linkTargets: [] };
}

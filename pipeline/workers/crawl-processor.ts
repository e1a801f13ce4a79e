// The crawl worker: runs one source's crawl, stores each page body content-addressed,
// records the fetches in batches, and enqueues analysis only for content not yet analysed.
import { UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { canonicalUrl, runCrawl, seedUrls, type FetchedPage, type IncrementalCrawl, type UnchangedPage } from '../../crawlers/index.js';
import type { AppContext } from '../app/context.js';
import type { CrawlJob } from '../queues/names.js';
import { storeSnapshot } from '../ingest/page-snapshot.js';
import { knownPagesOf, pagesToRevisit, type KnownPageRow } from '../storage/pages.js';
import { PageRecorder } from './page-recorder.js';
import { finishCrawlRun, fullWalkDue, startCrawlRun } from '../storage/crawl-runs.js';
import { upsertSources } from '../storage/sources.js';
import type { SourceRegistry } from '../scheduler/source-registry.js';
import { CITED_SITES_SOURCE_ID, citedSiteSource, followUrls } from '../verification/follow-source.js';
import { fetchedSince } from '../storage/verification-sites.js';
import { HandOffs, siteOwners, type HandedTo } from './hand-offs.js';
import { planHandedCrawl, type HandedCrawl } from './handed-crawl.js';

/** A cited page some crawl fetched this recently is not fetched again by a visit. */
const VISIT_FRESH_MS = 24 * 3600_000;

/** Known pages with live leads re-fetched per run at most: how vanished posts get noticed. */
const MAX_REVISIT = 5000;

export interface CrawlRunStats {
  pages: number;
  newPages: number;
  changed: number;
  unchanged: number;
  analyzeJobs: number;
  gone: number;
  pageErrors: number;
  revisits: number;
  /** Of the unchanged: answered 304 to a conditional request / sent the stored body again (both cut short before parsing). */
  notModified: number;
  sameBody: number;
  /** This run walked every listing in full and asked nothing conditionally (every `fullWalkEvery` runs). */
  fullWalk: boolean;
  /** Links into other sources' sites, handed to their owners (hand-offs.ts), by owner. */
  handedTo?: Record<string, HandedTo>;
  /** A hand-off run: who handed the pages, how many it asked for, how many the owner had just fetched itself. */
  handOff?: { from: string; asked: number; fresh: number };
  crawler?: unknown;
}

function emptyRunStats(fullWalk: boolean): CrawlRunStats {
  return { pages: 0, newPages: 0, changed: 0, unchanged: 0, analyzeJobs: 0, gone: 0, pageErrors: 0, revisits: 0, notModified: 0, sameBody: 0, fullWalk };
}

export interface CrawlProcessorOptions {
  ctx: AppContext;
  registry: () => SourceRegistry;
  /** Aborted when the worker shuts down: the crawl stops taking new pages. */
  signal: AbortSignal;
  /** Test and bench hook: override a source's page budget. */
  maxPages?: number;
}

export function createCrawlProcessor(opts: CrawlProcessorOptions): { process(job: Job<CrawlJob>): Promise<CrawlRunStats>; close(): Promise<void> } {
  const { ctx } = opts;
  let redis: Redis | undefined;
  const analyzeQueue = ctx.queue('analyze');
  return {
    async process(job) {
      const registry = opts.registry();
      const follow = job.data.follow;
      const asked = follow && job.data.sourceId === CITED_SITES_SOURCE_ID ? followUrls(follow.host, Array.isArray(follow.urls) ? follow.urls : []) : undefined;
      if (asked && asked.length === 0) throw new UnrecoverableError(`visit to ${String(follow?.host)} names no address on that host`);
      let visit: string[] | undefined;
      if (asked) {
        // A seller's own site is crawled by its source already: what a crawl fetched today is not fetched twice.
        const canon = asked.map((u) => canonicalUrl(u) ?? u);
        const fresh = await fetchedSince(ctx.db, canon, new Date(Date.now() - VISIT_FRESH_MS));
        visit = canon.filter((u) => !fresh.has(u));
        if (visit.length === 0) return { ...emptyRunStats(false), crawler: { skipped: 'every cited page was fetched in the last day' } };
      }
      let handed: HandedCrawl | undefined;
      if (job.data.handOff && !asked) {
        const owner = registry.byId.get(job.data.sourceId);
        // An owner no longer crawled: the handing source's next run finds no owner and fetches the pages itself.
        if (!owner?.enabled) return { ...emptyRunStats(false), crawler: { skipped: `source '${job.data.sourceId}' is not crawled any more` } };
        handed = await planHandedCrawl(ctx.db, job, owner);
        if (handed.urls.length === 0) return { ...emptyRunStats(false), handOff: { from: job.data.handOff.from, asked: handed.asked, fresh: handed.fresh }, crawler: { skipped: 'the owner fetched every handed page in the last hour' } };
      }
      const source = visit ? citedSiteSource(new URL(visit[0]!).origin, ctx.config.verification.pagesPerSite, follow?.allowPrivateAddresses === true) : (handed?.source ?? registry.byId.get(job.data.sourceId));
      if (!source) throw new UnrecoverableError(`unknown source '${job.data.sourceId}' (not in ${registry.file})`);
      redis ??= ctx.connection();
      // The worker may run before any scheduler synced the table: runs and pages need the row.
      await upsertSources(ctx.db, [source]);
      const runId = await startCrawlRun(ctx.db, source.id, job.id ?? `${source.id}-${Date.now()}`);
      // A visit fetches what posts cite now; the cited-sites source's other pages are other sites.
      // A visit and a browser source fetch in full; an HTTP source asks conditionally between full walks.
      // A hand-off is no walk of the source (its run is kept out of fullWalkDue and the last-run reads).
      const fullWalk = handed ? false : visit || source.render !== 'http' ? true : await fullWalkDue(ctx.db, source.id, source.fullWalkEvery);
      // Between full walks a share of the lead pages, the least recently fetched: each within fullWalkEvery runs.
      const revisit = visit || handed ? [] : await pagesToRevisit(ctx.db, source.id, MAX_REVISIT, fullWalk ? 1 : source.fullWalkEvery);
      const known = fullWalk || handed ? new Map<string, KnownPageRow>() : await knownPagesOf(ctx.db, source.id);
      const stats: CrawlRunStats = { ...emptyRunStats(fullWalk), revisits: revisit.length, ...(handed ? { handOff: { from: job.data.handOff!.from, asked: handed.asked, fresh: handed.fresh } } : {}) };
      // A source's own run hands links into sites other sources own to them; a visit or a hand-off
      // hands nothing on (it follows no links, and a redirect off the site stays refused as before).
      const handOffs = visit || handed ? undefined : new HandOffs(source, siteOwners(registry.list));
      const sendHandOffs = async () => {
        if (handOffs?.size) stats.handedTo = await handOffs.send(ctx.queue('crawl'), `r${runId}a${job.attemptsMade}`);
      };
      const log = ctx.log.child({ source: source.id, job: job.id });
      const recorder = new PageRecorder({
        db: ctx.db,
        analyzeQueue,
        onRecorded: (f, r, analyzeQueued) => {
          if (f.status === 404 || f.status === 410) stats.gone++;
          if (r.isNew) stats.newPages++;
          else if (r.changed) stats.changed++;
          else stats.unchanged++;
          if (analyzeQueued) stats.analyzeJobs++;
        },
        onFailed: (f, err) => {
          stats.pageErrors++;
          log.warn({ url: f.url, err: err.message }, 'page not stored');
        },
      });
      const onPage = async (page: FetchedPage) => {
        stats.pages++;
        try {
          const { bodySha, contentSha } = storeSnapshot(ctx.blobs, page);
          await recorder.add({
            sourceId: source.id,
            url: page.url,
            finalUrl: page.finalUrl,
            status: page.status,
            contentType: page.contentType,
            charset: page.charset,
            render: page.render,
            bodySha,
            contentSha,
            fetchedAt: page.fetchedAt,
            etag: page.validators?.etag ?? null,
            lastModified: page.validators?.lastModified ?? null,
          });
        } catch (err) {
          stats.pageErrors++;
          log.warn({ url: page.url, err: (err as Error).message }, 'page not stored');
        }
        if (stats.pages % 100 === 0) await job.updateProgress({ ...stats }).catch(() => undefined);
      };
      // An unchanged fetch is recorded as the page's last full fetch again, with the validators now held.
      const onUnchanged = async (u: UnchangedPage) => {
        const k = known.get(u.url);
        if (!k) return;
        stats.pages++;
        if (u.how === 'not-modified') stats.notModified++;
        else stats.sameBody++;
        await recorder.add({
          sourceId: source.id,
          url: u.url,
          finalUrl: k.final_url,
          status: k.status,
          contentType: k.content_type,
          charset: k.charset,
          render: k.render,
          bodySha: k.sha256,
          contentSha: k.content_sha256,
          fetchedAt: u.fetchedAt,
          etag: u.validators.etag ?? (u.how === 'not-modified' ? k.etag : null),
          lastModified: u.validators.lastModified ?? (u.how === 'not-modified' ? k.last_modified : null),
        });
        if (stats.pages % 100 === 0) await job.updateProgress({ ...stats }).catch(() => undefined);
      };
      const incremental: IncrementalCrawl | undefined = known.size
        ? {
            fullWalk: false,
            known: (url) => {
              const k = known.get(url);
              return k ? { bodySha: k.sha256, validators: { ...(k.etag ? { etag: k.etag } : {}), ...(k.last_modified ? { lastModified: k.last_modified } : {}) } } : undefined;
            },
            onUnchanged,
            storedBody: async (sha) => (ctx.blobs.has(sha) ? ctx.blobs.get(sha) : undefined),
          }
        : undefined;
      try {
        const crawler = await runCrawl({
          source,
          ...(visit ? { startUrls: visit } : handed ? { startUrls: handed.urls } : revisit.length ? { startUrls: [...new Set([...seedUrls(source), ...revisit])] } : {}),
          redis,
          keyPrefix: `${ctx.config.queuePrefix}:crawler`,
          userAgent: source.userAgent ?? ctx.config.userAgent,
          onPage,
          // A thread reached from a search result is read with its forum's selectors, as analysis always did.
          selectorsFor: (url) => registry.filter.sites.siteOf(url, source).source?.selectors,
          signal: opts.signal,
          ...(incremental ? { incremental } : {}),
          ...(handOffs ? { handOff: handOffs.take } : {}),
          maxPages: visit || handed ? source.maxPages : (opts.maxPages ?? source.maxPages) + revisit.length,
          log,
        });
        // Pages still buffered are written even on shutdown: they were fetched, politely, once.
        await recorder.close();
        // Handed even when the crawl was cut short: the links were found, and a retry's hand-off is another job.
        await sendHandOffs();
        stats.crawler = crawler;
        if (opts.signal.aborted) throw new Error('crawl interrupted by shutdown; it will run again');
        await finishCrawlRun(ctx.db, runId, { status: 'done', stats: { ...stats } });
        log.info({ ...stats, crawler: undefined }, 'crawl finished');
        return stats;
      } catch (err) {
        await recorder.close().catch(() => undefined);
        await sendHandOffs().catch((e: Error) => log.warn({ err: e.message }, 'hand-offs not sent; the next run finds those links again'));
        await finishCrawlRun(ctx.db, runId, { status: 'failed', stats: { ...stats }, error: (err as Error).message }).catch(() => undefined);
        throw err;
      }
    },
    async close() {
      redis?.disconnect();
    },
  };
}

// Runs one crawl of one source: seeds (or search queries) through a polite,
// trap-bounded frontier, every fetched page handed to onPage, a CrawlStats at the end.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BasicCrawler } from 'crawlee';
import { createBrowserCrawler } from './browser-crawler.js';
import { runConfiguration } from './crawl-configuration.js';
import { silentLogger, type CrawlLogger, type CrawlRun } from './crawl-run.js';
import { emptyStats, type CrawlStats } from './crawl-stats.js';
import { Frontier, type FrontierRequest } from './frontier/frontier.js';
import { LinkFilter } from './frontier/link-filter.js';
import { createHttpCrawler } from './http-crawler.js';
import { outboundPolicyFor } from './outbound/outbound-policy.js';
import { HostLease } from './politeness/host-lease.js';
import { RobotsCache } from './politeness/robots-cache.js';
import { seedUrls } from './sources/load.js';
import type { SiteSelectors, SourceConfig } from './sources/schema.js';
import { compileUrlPattern } from './sources/url-pattern.js';
import type { FetchedPage, IncrementalCrawl } from './types.js';

export type { CrawlStats } from './crawl-stats.js';
export type { CrawlLogger } from './crawl-run.js';

export interface RunCrawlOptions {
  source: SourceConfig;
  redis: Redis;
  /** Prefix of the Redis keys shared by every crawler process of one installation (host leases). */
  keyPrefix: string;
  /** Identifying User-Agent; the source's `userAgent` overrides it. */
  userAgent: string;
  onPage: (page: FetchedPage) => Promise<void>;
  signal?: AbortSignal;
  /** Overrides the source's maxPages (a smoke run, or a re-crawl that adds known URLs). */
  maxPages?: number;
  log?: CrawlLogger;
  /** Overrides the seeds (re-crawl of known URLs); defaults to the source's seeds and search queries. */
  startUrls?: string[];
  /**
   * The selectors for a page's posts. A search crawl reaches forum threads, which the forum's
   * selectors read; defaults to the crawling source's own.
   */
  selectorsFor?: (pageUrl: string) => SiteSelectors | undefined;
  /** Earlier fetches of this source's pages: conditional requests, unchanged pages cut short, bounded list walks. */
  incremental?: IncrementalCrawl;
  /** Takes a discovered link another source owns (see Frontier's handOff): true when taken. */
  handOff?: (url: string) => boolean;
}

export async function runCrawl(opts: RunCrawlOptions): Promise<CrawlStats> {
  const { source } = opts;
  const stats = emptyStats(source.id);
  const log = opts.log ?? silentLogger;
  const userAgent = source.userAgent ?? opts.userAgent;
  const maxPages = Math.max(1, opts.maxPages ?? source.maxPages);
  const seeds = opts.startUrls ?? seedUrls(source);
  const seedHosts = new Set<string>();
  for (const s of seeds) {
    try {
      seedHosts.add(new URL(s).host);
    } catch {
      // Seeds were validated at load; startUrls from callers may not have been.
    }
  }
  const lease = new HostLease(opts.redis, opts.keyPrefix);
  const outbound = outboundPolicyFor(source, seeds);
  const robots = new RobotsCache({
    userAgent,
    timeoutMs: source.timeoutSecs * 1000,
    signal: opts.signal,
    mayFetch: async (url) => (await outbound.checkAddress(url)).ok,
    beforeFetch: async (origin) => {
      const host = new URL(origin).host;
      stats.leaseWaitMs += await lease.acquire(host, 1000 / source.rate, opts.signal);
      stats.requests++;
    },
  });
  const filter = new LinkFilter({
    include: source.include.map(compileUrlPattern),
    exclude: source.exclude.map(compileUrlPattern),
    seedHosts,
    stripParams: source.stripParams,
  });
  const frontier = new Frontier({
    filter,
    robots,
    outbound,
    stats,
    maxDepth: source.maxDepth,
    maxPages,
    maxPagesPerHost: source.maxPagesPerHost ?? maxPages,
    ...(opts.handOff ? { handOff: opts.handOff } : {}),
  });

  let crawler: BasicCrawler | null = null;
  const run: CrawlRun = {
    source,
    userAgent,
    stats,
    frontier,
    robots,
    lease,
    outbound,
    onPage: opts.onPage,
    selectorsFor: opts.selectorsFor ?? (() => source.selectors),
    log,
    signal: opts.signal,
    enqueue: async (requests: FrontierRequest[]) => {
      if (crawler && requests.length) await crawler.addRequests(requests);
    },
    ...(opts.incremental ? { incremental: opts.incremental } : {}),
    hubs: new Set(seedUrls(source).map((u) => frontier.canonical(u) ?? u)),
  };

  // HTTP crawls run at the source's fixed concurrency (below), so they skip Crawlee's system sampling.
  const config = runConfiguration(`${source.id}-${randomUUID()}`, source.render === 'browser' ? {} : { systemInfoIntervalMillis: 3_600_000 });
  crawler =
    source.render === 'browser'
      ? (createBrowserCrawler(run, config, maxPages) as unknown as BasicCrawler)
      : (createHttpCrawler(run, config, maxPages) as unknown as BasicCrawler);

  const onAbort = () => {
    stats.aborted = true;
    crawler?.autoscaledPool?.abort().catch(() => {});
  };
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  log.info({ source: source.id, seeds: seeds.length, maxPages, render: source.render }, 'crawl started');
  try {
    if (!stats.aborted) {
      const initial = await frontier.admit(seeds, undefined, { depth: 0 }, { seeds: true });
      if (initial.length) await crawler.run(initial);
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await crawler.teardown().catch(() => {});
    const finished = new Date();
    stats.finishedAt = finished;
    stats.durationMs = finished.getTime() - stats.startedAt.getTime();
    stats.pagesPerSecond = stats.durationMs > 0 ? (stats.pagesFetched * 1000) / stats.durationMs : 0;
  }
  log.info({ ...stats, source: source.id }, 'crawl finished');
  return stats;
}

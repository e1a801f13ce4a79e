// The state one crawl run shares between its Crawlee handlers: the source,
// politeness (robots, host lease), the frontier, stats and the page callback.
import type { CrawlStats } from './crawl-stats.js';
import type { Frontier, FrontierRequest } from './frontier/frontier.js';
import type { OutboundPolicy } from './outbound/outbound-policy.js';
import type { HostLease } from './politeness/host-lease.js';
import type { RobotsCache } from './politeness/robots-cache.js';
import type { SiteSelectors, SourceConfig } from './sources/schema.js';
import type { FetchedPage, IncrementalCrawl } from './types.js';

export interface CrawlLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface CrawlRun {
  source: SourceConfig;
  userAgent: string;
  stats: CrawlStats;
  frontier: Frontier;
  robots: RobotsCache;
  lease: HostLease;
  /** Where this run may send requests (scope and addresses). */
  outbound: OutboundPolicy;
  onPage: (page: FetchedPage) => Promise<void>;
  /** The selectors that read a page's posts: its site's, which need not be the crawling source's. */
  selectorsFor: (pageUrl: string) => SiteSelectors | undefined;
  log: CrawlLogger;
  signal?: AbortSignal;
  /** Hands admitted requests to the running crawler's queue. */
  enqueue: (requests: FrontierRequest[]) => Promise<void>;
  /** Set when earlier fetches are known: conditional requests, unchanged pages cut short, bounded list walks. */
  incremental?: IncrementalCrawl;
  /** The source's own seeds (canonical): hubs whose links are always followed, changed or not. */
  hubs: Set<string>;
}

/** Raised by hooks when a request must not be made at all (robots, caps, outbound policy); counted, never retried. */
export class SkipRequest extends Error {
  override name = 'SkipRequest';
  constructor(
    readonly reason: 'robots' | 'content_type' | 'redirect' | 'canonical' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

/** Counts a skipped request under its reason (robots, content type or outbound policy). */
export function countSkip(stats: CrawlStats, skip: SkipRequest): void {
  if (skip.reason === 'robots') stats.skippedRobots++;
  else if (skip.reason === 'content_type') stats.skippedContentType++;
  else if (skip.reason === 'refused') stats.skippedRefused++;
}

export const silentLogger: CrawlLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
};

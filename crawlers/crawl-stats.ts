// What one crawl run did, for logs, the crawl_runs table and benchmarks: pages,
// bytes and time, plus every reason a URL was skipped or failed, counted by kind.
export type CrawlErrorKind =
  | `http_${number}`
  | 'decode'
  /** The page's query-form signals could not be read (its posts still are). */
  | 'query_page'
  | 'too_large'
  /** Markup nested so deep that parsing it would stall the worker. */
  | 'too_deep'
  | 'timeout'
  | 'redirect_loop'
  | 'network'
  | 'on_page'
  | 'extract'
  | 'other';

export interface CrawlStats {
  sourceId: string;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  /** Responses turned into FetchedPages and handed to onPage. */
  pagesFetched: number;
  /** Of those, pages where the extractor found at least one post. */
  postsPages: number;
  posts: number;
  /** Conditional requests answered 304 Not Modified: unchanged, cut short before any parse. */
  notModified: number;
  /** Full answers whose body hash equals the stored body's (no validator, or one that lies): cut short too. */
  sameBody: number;
  /** List pages whose item links were all known: the walk of that listing ended there. */
  listWalksStopped: number;
  requests: number;
  bytes: number;
  skippedRobots: number;
  skippedContentType: number;
  skippedOffsite: number;
  skippedBinary: number;
  skippedExcluded: number;
  skippedTooLong: number;
  skippedDepth: number;
  skippedHostCap: number;
  skippedNofollow: number;
  /** Requests the outbound policy refused (private addresses, reveal endpoints off the source's hosts). */
  skippedRefused: number;
  /** Links whose site another source owns, handed to it instead of fetched here (frontier.ts). */
  handedOff: number;
  canonicalRedirects: number;
  redirectsFollowed: number;
  retryAfterDeferrals: number;
  reveals: number;
  errors: Partial<Record<CrawlErrorKind, number>>;
  /** Total time spent waiting for host leases (politeness). */
  leaseWaitMs: number;
  /** Sum of per-request fetch durations. */
  fetchMs: number;
  /** Sum of onPage durations. */
  onPageMs: number;
  pagesPerSecond: number;
  aborted: boolean;
}

export function emptyStats(sourceId: string): CrawlStats {
  const now = new Date();
  return {
    sourceId,
    startedAt: now,
    finishedAt: now,
    durationMs: 0,
    pagesFetched: 0,
    postsPages: 0,
    posts: 0,
    notModified: 0,
    sameBody: 0,
    listWalksStopped: 0,
    requests: 0,
    bytes: 0,
    skippedRobots: 0,
    skippedContentType: 0,
    skippedOffsite: 0,
    skippedBinary: 0,
    skippedExcluded: 0,
    skippedTooLong: 0,
    skippedDepth: 0,
    skippedHostCap: 0,
    skippedNofollow: 0,
    skippedRefused: 0,
    handedOff: 0,
    canonicalRedirects: 0,
    redirectsFollowed: 0,
    retryAfterDeferrals: 0,
    reveals: 0,
    errors: {},
    leaseWaitMs: 0,
    fetchMs: 0,
    onPageMs: 0,
    pagesPerSecond: 0,
    aborted: false,
  };
}

export function countError(stats: CrawlStats, kind: CrawlErrorKind): void {
  stats.errors[kind] = (stats.errors[kind] ?? 0) + 1;
}

/** Maps a thrown fetch error to a kind (Crawlee and got report these only as messages). */
export function classifyError(err: unknown): CrawlErrorKind {
  const e = err as { name?: string; code?: string; message?: string; kind?: CrawlErrorKind };
  if (e?.kind) return e.kind;
  const msg = `${e?.name ?? ''} ${e?.code ?? ''} ${e?.message ?? String(err)}`;
  const status = /\b([45]\d\d) - /.exec(msg) ?? /status(?: code)? ([45]\d\d)/i.exec(msg);
  if (status) return `http_${Number(status[1])}`;
  if (/redirect/i.test(msg)) return 'redirect_loop';
  if (/timed? ?out|timeout|ETIMEDOUT/i.test(msg)) return 'timeout';
  if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|EPIPE|socket hang up|net::ERR/i.test(msg)) return 'network';
  if (/decode|charset|encoding/i.test(msg)) return 'decode';
  return 'other';
}

/** An error that already knows its kind (thrown by our hooks) and whether a retry can help. */
export class CrawlFetchError extends Error {
  override name = 'CrawlFetchError';
  constructor(
    readonly kind: CrawlErrorKind,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

// The throughput baseline: a bare CheerioCrawler that only fetches and parses pages (no
// extraction, no storage), optionally under the pipeline's politeness policy, held in-process.
// The pipeline bench compares itself against it in the same run.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { CheerioCrawler } from 'crawlee';
import { Redis } from 'ioredis';
import { quietCrawleeLog, runConfiguration } from '../../crawlers/crawl-configuration.js';
import { runCrawl } from '../../crawlers/run-crawl.js';
import { crawlDelaySecs, parseRobots } from '../../crawlers/politeness/robots.js';
import { parseRetryAfter } from '../../crawlers/politeness/retry-after.js';
import { loadSources, seedUrls } from '../../crawlers/sources/load.js';
import { findFreePort, startSandbox } from '../../sandbox/index.js';

export interface BaselineResult {
  pages: number;
  bytes: number;
  seconds: number;
  pagesPerSecond: number;
  /** Every HTTP request, robots.txt and retries included. */
  requests: number;
  /** Requests per host: with the rate, the least time politeness allows (see politenessFloorSeconds). */
  requestsPerHost: Record<string, number>;
  retryAfterDeferrals: number;
  concurrency: number;
}

/**
 * The pipeline's politeness as a policy, without its machinery: at most `ratePerHost` requests/s
 * per host (or robots.txt's crawl-delay if slower), robots.txt read once per host, and a 429/503
 * with Retry-After holding the whole host off for that long before the request is retried.
 */
export interface BaselinePoliteness {
  ratePerHost: number;
  userAgent: string;
}

/**
 * The policy's state, shared by every baseline crawler of one comparison (hosts can be reached from
 * several sources): per-host spacing in this process — what the pipeline's Redis lease holds across
 * processes — robots.txt's crawl-delay read once per host, and request counts.
 */
export class BaselinePolicy {
  private readonly nextFree = new Map<string, number>();
  private readonly crawlDelayMs = new Map<string, Promise<number>>();
  requests = 0;
  retryAfterDeferrals = 0;
  readonly requestsPerHost: Record<string, number> = {};

  constructor(readonly politeness?: BaselinePoliteness) {}

  count(host: string): void {
    this.requests++;
    this.requestsPerHost[host] = (this.requestsPerHost[host] ?? 0) + 1;
  }

  private async turn(host: string, intervalMs: number): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.nextFree.get(host) ?? 0);
    this.nextFree.set(host, slot + intervalMs);
    if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
  }

  private intervalFor(url: URL, p: BaselinePoliteness): Promise<number> {
    let delay = this.crawlDelayMs.get(url.origin);
    if (!delay) {
      delay = (async () => {
        await this.turn(url.host, 1000 / p.ratePerHost);
        this.count(url.host);
        const res = await fetch(new URL('/robots.txt', url.origin), { headers: { 'user-agent': p.userAgent } }).catch(() => null);
        const text = res && res.ok ? await res.text() : '';
        return crawlDelaySecs(parseRobots(text), p.userAgent) * 1000;
      })();
      this.crawlDelayMs.set(url.origin, delay);
    }
    return delay.then((d) => Math.max(1000 / p.ratePerHost, d));
  }

  /** Waits for the host's turn (no wait without politeness) and counts the request. */
  async beforeRequest(url: URL): Promise<void> {
    if (this.politeness) await this.turn(url.host, await this.intervalFor(url, this.politeness));
    this.count(url.host);
  }

  /** A 429/503: with politeness, the whole host waits out its Retry-After. */
  afterResponse(url: URL, status: number, retryAfter: string | undefined): void {
    if (!this.politeness || (status !== 429 && status !== 503)) return;
    const ms = parseRetryAfter(retryAfter) ?? 5000;
    this.nextFree.set(url.host, Math.max(this.nextFree.get(url.host) ?? 0, performance.now() + ms));
    this.retryAfterDeferrals++;
  }
}

export interface BaselineOptions {
  startUrls: string[];
  maxPages: number;
  concurrency?: number;
  /**
   * Follow links on each start URL's host (default). Pass false with the exact URL list
   * another crawl fetched, so both sides fetch and parse the same pages.
   */
  followLinks?: boolean;
  /** Hold this concurrency from the start instead of letting Crawlee ramp up to it (as the pipeline's HTTP crawls do). */
  fixedConcurrency?: boolean;
  /** Shared politeness state; a fresh impolite one when absent. */
  policy?: BaselinePolicy;
}

/** Crawls from `startUrls` until `maxPages` pages; links are followed on each start URL's own host unless followLinks is false. */
export async function runBaselineCrawl({
  startUrls,
  maxPages,
  concurrency = 16,
  followLinks = true,
  fixedConcurrency = false,
  policy = new BaselinePolicy(),
}: BaselineOptions): Promise<BaselineResult> {
  let pages = 0;
  let bytes = 0;
  const requests0 = policy.requests;
  const deferrals0 = policy.retryAfterDeferrals;
  const polite = !!policy.politeness;
  const crawler = new CheerioCrawler(
    {
      maxRequestsPerCrawl: maxPages,
      maxConcurrency: concurrency,
      ...(fixedConcurrency ? { minConcurrency: concurrency } : {}),
      // Three retries, as the pipeline's crawler: enough for Retry-After bursts.
      maxRequestRetries: polite ? 3 : 1,
      useSessionPool: false,
      persistCookiesPerSession: false,
      statusMessageLoggingInterval: 3600,
      log: quietCrawleeLog(),
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          // Browser-like header generation costs CPU the measured crawler does not spend either.
          Object.assign(gotOptions, { useHeaderGenerator: false });
          await policy.beforeRequest(new URL(request.url));
          if (policy.politeness) Object.assign(gotOptions, { headers: { ...gotOptions.headers, 'user-agent': policy.politeness.userAgent } });
        },
      ],
      postNavigationHooks: [
        async ({ request, response }) => {
          const res = response as unknown as { statusCode: number; headers: Record<string, string | undefined> } | undefined;
          if (res) policy.afterResponse(new URL(request.url), res.statusCode, res.headers['retry-after']);
        },
      ],
      requestHandler: async ({ $, body, enqueueLinks }) => {
        pages++;
        bytes += body.length;
        // Touch the parsed document the way any extractor would.
        $('a').length;
        if (followLinks) await enqueueLinks({ strategy: 'same-hostname' });
      },
    },
    // Sampling the system every 5 s only matters when Crawlee may scale; at a fixed concurrency it is skipped, as in the pipeline.
    runConfiguration(`baseline-${randomUUID()}`, fixedConcurrency ? { systemInfoIntervalMillis: 3_600_000 } : {}),
  );
  const started = performance.now();
  await crawler.run(startUrls);
  await crawler.teardown();
  const seconds = (performance.now() - started) / 1000;
  return {
    pages,
    bytes,
    seconds,
    pagesPerSecond: pages / seconds,
    requests: policy.requests - requests0,
    requestsPerHost: { ...policy.requestsPerHost },
    retryAfterDeferrals: policy.retryAfterDeferrals - deferrals0,
    concurrency,
  };
}

/** The least time a crawl could take at `ratePerHost`: its busiest host's requests, one interval apart. */
export function politenessFloorSeconds(requestsPerHost: Record<string, number>, ratePerHost: number): number {
  return Math.max(0, ...Object.values(requestsPerHost).map((n) => (n - 1) / ratePerHost));
}

/** `node bin/run-ts.mjs test/bench/crawl-baseline.ts`: the baseline and runCrawl (no onPage work) on the sandbox at scale 100. */
async function main(): Promise<void> {
  const scale = Number(process.env.CRAWL_BENCH_SCALE ?? 100);
  const maxPages = Number(process.env.CRAWL_BENCH_PAGES ?? 3000);
  const port = await findFreePort();
  const sandbox = await startSandbox({ port, seed: 1, scale, quiet: true, rateLimit: 0 });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keyPrefix = `bench:crawl-baseline:${process.pid}`;
  try {
    const sources = loadSources(new URL('../../sandbox/sources.yaml', import.meta.url).pathname, { CERTWATCH_SANDBOX_PORT: String(port) }).filter(
      (s) => s.enabled && s.render === 'http' && s.id !== 'search',
    );
    const perSource = Math.ceil(maxPages / sources.length);
    // runCrawl first (politeness on, rate above what the unthrottled sandbox needs), recording what it fetched…
    const fetched: string[] = [];
    const started = performance.now();
    const results = await Promise.all(
      sources.map((source) =>
        runCrawl({
          source: { ...source, rate: 1000, concurrency: 4 },
          redis,
          keyPrefix,
          userAgent: 'certwatch-bench/1.0',
          maxPages: perSource,
          onPage: async (page) => void fetched.push(page.url),
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const crawler = { pages: fetched.length, seconds, pagesPerSecond: fetched.length / seconds, posts: results.reduce((a, r) => a + r.posts, 0) };
    // …then the bare crawler over exactly those pages.
    const baseline = await runBaselineCrawl({ startUrls: fetched, maxPages: fetched.length, followLinks: false });
    const seedsOnly = sources.flatMap((s) => seedUrls(s));
    console.log(JSON.stringify({ scale, seeds: seedsOnly.length, baseline, runCrawl: crawler, ratio: crawler.pagesPerSecond / baseline.pagesPerSecond }, null, 2));
  } finally {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await sandbox.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

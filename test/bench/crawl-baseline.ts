// The throughput baseline: a bare CheerioCrawler that only fetches and parses pages
// (no politeness, no extraction, no storage). The pipeline bench compares itself against it in the same run.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { CheerioCrawler } from 'crawlee';
import { Redis } from 'ioredis';
import { quietCrawleeLog, runConfiguration } from '../../crawlers/crawl-configuration.js';
import { runCrawl } from '../../crawlers/run-crawl.js';
import { loadSources, seedUrls } from '../../crawlers/sources/load.js';
import { findFreePort, startSandbox } from '../sandbox/index.js';

export interface BaselineResult {
  pages: number;
  bytes: number;
  seconds: number;
  pagesPerSecond: number;
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
}

/** Crawls from `startUrls` until `maxPages` pages; links are followed on each start URL's own host unless followLinks is false. */
export async function runBaselineCrawl({ startUrls, maxPages, concurrency = 16, followLinks = true }: BaselineOptions): Promise<BaselineResult> {
  let pages = 0;
  let bytes = 0;
  const crawler = new CheerioCrawler(
    {
      maxRequestsPerCrawl: maxPages,
      maxConcurrency: concurrency,
      maxRequestRetries: 1,
      useSessionPool: false,
      persistCookiesPerSession: false,
      statusMessageLoggingInterval: 3600,
      log: quietCrawleeLog(),
      // Browser-like header generation costs CPU the measured crawler does not spend either.
      preNavigationHooks: [
        (_ctx, gotOptions) => {
          Object.assign(gotOptions, { useHeaderGenerator: false });
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
    runConfiguration(`baseline-${randomUUID()}`),
  );
  const started = performance.now();
  await crawler.run(startUrls);
  await crawler.teardown();
  const seconds = (performance.now() - started) / 1000;
  return { pages, bytes, seconds, pagesPerSecond: pages / seconds };
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
    const sources = loadSources(new URL('../../crawlers/sources/sandbox.yaml', import.meta.url).pathname, { CERTWATCH_SANDBOX_PORT: String(port) }).filter(
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

// The gate every request to a host passes: robots.txt must allow it, and the
// host's Redis lease must grant a slot no sooner than the rate and crawl-delay allow.
import { type CrawlRun, SkipRequest } from '../crawl-run.js';

/** Waits for this host's turn; throws SkipRequest when robots.txt forbids the URL. */
export async function awaitPoliteTurn(run: CrawlRun, url: string): Promise<void> {
  if (!(await run.robots.isAllowed(url))) {
    throw new SkipRequest('robots', `robots.txt disallows ${url}`);
  }
  const host = new URL(url).host;
  const intervalMs = Math.max(1000 / run.source.rate, await run.robots.crawlDelayMs(url));
  run.stats.leaseWaitMs += await run.lease.acquire(host, intervalMs, run.signal);
}

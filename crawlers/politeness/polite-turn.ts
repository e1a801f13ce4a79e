// The gate every request to a host passes: the outbound policy must allow its address,
// robots.txt must allow it, and the host's Redis lease must grant a slot no sooner than the rate and crawl-delay allow.
import { type CrawlRun, SkipRequest } from '../crawl-run.js';

/** Waits for this host's turn; throws SkipRequest when the outbound policy or robots.txt forbids the URL. */
export async function awaitPoliteTurn(run: CrawlRun, url: string): Promise<void> {
  const verdict = await run.outbound.checkAddress(url);
  if (!verdict.ok) throw new SkipRequest('refused', verdict.message);
  if (!(await run.robots.isAllowed(url))) {
    throw new SkipRequest('robots', `robots.txt disallows ${url}`);
  }
  const host = new URL(url).host;
  const intervalMs = Math.max(1000 / run.source.rate, await run.robots.crawlDelayMs(url));
  run.stats.leaseWaitMs += await run.lease.acquire(host, intervalMs, run.signal);
}

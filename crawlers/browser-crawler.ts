// The PlaywrightCrawler for `render: browser` sources, driving Debian's Chromium:
// every browser request (navigation and XHR) passes robots.txt and the host lease.
import { PlaywrightCrawler, type Configuration } from 'crawlee';
import { chromium } from 'playwright';
import { countSkip, type CrawlRun, SkipRequest } from './crawl-run.js';
import { CrawlFetchError } from './crawl-stats.js';
import { quietCrawleeLog } from './crawl-configuration.js';
import { handleFailure, markNoRetry } from './crawl-failures.js';
import { decodeBody } from './fetch/charset.js';
import type { CrawlUserData } from './frontier/frontier.js';
import { processDocument } from './page-processor.js';
import { awaitPoliteTurn } from './politeness/polite-turn.js';
import { parseRetryAfter } from './politeness/retry-after.js';
import { compileUrlPattern } from './sources/url-pattern.js';
import { guardRedirects } from './outbound/redirect-guard.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

const BLOCKED_RESOURCES = new Set(['image', 'media', 'font', 'stylesheet']);

export function createBrowserCrawler(run: CrawlRun, config: Configuration, maxPages: number): PlaywrightCrawler {
  const source = run.source;
  return new PlaywrightCrawler(
    {
      maxRequestsPerCrawl: maxPages,
      maxConcurrency: Math.min(source.concurrency, 4),
      maxRequestRetries: 3,
      navigationTimeoutSecs: source.timeoutSecs,
      requestHandlerTimeoutSecs: 120,
      useSessionPool: false,
      persistCookiesPerSession: false,
      retryOnBlocked: false,
      statusMessageLoggingInterval: 3600,
      log: quietCrawleeLog(),
      headless: true,
      launchContext: {
        launcher: chromium,
        userAgent: run.userAgent,
        launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true },
      },
      browserPoolOptions: { useFingerprints: false, maxOpenPagesPerBrowser: 4, retireBrowserAfterPageCount: 200 },
      preNavigationHooks: [
        async ({ request, page }, gotoOptions) => {
          await awaitPoliteTurn(run, request.url);
          run.stats.requests++;
          (request.userData as { fetchStart?: number }).fetchStart = performance.now();
          if (gotoOptions) gotoOptions.waitUntil = 'load';
          const navigationUrl = request.url;
          // Redirects bypass page.route: the outbound policy checks their targets at the response stage.
          await guardRedirects(page.context(), page, run.outbound, () => run.stats.skippedRefused++);
          await page.route('**/*', async (route) => {
            const req = route.request();
            const url = req.url();
            if (!/^https?:/i.test(url)) return route.continue();
            if (BLOCKED_RESOURCES.has(req.resourceType())) return route.abort('blockedbyclient');
            if (url === navigationUrl) return route.continue();
            try {
              await awaitPoliteTurn(run, url);
              run.stats.requests++;
              return await route.continue();
            } catch (err) {
              if (err instanceof SkipRequest) countSkip(run.stats, err);
              return route.abort('blockedbyclient').catch(() => {});
            }
          });
        },
      ],
      postNavigationHooks: [
        async ({ request, response }) => {
          const status = response?.status() ?? 0;
          if (status === 429 || status === 503) {
            const delay = parseRetryAfter(response?.headers()['retry-after']) ?? 5000;
            await run.lease.defer(new URL(request.url).host, delay);
            run.stats.retryAfterDeferrals++;
            throw new CrawlFetchError(`http_${status}`, `${status} - retry after ${delay} ms`, true);
          }
        },
      ],
      requestHandler: async ({ request, page, response }) => {
        // JS-loaded content arrives after `load`: wait (bounded) for the site's post selector when it
        // has one, for the network to settle otherwise; list pages are complete at `load`.
        const listPage = (source.selectors?.listPages ?? []).some((p) => compileUrlPattern(p).test(request.url));
        if (!listPage) {
          if (source.selectors?.post) await page.waitForSelector(source.selectors.post, { timeout: 5000 }).catch(() => {});
          else await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
        }
        const userData = request.userData as CrawlUserData & { fetchStart?: number };
        const body = (await response?.body().catch(() => null)) ?? Buffer.alloc(0);
        if (body.length > source.maxBodyBytes) throw new CrawlFetchError('too_large', `body ${body.length} bytes`);
        const contentType = response?.headers()['content-type'] ?? null;
        const html = await page.content();
        if (userData.fetchStart) run.stats.fetchMs += performance.now() - userData.fetchStart;
        await processDocument(run, {
          requestUrl: request.url,
          userData,
          finalUrl: page.url(),
          status: response?.status() ?? 200,
          contentType,
          body,
          html,
          // The browser decoded the page; ours only names the charset the stored bytes are read with.
          charset: decodeBody(body, contentType).charset,
          render: 'browser',
          markup: true,
        });
      },
      errorHandler: async ({ request }, error) => {
        markNoRetry(request, error);
      },
      failedRequestHandler: async ({ request }, error) => {
        handleFailure(run, request.url, error);
      },
    },
    config,
  );
}

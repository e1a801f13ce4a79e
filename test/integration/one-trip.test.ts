// One page, one trip: every page of the sandbox web, crawled as the crawl worker crawls it,
// carries the posts a fresh decode and parse of its bytes gives — the crawler's parse is the only one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../crawlers/fetch/charset.js';
import { extractPosts } from '../../crawlers/extract/index.js';
import { runCrawl, type CrawlStats } from '../../crawlers/run-crawl.js';
import type { FetchedPage } from '../../crawlers/types.js';
import { findFreePort, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { connectRedis, deletePrefix, TEST_UA } from '../crawlers/helpers/crawl-harness.js';
import { sandboxRegistry } from './sandbox-sources.js';

const redis = connectRedis();
const prefix = `test:one-trip:${process.pid}`;
const SOURCES = ['bbs', 'tieba', 'tieba-http', 'classifieds', 'search', 'qa', 'news', 'school', 'jobs', 'sellers'];
let sandbox: Sandbox;
let reg: ReturnType<typeof sandboxRegistry>;
const pages: FetchedPage[] = [];
const stats: CrawlStats[] = [];

const selectorsFor = (url: string, sourceId: string) => reg.filter.sites.siteOf(url, reg.byId.get(sourceId)).source?.selectors;

beforeAll(async () => {
  const port = await findFreePort();
  sandbox = await startSandbox({ port, quiet: true, rateLimit: 0 });
  // Budgets over the sandbox's size, so every reachable page is fetched; Chromium's share is a sample.
  reg = sandboxRegistry(port, SOURCES, 3000, 1000);
  for (const s of reg.list) if (s.render === 'browser') s.maxPages = 12;
  await Promise.all(
    reg.list.map(async (source) => {
      stats.push(
        await runCrawl({
          source,
          redis,
          keyPrefix: prefix,
          userAgent: TEST_UA,
          selectorsFor: (url) => selectorsFor(url, source.id),
          onPage: async (p) => void pages.push(p),
        }),
      );
    }),
  );
}, 240_000);

afterAll(async () => {
  await sandbox?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('one trip per page', () => {
  it('crawls the whole sandbox web, browser renders and revealed JSON threads included, and every page reads', () => {
    expect(pages.length).toBeGreaterThan(500);
    expect(new Set(pages.map((p) => p.render))).toEqual(new Set(['http', 'browser']));
    expect(pages.filter((p) => p.extractError)).toEqual([]);
    expect(stats.reduce((n, s) => n + (s.errors.extract ?? 0), 0)).toBe(0);
    const bySource = new Map<string, number>();
    for (const p of pages) bySource.set(p.sourceId, (bySource.get(p.sourceId) ?? 0) + p.posts.length);
    for (const id of ['bbs', 'tieba', 'tieba-http', 'classifieds', 'qa', 'sellers']) expect(bySource.get(id), id).toBeGreaterThan(0);
  });

  it("hands over the posts that a fresh decode and parse of the page's bytes give", () => {
    let compared = 0;
    for (const page of pages) {
      // The raw bytes decoded again for http pages; a browser page's text is the DOM it rendered.
      const html = page.render === 'http' ? decodeBody(page.body, page.contentType).text : page.html;
      expect(page.html, page.url).toBe(html);
      const content = { url: page.url, finalUrl: page.finalUrl, status: page.status, contentType: page.contentType, html, ...(page.extras ? { extras: page.extras } : {}) };
      expect(page.posts, page.url).toEqual(extractPosts(content, selectorsFor(page.finalUrl || page.url, page.sourceId)));
      compared += page.posts.length;
    }
    expect(compared).toBeGreaterThan(300);
  });
});

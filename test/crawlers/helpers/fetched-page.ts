// A FetchedPage as the crawler hands it over, built from a test's HTML: posts read by the
// crawler's one extractor, and the reason instead when the page defeats it.
import { ExtractError, extractPosts } from '../../../crawlers/extract/index.js';
import type { SiteSelectors } from '../../../crawlers/sources/schema.js';
import type { FetchedPage, PageContent } from '../../../crawlers/types.js';

export function fetchedPage(
  sourceId: string,
  url: string,
  html: string,
  opts: { status?: number; contentType?: string; selectors?: SiteSelectors; extras?: Record<string, string> } = {},
): FetchedPage {
  const content: PageContent = { url, finalUrl: url, status: opts.status ?? 200, contentType: opts.contentType ?? 'text/html; charset=utf-8', html, ...(opts.extras ? { extras: opts.extras } : {}) };
  const base = { ...content, sourceId, fetchedAt: new Date(), body: Buffer.from(html), charset: 'utf-8', render: 'http' as const };
  try {
    return { ...base, posts: extractPosts(content, opts.selectors) };
  } catch (err) {
    if (!(err instanceof ExtractError)) throw err;
    return { ...base, posts: [], extractError: err.message };
  }
}

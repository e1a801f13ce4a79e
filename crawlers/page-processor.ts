// What happens to every fetched document, whichever crawler fetched it: one parse, canonical
// dedup, link discovery into the frontier, reveals, post extraction from that parse, then onPage.
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { CrawlRun } from './crawl-run.js';
import { countError, CrawlFetchError } from './crawl-stats.js';
import { ExtractError, extractPosts, parseHtml } from './extract/index.js';
import { MAX_NESTING, nestingDepth } from './extract/nesting-depth.js';
import { readQueryPage } from './extract/query-page.js';
import type { CrawlUserData } from './frontier/frontier.js';
import { applyReveals } from './reveal.js';
import type { FetchedPage, PageContent, RenderMode } from './types.js';

export interface FetchedDocument {
  requestUrl: string;
  userData: CrawlUserData;
  finalUrl: string;
  status: number;
  contentType: string | null;
  body: Buffer;
  /** The body's one decoding (the DOM serialisation for browser renders). */
  html: string;
  charset: string;
  render: RenderMode;
  /** Whether the text is HTML/XML markup, parsed here; JSON and plain text are read by the extractor as they are. */
  markup: boolean;
}

function metaRobots($: CheerioAPI): string {
  return ($('meta[name="robots" i]').attr('content') ?? '').toLowerCase();
}

/** Returns false when the page was set aside as a duplicate of its rel=canonical. */
async function followCanonical(run: CrawlRun, doc: FetchedDocument, $: CheerioAPI): Promise<boolean> {
  const href = $('link[rel~="canonical" i]').first().attr('href');
  if (!href) return true;
  const { verdict, url } = run.frontier.filterLink(href, doc.finalUrl);
  if (verdict !== 'ok' || !url || url === doc.requestUrl || url === run.frontier.canonical(doc.finalUrl)) return true;
  if (run.frontier.hasSeen(url)) {
    run.stats.canonicalRedirects++;
    return false;
  }
  const admitted = await run.frontier.admit([url], doc.finalUrl, { depth: doc.userData.depth });
  if (!admitted.length) return true;
  await run.enqueue(admitted);
  run.stats.canonicalRedirects++;
  return false;
}

async function discoverLinks(run: CrawlRun, doc: FetchedDocument, $: CheerioAPI): Promise<void> {
  if (metaRobots($).includes('nofollow')) return;
  if (doc.userData.depth >= run.source.maxDepth) {
    run.stats.skippedDepth += $('a[href], area[href]').length;
    return;
  }
  const hrefs: string[] = [];
  $('a[href], area[href]').each((_, node) => {
    const el = node as Element;
    if (/\bnofollow\b/i.test(el.attribs.rel ?? '')) {
      run.stats.skippedNofollow++;
      return;
    }
    hrefs.push(el.attribs.href!);
  });
  const admitted = await run.frontier.admit(hrefs, doc.finalUrl, { depth: doc.userData.depth + 1 });
  if (admitted.length) await run.enqueue(admitted);
}

/** Posts from the page's DOM, or none with the reason when the page defeats the extractor (counted). */
function readPosts(run: CrawlRun, page: PageContent, $: CheerioAPI | null): Pick<FetchedPage, 'posts' | 'extractError'> {
  try {
    return { posts: extractPosts(page, run.selectorsFor(page.finalUrl || page.url), $) };
  } catch (err) {
    if (!(err instanceof ExtractError)) throw err;
    countError(run.stats, 'extract');
    return { posts: [], extractError: err.message };
  }
}

/** The page's query signals; a page that defeats the reader is counted and read for its posts alone. */
function safeQueryPage(run: CrawlRun, $: CheerioAPI, url: string): FetchedPage['queryPage'] {
  try {
    return readQueryPage($, url);
  } catch {
    countError(run.stats, 'query_page');
    return undefined;
  }
}

export async function processDocument(run: CrawlRun, doc: FetchedDocument): Promise<void> {
  if (doc.markup && nestingDepth(doc.html) > MAX_NESTING) throw new CrawlFetchError('too_deep', `markup nests deeper than ${MAX_NESTING} elements`);
  // Error pages are read for their status alone.
  const $ = doc.markup && doc.status < 400 ? parseHtml(doc.html) : null;
  if (doc.status >= 400) countError(run.stats, `http_${doc.status}`);
  let extras: Record<string, string> = {};
  if ($ && doc.status < 300) {
    if (!(await followCanonical(run, doc, $))) return;
    await discoverLinks(run, doc, $);
    if (run.source.reveal.length) extras = await applyReveals(run, doc.finalUrl, $);
  }
  const fetched = {
    sourceId: run.source.id,
    url: doc.requestUrl,
    finalUrl: doc.finalUrl,
    status: doc.status,
    fetchedAt: new Date(),
    contentType: doc.contentType,
    body: doc.body,
    html: doc.html,
    charset: doc.charset,
    render: doc.render,
    ...(Object.keys(extras).length ? { extras } : {}),
  };
  // Read before the posts: extraction strips forms and chrome from the same parse.
  const queryPage = $ && doc.status < 300 ? safeQueryPage(run, $, doc.finalUrl) : undefined;
  const page: FetchedPage = { ...fetched, ...readPosts(run, fetched, $), ...(queryPage ? { queryPage } : {}) };
  run.stats.pagesFetched++;
  run.stats.bytes += doc.body.length;
  if (page.posts.length) {
    run.stats.postsPages++;
    run.stats.posts += page.posts.length;
  }
  const started = performance.now();
  try {
    await run.onPage(page);
  } catch (err) {
    countError(run.stats, 'on_page');
    run.log.warn({ err: (err as Error)?.message ?? String(err), url: page.url, source: run.source.id }, 'onPage failed');
  } finally {
    run.stats.onPageMs += performance.now() - started;
  }
}

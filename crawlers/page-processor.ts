// What happens to every fetched document, whichever crawler fetched it: one parse, canonical
// dedup, link discovery into the frontier, reveals, post extraction from that parse, then onPage.
import type { CheerioAPI } from 'cheerio';
import type { CrawlRun } from './crawl-run.js';
import { countError, CrawlFetchError } from './crawl-stats.js';
import { ExtractError, extractPosts, parseHtml } from './extract/index.js';
import { readLinkDirectives, type LinkDirectives } from './extract/link-directives.js';
import { MAX_NESTING, nestingDepth } from './extract/nesting-depth.js';
import { readQueryPage } from './extract/query-page.js';
import type { CrawlUserData } from './frontier/frontier.js';
import { applyReveals } from './reveal.js';
import { decodeBody } from './fetch/charset.js';
import { compileUrlPattern, type UrlPattern } from './sources/url-pattern.js';
import type { FetchedPage, PageContent, RenderMode, UnchangedPage, Validators } from './types.js';

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
  validators?: Validators;
}

const listPatterns = new WeakMap<object, UrlPattern[]>();

function isListPage(run: CrawlRun, url: string): boolean {
  const selectors = run.selectorsFor(url);
  if (!selectors?.listPages?.length) return false;
  let patterns = listPatterns.get(selectors);
  if (!patterns) {
    patterns = selectors.listPages.flatMap((p) => {
      try {
        return [compileUrlPattern(p)];
      } catch {
        return [];
      }
    });
    listPatterns.set(selectors, patterns);
  }
  return patterns.some((re) => re.test(url));
}

/**
 * The bounded walk of a listing: a list page whose item links (links that are no list page) all
 * lead to known pages ends the walk there — of its links only those to unknown URLs are followed
 * (a page appended to the pager), not its known items nor its known pager. A day's walk then covers
 * the listing's first pages and what is new, not its whole history; known items are re-read by the
 * full walk (every `fullWalkEvery` runs), and those holding leads by the daily revisit. A hub (the
 * source's seeds) always hands on every link.
 */
function boundListWalk(run: CrawlRun, doc: FetchedDocument, hrefs: string[]): string[] {
  const inc = run.incremental;
  if (!inc || inc.fullWalk || run.hubs.has(doc.requestUrl) || !isListPage(run, doc.finalUrl)) return hrefs;
  const unknown: string[] = [];
  let items = 0;
  let allKnown = true;
  for (const href of hrefs) {
    const { verdict, url } = run.frontier.filterLink(href, doc.finalUrl);
    if (verdict !== 'ok' || !url) continue;
    const known = inc.known(url) !== undefined;
    if (!known) unknown.push(href);
    if (isListPage(run, url)) continue;
    items++;
    if (!known) allKnown = false;
  }
  if (!allKnown || items === 0) return hrefs;
  run.stats.listWalksStopped++;
  return unknown;
}

/** Returns false when the page was set aside as a duplicate of its rel=canonical. */
async function followCanonical(run: CrawlRun, doc: FetchedDocument, directives: LinkDirectives): Promise<boolean> {
  const href = directives.canonical;
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

async function discoverLinks(run: CrawlRun, doc: FetchedDocument, directives: LinkDirectives): Promise<void> {
  if (directives.robots.includes('nofollow')) return;
  if (doc.userData.depth >= run.source.maxDepth) {
    run.stats.skippedDepth += directives.links.length;
    return;
  }
  const hrefs: string[] = [];
  for (const el of directives.links) {
    if (/\bnofollow\b/i.test(el.attribs.rel ?? '')) {
      run.stats.skippedNofollow++;
      continue;
    }
    hrefs.push(el.attribs.href!);
  }
  const admitted = await run.frontier.admit(boundListWalk(run, doc, hrefs), doc.finalUrl, { depth: doc.userData.depth + 1 });
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
    const directives = readLinkDirectives($);
    if (!(await followCanonical(run, doc, directives))) return;
    await discoverLinks(run, doc, directives);
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
    ...(doc.validators && Object.keys(doc.validators).length ? { validators: doc.validators } : {}),
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

export interface UnchangedDocument {
  requestUrl: string;
  userData: CrawlUserData;
  how: UnchangedPage['how'];
  validators: Validators;
  /** The body when the server sent it (same hash as stored); a 304 sends none. */
  body?: Buffer;
  contentType: string | null;
}

/**
 * A page that brought nothing new is neither decoded, parsed nor extracted; only a hub (a seed)
 * hands on its links, read from the body in hand or the stored one, so what it lists is still walked.
 */
export async function processUnchanged(run: CrawlRun, doc: UnchangedDocument): Promise<void> {
  const inc = run.incremental!;
  if (doc.how === 'not-modified') run.stats.notModified++;
  else run.stats.sameBody++;
  run.stats.bytes += doc.body?.length ?? 0;
  if (run.hubs.has(doc.requestUrl)) {
    const known = inc.known(doc.requestUrl);
    const body = doc.body ?? (known ? await inc.storedBody(known.bodySha) : undefined);
    if (body) {
      const html = decodeBody(body, doc.contentType).text;
      if (nestingDepth(html) <= MAX_NESTING) {
        const hub: FetchedDocument = { requestUrl: doc.requestUrl, userData: doc.userData, finalUrl: doc.requestUrl, status: 200, contentType: doc.contentType, body, html, charset: 'utf-8', render: 'http', markup: true };
        await discoverLinks(run, hub, readLinkDirectives(parseHtml(html)));
      }
    }
  }
  const started = performance.now();
  try {
    await inc.onUnchanged({ sourceId: run.source.id, url: doc.requestUrl, fetchedAt: new Date(), how: doc.how, validators: doc.validators });
  } catch (err) {
    countError(run.stats, 'on_page');
    run.log.warn({ err: (err as Error)?.message ?? String(err), url: doc.requestUrl, source: run.source.id }, 'onUnchanged failed');
  } finally {
    run.stats.onPageMs += performance.now() - started;
  }
}

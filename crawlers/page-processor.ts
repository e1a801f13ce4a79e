// What happens to every fetched document, whichever crawler fetched it: canonical
// dedup, link discovery into the frontier, reveals, post extraction, then onPage.
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { CrawlRun } from './crawl-run.js';
import { countError } from './crawl-stats.js';
import { ExtractError, extractPostsChecked } from './extract/index.js';
import { HIDDEN_JUNK, NON_CONTENT } from './extract/text.js';
import type { CrawlUserData } from './frontier/frontier.js';
import { applyReveals } from './reveal.js';
import type { FetchedPage, RenderMode } from './types.js';

export interface FetchedDocument {
  requestUrl: string;
  userData: CrawlUserData;
  finalUrl: string;
  status: number;
  contentType: string | null;
  body: Buffer;
  html: string;
  charset: string;
  render: RenderMode;
  /** Parsed HTML (null for JSON and other non-HTML bodies). */
  $: CheerioAPI | null;
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

export async function processDocument(run: CrawlRun, doc: FetchedDocument): Promise<void> {
  const $ = doc.$;
  if (doc.status >= 400) countError(run.stats, `http_${doc.status}`);
  let extras: Record<string, string> = {};
  if ($ && doc.status < 300) {
    if (!(await followCanonical(run, doc, $))) return;
    await discoverLinks(run, doc, $);
    if (run.source.reveal.length) extras = await applyReveals(run, doc.finalUrl, $);
    if (run.extract) {
      $(NON_CONTENT).remove();
      $(HIDDEN_JUNK).remove();
    }
  }
  const page: FetchedPage = {
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
  if (run.extract) {
    try {
      page.posts = extractPostsChecked(page, run.source.selectors, $ ?? undefined);
    } catch (err) {
      if (!(err instanceof ExtractError)) throw err;
      countError(run.stats, 'extract');
      page.posts = [];
    }
  }
  run.stats.pagesFetched++;
  run.stats.bytes += doc.body.length;
  if (page.posts?.length) {
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

// Post extraction from a fetched page, the one place posts are read: the crawler calls it
// with the DOM it parsed for links, so a page is parsed once. Hostile input is parsed, never executed.
import { load, type CheerioAPI } from 'cheerio';
import type { SiteSelectors } from '../sources/schema.js';
import { compileUrlPattern } from '../sources/url-pattern.js';
import type { ExtractedPost, PageContent } from '../types.js';
import { extractHtmlPosts } from './html-posts.js';
import { extractJsonPosts, jsonImages, jsonText } from './json-posts.js';
import { MAX_NESTING, nestingDepth } from './nesting-depth.js';
import { stripNonContent } from './strip-non-content.js';

export type { SiteSelectors } from '../sources/schema.js';

/** Thrown when a page defeats the extractor, so the caller counts it instead of taking it for a page without posts. */
export class ExtractError extends Error {
  override name = 'ExtractError';
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}

function looksJson(page: PageContent): boolean {
  if (/json/i.test(page.contentType ?? '')) return true;
  const head = page.html.slice(0, 200).trimStart();
  return (head.startsWith('{') || head.startsWith('[')) && !/html/i.test(page.contentType ?? '');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\)\]\}',?\s*/, ''));
  } catch {
    return undefined;
  }
}

/**
 * The page's one parse, with htmlparser2 (lenient with broken markup). Callers check
 * nestingDepth first: the parser goes quadratic on tens of thousands of nested elements.
 */
export function parseHtml(html: string): CheerioAPI {
  return load(html, { xml: { xmlMode: false, decodeEntities: true } });
}

function isListPage(url: string, selectors?: SiteSelectors): boolean {
  for (const p of selectors?.listPages ?? []) {
    try {
      if (compileUrlPattern(p).test(url)) return true;
    } catch {
      // Patterns were validated at load; an invalid one matches nothing.
    }
  }
  return false;
}

/** Adds reveal results: JSON threads become posts; other revealed text joins the main post. */
function applyExtras(posts: ExtractedPost[], page: PageContent): ExtractedPost[] {
  const pageUrl = page.finalUrl || page.url;
  const notes: string[] = [];
  const images: string[] = [];
  for (const value of Object.values(page.extras ?? {})) {
    if (typeof value !== 'string' || !value.trim()) continue;
    const data = /^\s*[[{]/.test(value) ? parseJson(value) : undefined;
    if (data !== undefined) {
      const fromJson = extractJsonPosts(data, pageUrl);
      const fresh = fromJson.filter((p) => !posts.some((q) => q.url === p.url));
      if (fresh.length > 1 || (fresh.length === 1 && !posts.length)) {
        posts.push(...fresh);
        continue;
      }
      notes.push(jsonText(data));
      images.push(...jsonImages(data, pageUrl));
    } else notes.push(value.trim().slice(0, 5000));
  }
  if ((notes.length || images.length) && posts.length) {
    const main = posts.reduce((a, b) => (b.position < a.position ? b : a));
    if (notes.length) main.body = `${main.body}\n${notes.join('\n')}`;
    for (const img of images) if (!main.images.includes(img)) main.images.push(img);
  }
  return posts;
}

/**
 * Posts on a page: thread floors, Q&A answers, a detail page's ad, JSON thread content; [] for
 * list/index and error pages. `parsed` is the page's DOM when the caller already holds it; the
 * extractor strips non-content from it, so the caller must be done with it. Throws ExtractError.
 */
export function extractPosts(page: PageContent, selectors?: SiteSelectors, parsed?: CheerioAPI | null): ExtractedPost[] {
  const pageUrl = page.finalUrl || page.url;
  try {
    if (page.status >= 400) return [];
    let posts: ExtractedPost[];
    if (looksJson(page)) {
      const data = parseJson(page.html);
      posts = data === undefined ? [] : extractJsonPosts(data, pageUrl);
    } else if (isListPage(pageUrl, selectors)) {
      posts = [];
    } else {
      if (!parsed && nestingDepth(page.html) > MAX_NESTING) throw new Error(`markup nests deeper than ${MAX_NESTING} elements`);
      const $ = parsed ?? parseHtml(page.html);
      stripNonContent($);
      posts = extractHtmlPosts($, pageUrl, selectors);
    }
    return applyExtras(posts, page);
  } catch (err) {
    if (err instanceof ExtractError) throw err;
    throw new ExtractError(`extracting ${pageUrl}: ${(err as Error)?.message ?? String(err)}`, pageUrl);
  }
}

// The generic HTML extractor: finds repeated post containers (forum floors, Q&A
// answers) or the single main block of a detail page, and refuses list/index pages.
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { SiteSelectors } from '../sources/schema.js';
import type { ExtractedPost } from '../types.js';
import { readAuthor, readBody, readFloor, readTime, readTitle } from './post-fields.js';
import { imageUrls, linkDensity, linkUrls, oneLine } from './text.js';

const MAX_POSTS = 500;
/** Elements whose id/class name them as a post, floor, reply or answer. */
const POSTISH = /(^|[\s_-])(post|floor|reply|answer|comment|thread-?item|ad-?detail|plhin)(?![a-z])|^post_\d+|^pid\d+|^answer-\d+/i;
const QUESTION = '[itemtype*="Question"], [class*="question"], [id*="question"], [class*="q-content"], [class*="q-desc"], [class*="q-body"]';
/**
 * Quoted posts inside a reply (Discuz `div.quote`, phpBB and Q&A `blockquote`, vBulletin, Discourse):
 * someone else's words, whose contacts and offer must not become the replier's.
 */
const QUOTED = 'blockquote, .quote, .bbcode_quote, .post-quote, .reply-quote, .quote-content, aside.quote';
const MAIN =
  '[itemprop="articleBody"], article, main, [class*="detail"], [id*="detail"], [class*="article"], #content, [id*="content"], [class*="content"], [role="main"]';

function signature(el: Element): string {
  const cls = (el.attribs.class ?? '').trim().split(/\s+/).filter(Boolean).sort().join('.');
  const id = el.attribs.id ?? '';
  // Numbered ids (post_123) make siblings distinct; fold the number away.
  return `${el.name}|${cls}|${id.replace(/\d+/g, '#')}`;
}

function textLen($: CheerioAPI, el: AnyNode): number {
  return $(el).text().replace(/\s+/g, '').length;
}

/** Repeated post containers: the largest group of same-signature post-ish elements not nested in each other. */
function findPostGroup($: CheerioAPI): Element[] {
  const groups = new Map<string, Element[]>();
  $('[class], [id], [data-floor], article').each((_, node) => {
    const el = node as Element;
    const name = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    if (!POSTISH.test(name) && el.name !== 'article' && !el.attribs['data-floor'] && !/Answer|Comment/.test(el.attribs.itemtype ?? '')) return;
    const sig = signature(el);
    const list = groups.get(sig);
    if (list) {
      if (list.length < MAX_POSTS) list.push(el);
    } else groups.set(sig, [el]);
  });
  let best: { els: Element[]; score: number } | null = null;
  for (const els of groups.values()) {
    // Drop members nested inside other members (quoted replies).
    const set = new Set(els);
    const top = els.filter((el) => {
      for (let p = el.parent; p; p = p.parent) if (set.has(p as Element)) return false;
      return true;
    });
    const lens = top.map((el) => textLen($, el));
    const total = lens.reduce((a, b) => a + b, 0);
    // One element is not a repetition; single-post pages are read as detail pages.
    if (top.length < 2 || total / top.length < 8) continue;
    // Ancestors of the real posts (a post list wrapper) come once; fragments (post-author) carry little text.
    const score = total * Math.min(top.length, 3);
    if (!best || score > best.score || (score === best.score && top.length > best.els.length)) best = { els: top, score };
  }
  if (!best) return [];
  // Prefer the outermost repeated container that still maps one-to-one onto the posts.
  return climbToPostRoot($, best.els);
}

function climbToPostRoot($: CheerioAPI, els: Element[]): Element[] {
  let current = els;
  for (let step = 0; step < 4; step++) {
    const parents = current.map((el) => el.parent as Element | null);
    if (parents.some((p) => !p || p.type !== 'tag')) break;
    const uniq = new Set(parents);
    if (uniq.size !== current.length) break;
    const sig = signature(parents[0]!);
    if (!parents.every((p) => signature(p!) === sig)) break;
    const name = `${parents[0]!.attribs.class ?? ''} ${parents[0]!.attribs.id ?? ''}`;
    if (!POSTISH.test(name)) break;
    current = parents as Element[];
  }
  return current;
}

function postFrom(
  $: CheerioAPI,
  scope: Cheerio<AnyNode>,
  pageUrl: string,
  selectors: SiteSelectors | undefined,
  position: number,
  anchor: string | undefined,
  withTitle: boolean,
  ownPartOnly = false,
): ExtractedPost | null {
  // A reply's own part only: the post it quotes is read as that post (a copy without the quote,
  // made only when there is one, so the page itself keeps its quotes for the other floors).
  if (ownPartOnly && safeHas(scope, QUOTED)) {
    scope = scope.clone();
    scope.find(QUOTED).remove();
  }
  const author = readAuthor($, scope, pageUrl, selectors);
  const time = readTime($, scope, selectors);
  const floor = readFloor($, scope, selectors);
  const title = withTitle ? readTitle($, scope, selectors) : undefined;
  const body = readBody($, scope, selectors, [author.element?.text(), time.element?.text(), title]);
  if (!body || body.replace(/\s/g, '').length < 2) return null;
  const pos = floor !== undefined && floor >= 1 ? floor - 1 : position;
  return {
    url: anchor ? `${pageUrl.replace(/#.*$/, '')}#${anchor}` : pageUrl,
    authorHandle: author.authorHandle,
    authorUrl: author.authorUrl,
    postedAt: time.postedAt,
    title,
    body,
    images: imageUrls($, scope, pageUrl),
    links: linkUrls($, scope, pageUrl),
    position: pos,
  };
}

function anchorFor(el: Element, kind: string, position: number): string {
  const id = el.attribs.id;
  return id && /^[A-Za-z][\w:.-]{0,80}$/.test(id) ? id : `${kind}-${position}`;
}

export function pageTitle($: CheerioAPI): string | undefined {
  return oneLine($('h1').first().text()) ?? oneLine($('title').first().text());
}

/** Extracts posts from a cleaned document (scripts already removed). */
export function extractHtmlPosts($: CheerioAPI, pageUrl: string, selectors?: SiteSelectors): ExtractedPost[] {
  let containers: Element[];
  if (selectors?.post) {
    try {
      containers = $(selectors.post).toArray().slice(0, MAX_POSTS) as Element[];
    } catch {
      containers = [];
    }
  } else containers = findPostGroup($);

  if (containers.length) {
    const density = containers.reduce((a, el) => a + linkDensity($, $(el)), 0) / containers.length;
    if (!selectors?.post && density > 0.5) return [];
    const posts: ExtractedPost[] = [];
    const isQa = /answer/i.test(`${containers[0]!.attribs.class ?? ''} ${containers[0]!.attribs.id ?? ''} ${containers[0]!.attribs.itemtype ?? ''}`);
    let offset = 0;
    if (isQa) {
      const q = $(selectors?.question ?? QUESTION).filter((_, el) => !containers.some((c) => c === el || $(c).closest(el as Element).length > 0)).first();
      if (q.length) {
        const question = postFrom($, q, pageUrl, undefined, 0, undefined, false);
        if (question) {
          question.title = readTitle($, $.root(), selectors) ?? pageTitle($);
          posts.push(question);
        }
      }
      offset = 1;
    }
    containers.forEach((el, i) => {
      const position = i + offset;
      const post = postFrom($, $(el), pageUrl, selectors, position, anchorFor(el, isQa ? 'answer' : 'floor', position), !isQa && i === 0, true);
      if (post) {
        if (isQa) post.position = position;
        posts.push(post);
      }
    });
    if (posts.length && !isQa && posts[0]!.position === 0) posts[0]!.title ??= pageTitle($);
    if (posts.length) return posts;
  }
  if (selectors?.post) return [];
  return extractDetail($, pageUrl, selectors);
}

function safeHas(scope: Cheerio<AnyNode>, selector: string): boolean {
  try {
    return scope.find(selector).length > 0;
  } catch {
    return false;
  }
}

/** A detail page (an ad, an article, a seller's contact page): its main block as one post. */
function extractDetail($: CheerioAPI, pageUrl: string, selectors?: SiteSelectors): ExtractedPost[] {
  const body: Cheerio<AnyNode> = $('body').length ? $('body') : $.root();
  // Whole-page navigation-heavy pages are indexes, not posts.
  const clean: Cheerio<AnyNode> = body.clone();
  clean.find('nav, header, footer, aside, [class*="nav"], [class*="footer"], [class*="sidebar"], [class*="breadcrumb"], [class*="pager"], [class*="pagination"]').remove();
  if (textLen($, clean.get(0)!) < 10) return [];
  if (linkDensity($, clean) > 0.45) return [];
  let main: Cheerio<AnyNode> = clean;
  let bestLen = 0;
  clean.find(MAIN).each((_, el) => {
    const len = textLen($, el);
    if (len > bestLen) {
      bestLen = len;
      main = $(el);
    }
  });
  const whole = textLen($, clean.get(0)!);
  // A site's body selector outranks the guess: read the whole page so the selector can find its element.
  if (bestLen < whole * 0.4 || (selectors?.body && safeHas(clean, selectors.body))) main = clean;
  const post = postFrom($, main, pageUrl, selectors, 0, undefined, false);
  if (!post) return [];
  post.title = readTitle($, clean, selectors) ?? pageTitle($);
  post.position = 0;
  return [post];
}

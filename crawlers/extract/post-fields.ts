// Reads one post's fields (author, time, floor, body, title) out of its container
// element, from per-site selectors first and generic forum/Q&A/ad conventions second.
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { SiteSelectors } from '../sources/schema.js';
import { absoluteUrl, blockText, normaliseTime, oneLine } from './text.js';

const AUTHOR =
  '[itemprop="author"] [itemprop="name"], [itemprop="author"], [rel="author"], .authi a.xw1, .authi a, [class*="author"] a, [class*="author"], [class*="username"], [class*="user-name"], [class*="nickname"], [class*="poster"], a[href*="space-uid"], a[href*="mod=space"], a[href*="uid="], a[href*="/u/"]';
const TIME =
  'time[datetime], [itemprop="datePublished"], [itemprop="dateCreated"], em[id^="authorposton"], [class*="time"], [class*="date"], [class*="posted"]';
const BODY =
  '[itemprop="text"], [itemprop="articleBody"], [itemprop="description"], td.t_f, [class*="content"], [class*="body"], [class*="message"], [class*="detail"], [class*="desc"], [class*="text"]';
const FLOOR = '[data-floor], [class*="floor"], .pi strong a em, [class*="louceng"]';
const TITLE = 'h1, h2, h3, [class*="title"], [itemprop="headline"], [itemprop="name"]';

export interface PostFields {
  authorHandle?: string;
  authorUrl?: string;
  postedAt?: string;
  title?: string;
  body: string;
  floor?: number;
}

function safeFind($: CheerioAPI, scope: Cheerio<AnyNode>, selector: string | undefined): Cheerio<Element> | null {
  if (!selector) return null;
  try {
    return scope.find(selector) as Cheerio<Element>;
  } catch {
    return null;
  }
}

function firstWithText($: CheerioAPI, found: Cheerio<Element> | null, max = 120): Cheerio<Element> | null {
  if (!found) return null;
  for (const el of found.toArray()) {
    const t = $(el).text().trim();
    if (t && t.length <= max) return $(el);
  }
  return null;
}

export function readAuthor($: CheerioAPI, scope: Cheerio<AnyNode>, base: string, selectors?: SiteSelectors) {
  const el = firstWithText($, safeFind($, scope, selectors?.author)) ?? firstWithText($, safeFind($, scope, AUTHOR), 60);
  if (!el) return {};
  const link = el.is('a') ? el : el.find('a').first().length ? el.find('a').first() : el.closest('a');
  // An author block often holds the name link plus a date; the link text is the handle then.
  const linkText = link.length && el.find('a').length ? oneLine(link.text(), 60) : undefined;
  const handle = (linkText ?? oneLine(el.text(), 60))
    ?.replace(/^(作者|楼主|发帖人|用户|by)\s*[:：]\s*/i, '')
    .replace(/\s*(发表于|发布于)?\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}.*$/, '')
    .trim();
  return { authorHandle: handle || undefined, authorUrl: absoluteUrl(link.attr('href'), base), element: el };
}

export function readTime($: CheerioAPI, scope: Cheerio<AnyNode>, selectors?: SiteSelectors) {
  const found = safeFind($, scope, selectors?.time) ?? safeFind($, scope, TIME);
  if (!found) return {};
  // A real date beats any other digits ("1楼" sits in the same tail-info spans as the time).
  let fallback: { postedAt: string; element: Cheerio<Element> } | undefined;
  for (const node of found.toArray().slice(0, 10)) {
    const el = $(node) as Cheerio<Element>;
    const raw = el.attr('datetime') ?? el.attr('content') ?? el.attr('title') ?? el.text();
    const t = normaliseTime(raw) ?? normaliseTime(el.text());
    if (!t) continue;
    if (/^\d{4}-\d{2}-\d{2}/.test(t)) return { postedAt: t, element: el };
    fallback ??= { postedAt: t, element: el };
  }
  return fallback ?? {};
}

export function readFloor($: CheerioAPI, scope: Cheerio<AnyNode>, selectors?: SiteSelectors): number | undefined {
  const own = (scope.attr('data-floor') ?? '').trim();
  if (/^\d{1,6}$/.test(own)) return Number(own);
  const found = safeFind($, scope, selectors?.floor) ?? safeFind($, scope, FLOOR);
  for (const node of found?.toArray().slice(0, 5) ?? []) {
    const el = $(node);
    const v = el.attr('data-floor') ?? el.text();
    const m = /(\d{1,6})\s*(?:楼|#|F\b)|#\s*(\d{1,6})|^\s*(\d{1,6})\s*$/.exec(v ?? '');
    if (m) return Number(m[1] ?? m[2] ?? m[3]);
    if (/楼主|沙发/.test(v ?? '')) return /楼主/.test(v!) ? 1 : 2;
  }
  return undefined;
}

export function readTitle($: CheerioAPI, scope: Cheerio<AnyNode>, selectors?: SiteSelectors): string | undefined {
  const el = firstWithText($, safeFind($, scope, selectors?.title), 300) ?? firstWithText($, safeFind($, scope, TITLE), 300);
  return oneLine(el?.text());
}

/** The body: a per-site or conventional body element with the most text, else the container minus its metadata. */
export function readBody(
  $: CheerioAPI,
  scope: Cheerio<AnyNode>,
  selectors: SiteSelectors | undefined,
  drop: (string | undefined)[],
): string {
  const candidates = safeFind($, scope, selectors?.body);
  const pick = (found: Cheerio<Element> | null) => {
    let best: Element | null = null;
    let bestLen = 0;
    for (const el of found?.toArray().slice(0, 50) ?? []) {
      const len = $(el).text().trim().length;
      if (len > bestLen) {
        best = el;
        bestLen = len;
      }
    }
    return best;
  };
  const chosen = pick(candidates) ?? (selectors?.body ? null : pick(safeFind($, scope, BODY)));
  if (chosen) {
    // A conventional body element must carry most of the container's text, or it is only a fragment.
    const whole = scope.text().trim().length;
    const len = $(chosen).text().trim().length;
    if (selectors?.body || len >= whole * 0.3) return blockText(chosen);
  }
  // No body element: the container's text without the lines that are its metadata.
  const skip = new Set(drop.filter((d): d is string => !!d).map((d) => d.trim()));
  return blockText(scope.toArray())
    .split('\n')
    .filter((line) => !skip.has(line))
    .join('\n');
}

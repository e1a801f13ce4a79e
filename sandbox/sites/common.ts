// Pieces every site module shares: looking up an item's content for today, turning post
// text into safe HTML, and page-number parsing that rejects garbage.
import { editedDoc, lastEditDay } from '../daily-churn.js';
import { fillerDoc } from '../filler-text.js';
import type { Doc } from '../doc.js';
import { escapeHtml } from '../http/reply.js';
import type { SpaceSite } from '../layout.js';
import { sellerDoc } from '../seller-text.js';
import type { PlantedPost, World } from '../world.js';

export type ItemLookup =
  | { state: 'absent' }
  | { state: 'gone'; post: PlantedPost | null }
  | { state: 'live'; id: number; doc: Doc; post: PlantedPost | null };

/**
 * Recently built docs: a list page and the thread it links to need the same doc, and
 * building one costs more than serving it. Bounded, so memory stays flat with scale.
 */
const DOC_CACHE_SIZE = 4096;
const docCache = new Map<string, Doc>();

function cachedDoc(world: World, site: SpaceSite, id: number, post: PlantedPost | null): Doc {
  // An item edited since it was born reads as its last edit made it (daily-churn.ts).
  const edited = lastEditDay(world.seed, site, id, world.spaces[site].bornDay(id), world.day);
  const key = `${world.seed}:${world.scale}:${world.port}:${site}:${id}:${edited}`;
  let doc = docCache.get(key);
  if (doc) return doc;
  doc = post ? sellerDoc(world, post) : fillerDoc(world, site, id);
  if (edited > 0) doc = editedDoc(doc, world.seed, `${site}:${id}`, edited, post ? post.contactFloor - 1 : 0);
  if (docCache.size >= DOC_CACHE_SIZE) docCache.delete(docCache.keys().next().value!);
  docCache.set(key, doc);
  return doc;
}

export function lookupItem(world: World, site: SpaceSite, id: number | null): ItemLookup {
  if (id === null) return { state: 'absent' };
  const space = world.spaces[site];
  const state = space.state(id, world.day);
  if (state === 'absent') return { state };
  const post = space.plantedAt(id) ?? null;
  if (state === 'gone') return { state, post };
  return { state, id, post, doc: cachedDoc(world, site, id, post) };
}

/** Post text → HTML: everything escaped (payloads stay inert text), newlines as <br>. */
export function textHtml(s: string, br = '<br />'): string {
  return escapeHtml(s).replace(/\n/g, `${br}\n`);
}

/** A 1-based page number from a query value; null when it is not a sane number. */
export function pageNumber(v: string | null | undefined, fallback = 1): number | null {
  if (v === null || v === undefined || v === '') return fallback;
  if (!/^\d{1,6}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 ? n : null;
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Page links: first, a window around the current page, last, and next. */
export function pagerLinks(current: number, pages: number, href: (p: number) => string, nextLabel = '下一页', nextClass = 'nxt'): string {
  const parts: string[] = [];
  const lo = Math.max(1, current - 4);
  const hi = Math.min(pages, current + 4);
  if (lo > 1) parts.push(`<a href="${escapeHtml(href(1))}">1 ...</a>`);
  for (let p = lo; p <= hi; p++) parts.push(p === current ? `<strong>${p}</strong>` : `<a href="${escapeHtml(href(p))}">${p}</a>`);
  if (hi < pages) parts.push(`<a href="${escapeHtml(href(pages))}" class="last">... ${pages}</a>`);
  if (current < pages) parts.push(`<a href="${escapeHtml(href(current + 1))}" class="${nextClass}">${nextLabel}</a>`);
  return parts.join('');
}

/** Deterministic tracking-parameter variant of a link, as list pages emit them. */
export function tracked(path: string, id: number, salt: string): string {
  const sep = path.includes('?') ? '&' : '?';
  return `${path}${sep}from=${salt}&spm=a2c${(id * 7919) % 100000}.${id % 97}`;
}

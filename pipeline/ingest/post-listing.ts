// One post's way from its extracted fields to a listing, shared by the analyze stage (text, and
// pictures already read) and the picture stage (the same post scored again on its pictures' words).
import { createHash } from 'node:crypto';
import type { ExtractedPost } from '../../crawlers/index.js';
import { linkContacts, pointsToPicture, type Contact } from '../../classifiers/index.js';
import type { ListingInput } from '../storage/listings.js';
import type { ContactRef } from '../storage/contacts.js';
import type { PageRow } from '../storage/pages.js';
import type { PageSnapshot } from './page-snapshot.js';
import type { AnalyzeTools } from './analyze-tools.js';
import type { ContactFilter } from './contact-filter.js';
import { isGenericHandle } from './contact-filter.js';
import { hostKey, type SiteInfo } from './site-directory.js';
import { threadKeyOf } from './thread-key.js';
import { citedSites, type SiteCitation } from './cited-sites.js';
import type { OfficialHosts } from '../verification/official-hosts.js';
import type { PageImageReads } from '../ocr/image-reader.js';

/** More posts than this on one page is a trap or a dump, not a thread. */
export const MAX_POSTS_PER_PAGE = 500;
const MAX_BODY_CHARS = 50_000;

export interface ScoredPost {
  post: ExtractedPost;
  body: string;
  title: string | null;
  cls: ReturnType<AnalyzeTools['classify']>;
}

/** What building a page's listings needs besides the post. */
export interface PostContext {
  tools: AnalyzeTools;
  filter: ContactFilter;
  official?: OfficialHosts;
  row: PageRow;
  pageUrl: string;
  site: SiteInfo;
  imageBytes: Map<string, Buffer>;
  /** Each post's link contacts, by post URL, the page's chrome left out (`pageLinkContacts`). */
  linkContacts: Map<string, Contact[]>;
}

/** Link contacts met in the posts of this many different authors on one page are the page's own. */
const CHROME_AUTHORS = 3;

/**
 * Every contact the links and pictures' URLs of a page's posts carry (a QQ button's uin, a card's
 * token, tel:), by post URL. A post's container can hold the forum's own buttons or an ad slot
 * between floors, whose QQ would otherwise become every poster's and glue them into one seller:
 * a contact in the links of posts by three or more authors on one page is taken for such chrome.
 */
export function pageLinkContacts(page: PageSnapshot): Map<string, Contact[]> {
  const byPost = new Map<string, Contact[]>();
  const authors = new Map<string, Set<string>>();
  const key = (c: Contact) => `${c.kind}\u0000${c.value}`;
  for (const post of page.posts.slice(0, MAX_POSTS_PER_PAGE)) {
    if (typeof post.url !== 'string' || byPost.has(post.url)) continue;
    const found = [...(post.links ?? []).slice(0, 200), ...(post.images ?? []).slice(0, 50)].flatMap(linkContacts);
    byPost.set(post.url, found);
    for (const c of found) {
      const set = authors.get(key(c)) ?? authors.set(key(c), new Set()).get(key(c))!;
      set.add(post.authorHandle?.trim().toLowerCase() || post.url);
    }
  }
  for (const [url, found] of byPost) byPost.set(url, found.filter((c) => authors.get(key(c))!.size < CHROME_AUTHORS));
  return byPost;
}

export interface BuiltListing {
  input: ListingInput;
  /** The post's pictures that were read: URL and content. */
  shown: Array<{ url: string; sha256: string }>;
  cites: SiteCitation[];
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** The page's posts scored on their text, each URL once; and every post URL it shows (the others are gone). */
export function scorePosts(tools: AnalyzeTools, page: PageSnapshot): { scored: ScoredPost[]; presentUrls: string[] } {
  const scored: ScoredPost[] = [];
  const presentUrls: string[] = [];
  const seen = new Set<string>();
  for (const post of page.posts.slice(0, MAX_POSTS_PER_PAGE)) {
    if (typeof post.url !== 'string' || typeof post.body !== 'string' || seen.has(post.url)) continue;
    seen.add(post.url);
    presentUrls.push(post.url);
    const body = post.body.slice(0, MAX_BODY_CHARS);
    const title = post.title?.slice(0, 1000) ?? null;
    scored.push({ post, body, title, cls: tools.classify({ id: post.url, text: body, ...(title ? { title } : {}), url: post.url }) });
  }
  return { scored, presentUrls };
}

/**
 * Whether a post's pictures are read: a flagged, review-band or seller-site post with images, or
 * one that points to its pictures for the contact, or names a certificate and leaves no contact in
 * its text: sellers draw the phone (often the whole offer), and the text alone reads like nothing.
 */
export function readsPictures(s: ScoredPost, site: SiteInfo): boolean {
  if ((s.post.images?.length ?? 0) === 0) return false;
  const contactOnlyInPictures = pointsToPicture(s.body) || (s.cls.contacts.length === 0 && s.cls.certTypes.length > 0);
  return s.cls.flagged || s.cls.review || site.sellerSite || contactOnlyInPictures;
}

/** The image URLs of the posts whose pictures are read, each post's first `perPost`. */
export function pictureUrls(scored: ScoredPost[], site: SiteInfo, perPost: number): string[] {
  return scored.filter((s) => readsPictures(s, site)).flatMap((s) => (s.post.images ?? []).slice(0, perPost));
}

function postContacts(filter: ContactFilter, post: ExtractedPost, found: Contact[], imageContacts: Array<Contact & { origin?: string }>, linked: Contact[], pageUrl: string, sellerSite: boolean): ContactRef[] {
  const out = new Map<string, ContactRef>();
  const add = (kind: ContactRef['kind'], value: string, origin: string) => {
    // A card's account token (qr:…) is case-sensitive: lowered, it no longer opens the card.
    const v = value.startsWith('qr:') ? value.trim() : value.trim().toLowerCase();
    if (!v || v.length > 200) return;
    if (kind === 'url' && !filter.allowsUrl(v, pageUrl, sellerSite)) return;
    const key = `${kind}\u0000${v}`;
    if (!out.has(key)) out.set(key, { kind, value: v, origin });
  };
  for (const c of found) add(c.kind, c.value, 'text');
  for (const c of imageContacts) add(c.kind, c.value, c.origin ?? 'image');
  // A "QQ交谈" button or a tel: link carries the contact only in its href (and the button's icon in its src).
  for (const c of linked) add(c.kind, c.value, 'link');
  if (sellerSite) {
    const h = hostKey(post.url);
    if (h) add('url', h, 'site');
  }
  if (post.authorHandle && !isGenericHandle(post.authorHandle)) {
    const h = hostKey(post.url);
    if (h) add('handle', `${h}|${post.authorHandle.trim().toLowerCase()}`, 'author');
  }
  return [...out.values()];
}

/**
 * The post's listing given what was read in its pictures (`reads`, by URL; images not read give
 * their QR codes from stored bytes), or null when the post is counted, not stored: it neither
 * scores nor carries a contact, so it cannot become a lead.
 */
export function buildListing(ctx: PostContext, entry: ScoredPost, reads: PageImageReads): BuiltListing | null {
  const { post, body, title } = entry;
  const { tools, row, site, imageBytes } = ctx;
  let cls = entry.cls;
  if (!cls.flagged) {
    // The words read in its pictures are the post's words: a post is scored on them too (its
    // contacts, stored text and their provenance stay the text's; the pictures' contacts follow as 'image').
    const pictured = (post.images ?? []).map((img) => reads.get(img)?.ocrText.trim() ?? '').filter(Boolean);
    if (pictured.length > 0) {
      const withPictures = tools.classify({ id: post.url, text: `${body}\n${pictured.join('\n')}`, ...(title ? { title } : {}), url: post.url });
      if (withPictures.score > cls.score) cls = { ...withPictures, contacts: cls.contacts, foldedText: cls.foldedText };
    }
  }
  const imageContacts: Array<Contact & { origin?: string }> = [];
  const shown: Array<{ url: string; sha256: string }> = [];
  for (const img of post.images ?? []) {
    const read = reads.get(img);
    if (read) {
      shown.push({ url: img, sha256: read.sha256 });
      imageContacts.push(...read.contacts);
      continue;
    }
    const bytes = imageBytes.get(img);
    if (!bytes) continue;
    try {
      imageContacts.push(...tools.decodeQr(bytes).map((c) => ({ ...c, origin: 'qr' })));
    } catch {
      // An undecodable image is just an image.
    }
  }
  const contacts = postContacts(ctx.filter, post, cls.contacts, imageContacts, ctx.linkContacts.get(post.url) ?? [], ctx.pageUrl, site.sellerSite);
  const reachable = contacts.some((c) => c.kind !== 'handle');
  if (!cls.flagged && !cls.review && !reachable) return null;
  let cites: SiteCitation[] = [];
  if (ctx.official && (cls.flagged || cls.review)) {
    // Only posts that sell (or may) send anyone anywhere worth a visit. A picture read already
    // carries its code's text; only an unread one is decoded here.
    const qrTexts: string[] = [];
    for (const img of post.images ?? []) {
      const read = reads.get(img);
      const bytes = read ? undefined : imageBytes.get(img);
      const t = read ? (read.qrText ?? undefined) : bytes && tools.qrText ? tools.qrText(bytes) : undefined;
      if (t) qrTexts.push(t);
    }
    cites = citedSites({ post, pageUrl: ctx.pageUrl, textContacts: cls.contacts, qrTexts, sellerSite: site.sellerSite }, ctx.filter, ctx.official);
  }
  const input: ListingInput = {
    url: post.url,
    pageId: row.id,
    sourceId: row.source_id,
    platform: site.platform,
    position: Number.isFinite(post.position) ? post.position : 0,
    threadKey: threadKeyOf(post.url),
    authorHandle: post.authorHandle?.slice(0, 200) ?? null,
    authorUrl: post.authorUrl?.slice(0, 2000) ?? null,
    postedAt: post.postedAt?.slice(0, 100) ?? null,
    title,
    body,
    normalizedBody: cls.foldedText,
    bodySha: sha256(`${title ?? ''}\u0000${body}\u0000${[...(post.images ?? [])].join('\n')}`),
    images: (post.images ?? []).slice(0, 50),
    links: (post.links ?? []).slice(0, 200),
    score: cls.score,
    flagged: cls.flagged,
    review: cls.review,
    modelVersion: cls.modelVersion,
    certTypes: cls.certTypes,
    reasons: cls.reasons.slice(0, 20),
    contacts,
  };
  return { input, shown, cites };
}

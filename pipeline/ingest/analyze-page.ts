// The analyze stage: a page's stored posts → scores and contacts → listings (new, updated
// or re-seen), and posts missing from the page (or a 404/410 page) marked gone.
import { createHash } from 'node:crypto';
import type { SourceConfig, ExtractedPost } from '../../crawlers/index.js';
import { pointsToPicture, type Contact } from '../../classifiers/index.js';
import type { Database } from '../storage/database.js';
import type { BlobStore } from '../storage/blob-store.js';
import { getPage, type PageRow } from '../storage/pages.js';
import { markVanished, type ListingInput, type VanishInput } from '../storage/listings.js';
import type { ContactRef } from '../storage/contacts.js';
import { ContactFilter, isGenericHandle } from './contact-filter.js';
import { goneWork, writePageBatch } from './write-page-batch.js';
import { hostKey } from './site-directory.js';
import type { AnalyzeTools } from './analyze-tools.js';
import { loadSnapshot } from './page-snapshot.js';
import { threadKeyOf } from './thread-key.js';
import { recordClonePage } from './clone-page.js';
import { citedSites, type SiteCitation } from './cited-sites.js';
import type { OfficialHosts } from '../verification/official-hosts.js';
import { recogniseClone } from '../verification/recognise-clone.js';
import type { ImageReader, ImageReadStats, PageImageReads } from '../ocr/image-reader.js';

/** More posts than this on one page is a trap or a dump, not a thread. */
const MAX_POSTS_PER_PAGE = 500;
const MAX_BODY_CHARS = 50_000;

export interface AnalyzeEnv {
  db: Database;
  blobs: BlobStore;
  tools: AnalyzeTools;
  sources: Map<string, SourceConfig>;
  filter: ContactFilter;
  /** Set to recognise fake verification sites and collect the sites posts cite. */
  verification?: { official: OfficialHosts };
  /** Reads contacts in the images of flagged, review-band and seller-site posts; unset: QR codes of stored bytes only. */
  images?: ImageReader;
}

/** A site flagged or review-band posts cite, to visit (the verification-site check reads what it finds). */
export interface FollowTarget {
  host: string;
  urls: string[];
  /** The citing post's source may reach private addresses (the sandbox): so may the visit. */
  allowPrivateAddresses?: boolean;
}

export interface LinkTarget {
  listingId: number;
  bodySha: string;
}

export interface AnalyzeOutcome {
  pageId: number;
  result: 'analyzed' | 'gone' | 'skipped' | 'stale' | 'unreadable';
  posts: number;
  stored: number;
  flagged: number;
  created: number;
  updated: number;
  vanished: number;
  /** Listings the link stage must look at (idempotent: re-enqueued on every analysis). */
  linkTargets: LinkTarget[];
  /** The page is already marked analysed (nothing was left for the link stage). */
  markedAnalyzed?: boolean;
  /** Why the crawler could not read the page's posts (result 'unreadable'). */
  reason?: string;
  /** Sites flagged and review-band posts on the page cite (never official ones). */
  follow?: FollowTarget[];
  /** Listings whose evidence is owed now (a fake verification site's new or changed page). */
  captureTargets?: { listingId: number; bodySha: string; score: number }[];
  /**
   * Left for the caller (deferVanish): the page stored no listing, and one statement for the whole
   * batch marks its absent posts gone and the page analysed (markVanishedMany; then goneWork).
   */
  vanish?: VanishInput;
  /** Left for the caller (deferVanish): the page's listings, written with its batch's in one transaction (writePageBatch). */
  write?: PageWrite;
  /** The page is a fake verification site's: its host, and the entity's seller id. */
  verificationSite?: { host: string; sellerId: number; created: boolean };
  /** Images of the page's flagged, review-band and seller-site posts: read now, cached, skipped, failed. */
  images?: ImageReadStats;
}

function empty(pageId: number, result: AnalyzeOutcome['result']): AnalyzeOutcome {
  return { pageId, result, posts: 0, stored: 0, flagged: 0, created: 0, updated: 0, vanished: 0, linkTargets: [] };
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function postContacts(env: AnalyzeEnv, post: ExtractedPost, found: Contact[], imageContacts: Array<Contact & { origin?: string }>, pageUrl: string, sellerSite: boolean): ContactRef[] {
  const out = new Map<string, ContactRef>();
  const add = (kind: ContactRef['kind'], value: string, origin: string) => {
    const v = value.trim().toLowerCase();
    if (!v || v.length > 200) return;
    if (kind === 'url' && !env.filter.allowsUrl(v, pageUrl, sellerSite)) return;
    const key = `${kind}\u0000${v}`;
    if (!out.has(key)) out.set(key, { kind, value: v, origin });
  };
  for (const c of found) add(c.kind, c.value, 'text');
  for (const c of imageContacts) add(c.kind, c.value, c.origin ?? 'image');
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

/** What a page's analysis writes, when its batch writes it (see write-page-batch.ts). */
export interface PageWrite {
  pageId: number;
  sha256: string;
  at: Date;
  inputs: ListingInput[];
  cites: SiteCitation[][];
  inputImages: Array<Array<{ url: string; sha256: string }>>;
  /** Images of the page were read: every listing's image rows are brought up to date. */
  imagesRead: boolean;
  presentUrls: string[];
}

export interface AnalyzePageOptions {
  /** The page's row, read with its batch's (absent: read here). null: the row is gone. */
  row?: PageRow | null;
  /** A page that stores no listing returns `vanish` instead of writing (the batch writes them together). */
  deferVanish?: boolean;
}

export async function analyzePage(env: AnalyzeEnv, job: { pageId: number; sha256: string }, opts: AnalyzePageOptions = {}): Promise<AnalyzeOutcome> {
  const row = opts.row === undefined ? await getPage(env.db, job.pageId) : (opts.row ?? undefined);
  if (!row) return empty(job.pageId, 'skipped');
  // A newer fetch superseded this content: its own job analyses the newer one.
  if (row.content_sha256 !== job.sha256) return empty(job.pageId, 'stale');
  // Analysed already (the same content came again in another batch before its first job ran): done.
  if (row.analyzed_sha256 === job.sha256) return { ...empty(job.pageId, 'skipped'), markedAnalyzed: true };
  const loaded = await loadSnapshot(env.blobs, job.sha256);
  // Written by an older release: the page's next fetch stores a snapshot this one reads.
  if (!loaded) return empty(job.pageId, 'stale');
  const { snapshot: page, imageBytes } = loaded;
  const at = row.fetched_at;
  if (page.status === 404 || page.status === 410) {
    if (opts.deferVanish) return { ...empty(row.id, 'gone'), markedAnalyzed: true, vanish: { pageId: row.id, presentUrls: [], at, analyzedSha: job.sha256 } };
    const gone = await markVanished(env.db, row.id, [], at, job.sha256);
    return { ...empty(row.id, 'gone'), vanished: gone.length, ...goneWork(gone, at) };
  }
  if (page.status < 200 || page.status >= 300) return empty(row.id, 'skipped');
  // Its posts are unknown, not gone: the listings stay as they were.
  if (page.extractError !== undefined) return { ...empty(row.id, 'unreadable'), reason: page.extractError };

  if (page.queryPage && env.verification) {
    const verdict = recogniseClone(page.queryPage, page.finalUrl || page.url, env.verification.official);
    if (verdict.clone) {
      const r = await recordClonePage(env.db, { id: row.id, sourceId: row.source_id, url: page.finalUrl || page.url, signals: page.queryPage, at }, verdict);
      if (r) {
        return {
          ...empty(row.id, 'analyzed'), posts: 1, stored: 1, flagged: 1, created: r.changed && r.siteCreated ? 1 : 0, vanished: r.gone.length, ...goneWork(r.gone, at), markedAnalyzed: false,
          captureTargets: r.changed ? [{ listingId: r.listingId, bodySha: r.bodySha, score: r.score }] : [],
          verificationSite: { host: r.host, sellerId: r.sellerId, created: r.siteCreated },
        };
      }
    }
  }
  const site = env.filter.sites.siteOf(page.finalUrl || page.url, env.sources.get(row.source_id));
  const platform = site.platform;
  const posts = page.posts.slice(0, MAX_POSTS_PER_PAGE);
  const inputs: ListingInput[] = [];
  const inputImages: Array<Array<{ url: string; sha256: string }>> = [];
  const presentUrls: string[] = [];
  const seen = new Set<string>();
  const cites: SiteCitation[][] = [];
  const scored: Array<{ post: ExtractedPost; body: string; title: string | null; cls: ReturnType<AnalyzeTools['classify']> }> = [];
  for (const post of posts) {
    if (typeof post.url !== 'string' || typeof post.body !== 'string' || seen.has(post.url)) continue;
    seen.add(post.url);
    presentUrls.push(post.url);
    const body = post.body.slice(0, MAX_BODY_CHARS);
    const title = post.title?.slice(0, 1000) ?? null;
    scored.push({ post, body, title, cls: env.tools.classify({ id: post.url, text: body, ...(title ? { title } : {}), url: post.url }) });
  }
  // One pass over the images of the posts worth it (one engine run per page: loading its model is most of the cost).
  const imageStats: ImageReadStats = { read: 0, cached: 0, skipped: 0, failed: 0 };
  let reads: PageImageReads = new Map();
  // Also a post that points to its pictures for the contact, or names a certificate and leaves no
  // contact in its text: sellers draw the phone (often the whole offer), and the text alone reads like nothing.
  const contactOnlyInPictures = (s: (typeof scored)[number]) => pointsToPicture(s.body) || (s.cls.contacts.length === 0 && s.cls.certTypes.length > 0);
  const readsImages = (s: (typeof scored)[number]) =>
    env.images !== undefined && (s.cls.flagged || s.cls.review || site.sellerSite || contactOnlyInPictures(s)) && (s.post.images?.length ?? 0) > 0;
  if (env.images) {
    const urls = scored.filter(readsImages).flatMap((s) => (s.post.images ?? []).slice(0, env.images!.options.maxImagesPerPost));
    if (urls.length > 0) reads = await env.images.readImages(urls, imageBytes, imageStats);
  }
  for (const entry of scored) {
    const { post, body, title } = entry;
    let cls = entry.cls;
    if (!cls.flagged) {
      // The words read in its pictures are the post's words: a post is scored on them too (its
      // contacts, stored text and their provenance stay the text's; the pictures' contacts follow as 'image').
      const pictured = (post.images ?? []).map((img) => reads.get(img)?.ocrText.trim() ?? '').filter(Boolean);
      if (pictured.length > 0) {
        const withPictures = env.tools.classify({ id: post.url, text: `${body}\n${pictured.join('\n')}`, ...(title ? { title } : {}), url: post.url });
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
        imageContacts.push(...env.tools.decodeQr(bytes).map((c) => ({ ...c, origin: 'qr' })));
      } catch {
        // An undecodable image is just an image.
      }
    }
    const contacts = postContacts(env, post, cls.contacts, imageContacts, page.finalUrl || page.url, site.sellerSite);
    const reachable = contacts.some((c) => c.kind !== 'handle');
    // Posts that neither score nor carry a contact are counted, not stored: they cannot become leads.
    if (!cls.flagged && !cls.review && !reachable) continue;
    if (env.verification) {
      // Only posts that sell (or may) send anyone anywhere worth a visit; QR codes read again whole here.
      const qrTexts: string[] = [];
      if ((cls.flagged || cls.review) && env.tools.qrText) {
        for (const img of post.images ?? []) {
          const bytes = imageBytes.get(img);
          const t = bytes ? env.tools.qrText(bytes) : undefined;
          if (t) qrTexts.push(t);
        }
      }
      const pageUrl = page.finalUrl || page.url;
      cites.push(cls.flagged || cls.review ? citedSites({ post, pageUrl, textContacts: cls.contacts, qrTexts, sellerSite: site.sellerSite }, env.filter, env.verification.official) : []);
    } else cites.push([]);
    inputs.push({
      url: post.url,
      pageId: row.id,
      sourceId: row.source_id,
      platform,
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
    });
    inputImages.push(shown);
  }
  // Most pages store no listing: then nothing goes to the link stage, and one statement (atomic by
  // itself, no transaction) marks vanished posts and the page analysed.
  if (inputs.length === 0) {
    // A page that answers 200 with no post at all (a script page whose data did not load, a block
    // page) proves nothing about its posts: its listings stay live until it shows posts or a 404/410.
    const keepAll = posts.length === 0;
    if (opts.deferVanish) {
      return {
        ...empty(row.id, 'analyzed'), posts: posts.length, markedAnalyzed: true, vanish: { pageId: row.id, presentUrls, at, analyzedSha: job.sha256, keepAll },
        ...(env.images ? { images: imageStats } : {}),
      };
    }
    const gone = await markVanished(env.db, row.id, presentUrls, at, job.sha256, keepAll);
    return { ...empty(row.id, 'analyzed'), posts: posts.length, vanished: gone.length, ...goneWork(gone, at), ...(env.images ? { images: imageStats } : {}) };
  }
  if (opts.deferVanish) {
    return {
      ...empty(row.id, 'analyzed'), posts: posts.length, stored: inputs.length, flagged: inputs.filter((i) => i.flagged).length,
      follow: followTargets(cites, env.sources.get(row.source_id)?.allowPrivateAddresses === true),
      write: { pageId: row.id, sha256: job.sha256, at, inputs, cites, inputImages, imagesRead: reads.size > 0, presentUrls },
      ...(env.images ? { images: imageStats } : {}),
    };
  }
  const write: PageWrite = { pageId: row.id, sha256: job.sha256, at, inputs, cites, inputImages, imagesRead: reads.size > 0, presentUrls };
  const written = (await writePageBatch(env.db, [write], [])).get(row.id)!;
  return {
    pageId: row.id,
    result: 'analyzed',
    posts: posts.length,
    stored: inputs.length,
    flagged: inputs.filter((i) => i.flagged).length,
    created: written.created,
    updated: written.updated,
    vanished: written.vanished,
    linkTargets: written.linkTargets,
    follow: followTargets(cites, env.sources.get(row.source_id)?.allowPrivateAddresses === true),
    ...(env.images ? { images: imageStats } : {}),
  };
}

/** The cited sites to visit: each host once, with the addresses posts gave for it (its own site is crawled already). */
function followTargets(cites: SiteCitation[][], allowPrivateAddresses: boolean): FollowTarget[] {
  const byHost = new Map<string, Set<string>>();
  for (const c of cites.flat()) {
    if (c.via === 'own-site') continue;
    let urls = byHost.get(c.host);
    if (!urls) byHost.set(c.host, (urls = new Set()));
    if (urls.size < 5) urls.add(c.url);
  }
  return [...byHost].map(([host, urls]) => ({ host, urls: [...urls], ...(allowPrivateAddresses ? { allowPrivateAddresses } : {}) }));
}

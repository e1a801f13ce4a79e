// The analyze stage: a page's stored posts → scores and contacts → listings (new, updated
// or re-seen), and posts missing from the page (or a 404/410 page) marked gone.
import type { SourceConfig } from '../../crawlers/index.js';
import type { Database } from '../storage/database.js';
import type { BlobStore } from '../storage/blob-store.js';
import { getPage, type PageRow } from '../storage/pages.js';
import { markVanished, type ListingInput, type VanishInput } from '../storage/listings.js';
import { knownReadsAt } from '../storage/image-reads.js';
import type { ContactFilter } from './contact-filter.js';
import { goneWork, writePageBatch } from './write-page-batch.js';
import type { AnalyzeTools } from './analyze-tools.js';
import { loadSnapshot } from './page-snapshot.js';
import { recordClonePage } from './clone-page.js';
import type { SiteCitation } from './cited-sites.js';
import { buildListing, MAX_POSTS_PER_PAGE, pageLinkContacts, pictureUrls, readsPictures, scorePosts, type PostContext } from './post-listing.js';
import type { OfficialHosts } from '../verification/official-hosts.js';
import { recogniseClone } from '../verification/recognise-clone.js';
import type { ImageReader, ImageReadStats, PageImageReads } from '../ocr/image-reader.js';

export interface AnalyzeEnv {
  db: Database;
  blobs: BlobStore;
  tools: AnalyzeTools;
  sources: Map<string, SourceConfig>;
  filter: ContactFilter;
  /** Set to recognise fake verification sites and collect the sites posts cite. */
  verification?: { official: OfficialHosts };
  /**
   * Set: the images of flagged, review-band and seller-site posts are read, by the picture stage
   * (read-pictures.ts; analysis itself only applies reads already made). Unset: QR codes of stored bytes only.
   */
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
  /** Images of the page's flagged, review-band and seller-site posts: read now, cached, skipped, failed (the picture stage's). */
  images?: ImageReadStats;
  /** The page's content owes the picture stage a read of its posts' pictures (env.images set). */
  pictures?: boolean;
}

function empty(pageId: number, result: AnalyzeOutcome['result']): AnalyzeOutcome {
  return { pageId, result, posts: 0, stored: 0, flagged: 0, created: 0, updated: 0, vanished: 0, linkTargets: [] };
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
  /** The picture job this content owes a read, set when the page is marked analysed. */
  picturesJob?: string | null;
  /**
   * Per input: its post's pictures are owed a read. The picture job links it then (once, with what
   * the pictures add); analysis links it now only when it dropped a contact.
   */
  picturesOwed?: boolean[];
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
  const pageUrl = page.finalUrl || page.url;
  const posts = page.posts.slice(0, MAX_POSTS_PER_PAGE);
  const { scored, presentUrls } = scorePosts(env.tools, page);
  // Pictures are read by the picture stage, off this path. On a page analysed before, what was read
  // at the same URLs is applied now (one query, such pages only): a re-analysed post keeps its
  // pictures' words and contacts meanwhile, instead of dropping them from its seller until they are read again.
  const wanted = env.images ? pictureUrls(scored, site, env.images.options.maxImagesPerPost) : [];
  const reads: PageImageReads = wanted.length > 0 && row.analyzed_sha256 !== null ? await knownReadsAt(env.db, wanted, env.images!.ocr.engine) : new Map();
  const ctx: PostContext = { tools: env.tools, filter: env.filter, ...(env.verification ? { official: env.verification.official } : {}), row, pageUrl, site, imageBytes, linkContacts: pageLinkContacts(page) };
  const inputs: ListingInput[] = [];
  const inputImages: Array<Array<{ url: string; sha256: string }>> = [];
  const cites: SiteCitation[][] = [];
  const picturesOwed: boolean[] = [];
  for (const entry of scored) {
    const built = buildListing(ctx, entry, reads);
    if (!built) continue;
    inputs.push(built.input);
    inputImages.push(built.shown);
    cites.push(built.cites);
    picturesOwed.push(env.images !== undefined && readsPictures(entry, site));
  }
  const pictures = wanted.length > 0 ? { pictures: true } : {};
  // Most pages store no listing: then nothing goes to the link stage, and one statement (atomic by
  // itself, no transaction) marks vanished posts and the page analysed.
  if (inputs.length === 0) {
    // A page that answers 200 with no post at all (a script page whose data did not load, a block
    // page) proves nothing about its posts: its listings stay live until it shows posts or a 404/410.
    const keepAll = posts.length === 0;
    if (opts.deferVanish) {
      return {
        ...empty(row.id, 'analyzed'), posts: posts.length, markedAnalyzed: true, vanish: { pageId: row.id, presentUrls, at, analyzedSha: job.sha256, keepAll },
        ...pictures,
      };
    }
    const gone = await markVanished(env.db, row.id, presentUrls, at, job.sha256, keepAll);
    return { ...empty(row.id, 'analyzed'), posts: posts.length, vanished: gone.length, ...goneWork(gone, at), ...pictures };
  }
  if (opts.deferVanish) {
    return {
      ...empty(row.id, 'analyzed'), posts: posts.length, stored: inputs.length, flagged: inputs.filter((i) => i.flagged).length,
      follow: followTargets(cites, env.sources.get(row.source_id)?.allowPrivateAddresses === true),
      write: { pageId: row.id, sha256: job.sha256, at, inputs, cites, inputImages, imagesRead: reads.size > 0, presentUrls, picturesOwed },
      ...pictures,
    };
  }
  // Written alone, no picture job follows it (the batch path queues one): it links every listing now.
  const write: PageWrite = { pageId: row.id, sha256: job.sha256, at, inputs, cites, inputImages, imagesRead: reads.size > 0, presentUrls };
  const written = (await writePageBatch(env.db, [write], [])).get(row.id)!;
  if (written.stale) return empty(row.id, 'stale');
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
    ...pictures,
  };
}

/** The cited sites to visit: each host once, with the addresses posts gave for it (its own site is crawled already). */
export function followTargets(cites: SiteCitation[][], allowPrivateAddresses: boolean): FollowTarget[] {
  const byHost = new Map<string, Set<string>>();
  for (const c of cites.flat()) {
    if (c.via === 'own-site') continue;
    let urls = byHost.get(c.host);
    if (!urls) byHost.set(c.host, (urls = new Set()));
    if (urls.size < 5) urls.add(c.url);
  }
  return [...byHost].map(([host, urls]) => ({ host, urls: [...urls], ...(allowPrivateAddresses ? { allowPrivateAddresses } : {}) }));
}

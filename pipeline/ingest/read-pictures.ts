// The picture stage: the pictures of the posts analysis left owed (flagged, review-band, seller-site,
// or pointing to a picture for the contact) are read, and the posts scored again on their words.
import type { ExtractedPost, OutboundPolicy } from '../../crawlers/index.js';
import type { AnalyzeEnv, FollowTarget, LinkTarget } from './analyze-page.js';
import { followTargets } from './analyze-page.js';
import { buildListing, pageLinkContacts, readsPictures, scorePosts, type BuiltListing, type PostContext } from './post-listing.js';
import { loadSnapshot } from './page-snapshot.js';
import type { SiteCitation } from './cited-sites.js';
import type { ImageReader, ImageReadStats } from '../ocr/image-reader.js';
import { pagesOwedToPictureJob, type PageRow } from '../storage/pages.js';
import { upsertListings } from '../storage/listings.js';
import { replaceCitationsMany } from '../storage/verification-sites.js';
import { setListingImagesMany } from '../storage/image-reads.js';
import { linkTargetsOf } from './write-page-batch.js';

export interface PictureRef {
  pageId: number;
  sha256: string;
}

export interface PicturesOutcome {
  /** Pages whose pictures were read (their content still current and, with a job id, still owed to it). */
  read: number;
  /** Pages superseded by a newer content, or no longer owed to this job: their own analysis sees to them. */
  stale: number;
  /** Listings written (new, re-scored, or a contact added or dropped). */
  changed: number;
  /** Listings the link stage must look at: those whose score, flags or contacts the pictures changed. */
  linkTargets: LinkTarget[];
  /** Sites posts that now score cite (visited as analysis would). */
  follow: FollowTarget[];
  images: ImageReadStats;
}

/** What the picture stage needs beyond analysis: the reader, and each source's outbound rule for its pictures. */
export type PictureEnv = AnalyzeEnv & {
  images: ImageReader;
  /** The outbound policy a source's pages fetch under; unset or unknown: public addresses only. */
  outbound?: (sourceId: string) => OutboundPolicy | undefined;
};

interface PagePictures {
  row: PageRow;
  ctx: PostContext;
  posts: ReturnType<typeof scorePosts>['scored'];
  urls: string[];
  stored: Map<string, Buffer>;
  outbound: OutboundPolicy | undefined;
}

/**
 * Reads the pictures of these pages' owed posts (one engine run for the contents no one has read)
 * and writes each post as analysis would have with its pictures read. With `jobId`, only pages whose
 * pictures_job still names it; the caller clears that mark once the link work is queued.
 */
export async function readPictures(env: PictureEnv, refs: PictureRef[], jobId?: string): Promise<PicturesOutcome> {
  const images: ImageReadStats = { read: 0, cached: 0, skipped: 0, failed: 0 };
  const out: PicturesOutcome = { read: 0, stale: 0, changed: 0, linkTargets: [], follow: [], images };
  const unique = [...new Map(refs.map((r) => [r.pageId, r])).values()];
  const rows = await pagesOwedToPictureJob(env.db, unique, jobId);
  const pages: PagePictures[] = [];
  for (const ref of unique) {
    const row = rows.get(ref.pageId);
    if (!row) {
      out.stale++;
      continue;
    }
    const loaded = await loadSnapshot(env.blobs, ref.sha256);
    const page = loaded?.snapshot;
    // Nothing to read on a page whose posts are gone or unknown (analysis said why).
    if (!loaded || !page || page.status < 200 || page.status >= 300 || page.extractError !== undefined) continue;
    const pageUrl = page.finalUrl || page.url;
    const site = env.filter.sites.siteOf(pageUrl, env.sources.get(row.source_id));
    const perPost = env.images.options.maxImagesPerPost;
    // Scored again on their text: the same verdicts analysis had, cheap next to reading one picture.
    const posts = scorePosts(env.tools, page).scored.filter((s) => readsPictures(s, site));
    const ctx: PostContext = { tools: env.tools, filter: env.filter, ...(env.verification ? { official: env.verification.official } : {}), row, pageUrl, site, imageBytes: loaded.imageBytes, linkContacts: pageLinkContacts(page) };
    pages.push({ row, ctx, posts, urls: posts.flatMap((s) => (s.post.images ?? []).slice(0, perPost)), stored: loaded.imageBytes, outbound: env.outbound?.(row.source_id) });
  }
  out.read = pages.length;
  const reads = await env.images.readPages(pages.map((p) => ({ urls: p.urls, stored: p.stored, ...(p.outbound ? { outbound: p.outbound } : {}) })), images);

  // The same post on two pages of the job (a thread and its list page) is written once, as the later page has it.
  const built = new Map<string, { page: PagePictures; listing: BuiltListing; post: ExtractedPost }>();
  pages.forEach((p, k) => {
    for (const s of p.posts) {
      const listing = buildListing(p.ctx, s, reads[k]!);
      if (listing) built.set(listing.input.url, { page: p, listing, post: s.post });
    }
  });
  const writes = [...built.values()];
  if (writes.length === 0) return out;
  const ups = await env.db.tx(async (q) => {
    // Pages first, in URL order, as analysis and the crawl lock them; held until commit, so a page
    // fetched anew while its pictures were read undoes the lot, and none can be fetched anew after.
    const still = await pagesOwedToPictureJob(q, pages.map((p) => ({ pageId: p.row.id, sha256: p.row.content_sha256! })), jobId, true);
    if (pages.some((p) => !still.has(p.row.id))) throw new Error('a page of the picture job was fetched anew while its pictures were read: tried again');
    const u = await upsertListings(q, writes.map((w) => w.listing.input), writes.map((w) => w.page.row.fetched_at));
    await replaceCitationsMany(
      q,
      u.map((x, i) => ({ listingId: x.id, cites: writes[i]!.listing.cites, keep: writes[i]!.listing.cites.length > 0 || x.flagged || x.review }))
        .filter((c) => c.keep)
        .map(({ listingId, cites }) => ({ listingId, cites })),
    );
    await setListingImagesMany(q, u.map((x, i) => ({ listingId: x.id, images: writes[i]!.listing.shown })));
    return u;
  });
  out.changed = ups.filter((u) => u.outcome !== 'seen' || u.contactsAdded > 0 || u.contactsDropped > 0).length;
  // Analysis left these listings' linking to this job (linkTargetsOf there): they are linked now, as
  // analysis would have, with what their pictures added; and any that gained a contact.
  const inputs = writes.map((w) => w.listing.input);
  const targets = linkTargetsOf(inputs, ups);
  const linked = new Set(targets.map((t) => t.listingId));
  out.linkTargets = targets.concat(ups.filter((u) => u.contactsAdded > 0 && !linked.has(u.id)).map((u) => ({ listingId: u.id, bodySha: u.bodySha })));
  const bySource = new Map<string, SiteCitation[][]>();
  for (const w of writes) {
    const list = bySource.get(w.page.row.source_id) ?? [];
    list.push(w.listing.cites);
    bySource.set(w.page.row.source_id, list);
  }
  for (const [sourceId, cites] of bySource) out.follow.push(...followTargets(cites, env.sources.get(sourceId)?.allowPrivateAddresses === true));
  return out;
}

// A page recognised as a clone of the Ministry's query platform: it becomes a page of its host's
// verification-site entity (made on first sight) instead of posts, and goes to evidence capture.
import { createHash } from 'node:crypto';
import type { QueryPageSignals } from '../../crawlers/index.js';
import type { Database } from '../storage/database.js';
import { markVanished, upsertListings, type ListingInput } from '../storage/listings.js';
import { attachSitePage, ensureVerificationSite } from '../storage/verification-sites.js';
import type { CloneVerdict } from '../verification/recognise-clone.js';
import { hostKey } from './site-directory.js';
import { threadKeyOf } from './thread-key.js';

/** The listings' platform for pages of fake verification sites. */
export const VERIFICATION_SITE_PLATFORM = 'verification-site';
/** What scored the page: the rule, not the classifier (listings keep which model judged them). */
export const CLONE_RULE_VERSION = 'verification-site-rule/1';

export interface ClonePageResult {
  host: string;
  sellerId: number;
  siteCreated: boolean;
  listingId: number;
  bodySha: string;
  /** The page is new or its text changed: its evidence is owed. */
  changed: boolean;
  score: number;
  /** Other listings of the page, gone now that it reads as a clone (their sellers may split). */
  gone: { id: number; seller_id: number | null; body_sha256: string }[];
}

export async function recordClonePage(
  db: Database,
  page: { id: number; sourceId: string; url: string; signals: QueryPageSignals; at: Date },
  verdict: CloneVerdict,
): Promise<ClonePageResult | undefined> {
  const host = hostKey(page.url);
  if (!host) return undefined;
  const url = page.url.split('#')[0]!;
  const s = page.signals;
  const body = [s.headings, s.text].filter(Boolean).join('\n').slice(0, 20_000);
  const title = s.title.slice(0, 1000) || null;
  // Half for being a clone at all, the rest for how many of the platform's marks it copies.
  const score = Math.round((0.5 + verdict.score / 2) * 1e4) / 1e4;
  const input: ListingInput = {
    url,
    pageId: page.id,
    sourceId: page.sourceId,
    platform: VERIFICATION_SITE_PLATFORM,
    position: 0,
    threadKey: threadKeyOf(url),
    authorHandle: null,
    authorUrl: null,
    postedAt: null,
    title,
    body,
    normalizedBody: body,
    bodySha: createHash('sha256').update(`${title ?? ''}\u0000${body}\u0000${JSON.stringify(s.forms)}`).digest('hex'),
    images: [],
    links: s.links.slice(0, 200),
    score,
    flagged: true,
    review: false,
    modelVersion: CLONE_RULE_VERSION,
    certTypes: [],
    reasons: verdict.reasons.slice(0, 20),
    // No contacts: the host is the site's contact, and as a listing contact it would join the site to
    // every seller citing it. Contacts an earlier reading of the page gave are dropped.
    contacts: [],
  };
  return db.tx(async (q) => {
    const site = await ensureVerificationSite(q, { host, title: title ?? s.headings.slice(0, 200), reasons: verdict.reasons, at: page.at });
    const [up] = await upsertListings(q, [input], page.at);
    const gone = await markVanished(q, page.id, [url], page.at);
    await attachSitePage(q, site.sellerId, up!.id);
    return { host, sellerId: site.sellerId, siteCreated: site.created, listingId: up!.id, bodySha: up!.bodySha, changed: up!.outcome !== 'seen', score, gone };
  });
}

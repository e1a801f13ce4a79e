// The link stage: a flagged listing joins the seller of every flagged listing it shares a strong
// contact (or a reply floor) with; sellers that meet are merged, and sellers no longer connected split.
import type { Database, Queryable } from '../storage/database.js';
import { LOCK_KEYS, lockForTransaction } from '../storage/advisory-locks.js';
import { liveSellersOf, moveIntoSeller, newSellerOf, readLinkSubject, readLinkSubjects, type LinkSubject } from '../storage/seller-links.js';
import { mergeSellersCounted } from '../storage/stats-day-figures.js';
import { recordSplit, resolveSeller } from '../storage/sellers.js';
import { component, MAX_COMPONENT } from './component.js';
import { splitUnreached } from './split-seller.js';
import { leadRuleSql } from '../leads/lead-rule.js';

export { MAX_COMPONENT };

export interface LinkResult {
  listingId: number;
  /** Live seller the listing belongs to; absent when it is not a seller's listing. */
  sellerId?: number;
  created: boolean;
  merged: number;
  /** Parts split off sellers that this listing no longer holds together. */
  split: number;
  members: number;
  truncated: boolean;
  /** The listing itself is flagged (capture wants it). */
  flagged: boolean;
  /** The listing as linking last read it (under the lock when it linked): capture starts from it. */
  listing?: LinkSubject;
}

/** Nothing to link, and no lock needed to see that (see linkListing). */
function nothingToLink(listingId: number, pre: LinkSubject | undefined): LinkResult | undefined {
  if (pre && (pre.anchors.length > 0 || pre.seller_id !== null)) return undefined;
  return { listingId, created: false, merged: 0, split: 0, members: 0, truncated: false, flagged: pre?.flagged ?? false, listing: pre };
}

export async function linkListing(db: Database, listingId: number): Promise<LinkResult> {
  // Without anchors or a seller there is nothing to link, and no lock is needed to see that: a
  // sibling flagged later links this listing itself, since its component takes in the same
  // author's reply floors. A listing with a seller but no anchors (edited into a harmless post)
  // goes on: what it held together may have come apart.
  const pre = await readLinkSubject(db, listingId);
  const none = nothingToLink(listingId, pre);
  if (none) return none;
  return db.tx(async (q) => {
    await lockForTransaction(q, LOCK_KEYS.linking);
    return linkUnderLock(q, listingId);
  });
}

/**
 * linkListing for a batch: one read of all the listings, then those with something to link one
 * after another in one transaction under one hold of the lock (each read again under it, after the
 * one before). What each listing ends as is what linkListing, one job each in this order, leaves.
 */
export async function linkListings(db: Database, listingIds: number[]): Promise<LinkResult[]> {
  const pre = await readLinkSubjects(db, listingIds);
  const out = new Map<number, LinkResult>();
  const rest: number[] = [];
  for (const id of listingIds) {
    const none = nothingToLink(id, pre.get(id));
    if (none) out.set(id, none);
    else rest.push(id);
  }
  if (rest.length > 0) {
    await db.tx(async (q) => {
      await lockForTransaction(q, LOCK_KEYS.linking);
      for (const id of rest) out.set(id, await linkUnderLock(q, id));
    });
  }
  return listingIds.map((id) => out.get(id)!);
}

/** One listing linked inside a transaction that holds the linking lock. */
async function linkUnderLock(q: Queryable, listingId: number): Promise<LinkResult> {
  // Linking reads and rewrites whole components: one at a time across all processes, and the
  // anchors read again under the lock, since analysis may have changed them while we waited.
  const self = await readLinkSubject(q, listingId);
  const base = { listingId, created: false, merged: 0, split: 0, members: 0, truncated: false, flagged: self?.flagged ?? false, listing: self };
  if (!self) return base;
  // A removed post links nothing any more but stays its seller's evidence (one removed before it
  // was ever linked still makes its own); an unflagged one without anchors leaves. Either way,
  // what it held together may have come apart.
  if (self.anchors.length === 0 || (self.gone && self.seller_id !== null)) {
    if (self.seller_id === null) return base;
    const oldSeller = await resolveSeller(q, self.seller_id);
    const { splits } = await splitUnreached(q, [oldSeller], new Set());
    return { ...base, ...(self.gone ? { sellerId: oldSeller } : {}), split: splits };
  }
  const own = self.seller_id === null ? [] : [self.seller_id];
  const { members, truncated, sellers } = await component(q, self.anchors, own);
  // The component's sellers and the listing's own, merges followed to the live seller: read on the
  // way by the search, or once more when it was cut short.
  const { roots, live } = sellers ?? (await liveSellersOf(q, members, own));
  const oldSeller = self.seller_id === null ? undefined : live.get(self.seller_id) ?? self.seller_id;
  // A component cut short is not the whole story: split nothing on its say-so.
  const checked = oldSeller === undefined || roots.includes(oldSeller) ? roots : [...roots, oldSeller];
  const { keptOutside, splits, shares } = truncated ? { keptOutside: new Set<number>(), splits: 0, shares: new Map() } : await splitUnreached(q, checked, new Set(members));
  const ours = roots.filter((r) => !keptOutside.has(r));
  // A new seller is made holding the component; a found one takes it in after the merge.
  const created = ours.length === 0;
  const survivor = created ? await newSellerOf(q, members) : Math.min(...ours);
  const merged = await mergeSellersCounted(q, leadRuleSql, survivor, ours);
  // Sellers whose id stayed with a larger part elsewhere: this component's share of them leaves.
  let moved = 0;
  for (const [kept, ids] of shares) {
    if (ids.length === 0 || !roots.includes(kept)) continue;
    await recordSplit(q, kept, survivor, ids, { reason: 'unlinked', newSeller: created && moved === 0 });
    moved++;
  }
  if (!created) await moveIntoSeller(q, survivor, members);
  return { ...base, sellerId: survivor, created, merged, split: splits + moved, members: members.length, truncated };
}

// The link stage: a flagged listing joins the seller of every flagged listing it shares
// a contact (or an author handle, or a reply floor) with; sellers that meet are merged.
import type { Database, Queryable } from '../storage/database.js';
import { LOCK_KEYS, lockForTransaction } from '../storage/advisory-locks.js';
import { assignListingsToSeller, componentStep, readLinkSubject, sellerRootsOf, type LinkSubject } from '../storage/seller-links.js';
import { createSeller, mergeSellers, refreshSellerScore, resolveSeller } from '../storage/sellers.js';

/** A component larger than this means a contact is shared by unrelated posts: stop growing it. */
export const MAX_COMPONENT = 2000;

export interface LinkResult {
  listingId: number;
  /** Live seller the listing belongs to; absent when it is not a seller's listing. */
  sellerId?: number;
  created: boolean;
  merged: number;
  members: number;
  truncated: boolean;
  /** The listing itself is flagged (capture wants it). */
  flagged: boolean;
  /** The listing as linking last read it (under the lock when it linked): capture starts from it. */
  listing?: LinkSubject;
}

async function component(q: Queryable, start: number[]): Promise<{ members: number[]; truncated: boolean }> {
  const members = new Set<number>(start);
  const seenContacts = new Set<number>();
  let frontier = [...start];
  let truncated = false;
  while (frontier.length > 0) {
    const rows = await componentStep(q, frontier, [...seenContacts]);
    const next: number[] = [];
    // Siblings first, then neighbours, as the step found them.
    for (const kind of ['s', 'n'] as const) {
      for (const r of rows) if (r.kind === kind && !members.has(r.id)) (members.add(r.id), next.push(r.id));
    }
    for (const r of rows) if (r.kind === 'c') seenContacts.add(r.id);
    if (members.size > MAX_COMPONENT) {
      truncated = true;
      break;
    }
    frontier = next;
  }
  return { members: [...members], truncated };
}

export async function linkListing(db: Database, listingId: number): Promise<LinkResult> {
  // Without anchors there is nothing to link, and no lock is needed to see that: a sibling flagged
  // later links this listing itself, since its component takes in the same author's reply floors.
  const pre = await readLinkSubject(db, listingId);
  if (!pre || pre.anchors.length === 0) {
    return { listingId, created: false, merged: 0, members: 0, truncated: false, flagged: pre?.flagged ?? false, listing: pre };
  }
  return db.tx(async (q) => {
    // Linking reads and rewrites whole components: one at a time across all processes, and the
    // anchors read again under the lock, since analysis may have changed them while we waited.
    await lockForTransaction(q, LOCK_KEYS.linking);
    const self = await readLinkSubject(q, listingId);
    const base = { listingId, created: false, merged: 0, members: 0, truncated: false, flagged: self?.flagged ?? false, listing: self };
    if (!self || self.anchors.length === 0) return base;
    const { members, truncated } = await component(q, self.anchors);
    let roots = await sellerRootsOf(q, members);
    let created = false;
    let survivor: number;
    if (roots.length === 0) {
      survivor = await createSeller(q);
      created = true;
    } else {
      // merged_into is kept one hop deep by mergeSellers, but resolve fully in case of old data.
      // One after another: a transaction's client runs one query at a time anyway.
      const resolved: number[] = [];
      for (const r of roots) resolved.push(await resolveSeller(q, r));
      roots = resolved;
      survivor = Math.min(...roots);
    }
    const merged = await mergeSellers(q, survivor, [...new Set(roots)]);
    await assignListingsToSeller(q, survivor, members);
    await refreshSellerScore(q, survivor);
    return { ...base, sellerId: survivor, created, merged, members: members.length, truncated };
  });
}


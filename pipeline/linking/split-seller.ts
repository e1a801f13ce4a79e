// When an edited or removed post no longer holds a seller together, the seller comes apart: its
// id stays with the larger (then older) part so a referred id never disappears; the rest are logged.
import type { Queryable } from '../storage/database.js';
import { detachListings, liveSellersOf, membersOutside, moveIntoSeller, newSellerOf, shareOf } from '../storage/seller-links.js';
import { mergeSellersCounted } from '../storage/stats-day-figures.js';
import { recordSplit, refreshSellerScore } from '../storage/sellers.js';
import { component } from './component.js';
import { leadRuleSql } from '../leads/lead-rule.js';

export interface SplitOutcome {
  /** Sellers whose id stays with a part outside the component: the component must not take them. */
  keptOutside: Set<number>;
  /** Parts moved off into other sellers by this call. */
  splits: number;
  /** For each seller kept outside, the component's share of its listings (the caller moves them). */
  shares: Map<number, number[]>;
}

interface Part {
  /** Undefined for the component's own share. */
  members?: number[];
  ids: number[];
  anchors: number;
}

// Larger first (live flagged/review listings), then older (the smallest listing id): the part kept.
function better(a: Part, b: Part): Part {
  if (a.anchors !== b.anchors) return a.anchors > b.anchors ? a : b;
  return (a.ids[0] ?? Infinity) <= (b.ids[0] ?? Infinity) ? a : b;
}

/**
 * Checks `sellers` against `reached`, the whole component a link job just found: listings of theirs
 * it does not reach are searched from each of their anchors into parts, the best part keeps the
 * seller's id, the others go to a new seller (or to the seller they now join), every move logged.
 * Unflagged listings no part reaches leave their seller; gone ones stay (their evidence is its).
 */
export async function splitUnreached(q: Queryable, sellers: number[], reached: Set<number>, reason = 'unlinked'): Promise<SplitOutcome> {
  const out: SplitOutcome = { keptOutside: new Set(), splits: 0, shares: new Map() };
  // A component of listings no seller holds yet (the common first link) has nothing to check.
  if (sellers.length === 0) return out;
  const outside = await membersOutside(q, sellers, [...reached]);
  for (const sellerId of sellers) {
    const mine = outside.filter((m) => m.seller_id === sellerId);
    if (mine.length === 0) continue;
    const parts: Part[] = [];
    const covered = new Set<number>();
    let cutShort = false;
    for (const m of mine) {
      if (!m.anchor || m.gone || covered.has(m.id)) continue;
      const c = await component(q, [m.id]);
      if (c.truncated) {
        cutShort = true;
        break;
      }
      for (const id of c.members) covered.add(id);
      parts.push({ members: c.members, ...(await shareOf(q, sellerId, c.members)) });
    }
    // Too large to judge, or nothing but gone posts and loose replies left outside: leave it be.
    if (cutShort) continue;
    const loose = mine.filter((m) => !covered.has(m.id) && !m.anchor && !m.gone).map((m) => m.id);
    await detachListings(q, loose);
    if (parts.length === 0) continue;
    const share: Part = { ...(await shareOf(q, sellerId, [...reached])) };
    const candidates = share.ids.length > 0 ? [share, ...parts] : parts;
    const keeper = candidates.reduce(better);
    if (keeper !== share) {
      out.keptOutside.add(sellerId);
      out.shares.set(sellerId, share.ids);
    }
    for (const part of parts) {
      if (part === keeper) continue;
      // The part may already reach another seller (its link job not run yet): it joins that one.
      const others = (await liveSellersOf(q, part.members!)).roots.filter((live) => live !== sellerId);
      const newSeller = others.length === 0;
      const target = newSeller ? await newSellerOf(q, part.members!) : Math.min(...others);
      if (!newSeller) {
        await mergeSellersCounted(q, leadRuleSql, target, others);
        await moveIntoSeller(q, target, part.members!);
      }
      await recordSplit(q, sellerId, target, part.ids, { reason, newSeller });
      out.splits++;
    }
    await refreshSellerScore(q, sellerId);
  }
  return out;
}

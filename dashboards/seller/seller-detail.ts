// The seller page's whole picture: its stored rows (storage/seller-page.ts), its kept evidence
// pack versions, and the sellers with lookalike ids, leaving out those a shared contact already links.
import type { Queryable } from '../../pipeline/storage/database.js';
import { packVersionsOf, type PackVersion } from '../../evidence/index.js';
import { readSellerPage, type SellerPage } from '../storage/seller-page.js';
import { linkDecisionsOf, type LinkDecisionRow } from '../../pipeline/storage/link-decisions.js';
import { findLookalikeSellers, type LookalikeSeller } from './lookalike-sellers.js';

export interface SellerDetail extends SellerPage {
  /** Sellers with near-copies of this seller's ids: a hint, not a link. */
  lookalikes: LookalikeSeller[];
  /** Every pack made for this seller, newest first. */
  packs: PackVersion[];
  /** Standing joins and separations by hand that name this seller. */
  decisions: LinkDecisionRow[];
}

export async function loadSeller(db: Queryable, id: number): Promise<SellerDetail | null> {
  const page = await readSellerPage(db, id);
  if (!page) return null;
  const linkedIds = new Set(page.linked.map((r) => r.seller_id));
  const [lookalikes, packs, decisions] = await Promise.all([findLookalikeSellers(db, id, page.contacts), packVersionsOf(db, id), linkDecisionsOf(db, id)]);
  return { ...page, lookalikes: lookalikes.filter((l) => !linkedIds.has(l.seller_id)), packs, decisions };
}

// The seller page's whole picture: its stored rows (storage/seller-page.ts) plus the sellers
// with lookalike ids, leaving out those a shared contact already links.
import type { Queryable } from '../../pipeline/storage/database.js';
import { readSellerPage, type SellerPage } from '../storage/seller-page.js';
import { findLookalikeSellers, type LookalikeSeller } from './lookalike-sellers.js';

export interface SellerDetail extends SellerPage {
  /** Sellers with near-copies of this seller's ids: a hint, not a link. */
  lookalikes: LookalikeSeller[];
}

export async function loadSeller(db: Queryable, id: number): Promise<SellerDetail | null> {
  const page = await readSellerPage(db, id);
  if (!page) return null;
  const linkedIds = new Set(page.linked.map((r) => r.seller_id));
  const lookalikes = (await findLookalikeSellers(db, id, page.contacts)).filter((l) => !linkedIds.has(l.seller_id));
  return { ...page, lookalikes };
}

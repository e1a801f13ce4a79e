// The seller page's whole picture: its stored rows (storage/seller-page.ts), its kept evidence
// pack versions, and the sellers with lookalike ids, leaving out those a shared contact already links.
import type { Queryable } from '../../pipeline/storage/database.js';
import { packVersionsOf, type PackVersion } from '../../evidence/index.js';
import { readSellerPage, type SellerPage } from '../storage/seller-page.js';
import { linkDecisionsOf, type LinkDecisionRow } from '../../pipeline/storage/link-decisions.js';
import { findLookalikeSellers, type LookalikeSeller } from './lookalike-sellers.js';
import { citationPairs, verificationSitesOf, type SiteOfSeller } from '../../pipeline/storage/verification-sites.js';

export interface SellerDetail extends SellerPage {
  /** Sellers with near-copies of this seller's ids: a hint, not a link. */
  lookalikes: LookalikeSeller[];
  /** Every pack made for this seller, newest first. */
  packs: PackVersion[];
  /** Standing joins and separations by hand that name this seller. */
  decisions: LinkDecisionRow[];
  /** Set when this is a fake verification site (kind 'verification-site'): its host and why. */
  verificationSite?: SiteOfSeller;
  /** Which sellers cite which fake verification sites, where this seller is one side. */
  citations: { site_id: number; seller_id: number }[];
}

export async function loadSeller(db: Queryable, id: number): Promise<SellerDetail | null> {
  const page = await readSellerPage(db, id);
  if (!page) return null;
  const linkedIds = new Set(page.linked.map((r) => r.seller_id));
  const [lookalikes, packs, sites, citations, decisions] = await Promise.all([
    findLookalikeSellers(db, id, page.contacts),
    packVersionsOf(db, id),
    verificationSitesOf(db, [page.seller.id]),
    citationPairs(db, [page.seller.id]),
    linkDecisionsOf(db, id),
  ]);
  return { ...page, lookalikes: lookalikes.filter((l) => !linkedIds.has(l.seller_id)), packs, ...(sites[0] ? { verificationSite: sites[0] } : {}), citations, decisions };
}

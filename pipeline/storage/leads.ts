// The reads behind the lead list: which live sellers qualify, then their listings, contacts
// and merges in one query each; pipeline/leads decides the rules and assembles the leads.
import type { Queryable } from './database.js';

export interface LeadSellerFilter {
  status?: string;
  sellerIds?: number[];
  /** Minimum seller score (its best listing). */
  minScore?: number;
  /** A seller qualifies through a review-band listing too, not only a flagged one. */
  withReview: boolean;
  /** Only sellers someone can reach (see below). */
  reachableOnly: boolean;
  limit?: number;
}

export interface LeadSellerRow {
  id: number;
  status: string;
  score: number;
}

/** Live (unmerged) sellers matching `f`, best score first. */
export async function leadSellers(q: Queryable, f: LeadSellerFilter): Promise<LeadSellerRow[]> {
  const params: unknown[] = [];
  const where = ['s.merged_into IS NULL'];
  if (f.status) where.push(`s.status = $${params.push(f.status)}`);
  if (f.sellerIds) where.push(`s.id = ANY($${params.push(f.sellerIds)}::int[])`);
  if (f.minScore !== undefined) where.push(`s.score >= $${params.push(f.minScore)}`);
  where.push(`EXISTS (SELECT 1 FROM listings l WHERE l.seller_id = s.id AND (l.flagged${f.withReview ? ' OR l.review' : ''}))`);
  if (f.reachableOnly) {
    // A flagged post with images counts as reachable: sellers put the number in a picture
    // ("号码在图上") that the analyst reads even when no decoder could.
    where.push(`(EXISTS (SELECT 1 FROM listings l JOIN listing_contacts lc ON lc.listing_id = l.id JOIN contacts c ON c.id = lc.contact_id
                         WHERE l.seller_id = s.id AND c.kind <> 'handle')
                 OR EXISTS (SELECT 1 FROM listings l WHERE l.seller_id = s.id AND l.flagged AND jsonb_array_length(l.images) > 0))`);
  }
  const limit = f.limit ? `LIMIT ${Math.max(1, Math.floor(f.limit))}` : '';
  return (
    await q.query<LeadSellerRow>(`SELECT s.id, s.status, s.score FROM sellers s WHERE ${where.join(' AND ')} ORDER BY s.score DESC, s.id ${limit}`, params)
  ).rows;
}

export interface LeadListingRow {
  seller_id: number;
  url: string;
  score: number;
  first_seen: Date;
  last_seen: Date;
  platform: string;
  gone: boolean;
  cert_types: { code: string; label: string }[];
  flagged: boolean;
  review: boolean;
}

/** Every listing of these sellers, best score first. */
export async function leadListings(q: Queryable, sellerIds: number[]): Promise<LeadListingRow[]> {
  return (
    await q.query<LeadListingRow>(
      `SELECT seller_id, url, score, first_seen, last_seen, platform, gone_at IS NOT NULL AS gone, cert_types, flagged, review
       FROM listings WHERE seller_id = ANY($1::int[]) ORDER BY score DESC, id`,
      [sellerIds],
    )
  ).rows;
}

export interface LeadContactRow {
  seller_id: number;
  kind: string;
  value: string;
}

/** The distinct contacts (handles included) of these sellers' listings. */
export async function leadContacts(q: Queryable, sellerIds: number[]): Promise<LeadContactRow[]> {
  return (
    await q.query<LeadContactRow>(
      `SELECT DISTINCT l.seller_id, c.kind, c.value FROM listings l JOIN listing_contacts lc ON lc.listing_id = l.id
       JOIN contacts c ON c.id = lc.contact_id WHERE l.seller_id = ANY($1::int[])`,
      [sellerIds],
    )
  ).rows;
}

export interface SellerMergeRow {
  survivor_id: number;
  merged_id: number;
}

/** The merges these sellers survived. */
export async function mergesInto(q: Queryable, survivorIds: number[]): Promise<SellerMergeRow[]> {
  return (await q.query<SellerMergeRow>(`SELECT survivor_id, merged_id FROM seller_merges WHERE survivor_id = ANY($1::int[])`, [survivorIds])).rows;
}

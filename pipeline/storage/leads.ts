// The reads behind the lead list: which live sellers the lead rule lets through, then their
// listings, contacts and merges in one query each; pipeline/leads holds the rule and assembles the leads.
import type { Queryable } from './database.js';
import type { LeadKind, LeadRuleSql, SellerView } from './lead-rule-sql.js';

export interface LeadSellerFilter {
  /** Which sellers under the lead rule; a list of ids overrides it (the caller chose them). */
  view: SellerView;
  status?: string;
  /** Only sellers, or only fake verification sites; both when unset. */
  kind?: LeadKind;
  sellerIds?: number[];
  /** Minimum seller score (its best listing): a filter on top of the rule, not part of it. */
  minScore?: number;
  limit?: number;
}

export interface LeadSellerRow {
  id: number;
  status: string;
  score: number;
  kind: LeadKind;
  category: 'lead' | 'review' | 'other';
}

/** Sellers matching `f` under `rule` (pipeline/leads/lead-rule.ts), best score first. */
export async function leadSellers(q: Queryable, f: LeadSellerFilter, rule: LeadRuleSql): Promise<LeadSellerRow[]> {
  const params: unknown[] = [];
  const where = [f.sellerIds ? `s.id = ANY($${params.push(f.sellerIds)}::int[]) AND s.merged_into IS NULL` : rule.view(f.view, 's')];
  if (f.status) where.push(`s.status = $${params.push(f.status)}`);
  if (f.kind) where.push(`s.kind = $${params.push(f.kind)}`);
  if (f.minScore !== undefined) where.push(`s.score >= $${params.push(f.minScore)}`);
  const limit = f.limit ? `LIMIT ${Math.max(1, Math.floor(f.limit))}` : '';
  return (
    await q.query<LeadSellerRow>(
      `SELECT s.id, s.status, s.score, s.kind, ${f.sellerIds ? rule.categoryOfFew('s') : rule.category('s')} AS category FROM sellers s WHERE ${where.join(' AND ')} ORDER BY s.score DESC, s.id ${limit}`,
      params,
    )
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

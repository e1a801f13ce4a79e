// Everything the seller page shows, read in parallel: listings on every site, contacts, status
// history, notes, evidence, referrals, labels, sellers sharing a contact, lookalike-id candidates.
import type { Queryable } from '../../pipeline/storage/database.js';
import { leadRuleSql, type SellerCategory } from '../../pipeline/leads/lead-rule.js';
import type { ReferralRow } from './referrals.js';

export interface SellerRow {
  id: number;
  status: string;
  /** Where it stands under the lead rule: its status badge reads 新线索 only for a lead. */
  category: SellerCategory;
  score: number;
  assignee: string | null;
  claimed_at: Date | null;
  merged_into: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface SellerListing {
  id: number;
  url: string;
  platform: string;
  source_id: string;
  title: string | null;
  author_handle: string | null;
  posted_at: string | null;
  score: number;
  flagged: boolean;
  review: boolean;
  first_seen: Date;
  last_seen: Date;
  gone_at: Date | null;
  page_id: number | null;
  page_sha: string | null;
  cert_types: unknown;
}

export interface SellerContact {
  id: number;
  kind: string;
  value: string;
  listings: number;
}

export interface HistoryRow {
  id: number;
  from_status: string | null;
  to_status: string;
  actor: string;
  at: Date;
  note: string | null;
  detail: Record<string, unknown>;
}

export interface NoteRow {
  id: number;
  actor: string;
  at: Date;
  body: string;
}

export interface EvidenceRow {
  id: number;
  listing_id: number;
  role: string;
  media_type: string;
  size: number;
  sha256: string;
  captured_at: Date;
}

export interface LabelRow {
  listing_id: number;
  label: string;
  actor: string;
  at: Date;
}

export interface LinkedSeller {
  seller_id: number;
  status: string;
  score: number;
  via: { kind: string; value: string }[];
}

/** The seller page's rows; seller/seller-detail.ts adds the lookalike sellers. */
export interface SellerPage {
  seller: SellerRow;
  mergedFrom: number[];
  listings: SellerListing[];
  contacts: SellerContact[];
  history: HistoryRow[];
  notes: NoteRow[];
  evidence: EvidenceRow[];
  referrals: ReferralRow[];
  labels: LabelRow[];
  linked: LinkedSeller[];
  /** Splits on either side (kept here, or split off to here), oldest first: the merge log's other half. */
  splits: SplitRow[];
}

export interface SplitRow {
  kept_id: number;
  split_id: number;
  listing_ids: number[];
  reason: string;
  actor: string;
  split_at: Date;
}

export async function readSellerPage(db: Queryable, id: number): Promise<SellerPage | null> {
  const seller = (await db.query<SellerRow>(`SELECT id, status, ${leadRuleSql.categoryOfFew('s')} AS category, score, assignee, claimed_at, merged_into, created_at, updated_at FROM sellers s WHERE id = $1`, [id])).rows[0];
  if (!seller) return null;
  const [merged, listings, contacts, history, notes, evidence, referrals, labels, linked, splits] = await Promise.all([
    db.query<{ merged_id: number }>('SELECT merged_id FROM seller_merges WHERE survivor_id = $1 ORDER BY merged_id', [id]),
    db.query<SellerListing>(
      `SELECT l.id, l.url, l.platform, l.source_id, l.title, l.author_handle, l.posted_at, l.score, l.flagged, l.review,
              l.first_seen, l.last_seen, l.gone_at, l.page_id, p.sha256 AS page_sha, l.cert_types
       FROM listings l LEFT JOIN pages p ON p.id = l.page_id WHERE l.seller_id = $1 ORDER BY l.score DESC, l.last_seen DESC LIMIT 500`,
      [id],
    ),
    db.query<SellerContact>(
      `SELECT c.id, c.kind, c.value, count(DISTINCT l.id)::int AS listings
       FROM listings l JOIN listing_contacts lc ON lc.listing_id = l.id JOIN contacts c ON c.id = lc.contact_id
       WHERE l.seller_id = $1 GROUP BY c.id ORDER BY c.kind, c.value LIMIT 200`,
      [id],
    ),
    db.query<HistoryRow>('SELECT id, from_status, to_status, actor, at, note, detail FROM seller_status_history WHERE seller_id = $1 ORDER BY at, id', [id]),
    db.query<NoteRow>('SELECT id, actor, at, body FROM seller_notes WHERE seller_id = $1 ORDER BY at, id', [id]),
    db.query<EvidenceRow>(
      `SELECT e.id, e.listing_id, e.role, e.media_type, e.size, e.sha256, e.captured_at
       FROM evidence e JOIN listings l ON l.id = e.listing_id WHERE l.seller_id = $1 ORDER BY e.captured_at DESC, e.id LIMIT 300`,
      [id],
    ),
    db.query<ReferralRow>('SELECT * FROM referrals WHERE seller_id = $1 ORDER BY referred_at', [id]),
    db.query<LabelRow>(
      `SELECT lb.listing_id, lb.label, lb.actor, lb.at FROM labels lb JOIN listings l ON l.id = lb.listing_id
       WHERE l.seller_id = $1 ORDER BY lb.at DESC LIMIT 200`,
      [id],
    ),
    // From this seller's distinct contacts, not from each of its listings: a seller with 500
    // listings sharing one phone made 500 × 500 pairs (1.1 s at a year's volume) for the same answer.
    // A listing is not linked to itself: a contact on only one of this seller's listings (`only`)
    // does not count that listing again (it matters when this seller is merged into another).
    db.query<LinkedSeller>(
      `WITH mine AS MATERIALIZED (
         SELECT c.id AS contact_id, c.kind, c.value, count(*) AS n, min(lc.listing_id) AS only
         FROM listings l JOIN listing_contacts lc ON lc.listing_id = l.id JOIN contacts c ON c.id = lc.contact_id
         WHERE l.seller_id = $1 GROUP BY c.id
       )
       SELECT other.id AS seller_id, other.status, other.score,
              json_agg(DISTINCT jsonb_build_object('kind', mine.kind, 'value', mine.value)) AS via
       FROM mine
       JOIN listing_contacts lc2 ON lc2.contact_id = mine.contact_id AND (mine.n > 1 OR lc2.listing_id <> mine.only)
       JOIN listings l2 ON l2.id = lc2.listing_id
       JOIN sellers s2 ON s2.id = l2.seller_id
       JOIN sellers other ON other.id = COALESCE(s2.merged_into, s2.id)
       WHERE other.id <> $1
       GROUP BY other.id ORDER BY other.score DESC LIMIT 24`,
      [id],
    ),
    db.query<SplitRow>(
      'SELECT kept_id, split_id, listing_ids, reason, actor, split_at FROM seller_splits WHERE kept_id = $1 OR split_id = $1 ORDER BY id LIMIT 100',
      [id],
    ),
  ]);
  return {
    seller,
    mergedFrom: merged.rows.map((r) => r.merged_id),
    listings: listings.rows,
    contacts: contacts.rows,
    history: history.rows,
    notes: notes.rows,
    evidence: evidence.rows,
    referrals: referrals.rows,
    labels: labels.rows,
    linked: linked.rows,
    splits: splits.rows,
  };
}

export interface LookalikeCandidate {
  kind: string;
  value: string;
  seller_id: number;
  status: string;
  score: number;
}

/**
 * Contacts of other sellers (merged ones counted as their survivor) whose kind matches one of
 * `own` and whose value starts with the same `prefixLength` characters: the lookalike scan's input.
 */
export async function readLookalikeCandidates(
  db: Queryable,
  sellerId: number,
  own: { kind: string; value: string }[],
  prefixLength: number,
): Promise<LookalikeCandidate[]> {
  // Written into the statement (as before it moved here), so only an integer may go in.
  if (!Number.isInteger(prefixLength) || prefixLength < 1) throw new RangeError(`prefix length must be a positive integer: ${prefixLength}`);
  const r = await db.query<LookalikeCandidate>(
    `SELECT DISTINCT c.kind, c.value, root.id AS seller_id, root.status, root.score
     FROM contacts c
     JOIN listing_contacts lc ON lc.contact_id = c.id
     JOIN listings l ON l.id = lc.listing_id
     JOIN sellers s ON s.id = l.seller_id
     JOIN sellers root ON root.id = COALESCE(s.merged_into, s.id)
     WHERE (c.kind, left(c.value, ${prefixLength})) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       AND root.id <> $3
     LIMIT 2000`,
    [own.map((c) => c.kind), own.map((c) => c.value.slice(0, prefixLength)), sellerId],
  );
  return r.rows;
}

/** Capture-now's check that the posted listing is one of this seller's. */
export async function sellerHasListing(db: Queryable, sellerId: number, listingId: number): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM listings WHERE id = $1 AND seller_id = $2', [listingId, sellerId]);
  return r.rows.length > 0;
}

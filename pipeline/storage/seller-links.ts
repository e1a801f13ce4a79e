// The statements seller linking runs over listings, contacts and sellers: what a listing links
// from, one breadth-first step over shared contacts, and a component's move into its seller.
import type { Queryable } from './database.js';

export interface LinkSubject {
  id: number;
  flagged: boolean;
  review: boolean;
  seller_id: number | null;
  /**
   * The flagged/review listings it links through: itself when it is one, else the flagged/review
   * posts by the same author in the same thread (a reply floor lends its contacts).
   */
  anchors: number[];
  body_sha256: string;
  score: number;
  gone: boolean;
  /** Distinct bodies the listing has had: more than one means it changed. */
  versions: number;
}

/**
 * The listing, its anchors and what its capture needs (body hash, score, gone, versions) in one
 * query, so the link worker reads the listing once; undefined when there is no such listing.
 */
export async function readLinkSubject(q: Queryable, listingId: number): Promise<LinkSubject | undefined> {
  const row = (
    await q.query<LinkSubject>(
      `SELECT l.id, l.flagged, l.review, l.seller_id,
         CASE WHEN l.flagged OR l.review THEN ARRAY[l.id]
              ELSE ARRAY(SELECT s.id FROM listings s
                         WHERE s.thread_key = l.thread_key AND s.author_handle = l.author_handle AND s.source_id = l.source_id
                           AND s.id <> l.id AND (s.flagged OR s.review) ORDER BY s.id) END AS anchors,
         l.body_sha256, l.score, l.gone_at IS NOT NULL AS gone,
         (SELECT count(*) FROM listing_versions v WHERE v.listing_id = l.id) AS versions
       FROM listings l WHERE l.id = $1`,
      [listingId],
    )
  ).rows[0];
  return row && { ...row, anchors: row.anchors.map(Number), versions: Number(row.versions) };
}

// Siblings are the frontier's reply floors (same author, thread and source); fresh contacts are
// those of frontier and siblings not seen yet; neighbours are flagged/review listings sharing one.
const COMPONENT_STEP = `
WITH f AS (SELECT unnest($1::int[]) AS id),
sib AS (
  SELECT DISTINCT s.id FROM listings l JOIN f ON f.id = l.id
  JOIN listings s ON s.thread_key = l.thread_key AND s.author_handle = l.author_handle AND s.source_id = l.source_id
  WHERE (l.flagged OR l.review) AND l.author_handle IS NOT NULL
),
fresh AS (
  SELECT DISTINCT contact_id FROM listing_contacts
  WHERE listing_id IN (SELECT id FROM f UNION SELECT id FROM sib) AND NOT (contact_id = ANY($2::int[]))
),
nb AS (
  SELECT DISTINCT lc.listing_id AS id FROM listing_contacts lc JOIN listings l ON l.id = lc.listing_id
  WHERE lc.contact_id IN (SELECT contact_id FROM fresh) AND (l.flagged OR l.review)
)
SELECT 's' AS kind, id FROM sib UNION ALL SELECT 'c', contact_id FROM fresh UNION ALL SELECT 'n', id FROM nb`;

export interface ComponentStepRow {
  /** s: sibling listing, c: fresh contact, n: neighbour listing. */
  kind: 's' | 'c' | 'n';
  id: number;
}

/** One breadth-first step from `frontier`, skipping the contacts in `seenContacts`. */
export async function componentStep(q: Queryable, frontier: number[], seenContacts: number[]): Promise<ComponentStepRow[]> {
  return (await q.query<ComponentStepRow>(COMPONENT_STEP, [frontier, seenContacts])).rows;
}

/** The distinct sellers these listings belong to, one merge hop resolved. */
export async function sellerRootsOf(q: Queryable, listingIds: number[]): Promise<number[]> {
  const r = await q.query<{ root: number }>(
    `SELECT DISTINCT COALESCE(s.merged_into, s.id) AS root FROM listings l JOIN sellers s ON s.id = l.seller_id WHERE l.id = ANY($1::int[])`,
    [listingIds],
  );
  return r.rows.map((x) => x.root);
}

/** Puts these listings in `sellerId`, writing only the rows that change. */
export async function assignListingsToSeller(q: Queryable, sellerId: number, listingIds: number[]): Promise<void> {
  await q.query(`UPDATE listings SET seller_id = $1 WHERE id = ANY($2::int[]) AND seller_id IS DISTINCT FROM $1`, [sellerId, listingIds]);
}

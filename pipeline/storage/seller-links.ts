// The statements seller linking runs over listings, contacts and sellers: what a listing links
// from, one breadth-first step over shared strong contacts, and a component's move into its seller.
import type { Queryable } from './database.js';

// The author is an account, not a placeholder: analysis records a handle contact only for those.
const HAS_ACCOUNT = (alias: string) =>
  `EXISTS (SELECT 1 FROM listing_contacts hc JOIN contacts h ON h.id = hc.contact_id WHERE hc.listing_id = ${alias}.id AND h.kind = 'handle')`;

export interface LinkSubject {
  id: number;
  flagged: boolean;
  review: boolean;
  seller_id: number | null;
  /**
   * The flagged/review listings it links through: itself when it is one, else the flagged/review
   * posts by the same author in the same thread (a reply floor lends its contacts), when that author
   * is an account (a handle contact: generic names such as 匿名用户 get none).
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
  return (await readLinkSubjects(q, [listingId])).get(listingId);
}

/** readLinkSubject for many listings in one query (a link batch's first look, outside the lock). */
export async function readLinkSubjects(q: Queryable, listingIds: number[]): Promise<Map<number, LinkSubject>> {
  if (listingIds.length === 0) return new Map();
  const rows = (
    await q.query<LinkSubject>(
      `SELECT l.id, l.flagged, l.review, l.seller_id,
         CASE WHEN l.flagged OR l.review THEN ARRAY[l.id]
              WHEN NOT ${HAS_ACCOUNT('l')} THEN ARRAY[]::int[]
              ELSE ARRAY(SELECT s.id FROM listings s
                         WHERE s.thread_key = l.thread_key AND s.author_handle = l.author_handle AND s.source_id = l.source_id
                           AND s.id <> l.id AND (s.flagged OR s.review) ORDER BY s.id) END AS anchors,
         l.body_sha256, l.score, l.gone_at IS NOT NULL AS gone,
         (SELECT count(*) FROM listing_versions v WHERE v.listing_id = l.id) AS versions
       FROM listings l WHERE l.id = ANY($1::int[])`,
      [listingIds],
    )
  ).rows;
  return new Map(rows.map((row) => [row.id, { ...row, anchors: row.anchors.map(Number), versions: Number(row.versions) }]));
}

// From a CTE held(listing, start) — a listing (or NULL) and the seller id it starts from — the CTE
// live(listing, start, id): merged_into followed to the live seller, as resolveSeller does (100 hops at most).
const FOLLOW_MERGES = `hop(listing, start, id, n) AS (
  SELECT listing, start, start, 0 FROM held
  UNION ALL
  SELECT hop.listing, hop.start, s.merged_into, hop.n + 1 FROM hop JOIN sellers s ON s.id = hop.id
  WHERE s.merged_into IS NOT NULL AND hop.n < 100
),
live AS (SELECT DISTINCT ON (listing, start) listing, start, id FROM hop ORDER BY listing, start, n DESC)`;

// Siblings are the frontier's reply floors (same account, thread and source); fresh contacts are
// the strong ones (not handles) of frontier and siblings not seen yet; neighbours are listings
// sharing one that are flagged/review or reply floors of such a post, so the search reaches the
// same component from any of its listings (a split is judged by it). A handle is a hint, never an
// edge: one name on a forum is many people. Each step also reads the live seller (merges followed)
// of every frontier listing and of the seller ids in $3, so linking needs no read of its own for them.
const COMPONENT_STEP = `
WITH RECURSIVE f AS (SELECT unnest($1::int[]) AS id),
held AS (
  SELECT l.id AS listing, l.seller_id AS start FROM listings l JOIN f ON f.id = l.id WHERE l.seller_id IS NOT NULL
  UNION ALL SELECT NULL::int, x FROM unnest($3::int[]) AS x
),
${FOLLOW_MERGES},
sib AS (
  SELECT DISTINCT s.id FROM listings l JOIN f ON f.id = l.id
  JOIN listings s ON s.thread_key = l.thread_key AND s.author_handle = l.author_handle AND s.source_id = l.source_id
  WHERE l.author_handle IS NOT NULL AND ${HAS_ACCOUNT('l')}
),
fresh AS (
  SELECT DISTINCT lc.contact_id FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id
  WHERE lc.listing_id IN (SELECT id FROM f UNION SELECT id FROM sib) AND c.kind <> 'handle' AND NOT (lc.contact_id = ANY($2::int[]))
),
nb AS (
  SELECT DISTINCT lc.listing_id AS id FROM listing_contacts lc JOIN listings l ON l.id = lc.listing_id
  WHERE lc.contact_id IN (SELECT contact_id FROM fresh)
    AND ((l.flagged OR l.review)
         OR (l.author_handle IS NOT NULL AND ${HAS_ACCOUNT('l')} AND EXISTS (
               SELECT 1 FROM listings a WHERE a.thread_key = l.thread_key AND a.author_handle = l.author_handle
                 AND a.source_id = l.source_id AND (a.flagged OR a.review))))
),
-- Listings an analyst joined by hand to a frontier listing: an edge as strong as a shared phone.
jn AS (
  SELECT DISTINCT b.listing_id AS id FROM seller_link_sides a
  JOIN seller_link_decisions d ON d.id = a.decision_id AND d.kind = 'join' AND d.revoked_at IS NULL
  JOIN seller_link_sides b ON b.decision_id = a.decision_id AND b.listing_id <> a.listing_id
  JOIN listings l ON l.id = b.listing_id AND (l.flagged OR l.review)
  WHERE a.listing_id IN (SELECT id FROM f)
),
-- The sides of analysts' separations that the frontier and its candidates stand on.
walls AS (
  SELECT s.listing_id, s.decision_id, s.side FROM seller_link_sides s
  JOIN seller_link_decisions d ON d.id = s.decision_id AND d.kind = 'apart' AND d.revoked_at IS NULL
  WHERE s.listing_id IN (SELECT id FROM f UNION SELECT id FROM sib UNION SELECT id FROM nb UNION SELECT id FROM jn)
)
SELECT 's' AS kind, id, NULL::int AS decision, NULL::int AS side FROM sib
UNION ALL SELECT 'c', contact_id, NULL, NULL FROM fresh
UNION ALL SELECT 'j', id, NULL, NULL FROM jn
UNION ALL SELECT 'n', id, NULL, NULL FROM nb
UNION ALL SELECT 'w', listing_id, decision_id, side FROM walls
UNION ALL SELECT 'r', listing, id, start FROM live`;

export interface ComponentStepRow {
  /**
   * s: sibling listing, c: fresh contact, j: listing joined by hand, n: neighbour listing, w: a side
   * of a separation by hand, r: a seller resolved (id: the frontier listing holding it, null for one of
   * `sellerIds`; decision: the live seller; side: the seller id it started from).
   */
  kind: 's' | 'c' | 'j' | 'n' | 'w' | 'r';
  id: number | null;
  /** For `w`: the separation and the side `id` stands on. */
  decision: number | null;
  side: number | null;
}

/** One breadth-first step from `frontier`, skipping the contacts in `seenContacts`, resolving `sellerIds` besides. */
export async function componentStep(q: Queryable, frontier: number[], seenContacts: number[], sellerIds: number[] = []): Promise<ComponentStepRow[]> {
  return (await q.query<ComponentStepRow>(COMPONENT_STEP, [frontier, seenContacts, sellerIds])).rows;
}

/**
 * The live seller (merges followed to the end, as resolveSeller does) of each of `sellerIds` and of
 * the sellers these listings belong to, in one statement: linking's roots and the listing's own
 * seller without a query per merge hop. Starts whose seller row is missing resolve to themselves.
 */
export async function liveSellersOf(q: Queryable, listingIds: number[], sellerIds: number[] = []): Promise<{ roots: number[]; live: Map<number, number> }> {
  const rows = (
    await q.query<{ listing: number | null; start: number; live: number }>(
      `WITH RECURSIVE held AS (
         SELECT l.id AS listing, l.seller_id AS start FROM listings l WHERE l.id = ANY($1::int[]) AND l.seller_id IS NOT NULL
         UNION ALL SELECT NULL::int, x FROM unnest($2::int[]) AS x
       ),
       ${FOLLOW_MERGES}
       SELECT listing, start, id AS live FROM live`,
      [listingIds, sellerIds],
    )
  ).rows;
  const live = new Map(rows.map((r) => [r.start, r.live]));
  const roots = [...new Set(rows.filter((r) => r.listing !== null).map((r) => r.live))].sort((a, b) => a - b);
  return { roots, live };
}

/**
 * assignListingsToSeller then refreshSellerScore in one statement: the score is read from the
 * listings as they stand once the move is made (the seller's own and the moved ones).
 */
export async function moveIntoSeller(q: Queryable, sellerId: number, listingIds: number[]): Promise<void> {
  await q.query(
    `WITH moved AS (UPDATE listings SET seller_id = $1 WHERE id = ANY($2::int[]) AND seller_id IS DISTINCT FROM $1 RETURNING id)
     UPDATE sellers SET score = COALESCE((SELECT max(score) FROM listings WHERE (seller_id = $1 OR id = ANY($2::int[])) AND (flagged OR review)), 0),
       updated_at = now()
     WHERE id = $1`,
    [sellerId, listingIds],
  );
}

/** A new seller holding these listings, its score theirs (createSeller, assignListingsToSeller and refreshSellerScore in one statement). */
export async function newSellerOf(q: Queryable, listingIds: number[]): Promise<number> {
  return (
    await q.query<{ id: number }>(
      `WITH s AS (
         INSERT INTO sellers (score) SELECT COALESCE(max(score), 0) FROM listings WHERE id = ANY($1::int[]) AND (flagged OR review) RETURNING id
       ),
       moved AS (UPDATE listings SET seller_id = (SELECT id FROM s) WHERE id = ANY($1::int[]) RETURNING id)
       SELECT id FROM s`,
      [listingIds],
    )
  ).rows[0]!.id;
}

/** Puts these listings in `sellerId`, writing only the rows that change. */
export async function assignListingsToSeller(q: Queryable, sellerId: number, listingIds: number[]): Promise<void> {
  await q.query(`UPDATE listings SET seller_id = $1 WHERE id = ANY($2::int[]) AND seller_id IS DISTINCT FROM $1`, [sellerId, listingIds]);
}

export interface SellerMember {
  id: number;
  seller_id: number;
  /** Flagged or in review: what a seller is made of, and where a part's search starts. */
  anchor: boolean;
  gone: boolean;
}

/** The listings of these sellers that are not among `reached`: what a component no longer takes in. */
export async function membersOutside(q: Queryable, sellerIds: number[], reached: number[]): Promise<SellerMember[]> {
  return (
    await q.query<SellerMember>(
      `SELECT id, seller_id, (flagged OR review) AS anchor, gone_at IS NOT NULL AS gone FROM listings
       WHERE seller_id = ANY($1::int[]) AND NOT (id = ANY($2::int[])) ORDER BY id`,
      [sellerIds, reached],
    )
  ).rows;
}

/** Which of these listings belong to `sellerId`, and how many of those are live flagged/review: a part's share of it. */
export async function shareOf(q: Queryable, sellerId: number, listingIds: number[]): Promise<{ ids: number[]; anchors: number }> {
  const rows = (
    await q.query<{ id: number; anchor: boolean }>(
      `SELECT id, (flagged OR review) AND gone_at IS NULL AS anchor FROM listings WHERE seller_id = $1 AND id = ANY($2::int[]) ORDER BY id`,
      [sellerId, listingIds],
    )
  ).rows;
  return { ids: rows.map((r) => r.id), anchors: rows.filter((r) => r.anchor).length };
}

/** Takes listings that belong to no seller's part any more out of their seller (they are not flagged). */
export async function detachListings(q: Queryable, listingIds: number[]): Promise<void> {
  if (listingIds.length > 0) await q.query(`UPDATE listings SET seller_id = NULL WHERE id = ANY($1::int[])`, [listingIds]);
}

/** Every listing the link stage has a say on (flagged, in review, or in a seller), oldest first. */
export async function relinkCandidates(q: Queryable): Promise<number[]> {
  const rows = (await q.query<{ id: number }>(`SELECT id FROM listings WHERE flagged OR review OR seller_id IS NOT NULL ORDER BY id`)).rows;
  return rows.map((r) => r.id);
}

/** Live sellers (not merged into another) with at least one listing: the figure a re-link moves. */
export async function countLiveSellers(q: Queryable): Promise<number> {
  return (
    await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM sellers s WHERE s.merged_into IS NULL AND EXISTS (SELECT 1 FROM listings l WHERE l.seller_id = s.id)`)
  ).rows[0]!.n;
}

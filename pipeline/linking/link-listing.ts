// The link stage: a flagged listing joins the seller of every flagged listing it shares
// a contact (or an author handle, or a reply floor) with; sellers that meet are merged.
import type { Database, Queryable } from '../storage/database.js';
import { createSeller, mergeSellers, refreshSellerScore, resolveSeller } from '../storage/sellers.js';

// Linking reads and rewrites whole components: one at a time across all processes.
const LINK_LOCK = 72_417_003;
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
}

interface Row {
  id: number;
  flagged: boolean;
  review: boolean;
  seller_id: number | null;
}

/**
 * Flagged/review listings, plus a non-flagged reply by the same author in the same thread as one;
 * one query.
 */
async function anchorsFor(q: Queryable, listingId: number): Promise<{ self?: Row; anchors: number[] }> {
  const self = (
    await q.query<Row & { anchors: number[] }>(
      `SELECT l.id, l.flagged, l.review, l.seller_id,
         CASE WHEN l.flagged OR l.review THEN ARRAY[l.id]
              ELSE ARRAY(SELECT s.id FROM listings s
                         WHERE s.thread_key = l.thread_key AND s.author_handle = l.author_handle AND s.source_id = l.source_id
                           AND s.id <> l.id AND (s.flagged OR s.review) ORDER BY s.id) END AS anchors
       FROM listings l WHERE l.id = $1`,
      [listingId],
    )
  ).rows[0];
  if (!self) return { anchors: [] };
  return { self, anchors: self.anchors.map(Number) };
}

// One breadth-first step: the frontier's reply-floor siblings, the contacts of frontier and siblings
// not seen yet, and the flagged/review listings sharing those contacts.
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

async function component(q: Queryable, start: number[]): Promise<{ members: number[]; truncated: boolean }> {
  const members = new Set<number>(start);
  const seenContacts = new Set<number>();
  let frontier = [...start];
  let truncated = false;
  while (frontier.length > 0) {
    const rows = (await q.query<{ kind: 's' | 'c' | 'n'; id: number }>(COMPONENT_STEP, [frontier, [...seenContacts]])).rows;
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
  const pre = await anchorsFor(db, listingId);
  if (!pre.self || pre.anchors.length === 0) {
    return { listingId, created: false, merged: 0, members: 0, truncated: false, flagged: pre.self?.flagged ?? false };
  }
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [LINK_LOCK]);
    const { self, anchors } = await anchorsFor(q, listingId);
    const base = { listingId, created: false, merged: 0, members: 0, truncated: false, flagged: self?.flagged ?? false };
    if (!self || anchors.length === 0) return base;
    const { members, truncated } = await component(q, anchors);
    const owners = await q.query<{ root: number }>(
      `SELECT DISTINCT COALESCE(s.merged_into, s.id) AS root FROM listings l JOIN sellers s ON s.id = l.seller_id WHERE l.id = ANY($1::int[])`,
      [members],
    );
    let roots = owners.rows.map((r) => r.root);
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
    await q.query(`UPDATE listings SET seller_id = $1 WHERE id = ANY($2::int[]) AND seller_id IS DISTINCT FROM $1`, [survivor, members]);
    await refreshSellerScore(q, survivor);
    return { ...base, sellerId: survivor, created, merged, members: members.length, truncated };
  });
}


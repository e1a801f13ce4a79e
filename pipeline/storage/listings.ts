// Listing upserts for the analyze stage: a post is new, updated (its old body kept in
// listing_versions), or re-seen (last_seen only); posts that vanish get gone_at, never DELETE.
import type { Queryable } from './database.js';
import { setListingContacts, type ContactRef } from './contacts.js';

export interface ListingInput {
  url: string;
  pageId: number;
  sourceId: string;
  platform: string;
  position: number;
  threadKey: string;
  authorHandle: string | null;
  authorUrl: string | null;
  postedAt: string | null;
  title: string | null;
  body: string;
  normalizedBody: string;
  bodySha: string;
  images: string[];
  links: string[];
  score: number;
  flagged: boolean;
  review: boolean;
  modelVersion: string;
  certTypes: unknown[];
  reasons: string[];
  contacts: ContactRef[];
}

export type ListingOutcome = 'new' | 'updated' | 'seen';

export interface ListingUpsert {
  id: number;
  outcome: ListingOutcome;
  /** New contacts attached on this call (a reply floor can add some without changing the body). */
  contactsAdded: number;
  /** Contacts the current version no longer shows, dropped on this call: its seller may split. */
  contactsDropped: number;
  flagged: boolean;
  review: boolean;
  bodySha: string;
}

interface Existing {
  id: number;
  url: string;
  body_sha256: string;
  score: number;
  model_version: string;
}

export async function upsertListings(q: Queryable, inputs: ListingInput[], seenAt: Date): Promise<ListingUpsert[]> {
  if (inputs.length === 0) return [];
  const existing = new Map(
    (
      await q.query<Existing>(`SELECT id, url, body_sha256, score, model_version FROM listings WHERE url = ANY($1::text[]) FOR UPDATE`, [
        inputs.map((i) => i.url),
      ])
    ).rows.map((r) => [r.url, r]),
  );
  const out: ListingUpsert[] = [];
  for (const i of inputs) {
    const old = existing.get(i.url);
    let id: number;
    let outcome: ListingOutcome;
    if (!old) {
      const r = await q.query<{ id: number; inserted: boolean }>(
        `INSERT INTO listings (url, page_id, source_id, platform, position, thread_key, author_handle, author_url, posted_at, title, body,
           normalized_body, body_sha256, images, links, score, flagged, review, model_version, cert_types, reasons, first_seen, last_seen, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$22,$22)
         ON CONFLICT (url) DO UPDATE SET last_seen = GREATEST(listings.last_seen, EXCLUDED.last_seen), gone_at = NULL
         RETURNING id, (xmax = 0) AS inserted`,
        [
          i.url, i.pageId, i.sourceId, i.platform, i.position, i.threadKey, i.authorHandle, i.authorUrl, i.postedAt, i.title, i.body,
          i.normalizedBody, i.bodySha, JSON.stringify(i.images), JSON.stringify(i.links), i.score, i.flagged, i.review, i.modelVersion,
          JSON.stringify(i.certTypes), JSON.stringify(i.reasons), seenAt,
        ],
      );
      id = r.rows[0]!.id;
      outcome = r.rows[0]!.inserted ? 'new' : 'seen';
    } else if (old.body_sha256 !== i.bodySha || old.model_version !== i.modelVersion || Math.abs(old.score - i.score) > 1e-6) {
      id = old.id;
      outcome = 'updated';
      await q.query(
        `UPDATE listings SET page_id = $2, position = $3, thread_key = $4, author_handle = $5, author_url = $6, posted_at = $7, title = $8,
           body = $9, normalized_body = $10, body_sha256 = $11, images = $12, links = $13, score = $14, flagged = $15, review = $16,
           model_version = $17, cert_types = $18, reasons = $19, last_seen = GREATEST(last_seen, $20), updated_at = $20, gone_at = NULL
         WHERE id = $1`,
        [
          id, i.pageId, i.position, i.threadKey, i.authorHandle, i.authorUrl, i.postedAt, i.title, i.body, i.normalizedBody, i.bodySha,
          JSON.stringify(i.images), JSON.stringify(i.links), i.score, i.flagged, i.review, i.modelVersion, JSON.stringify(i.certTypes),
          JSON.stringify(i.reasons), seenAt,
        ],
      );
    } else {
      id = old.id;
      outcome = 'seen';
      await q.query(`UPDATE listings SET last_seen = GREATEST(last_seen, $2), gone_at = NULL, page_id = $3 WHERE id = $1`, [id, seenAt, i.pageId]);
    }
    await q.query(
      `INSERT INTO listing_versions (listing_id, body_sha256, title, body, score, seen_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [id, i.bodySha, i.title, i.body, i.score, seenAt],
    );
    const { added: contactsAdded, dropped: contactsDropped } = await setListingContacts(q, id, i.contacts);
    out.push({ id, outcome, contactsAdded, contactsDropped, flagged: i.flagged, review: i.review, bodySha: i.bodySha });
  }
  return out;
}

/**
 * Marks gone the live listings of a page that are not among `presentUrls` (all of them when the page
 * itself is gone) and drops their contacts, which then link nothing. With `analyzedSha`, the page is
 * marked analysed in the same statement unless one of them was a seller's. Returns the listings that went, with the seller each was
 * in: those the link stage must look at again, since their seller may no longer hang together.
 */
export async function markVanished(
  q: Queryable,
  pageId: number,
  presentUrls: string[],
  at: Date,
  analyzedSha?: string,
): Promise<{ id: number; seller_id: number | null; body_sha256: string }[]> {
  // One statement, atomic without a transaction: most pages end their analysis with just this.
  return (
    await q.query<{ id: number; seller_id: number | null; body_sha256: string }>(
      `WITH gone AS (UPDATE listings SET gone_at = $3 WHERE page_id = $1 AND gone_at IS NULL AND NOT (url = ANY($2::text[]))
                     RETURNING id, seller_id, body_sha256),
            d AS (DELETE FROM listing_contacts WHERE listing_id IN (SELECT id FROM gone) RETURNING listing_id, contact_id, origin),
            kept AS (INSERT INTO listing_contacts_dropped (listing_id, contact_id, origin, reason) SELECT listing_id, contact_id, origin, 'gone' FROM d),
            -- A post of a seller that went leaves link work: the page is marked once that is queued.
            done AS (UPDATE pages SET analyzed_sha256 = $4 WHERE id = $1 AND $4::text IS NOT NULL
                     AND NOT EXISTS (SELECT 1 FROM gone WHERE seller_id IS NOT NULL))
       SELECT id, seller_id, body_sha256 FROM gone`,
      [pageId, presentUrls, at, analyzedSha ?? null],
    )
  ).rows;
}

/** A page whose listings not among `presentUrls` went, analysed as `analyzedSha` (see markVanishedMany). */
export interface VanishInput {
  pageId: number;
  presentUrls: string[];
  at: Date;
  analyzedSha: string;
}

/**
 * markVanished for a batch's pages in one statement: each page's absent live listings go (contacts
 * dropped), and each page is marked analysed unless one that went was a seller's. Returns what went, by page.
 */
export async function markVanishedMany(q: Queryable, pages: VanishInput[]): Promise<Map<number, { id: number; seller_id: number | null; body_sha256: string }[]>> {
  const out = new Map<number, { id: number; seller_id: number | null; body_sha256: string }[]>(pages.map((p) => [p.pageId, []]));
  if (pages.length === 0) return out;
  const present = pages.flatMap((p) => p.presentUrls.map((u) => [p.pageId, u] as const));
  const r = await q.query<{ id: number; page_id: number; seller_id: number | null; body_sha256: string }>(
    `WITH input AS (SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::text[]) AS t(page_id, at, sha)),
          present AS (SELECT * FROM unnest($4::int[], $5::text[]) AS t(page_id, url)),
          gone AS (UPDATE listings l SET gone_at = i.at FROM input i
                   WHERE l.page_id = i.page_id AND l.gone_at IS NULL
                     AND NOT EXISTS (SELECT 1 FROM present p WHERE p.page_id = l.page_id AND p.url = l.url)
                   RETURNING l.id, l.page_id, l.seller_id, l.body_sha256),
          d AS (DELETE FROM listing_contacts WHERE listing_id IN (SELECT id FROM gone) RETURNING listing_id, contact_id, origin),
          kept AS (INSERT INTO listing_contacts_dropped (listing_id, contact_id, origin, reason) SELECT listing_id, contact_id, origin, 'gone' FROM d),
          done AS (UPDATE pages p SET analyzed_sha256 = i.sha FROM input i WHERE p.id = i.page_id
                   AND NOT EXISTS (SELECT 1 FROM gone g WHERE g.page_id = i.page_id AND g.seller_id IS NOT NULL))
     SELECT id, page_id, seller_id, body_sha256 FROM gone`,
    [pages.map((p) => p.pageId), pages.map((p) => p.at.toISOString()), pages.map((p) => p.analyzedSha), present.map((x) => x[0]), present.map((x) => x[1])],
  );
  for (const row of r.rows) out.get(row.page_id)!.push({ id: row.id, seller_id: row.seller_id, body_sha256: row.body_sha256 });
  return out;
}

export interface ListingRow {
  id: number;
  url: string;
  page_id: number | null;
  source_id: string;
  platform: string;
  thread_key: string | null;
  author_handle: string | null;
  body_sha256: string;
  score: number;
  flagged: boolean;
  review: boolean;
  seller_id: number | null;
  gone_at: Date | null;
}

export async function getListing(q: Queryable, id: number): Promise<ListingRow | undefined> {
  return (await q.query<ListingRow>(`SELECT id, url, page_id, source_id, platform, thread_key, author_handle, body_sha256, score, flagged, review, seller_id, gone_at FROM listings WHERE id = $1`, [id])).rows[0];
}

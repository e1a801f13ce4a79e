// Listing upserts for the analyze stage: a post is new, updated (its old body kept in
// listing_versions), or re-seen (last_seen only); posts that vanish get gone_at, never DELETE.
import type { Queryable } from './database.js';
import { setContactsOfListings, type ContactRef } from './contacts.js';

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

/**
 * A page's listings in a fixed number of statements whatever their count: one read under lock,
 * one INSERT of the new, one UPDATE each of the changed and the re-seen, one INSERT of versions,
 * and the contacts dropped and attached for all of them at once (see setContactsOfListings).
 */
export async function upsertListings(q: Queryable, inputs: ListingInput[], seenAt: Date | Date[]): Promise<ListingUpsert[]> {
  if (inputs.length === 0) return [];
  // One time for all, or each listing its own page's fetch time (a batch of pages).
  const at = (k: number) => (Array.isArray(seenAt) ? seenAt[k]! : seenAt).toISOString();
  const existing = new Map(
    (
      await q.query<Existing>(`SELECT id, url, body_sha256, score, model_version FROM listings WHERE url = ANY($1::text[]) ORDER BY id FOR UPDATE`, [
        inputs.map((i) => i.url),
      ])
    ).rows.map((r) => [r.url, r]),
  );
  const ids = new Array<number>(inputs.length);
  const outcomes = new Array<ListingOutcome>(inputs.length);
  const fresh: number[] = [];
  const changed: number[] = [];
  const seen: number[] = [];
  inputs.forEach((i, k) => {
    const old = existing.get(i.url);
    if (!old) return fresh.push(k);
    ids[k] = old.id;
    if (old.body_sha256 !== i.bodySha || old.model_version !== i.modelVersion || Math.abs(old.score - i.score) > 1e-6) {
      outcomes[k] = 'updated';
      changed.push(k);
    } else {
      outcomes[k] = 'seen';
      seen.push(k);
    }
  });
  const col = <T>(ks: number[], f: (i: ListingInput) => T) => ks.map((k) => f(inputs[k]!));
  if (fresh.length > 0) {
    const ks = [...fresh].sort((x, y) => (inputs[x]!.url < inputs[y]!.url ? -1 : 1));
    const r = await q.query<{ id: number; url: string; inserted: boolean }>(
      `INSERT INTO listings (url, page_id, source_id, platform, position, thread_key, author_handle, author_url, posted_at, title, body,
         normalized_body, body_sha256, images, links, score, flagged, review, model_version, cert_types, reasons, first_seen, last_seen, updated_at)
       SELECT url, page_id, source_id, platform, position, thread_key, author_handle, author_url, posted_at, title, body, normalized_body,
         body_sha256, images::jsonb, links::jsonb, score, flagged, review, model_version, cert_types::jsonb, reasons::jsonb, seen_at, seen_at, seen_at
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
         $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::real[], $17::bool[], $18::bool[], $19::text[], $20::text[], $21::text[],
         $22::timestamptz[])
         AS t(url, page_id, source_id, platform, position, thread_key, author_handle, author_url, posted_at, title, body, normalized_body,
              body_sha256, images, links, score, flagged, review, model_version, cert_types, reasons, seen_at)
       ON CONFLICT (url) DO UPDATE SET last_seen = GREATEST(listings.last_seen, EXCLUDED.last_seen), gone_at = NULL
       RETURNING id, url, (xmax = 0) AS inserted`,
      [
        col(ks, (i) => i.url), col(ks, (i) => i.pageId), col(ks, (i) => i.sourceId), col(ks, (i) => i.platform), col(ks, (i) => i.position),
        col(ks, (i) => i.threadKey), col(ks, (i) => i.authorHandle), col(ks, (i) => i.authorUrl), col(ks, (i) => i.postedAt), col(ks, (i) => i.title),
        col(ks, (i) => i.body), col(ks, (i) => i.normalizedBody), col(ks, (i) => i.bodySha), col(ks, (i) => JSON.stringify(i.images)),
        col(ks, (i) => JSON.stringify(i.links)), col(ks, (i) => i.score), col(ks, (i) => i.flagged), col(ks, (i) => i.review), col(ks, (i) => i.modelVersion),
        col(ks, (i) => JSON.stringify(i.certTypes)), col(ks, (i) => JSON.stringify(i.reasons)), ks.map(at),
      ],
    );
    const byUrl = new Map(r.rows.map((row) => [row.url, row]));
    for (const k of ks) {
      const row = byUrl.get(inputs[k]!.url);
      if (!row) throw new Error(`listing insert returned no row for ${inputs[k]!.url}`);
      ids[k] = row.id;
      outcomes[k] = row.inserted ? 'new' : 'seen';
    }
  }
  if (changed.length > 0) {
    await q.query(
      `UPDATE listings l SET page_id = t.page_id, position = t.position, thread_key = t.thread_key, author_handle = t.author_handle,
         author_url = t.author_url, posted_at = t.posted_at, title = t.title, body = t.body, normalized_body = t.normalized_body,
         body_sha256 = t.body_sha256, images = t.images::jsonb, links = t.links::jsonb, score = t.score, flagged = t.flagged, review = t.review,
         model_version = t.model_version, cert_types = t.cert_types::jsonb, reasons = t.reasons::jsonb,
         last_seen = GREATEST(l.last_seen, t.seen_at), updated_at = t.seen_at, gone_at = NULL
       FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
         $11::text[], $12::text[], $13::text[], $14::real[], $15::bool[], $16::bool[], $17::text[], $18::text[], $19::text[], $20::timestamptz[])
         AS t(id, page_id, position, thread_key, author_handle, author_url, posted_at, title, body, normalized_body, body_sha256, images, links,
              score, flagged, review, model_version, cert_types, reasons, seen_at)
       WHERE l.id = t.id`,
      [
        changed.map((k) => ids[k]), col(changed, (i) => i.pageId), col(changed, (i) => i.position), col(changed, (i) => i.threadKey),
        col(changed, (i) => i.authorHandle), col(changed, (i) => i.authorUrl), col(changed, (i) => i.postedAt), col(changed, (i) => i.title),
        col(changed, (i) => i.body), col(changed, (i) => i.normalizedBody), col(changed, (i) => i.bodySha), col(changed, (i) => JSON.stringify(i.images)),
        col(changed, (i) => JSON.stringify(i.links)), col(changed, (i) => i.score), col(changed, (i) => i.flagged), col(changed, (i) => i.review),
        col(changed, (i) => i.modelVersion), col(changed, (i) => JSON.stringify(i.certTypes)), col(changed, (i) => JSON.stringify(i.reasons)), changed.map(at),
      ],
    );
  }
  if (seen.length > 0) {
    await q.query(
      `UPDATE listings l SET last_seen = GREATEST(l.last_seen, t.seen_at), gone_at = NULL, page_id = t.page_id
       FROM unnest($1::int[], $2::int[], $3::timestamptz[]) AS t(id, page_id, seen_at) WHERE l.id = t.id`,
      [seen.map((k) => ids[k]), col(seen, (i) => i.pageId), seen.map(at)],
    );
  }
  const all = inputs.map((_, k) => k);
  await q.query(
    `INSERT INTO listing_versions (listing_id, body_sha256, title, body, score, seen_at)
     SELECT id, sha, title, body, score, seen_at
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::real[], $6::timestamptz[]) AS t(id, sha, title, body, score, seen_at)
     ON CONFLICT DO NOTHING`,
    [ids, col(all, (i) => i.bodySha), col(all, (i) => i.title), col(all, (i) => i.body), col(all, (i) => i.score), all.map(at)],
  );
  const contacts = await setContactsOfListings(q, inputs.map((i, k) => ({ listingId: ids[k]!, contacts: i.contacts })));
  return inputs.map((i, k) => ({
    id: ids[k]!,
    outcome: outcomes[k]!,
    contactsAdded: contacts.get(ids[k]!)?.added ?? 0,
    contactsDropped: contacts.get(ids[k]!)?.dropped ?? 0,
    flagged: i.flagged,
    review: i.review,
    bodySha: i.bodySha,
  }));
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
  keepAll = false,
): Promise<{ id: number; seller_id: number | null; body_sha256: string }[]> {
  // One statement, atomic without a transaction: most pages end their analysis with just this.
  const gone = await markVanishedMany(q, [{ pageId, presentUrls, at, analyzedSha: analyzedSha ?? '', mark: analyzedSha !== undefined, keepAll }]);
  return gone.get(pageId) ?? [];
}

/** A page whose listings not among `presentUrls` went, analysed as `analyzedSha` (see markVanishedMany). */
export interface VanishInput {
  pageId: number;
  presentUrls: string[];
  at: Date;
  analyzedSha: string;
  /** false: the page is marked by its caller, once its listings' link work is queued. @default true */
  mark?: boolean;
  /** The page's posts are unknown (it rendered none): its listings stay as they are. @default false */
  keepAll?: boolean;
  /** Set with the mark: the picture job this content owes a read (see markPagesAnalyzed). @default null */
  picturesJob?: string | null;
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
    `WITH given AS (SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::text[], $6::bool[], $7::bool[], $8::text[]) AS t(page_id, at, sha, mark, keep_all, pictures_job)),
          -- An analysis whose page a newer fetch changed in between writes nothing: the newer content's job will.
          input AS (SELECT g.* FROM given g JOIN pages pg ON pg.id = g.page_id WHERE g.sha = '' OR pg.content_sha256 = g.sha FOR UPDATE OF pg),
          present AS (SELECT * FROM unnest($4::int[], $5::text[]) AS t(page_id, url)),
          gone AS (UPDATE listings l SET gone_at = i.at FROM input i
                   WHERE l.page_id = i.page_id AND l.gone_at IS NULL AND NOT i.keep_all
                     AND NOT EXISTS (SELECT 1 FROM present p WHERE p.page_id = l.page_id AND p.url = l.url)
                   RETURNING l.id, l.page_id, l.seller_id, l.body_sha256),
          d AS (DELETE FROM listing_contacts WHERE listing_id IN (SELECT id FROM gone) RETURNING listing_id, contact_id, origin),
          kept AS (INSERT INTO listing_contacts_dropped (listing_id, contact_id, origin, reason) SELECT listing_id, contact_id, origin, 'gone' FROM d),
          done AS (UPDATE pages p SET analyzed_sha256 = i.sha, pictures_job = i.pictures_job FROM input i WHERE p.id = i.page_id AND i.mark
                   AND NOT EXISTS (SELECT 1 FROM gone g WHERE g.page_id = i.page_id AND g.seller_id IS NOT NULL))
     SELECT id, page_id, seller_id, body_sha256 FROM gone`,
    [pages.map((p) => p.pageId), pages.map((p) => p.at.toISOString()), pages.map((p) => p.analyzedSha), present.map((x) => x[0]), present.map((x) => x[1]), pages.map((p) => p.mark !== false), pages.map((p) => p.keepAll === true), pages.map((p) => p.picturesJob ?? null)],
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

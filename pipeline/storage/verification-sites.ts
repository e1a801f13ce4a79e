// Fake verification sites as entities: their row beside the seller row that carries their id,
// their pages' listings, and which seller posts cite which host (site_citations, migration 014).
import type { Queryable } from './database.js';

export interface CitationRow {
  host: string;
  via: 'link' | 'text' | 'qr' | 'own-site';
  url: string;
}

/** The hosts these listings' current versions cite, replacing what earlier versions cited (two statements for a page). */
export async function replaceCitationsMany(q: Queryable, rows: { listingId: number; cites: CitationRow[] }[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(`DELETE FROM site_citations WHERE listing_id = ANY($1::int[])`, [rows.map((r) => r.listingId)]);
  const flat = rows.flatMap((r) => r.cites.map((c) => ({ listing_id: r.listingId, host: c.host, via: c.via, url: c.url.slice(0, 2000) })));
  if (flat.length === 0) return;
  await q.query(
    `INSERT INTO site_citations (listing_id, host, via, url)
     SELECT c.listing_id, c.host, c.via, c.url FROM jsonb_to_recordset($1::jsonb) AS c(listing_id int, host text, via text, url text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(flat)],
  );
}

/**
 * The seller id of the site at `host`, made on first sight (a seller row of kind
 * 'verification-site'), with its title and reasons brought up to date. Safe against a second
 * analysis of the same host at once: the loser's fresh seller row is removed again.
 */
export async function ensureVerificationSite(q: Queryable, site: { host: string; title: string; reasons: string[]; at: Date }): Promise<{ sellerId: number; created: boolean }> {
  const update = async () =>
    (
      await q.query<{ seller_id: number }>(
        `UPDATE verification_sites SET title = $2, reasons = $3, last_seen = GREATEST(last_seen, $4) WHERE host = $1 RETURNING seller_id`,
        [site.host, site.title.slice(0, 500), JSON.stringify(site.reasons.slice(0, 20)), site.at],
      )
    ).rows[0]?.seller_id;
  const known = await update();
  if (known !== undefined) return { sellerId: known, created: false };
  const sellerId = (await q.query<{ id: number }>(`INSERT INTO sellers (kind) VALUES ('verification-site') RETURNING id`)).rows[0]!.id;
  const inserted = await q.query(
    `INSERT INTO verification_sites (host, seller_id, title, reasons, first_seen, last_seen) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (host) DO NOTHING RETURNING host`,
    [site.host, sellerId, site.title.slice(0, 500), JSON.stringify(site.reasons.slice(0, 20)), site.at],
  );
  if (inserted.rows.length > 0) return { sellerId, created: true };
  await q.query(`DELETE FROM sellers WHERE id = $1`, [sellerId]);
  return { sellerId: (await update())!, created: false };
}

/** Puts a site's page listing under the site's seller row and refreshes that row's score. */
export async function attachSitePage(q: Queryable, sellerId: number, listingId: number): Promise<void> {
  await q.query(`UPDATE listings SET seller_id = $1 WHERE id = $2 AND seller_id IS DISTINCT FROM $1`, [sellerId, listingId]);
  await q.query(
    `UPDATE sellers SET score = COALESCE((SELECT max(score) FROM listings WHERE seller_id = $1 AND flagged), 0), updated_at = now() WHERE id = $1`,
    [sellerId],
  );
}

export interface SiteOfSeller {
  seller_id: number;
  host: string;
  title: string | null;
  reasons: string[];
}

/** The verification sites among these seller ids. */
export async function verificationSitesOf(q: Queryable, sellerIds: number[]): Promise<SiteOfSeller[]> {
  if (sellerIds.length === 0) return [];
  return (
    await q.query<SiteOfSeller>(`SELECT seller_id, host, title, reasons FROM verification_sites WHERE seller_id = ANY($1::int[]) ORDER BY seller_id`, [sellerIds])
  ).rows;
}

/**
 * For each of these verification-site sellers, the live sellers whose posts cite its host (through
 * any citation, their own site included), and the reverse for seller ids: one row per pair.
 */
export async function citationPairs(q: Queryable, ids: number[]): Promise<{ site_id: number; seller_id: number }[]> {
  if (ids.length === 0) return [];
  return (
    await q.query<{ site_id: number; seller_id: number }>(
      `SELECT DISTINCT v.seller_id AS site_id, COALESCE(s.merged_into, s.id) AS seller_id
       FROM verification_sites v
       JOIN site_citations c ON c.host = v.host
       JOIN listings l ON l.id = c.listing_id AND l.gone_at IS NULL AND (l.flagged OR l.review)
       JOIN sellers s ON s.id = l.seller_id AND s.kind = 'seller'
       WHERE v.seller_id = ANY($1::int[]) OR s.id = ANY($1::int[]) OR s.merged_into = ANY($1::int[])
       ORDER BY 1, 2`,
      [ids],
    )
  ).rows;
}

/** Which of these page URLs some crawl fetched since `since`: a visit to a cited site skips them. */
export async function fetchedSince(q: Queryable, urls: string[], since: Date): Promise<Set<string>> {
  if (urls.length === 0) return new Set();
  const rows = (await q.query<{ url: string }>(`SELECT url FROM pages WHERE url = ANY($1::text[]) AND fetched_at >= $2`, [urls, since])).rows;
  return new Set(rows.map((r) => r.url));
}

// What OCR and QR decoding read in each image content, and which listing showed which image:
// the cache that keeps the engine off bytes it has read, and the provenance of image contacts.
import type { Queryable } from './database.js';

export interface ImageContact {
  kind: 'phone' | 'wechat' | 'qq' | 'email' | 'url';
  value: string;
  /** 'image' (OCR) or 'qr'. */
  origin: 'image' | 'qr';
}

export interface ImageRead {
  sha256: string;
  status: 'read' | 'skipped' | 'failed';
  reason: string | null;
  ocrText: string;
  qrText: string | null;
  contacts: ImageContact[];
  bytes: number;
  width: number | null;
  height: number | null;
  ms: number;
  engine: string;
}

interface ImageReadRow {
  sha256: string;
  status: ImageRead['status'];
  reason: string | null;
  ocr_text: string;
  qr_text: string | null;
  contacts: ImageContact[] | string;
  bytes: number;
  width: number | null;
  height: number | null;
  ms: number;
  engine: string;
}

function fromRow(r: ImageReadRow): ImageRead {
  const contacts = typeof r.contacts === 'string' ? (JSON.parse(r.contacts) as ImageContact[]) : r.contacts;
  return { sha256: r.sha256, status: r.status, reason: r.reason, ocrText: r.ocr_text, qrText: r.qr_text, contacts, bytes: r.bytes, width: r.width, height: r.height, ms: r.ms, engine: r.engine };
}

/** The stored reads of these image contents made by `engine` (an older engine's read is read again). */
export async function imageReadsBySha(q: Queryable, shas: string[], engine: string): Promise<Map<string, ImageRead>> {
  if (shas.length === 0) return new Map();
  const r = await q.query<ImageReadRow>(`SELECT * FROM image_reads WHERE sha256 = ANY($1::text[]) AND engine = $2`, [shas, engine]);
  return new Map(r.rows.map((row) => [row.sha256, fromRow(row)]));
}

/** Stores reads in one statement; a second worker that read the same bytes at once simply replaces the row. */
export async function saveImageReads(q: Queryable, reads: ImageRead[]): Promise<void> {
  // ON CONFLICT touches a row once per statement: one row per content.
  const unique = [...new Map(reads.map((x) => [x.sha256, x])).values()];
  if (unique.length === 0) return;
  const col = <T>(f: (x: ImageRead) => T) => unique.map(f);
  await q.query(
    `INSERT INTO image_reads (sha256, status, reason, ocr_text, qr_text, contacts, bytes, width, height, ms, engine, read_at)
     SELECT sha, status, reason, ocr_text, qr_text, contacts::jsonb, bytes, width, height, ms, engine, now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[], $10::int[], $11::text[])
       AS t(sha, status, reason, ocr_text, qr_text, contacts, bytes, width, height, ms, engine)
     ON CONFLICT (sha256) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, ocr_text = EXCLUDED.ocr_text,
       qr_text = EXCLUDED.qr_text, contacts = EXCLUDED.contacts, bytes = EXCLUDED.bytes, width = EXCLUDED.width,
       height = EXCLUDED.height, ms = EXCLUDED.ms, engine = EXCLUDED.engine, read_at = EXCLUDED.read_at`,
    [
      col((x) => x.sha256), col((x) => x.status), col((x) => x.reason), col((x) => x.ocrText), col((x) => x.qrText), col((x) => JSON.stringify(x.contacts)),
      col((x) => x.bytes), col((x) => x.width), col((x) => x.height), col((x) => x.ms), col((x) => x.engine),
    ],
  );
}

/**
 * What was read at these image URLs when a listing last showed them (by `engine`, status read): the
 * analyze stage scores a re-analysed post on its pictures' known words at once, so a page that
 * changes does not lose its pictures' contacts until the picture stage has fetched them again.
 */
export async function knownReadsAt(q: Queryable, urls: string[], engine: string): Promise<Map<string, ImageRead>> {
  if (urls.length === 0) return new Map();
  const r = await q.query<ImageReadRow & { url: string }>(
    `SELECT DISTINCT ON (li.url) li.url, ir.* FROM listing_images li JOIN image_reads ir ON ir.sha256 = li.sha256
     WHERE li.url = ANY($1::text[]) AND ir.engine = $2 AND ir.status = 'read' ORDER BY li.url, li.seen_at DESC`,
    [[...new Set(urls)], engine],
  );
  return new Map(r.rows.map((row) => [row.url, fromRow(row)]));
}

/** Makes `images` (URL → content hash, each already in image_reads) the listing's images. */
export async function setListingImages(q: Queryable, listingId: number, images: Array<{ url: string; sha256: string }>): Promise<void> {
  await setListingImagesMany(q, [{ listingId, images }]);
}

/** setListingImages for many listings in two statements, whatever their count. */
export async function setListingImagesMany(q: Queryable, rows: Array<{ listingId: number; images: Array<{ url: string; sha256: string }> }>): Promise<void> {
  if (rows.length === 0) return;
  // ON CONFLICT touches a row once per statement: each (listing, URL) once, the last one given.
  const pairs = [...new Map(rows.flatMap((r) => r.images.map((i) => [`${r.listingId}\u0000${i.url}`, { id: r.listingId, url: i.url, sha: i.sha256 }] as const))).values()];
  await q.query(
    `DELETE FROM listing_images li USING unnest($1::int[]) AS t(id)
     WHERE li.listing_id = t.id AND NOT EXISTS (SELECT 1 FROM unnest($2::int[], $3::text[]) AS n(id, url) WHERE n.id = li.listing_id AND n.url = li.url)`,
    [[...new Set(rows.map((r) => r.listingId))], pairs.map((p) => p.id), pairs.map((p) => p.url)],
  );
  if (pairs.length === 0) return;
  await q.query(
    `INSERT INTO listing_images (listing_id, url, sha256)
     SELECT id, u, s FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, u, s)
     ON CONFLICT (listing_id, url) DO UPDATE SET sha256 = EXCLUDED.sha256, seen_at = CASE WHEN listing_images.sha256 = EXCLUDED.sha256 THEN listing_images.seen_at ELSE now() END`,
    [pairs.map((p) => p.id), pairs.map((p) => p.url), pairs.map((p) => p.sha)],
  );
}

export interface ListingImageRead extends ImageRead {
  url: string;
}

/** A listing's images with what was read in each (the listing page shows them beside the image). */
export async function listingImageReads(q: Queryable, listingId: number): Promise<ListingImageRead[]> {
  const r = await q.query<ImageReadRow & { url: string }>(
    `SELECT li.url, ir.* FROM listing_images li JOIN image_reads ir ON ir.sha256 = li.sha256 WHERE li.listing_id = $1 ORDER BY li.url`,
    [listingId],
  );
  return r.rows.map((row) => ({ ...fromRow(row), url: row.url }));
}

/** How many image contents were read, skipped (over budget) and failed, and how long reads took. */
export async function imageReadCounts(q: Queryable): Promise<{ read: number; skipped: number; failed: number; medianMs: number | null }> {
  const r = await q.query<{ status: string; n: number; median: number | null }>(
    `SELECT status, count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median FROM image_reads GROUP BY status`,
  );
  const by = new Map(r.rows.map((x) => [x.status, x]));
  const median = by.get('read')?.median;
  return { read: by.get('read')?.n ?? 0, skipped: by.get('skipped')?.n ?? 0, failed: by.get('failed')?.n ?? 0, medianMs: median === null || median === undefined ? null : Math.round(Number(median)) };
}

/** The contacts read in the images at these URLs (as any listing showed them). */
export async function contactsReadAt(q: Queryable, urls: string[]): Promise<Map<string, ImageContact[]>> {
  if (urls.length === 0) return new Map();
  const r = await q.query<{ url: string; contacts: ImageContact[] | string }>(
    `SELECT DISTINCT ON (li.url) li.url, ir.contacts FROM listing_images li JOIN image_reads ir ON ir.sha256 = li.sha256 WHERE li.url = ANY($1::text[]) ORDER BY li.url`,
    [urls],
  );
  return new Map(r.rows.map((x) => [x.url, typeof x.contacts === 'string' ? (JSON.parse(x.contacts) as ImageContact[]) : x.contacts]));
}

// Everything the listing page shows: the post with the classifier's verdict and its page's
// hash, the contacts found in it, its latest screenshots and the labels analysts gave it.
import type { Queryable } from '../../pipeline/storage/database.js';

export interface ListingDetail {
  id: number;
  url: string;
  platform: string;
  source_id: string;
  title: string | null;
  body: string;
  author_handle: string | null;
  author_url: string | null;
  posted_at: string | null;
  score: number;
  flagged: boolean;
  review: boolean;
  model_version: string;
  cert_types: unknown;
  reasons: unknown;
  seller_id: number | null;
  first_seen: Date;
  last_seen: Date;
  gone_at: Date | null;
  page_id: number | null;
  page_sha: string | null;
  contacts: { kind: string; value: string }[];
  screenshots: { id: number; captured_at: Date }[];
  labels: { label: string; actor: string; at: Date }[];
  /** The post's images with what OCR and QR decoding read in each: the provenance of image contacts. */
  images: { url: string; sha256: string; status: string; reason: string | null; ocr_text: string; qr_text: string | null; contacts: unknown }[];
}

/** The listing and what hangs off it; null (and nothing more read) when there is no such listing. */
export async function readListingPage(db: Queryable, id: number): Promise<ListingDetail | null> {
  const r = await db.query<Omit<ListingDetail, 'contacts' | 'screenshots' | 'labels' | 'images'>>(
    `SELECT l.id, l.url, l.platform, l.source_id, l.title, l.body, l.author_handle, l.author_url, l.posted_at, l.score, l.flagged, l.review,
            l.model_version, l.cert_types, l.reasons, l.seller_id, l.first_seen, l.last_seen, l.gone_at, l.page_id, p.sha256 AS page_sha
     FROM listings l LEFT JOIN pages p ON p.id = l.page_id WHERE l.id = $1`,
    [id],
  );
  const row = r.rows[0];
  if (!row) return null;
  const [contacts, screenshots, labels] = await Promise.all([
    db.query<{ kind: string; value: string }>(
      'SELECT c.kind, c.value FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id WHERE lc.listing_id = $1 ORDER BY c.kind, c.value',
      [id],
    ),
    db.query<{ id: number; captured_at: Date }>(
      `SELECT id, captured_at FROM evidence WHERE listing_id = $1 AND role = 'screenshot' ORDER BY captured_at DESC LIMIT 3`,
      [id],
    ),
    db.query<{ label: string; actor: string; at: Date }>('SELECT label, actor, at FROM labels WHERE listing_id = $1 ORDER BY at DESC LIMIT 50', [id]),
  ]);
  const images = await db.query<ListingDetail['images'][number]>(
    `SELECT li.url, ir.sha256, ir.status, ir.reason, ir.ocr_text, ir.qr_text, ir.contacts
     FROM listing_images li JOIN image_reads ir ON ir.sha256 = li.sha256 WHERE li.listing_id = $1 ORDER BY li.url LIMIT 50`,
    [id],
  );
  return { ...row, contacts: contacts.rows, screenshots: screenshots.rows, labels: labels.rows, images: images.rows };
}

/** Whether the image content `sha` was shown by listing `id` (only such bytes are served beside it). */
export async function listingShowsImage(db: Queryable, id: number, sha: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM listing_images WHERE listing_id = $1 AND sha256 = $2 LIMIT 1', [id, sha]);
  return r.rows.length > 0;
}

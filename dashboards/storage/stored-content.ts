// The lookups behind stored page copies and evidence files: a page (or an earlier version of
// it) by id and hash, an evidence file by id, each with the seller and listing the audit names.
import type { Queryable } from '../../pipeline/storage/database.js';

export interface StoredPageRow {
  charset: string | null;
  content_type: string | null;
  seller_id: number | null;
  listing_id: number | null;
}

/** The page when `sha` is its current hash or one of its earlier versions'; undefined otherwise. */
export async function readStoredPage(db: Queryable, pageId: number, sha: string): Promise<StoredPageRow | undefined> {
  const r = await db.query<StoredPageRow>(
    `SELECT p.charset, p.content_type,
            (SELECT l.seller_id FROM listings l WHERE l.page_id = p.id AND l.seller_id IS NOT NULL LIMIT 1) AS seller_id,
            (SELECT l.id FROM listings l WHERE l.page_id = p.id LIMIT 1) AS listing_id
     FROM pages p WHERE p.id = $1 AND (p.sha256 = $2 OR EXISTS (SELECT 1 FROM page_versions v WHERE v.page_id = p.id AND v.sha256 = $2))`,
    [pageId, sha],
  );
  return r.rows[0];
}

export interface EvidenceFileRow {
  sha256: string;
  media_type: string;
  role: string;
  listing_id: number;
  seller_id: number | null;
}

export async function readEvidenceFile(db: Queryable, id: number): Promise<EvidenceFileRow | undefined> {
  const r = await db.query<EvidenceFileRow>(
    `SELECT e.sha256, e.media_type, e.role, e.listing_id, l.seller_id FROM evidence e JOIN listings l ON l.id = e.listing_id WHERE e.id = $1`,
    [id],
  );
  return r.rows[0];
}

// A seller's posts with their text and contacts, best first: the queue row's "all posts" expansion
// and the seller page's excerpts read this, so the evidence is seen without opening each listing.
import type { Queryable } from '../../pipeline/storage/database.js';

export interface SellerPost {
  id: number;
  title: string | null;
  /** The post's text, cut to the first few thousand characters (an excerpt is made from it). */
  body: string;
  platform: string;
  url: string;
  score: number;
  flagged: boolean;
  cert_types: unknown;
  first_seen: Date;
  last_seen: Date;
  gone_at: Date | null;
  contacts: { kind: string; value: string }[];
}

export const POSTS_LIMIT = 100;

export async function readSellerPosts(db: Queryable, sellerId: number, limit = POSTS_LIMIT): Promise<SellerPost[]> {
  const r = await db.query<SellerPost>(
    `SELECT l.id, l.title, left(l.body, 4000) AS body, l.platform, l.url, l.score, l.flagged, l.cert_types, l.first_seen, l.last_seen, l.gone_at,
            COALESCE((SELECT json_agg(json_build_object('kind', c.kind, 'value', c.value) ORDER BY c.kind, c.value)
                        FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id WHERE lc.listing_id = l.id), '[]') AS contacts
       FROM listings l WHERE l.seller_id = $1
      ORDER BY l.flagged DESC, l.score DESC, l.id LIMIT $2`,
    [sellerId, limit],
  );
  return r.rows;
}

// A migrated database with one source and one forum page, and the helpers the linking tests share:
// add listings as the analyze stage would, add more pages, and ask which live seller holds a listing.
import { upsertListings, type ListingInput } from '../../pipeline/storage/listings.js';
import { resolveSeller } from '../../pipeline/storage/sellers.js';
import { testDatabase, type TestDatabase } from './services.js';

export interface LinkingDb {
  t: TestDatabase;
  pageId: number;
  /** Another page of the source (a page that goes away takes only its own listings with it). */
  newPage(path: string): Promise<number>;
  /** Upserts listings on their own page (`pageId` in the input) or on the default page. */
  add(...inputs: ListingInput[]): Promise<number[]>;
  /** The live seller a listing belongs to. */
  sellerOf(listingId: number): Promise<number>;
}

export async function linkingDatabase(kind: 'postgres' | 'pglite'): Promise<LinkingDb> {
  const t = await testDatabase(kind);
  await t.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('src', 'S', 'discuz', 'http')`);
  const newPage = async (path: string) =>
    (await t.db.query<{ id: number }>(
      `INSERT INTO pages (url, final_url, source_id, status, render, sha256, fetched_at) VALUES ($1, $1, 'src', 200, 'http', $2, now()) RETURNING id`,
      [`http://forum.test/${path}`, path],
    )).rows[0]!.id;
  const pageId = await newPage('p');
  return {
    t,
    pageId,
    newPage,
    async add(...inputs) {
      return (await t.db.tx((q) => upsertListings(q, inputs.map((i) => ({ ...i, pageId: i.pageId || pageId })), new Date()))).map((x) => x.id);
    },
    async sellerOf(listingId) {
      const row = (await t.db.query<{ seller_id: number }>(`SELECT seller_id FROM listings WHERE id = $1`, [listingId])).rows[0]!;
      return resolveSeller(t.db, row.seller_id);
    },
  };
}

// The link worker asks for a capture from the listing as linking read it: the right body hash,
// reason and priority, none for gone or unflagged posts, and no read after the link transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import type { AppContext } from '../../pipeline/app/context.js';
import type { Database, Queryable } from '../../pipeline/storage/database.js';
import { upsertListings, type ListingInput } from '../../pipeline/storage/listings.js';
import { createLinkProcessor } from '../../pipeline/workers/link-processor.js';
import { testDatabase, type TestDatabase } from '../support/services.js';
import { listingInput } from '../support/listing-input.js';

let phones = 0;
/** Each listing its own phone, so each is its own seller unless a test says otherwise. */
function listing(over: Partial<ListingInput> = {}): ListingInput {
  phones++;
  return listingInput({ certTypes: [], contacts: [{ kind: 'phone', value: `1380000${String(phones).padStart(4, '0')}`, origin: 'text' }], ...over });
}

/** The database with every statement logged, and where each link transaction ended. */
function recording(db: Database, log: string[]): Database {
  const logged = (q: Queryable): Queryable => ({
    query: (sql, params) => (log.push(sql), q.query(sql, params)),
  });
  return {
    ...db,
    query: logged(db).query,
    tx: async (fn) => {
      const out = await db.tx((q) => fn(logged(q)));
      log.push('-- committed');
      return out;
    },
  };
}

describe('the link worker', () => {
  let t: TestDatabase;
  let pageId: number;
  const added: { name: string; data: unknown; opts: { jobId?: string; priority?: number } }[] = [];
  const log: string[] = [];
  let processor: ReturnType<typeof createLinkProcessor>;

  beforeAll(async () => {
    t = await testDatabase('postgres');
    await t.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('src', 'S', 'discuz', 'http')`);
    pageId = (await t.db.query<{ id: number }>(
      `INSERT INTO pages (url, final_url, source_id, status, render, sha256, fetched_at) VALUES ('http://forum.test/p', 'http://forum.test/p', 'src', 200, 'http', 'x', now()) RETURNING id`,
    )).rows[0]!.id;
    const captureQueue = { add: async (name: string, data: unknown, opts: { jobId?: string; priority?: number }) => void added.push({ name, data, opts }) };
    const ctx = { config: { capture: { enabled: true } }, db: recording(t.db, log), queue: () => captureQueue } as unknown as AppContext;
    processor = createLinkProcessor({ ctx });
  });
  afterAll(async () => t?.drop());

  async function add(i: ListingInput, at = new Date()): Promise<number> {
    return (await t.db.tx((q) => upsertListings(q, [{ ...i, pageId }], at)))[0]!.id;
  }
  const run = (listingId: number) => processor.process({ data: { listingId } } as Job<{ listingId: number }>);

  it('captures a flagged listing at the body linking read, changed once it had two bodies', async () => {
    const first = listing();
    const id = await add(first);
    added.length = 0;
    log.length = 0;
    const r = await run(id);
    expect(r).toMatchObject({ listingId: id, created: true, flagged: true, capture: true });
    expect(r).not.toHaveProperty('listing');
    expect(added).toEqual([{ name: 'capture', data: { listingId: id, reason: 'flagged' }, opts: expect.objectContaining({ jobId: `capture:${id}:${first.bodySha}`, priority: 101 }) }]);
    // Everything capture needed came from inside the link transaction.
    expect(log.at(-1)).toBe('-- committed');

    await add({ ...first, body: 'edited', normalizedBody: 'edited', bodySha: 'sha-edited', score: 0.5 });
    added.length = 0;
    expect((await run(id)).capture).toBe(true);
    expect(added).toEqual([{ name: 'capture', data: { listingId: id, reason: 'changed' }, opts: expect.objectContaining({ jobId: `capture:${id}:sha-edited`, priority: 501 }) }]);
  });

  it('asks for no capture of a gone listing or an unflagged one', async () => {
    const gone = await add(listing());
    await t.db.query(`UPDATE listings SET gone_at = now() WHERE id = $1`, [gone]);
    const plain = await add(listing({ flagged: false, score: 0.1 }));
    added.length = 0;
    expect(await run(gone)).toMatchObject({ flagged: true, capture: false });
    expect((await run(gone)).sellerId).toBeDefined();
    expect(await run(plain)).toMatchObject({ flagged: false, capture: false });
    expect(added).toEqual([]);
  });
});

// An AppContext for evidence tests: a fresh Postgres schema, a temp data dir with its
// own blob store and keys, and helpers to seed a seller with listings.
import { join } from 'node:path';
import { pino } from 'pino';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppContext } from '../../pipeline/app/context.js';
import { configSchema } from '../../pipeline/config/schema.js';
import { OutboundPolicy } from '../../crawlers/index.js';
import { BlobStore } from '../../pipeline/storage/blob-store.js';
import { clearRedisPrefix, tempDir, testDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from '../support/services.js';

/** The test page servers listen on 127.0.0.x, which a source must opt into, as the sandbox's do. */
export const labOutbound = (): OutboundPolicy => new OutboundPolicy({ allowPrivateAddresses: true });

export interface EvidenceTestContext {
  ctx: AppContext;
  dataDir: string;
  close(): Promise<void>;
}

/** With `redis`, the context has real Redis connections under a unique queue prefix. */
export async function evidenceContext(opts: { redis?: boolean } = {}): Promise<EvidenceTestContext> {
  const dir = tempDir('certwatch-evidence-');
  const t: TestDatabase = await testDatabase('postgres');
  const queuePrefix = uniqueName('cwev');
  const config = configSchema.parse({ dataDir: dir.path, queuePrefix, ...(opts.redis ? { redisUrl: TEST_REDIS_URL } : {}) });
  const connections: Redis[] = [];
  const queues = new Map<string, Queue>();
  const connection = () => {
    if (!opts.redis) throw new Error('no Redis in this test context');
    const c = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    connections.push(c);
    return c;
  };
  const ctx: AppContext = {
    config,
    log: pino({ level: 'silent' }),
    db: t.db,
    blobs: new BlobStore(join(dir.path, 'blobs')),
    redisUrl: opts.redis ? TEST_REDIS_URL : undefined,
    connection,
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        q = new Queue(name, { connection: connection(), prefix: queuePrefix });
        queues.set(name, q);
      }
      return q as never;
    },
    async close() {},
  };
  return {
    ctx,
    dataDir: dir.path,
    async close() {
      for (const q of queues.values()) await q.close();
      if (opts.redis) {
        const r = new Redis(TEST_REDIS_URL);
        await clearRedisPrefix(r, queuePrefix);
        r.disconnect();
      }
      for (const c of connections) c.disconnect();
      await t.drop();
      dir.remove();
    },
  };
}

export interface SeededListing {
  url: string;
  title?: string;
  body?: string;
  contacts?: { kind: string; value: string }[];
}

/** Inserts a source, a seller and its listings (with contacts); returns their ids. */
export async function seedSeller(ctx: AppContext, listings: SeededListing[], sourceId = 'test'): Promise<{ sellerId: number; listingIds: number[] }> {
  await ctx.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ($1, $1, 'bbs', 'browser') ON CONFLICT DO NOTHING`, [sourceId]);
  const s = await ctx.db.query<{ id: number }>(`INSERT INTO sellers (status, score) VALUES ('in_review', 0.9) RETURNING id`);
  const sellerId = s.rows[0]!.id;
  const listingIds: number[] = [];
  for (const [i, l] of listings.entries()) {
    const body = l.body ?? `出售电工证 焊工证 包过 加微信 seller${sellerId}-${i}`;
    const r = await ctx.db.query<{ id: number }>(
      `INSERT INTO listings (url, source_id, platform, title, body, normalized_body, body_sha256, score, flagged, model_version, seller_id, author_handle)
       VALUES ($1, $2, 'bbs', $3, $4, $4, md5($4) || md5($4), 0.93, true, 'test', $5, $6) RETURNING id`,
      [l.url, sourceId, l.title ?? `办证 ${i}`, body, sellerId, `作者${i}`],
    );
    const id = r.rows[0]!.id;
    listingIds.push(id);
    for (const c of l.contacts ?? []) {
      const cr = await ctx.db.query<{ id: number }>(
        `INSERT INTO contacts (kind, value) VALUES ($1, $2) ON CONFLICT (kind, value) DO UPDATE SET kind = EXCLUDED.kind RETURNING id`,
        [c.kind, c.value],
      );
      await ctx.db.query(`INSERT INTO listing_contacts (listing_id, contact_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, cr.rows[0]!.id]);
    }
  }
  return { sellerId, listingIds };
}

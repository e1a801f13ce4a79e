// Test harness for the pipeline: an AppContext over a test database (Postgres schema or
// PGlite dir), a temp blob store and a unique queue prefix on the real Redis, namespaced by the
// database's installation id exactly as openApp does.
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { configSchema, type CertwatchConfig } from '../../pipeline/config/schema.js';
import type { AppContext } from '../../pipeline/app/context.js';
import { createLogger } from '../../pipeline/app/logger.js';
import { BlobStore } from '../../pipeline/storage/blob-store.js';
import type { QueueName } from '../../pipeline/queues/names.js';
import { installationQueuePrefix } from '../../pipeline/queues/namespace.js';
import { TEST_REDIS_URL, clearRedisPrefix, tempDir, testDatabase, uniqueName, type TestDatabase } from '../support/services.js';

export interface Harness {
  ctx: AppContext;
  t: TestDatabase;
  /** The configured prefix; the queues live under ctx.config.queuePrefix (prefix + installation id). */
  prefix: string;
  dataDir: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Share a prefix with an earlier harness (a second database on the same Redis). */
  prefix?: string;
  /** Leave the prefix's keys in Redis on close, for a later harness to meet. */
  keepRedis?: boolean;
}

export async function openHarness(
  kind: 'postgres' | 'pglite',
  overrides: Partial<CertwatchConfig> = {},
  redisUrl = TEST_REDIS_URL,
  opts: HarnessOptions = {},
): Promise<Harness> {
  const t = await testDatabase(kind);
  const dir = tempDir('certwatch-pipe-');
  const prefix = opts.prefix ?? uniqueName('cwtest');
  const { installationId, queuePrefix } = await installationQueuePrefix(t.db, prefix);
  const config: CertwatchConfig = { ...configSchema.parse({ dataDir: dir.path, queuePrefix }), ...overrides };
  const log = createLogger('test', process.env.CERTWATCH_TEST_LOG ?? 'silent');
  const connections: Redis[] = [];
  const queues = new Map<QueueName, Queue>();
  const connection = () => {
    const c = new Redis(redisUrl, { maxRetriesPerRequest: null });
    c.on('error', () => undefined);
    connections.push(c);
    return c;
  };
  const ctx: AppContext = {
    config,
    installationId,
    log,
    db: t.db,
    blobs: new BlobStore(join(dir.path, 'blobs')),
    redisUrl,
    connection,
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        queues.set(name, (q = new Queue(name, { connection: connection(), prefix: config.queuePrefix })));
        q.on('error', () => undefined);
      }
      return q as never;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
      for (const c of connections) c.disconnect();
    },
  };
  return {
    ctx,
    t,
    prefix,
    dataDir: dir.path,
    async close() {
      if (!opts.keepRedis) {
        const r = new Redis(redisUrl, { maxRetriesPerRequest: null });
        r.on('error', () => undefined);
        await clearRedisPrefix(r, prefix).catch(() => undefined);
        r.disconnect();
      }
      await ctx.close();
      await t.drop();
      dir.remove();
    },
  };
}

/** Postgres URL that puts a client in the test's schema (for child processes). */
export function schemaUrl(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

// An AppContext for dashboard tests: a fresh Postgres schema, a temp blob store and
// real Redis under a unique queue prefix — the same shape openApp gives production.
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppContext } from '../../../pipeline/app/context.js';
import { createLogger } from '../../../pipeline/app/logger.js';
import { configSchema } from '../../../pipeline/config/schema.js';
import type { QueueName } from '../../../pipeline/queues/names.js';
import { BlobStore } from '../../../pipeline/storage/blob-store.js';
import { clearRedisPrefix, tempDir, testDatabase, TEST_REDIS_URL, uniqueName } from '../../support/services.js';

export interface TestContext extends AppContext {
  prefix: string;
  /** The Postgres schema the test's tables live in (child processes join it through search_path). */
  schema: string;
}

/** `schema` with `keep`: a named schema reused across runs and not dropped on close (benchmarks). */
export async function openTestContext(opts: { schema?: string; keep?: boolean } = {}): Promise<TestContext> {
  const t = await testDatabase('postgres', opts);
  const dir = tempDir('certwatch-dash-');
  const prefix = uniqueName('cwdash');
  const config = configSchema.parse({ dataDir: dir.path, queuePrefix: prefix, redisUrl: TEST_REDIS_URL, databaseUrl: t.url });
  const connections: Redis[] = [];
  const queues = new Map<QueueName, Queue>();
  const connection = () => {
    const c = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    connections.push(c);
    return c;
  };
  return {
    prefix,
    schema: t.schema!,
    config,
    log: createLogger('dashboard-test', process.env.CERTWATCH_LOG_LEVEL ?? 'silent'),
    db: t.db,
    blobs: new BlobStore(join(dir.path, 'blobs')),
    redisUrl: TEST_REDIS_URL,
    connection,
    queue<N extends QueueName>(name: N) {
      let q = queues.get(name);
      if (!q) {
        q = new Queue(name, { connection: connection(), prefix });
        queues.set(name, q);
      }
      return q as never;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      const r = new Redis(TEST_REDIS_URL);
      await clearRedisPrefix(r, prefix);
      r.disconnect();
      for (const c of connections) c.disconnect();
      await t.drop();
      dir.remove();
    },
  };
}

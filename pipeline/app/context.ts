// The process-wide handles every command and worker needs (config, log, database,
// blob store, Redis, queues), opened once and closed in reverse order.
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { loadConfig } from '../config/load.js';
import type { CertwatchConfig } from '../config/schema.js';
import { openDatabase, type Database } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';
import { BlobStore } from '../storage/blob-store.js';
import { ensureDataDir } from '../storage/data-dir.js';
import type { JobData, QueueName } from '../queues/names.js';
import { installationQueuePrefix } from '../queues/namespace.js';
import { createLogger, type Logger } from './logger.js';
import { resolveRedis, type RedisHandle } from './redis.js';

export interface AppContext {
  /**
   * As loaded, except `queuePrefix`: once opened it is the installation's namespace (configured
   * prefix + the database's installation id), the one prefix every queue and worker must use.
   */
  config: CertwatchConfig;
  /** The database's installation id (absent in test contexts that build their own). */
  installationId?: string;
  log: Logger;
  db: Database;
  blobs: BlobStore;
  /** Absent when the command asked for no Redis. */
  redisUrl?: string;
  /** A new ioredis connection (BullMQ workers each need their own blocking one). */
  connection(opts?: RedisOptions): Redis;
  queue<N extends QueueName>(name: N): Queue<JobData[N]>;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  config?: CertwatchConfig;
  redis?: boolean;
  /** start/demo may launch a private redis-server when none answers. */
  allowPrivateRedis?: boolean;
  log?: Logger;
}

export async function openApp(opts: OpenAppOptions = {}): Promise<AppContext> {
  const loaded = opts.config ?? loadConfig();
  const log = opts.log ?? createLogger(undefined, undefined, { timezone: loaded.timeZone, file: loaded.logFile === '-' ? undefined : loaded.logFile });
  const dataDir = resolve(loaded.dataDir);
  const cleanups: (() => Promise<void>)[] = [];
  let redisHandle: RedisHandle | undefined;
  if (!ensureDataDir(dataDir)) log.warn({ dataDir }, 'could not make the data dir private (mode 0700): check its owner');
  try {
    if (opts.redis !== false) {
      redisHandle = await resolveRedis({ url: loaded.redisUrl, dataDir, allowPrivate: opts.allowPrivateRedis ?? false, log });
      cleanups.push(() => redisHandle!.stop());
    }
    const db = await openDatabase({ url: loaded.databaseUrl, dataDir });
    cleanups.push(() => db.close());
    await migrate(db);
    const { installationId, queuePrefix } = await installationQueuePrefix(db, loaded.queuePrefix);
    const config: CertwatchConfig = { ...loaded, queuePrefix };
    const connections: Redis[] = [];
    const queues = new Map<QueueName, Queue>();
    cleanups.push(async () => {
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
      for (const c of connections) c.disconnect();
    });
    const connection = (extra: RedisOptions = {}) => {
      if (!redisHandle) throw new Error('this command was opened without Redis');
      const c = new Redis(redisHandle.url, { maxRetriesPerRequest: null, ...extra });
      c.on('error', (err) => log.debug({ err: err.message }, 'redis connection error'));
      connections.push(c);
      return c;
    };
    return {
      config,
      installationId,
      log,
      db,
      blobs: new BlobStore(join(dataDir, 'blobs')),
      redisUrl: redisHandle?.url,
      connection,
      queue<N extends QueueName>(name: N): Queue<JobData[N]> {
        let q = queues.get(name);
        if (!q) {
          q = new Queue(name, { connection: connection(), prefix: config.queuePrefix });
          // Redis going away is logged once per connection above; the queue reconnects by itself.
          q.on('error', (err) => log.debug({ queue: name, err: err.message }, 'queue error'));
          queues.set(name, q);
        }
        return q as unknown as Queue<JobData[N]>;
      },
      async close() {
        for (const c of cleanups.reverse()) await c().catch((err: Error) => log.warn({ err: err.message }, 'close failed'));
      },
    };
  } catch (err) {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    throw err;
  }
}

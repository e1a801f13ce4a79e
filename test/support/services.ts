// Real services for tests: a fresh PostgreSQL schema or PGlite directory per test
// file, and a unique Redis key prefix, so parallel test files never see each other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { openDatabase, type Database } from '../../pipeline/storage/database.js';
import { migrate } from '../../pipeline/storage/migrate.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function tempDir(prefix = 'certwatch-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestDatabase {
  db: Database;
  /** Drops the schema (Postgres) or the directory (PGlite). */
  drop(): Promise<void>;
  url?: string;
  schema?: string;
}

/**
 * A migrated database: PostgreSQL in a fresh schema, or PGlite in a temp dir. A named Postgres
 * `schema` with `keep` is reused and left in place by drop() (a benchmark's seeded data between runs).
 */
export async function testDatabase(kind: 'postgres' | 'pglite' = 'postgres', opts: { schema?: string; keep?: boolean } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dir = tempDir('certwatch-pglite-');
    const db = await openDatabase({ dataDir: dir.path });
    await migrate(db);
    return {
      db,
      async drop() {
        await db.close();
        dir.remove();
      },
    };
  }
  const schema = opts.schema ?? uniqueName('t');
  const db = await openDatabase({ url: TEST_DATABASE_URL, dataDir: '', schema });
  await migrate(db);
  return {
    db,
    url: TEST_DATABASE_URL,
    schema,
    async drop() {
      await db.close();
      if (opts.keep) return;
      const admin = await openDatabase({ url: TEST_DATABASE_URL, dataDir: '' });
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}

export function testRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
}

/** Deletes every key under a prefix (queues and leases of one test file). */
export async function clearRedisPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

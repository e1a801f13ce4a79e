// One query interface over PostgreSQL (pg, at DATABASE_URL) and PGlite (in-process,
// under the data dir), so every stage runs the same SQL in production and on a laptop.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { ConfigError } from '../../core/errors.js';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs fn in one transaction; a thrown error rolls it back. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements (migrations) in one call. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent, PGlite under dataDir. */
  url?: string;
  dataDir: string;
  /** Postgres schema to use (tests isolate themselves in one); created if missing. */
  schema?: string;
}

// int8 (counts, sums, sizes) as JS numbers: every value we store fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.schema) : openPglite(opts.dataDir);
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new ConfigError('invalid schema name', 'schema');
  if (schema) {
    const c = new pg.Client({ connectionString: url });
    await c.connect().catch((e: Error) => {
      throw new ConfigError(`cannot connect to PostgreSQL: ${e.message}`, 'DATABASE_URL');
    });
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await c.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => {
    // An idle client died (server restart); the pool replaces it on the next query.
  });
  await pool.query('SELECT 1').catch((e: Error) => {
    throw new ConfigError(`cannot connect to PostgreSQL: ${e.message}`, 'DATABASE_URL');
  });
  const query = async <T>(sql: string, params?: unknown[]) => {
    const r = await pool.query(sql, params as unknown[]);
    return { rows: r.rows as T[] };
  };
  return {
    kind: 'postgres',
    query,
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params as unknown[])).rows as T[] }),
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// PGlite serves one process: a lock file turns a second opener's silent corruption into a clear error.
function takeLock(dir: string): () => void {
  const lockFile = join(dir, 'certwatch.lock');
  try {
    const holder = Number(readFileSync(lockFile, 'utf8').trim());
    if (holder && holder !== process.pid && pidAlive(holder)) {
      throw new ConfigError(
        `the embedded database in ${dir} is in use by process ${holder}; PGlite serves one process at a time — ` +
          'stop that process, or set DATABASE_URL to a PostgreSQL server to share the data',
        'DATABASE_URL',
      );
    }
  } catch (err) {
    if (err instanceof ConfigError) throw err;
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

async function openPglite(dataDir: string): Promise<Database> {
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const release = takeLock(dir);
  let db: PGlite;
  try {
    // Migration 015's search indexes need pg_trgm, which PGlite loads only when named here.
    db = await PGlite.create(dir, { extensions: { pg_trgm } });
  } catch (err) {
    release();
    throw err;
  }
  const query = async <T>(sql: string, params?: unknown[]) => {
    const r = await db.query<T>(sql, params as unknown[]);
    return { rows: r.rows };
  };
  return {
    kind: 'pglite',
    query,
    tx: (fn) =>
      db.transaction((t) =>
        fn({ query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await t.query<T>(sql, params as unknown[])).rows }) }),
      ),
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
      release();
    },
  };
}

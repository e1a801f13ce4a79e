// Applies the numbered SQL files in ./migrations once each, under an advisory lock
// so several workers starting together on one PostgreSQL do not race.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';
import { LOCK_KEYS, lockForTransaction } from './advisory-locks.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function listMigrations(): { version: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(join(MIGRATIONS_DIR, f), 'utf8') }));
}

/** Returns the versions applied by this call. */
export async function migrate(db: Database): Promise<string[]> {
  const applied: string[] = [];
  await db.tx(async (q) => {
    await lockForTransaction(q, LOCK_KEYS.migrate);
    await q.query('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await q.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      // Statements run one by one: pg's extended protocol refuses multi-statement strings with params.
      for (const stmt of splitStatements(m.sql)) await q.query(stmt);
      await q.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      applied.push(m.version);
    }
  });
  return applied;
}

// Statements end with ';' at the end of a line, except inside a dollar-quoted body (a function's
// code has its own semicolons); lines starting with '--' outside bodies are comments.
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let inBody = false;
  for (const line of sql.split('\n')) {
    if (!inBody && line.trim().startsWith('--')) continue;
    cur.push(line);
    if ((line.split('$$').length - 1) % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      out.push(cur.join('\n').trim().replace(/;\s*$/, ''));
      cur = [];
    }
  }
  out.push(cur.join('\n').trim());
  return out.filter(Boolean);
}

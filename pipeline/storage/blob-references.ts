// Every blob address a row of this database refers to: what the blob garbage collector must keep.
// One list of the columns that hold addresses, plus every JSON column and the snapshots' own images.
import type { Queryable } from './database.js';

/**
 * Columns holding blob addresses (or hashes that may be one: keeping too much is harmless). Captures,
 * evidence files, packs and referrals are here: nothing an analyst kept or exported is ever collected.
 */
const ADDRESS_COLUMNS: readonly [table: string, column: string][] = [
  ['pages', 'sha256'],
  ['pages', 'content_sha256'],
  ['pages', 'analyzed_sha256'],
  ['page_versions', 'sha256'],
  ['listings', 'body_sha256'],
  ['listing_versions', 'body_sha256'],
  ['captures', 'body_sha256'],
  ['captures', 'listing_body_sha256'],
  ['evidence', 'sha256'],
  ['evidence', 'derived_from'],
  ['packs', 'sha256'],
  ['referrals', 'pack_sha256'],
  ['image_reads', 'sha256'],
  ['listing_images', 'sha256'],
];

const SHA256 = /[0-9a-f]{64}/g;

/** The addresses of snapshot blobs (pages' current ones and every version): their images are referenced through them. */
export async function snapshotAddresses(db: Queryable): Promise<string[]> {
  const r = await db.query<{ sha: string }>(
    `SELECT content_sha256 AS sha FROM pages WHERE content_sha256 IS NOT NULL UNION SELECT sha256 FROM page_versions`,
  );
  return r.rows.map((x) => x.sha);
}

/** Every address named by a row: the columns above, and any 64-hex string in any JSON column of this schema. */
export async function referencedAddresses(db: Queryable): Promise<Set<string>> {
  const out = new Set<string>();
  const existing = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  const has = new Set(existing.rows.map((c) => `${c.table_name}.${c.column_name}`));
  for (const [table, column] of ADDRESS_COLUMNS) {
    if (!has.has(`${table}.${column}`)) continue;
    const r = await db.query<{ v: string }>(`SELECT DISTINCT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`);
    for (const row of r.rows) for (const m of row.v.toLowerCase().match(SHA256) ?? []) out.add(m);
  }
  // Capture metadata, audit details, run stats …: a JSON value that names a blob keeps it.
  for (const c of existing.rows.filter((x) => x.data_type === 'jsonb' || x.data_type === 'json')) {
    const r = await db.query<{ v: string }>(
      `SELECT DISTINCT m[1] AS v FROM "${c.table_name}", regexp_matches("${c.column_name}"::text, '([0-9a-f]{64})', 'g') AS m`,
    );
    for (const row of r.rows) out.add(row.v);
  }
  return out;
}

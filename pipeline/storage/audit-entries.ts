// The audit_log table's rows and statements; the hash chain that links them is built and
// checked in pipeline/audit, which calls these inside the transaction an append needs.
import type { Queryable } from './database.js';

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  seller_id: number | null;
  listing_id: number | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** The newest entry's hash; undefined on an empty log. */
export async function lastAuditHash(q: Queryable): Promise<string | undefined> {
  return (await q.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')).rows[0]?.hash;
}

export async function insertAuditEntry(q: Queryable, e: Omit<AuditEntry, 'id'>): Promise<AuditEntry> {
  const r = await q.query<AuditEntry>(
    `INSERT INTO audit_log (at, actor, action, seller_id, listing_id, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [e.at, e.actor, e.action, e.seller_id, e.listing_id, JSON.stringify(e.detail), e.prev_hash, e.hash],
  );
  return r.rows[0]!;
}


/** Up to `limit` entries after `afterId`, oldest first: a chain check reads the log in pages. */
export async function auditEntriesAfter(q: Queryable, afterId: number, limit: number): Promise<AuditEntry[]> {
  return (await q.query<AuditEntry>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit])).rows;
}

export async function auditEntryById(q: Queryable, id: number): Promise<AuditEntry | undefined> {
  return (await q.query<AuditEntry>('SELECT * FROM audit_log WHERE id = $1', [id])).rows[0];
}

export interface AuditCheckpoint {
  last_id: number;
  last_hash: string;
  entries: number;
  /** When the whole chain was last re-hashed. */
  full_at?: Date;
}

export async function readAuditCheckpoint(q: Queryable): Promise<AuditCheckpoint | undefined> {
  const row = (await q.query<{ last_id: string | number; last_hash: string; entries: string | number; full_at: Date }>('SELECT last_id, last_hash, entries, full_at FROM audit_chain_checkpoint WHERE id = 1')).rows[0];
  return row ? { last_id: Number(row.last_id), last_hash: row.last_hash, entries: Number(row.entries), full_at: new Date(row.full_at) } : undefined;
}

/** Moves the checkpoint forward only (a slower concurrent check never moves it back); `full` records a whole-chain check. */
export async function saveAuditCheckpoint(q: Queryable, c: AuditCheckpoint, full: boolean): Promise<void> {
  await q.query(
    `INSERT INTO audit_chain_checkpoint (id, last_id, last_hash, entries, verified_at, full_at) VALUES (1, $1, $2, $3, now(), now())
     ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash, entries = EXCLUDED.entries, verified_at = now(),
       full_at = CASE WHEN $4 THEN now() ELSE audit_chain_checkpoint.full_at END
     WHERE audit_chain_checkpoint.last_id < EXCLUDED.last_id OR $4`,
    [c.last_id, c.last_hash, c.entries, full],
  );
}

/** Forgets the checkpoint (a full check found the chain broken before it). */
export async function clearAuditCheckpoint(q: Queryable): Promise<void> {
  await q.query('DELETE FROM audit_chain_checkpoint');
}

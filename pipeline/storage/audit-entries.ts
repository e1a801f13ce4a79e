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

/** Every entry, oldest first: the order the chain was written in. */
export async function auditEntriesInOrder(q: Queryable): Promise<AuditEntry[]> {
  return (await q.query<AuditEntry>('SELECT * FROM audit_log ORDER BY id')).rows;
}

// The audit page's read: the latest entries of the hash-chained log, narrowed by actor,
// action prefix or seller; pipeline/audit writes the chain and verifies it.
import type { AuditEntry } from '../../pipeline/audit/audit-log.js';
import type { Queryable } from '../../pipeline/storage/database.js';

export interface AuditFilter {
  actor?: string;
  /** Matched as a prefix ("decision." finds every decision); LIKE's wildcards in it are literal. */
  actionPrefix?: string;
  sellerId?: number;
}

export async function readAuditEntries(db: Queryable, f: AuditFilter): Promise<AuditEntry[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (f.actor) where.push(`actor = $${params.push(f.actor)}`);
  if (f.actionPrefix) where.push(`action LIKE $${params.push(`${f.actionPrefix.replace(/[\\%_]/g, '\\$&')}%`)}`);
  if (f.sellerId !== undefined) where.push(`seller_id = $${params.push(f.sellerId)}`);
  return (await db.query<AuditEntry>(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT 300`, params)).rows;
}

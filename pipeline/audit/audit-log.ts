// The hash-chained audit log: every view, decision, capture and export is a row whose
// hash covers the previous row's, so an edited or deleted entry breaks the chain.
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../storage/database.js';
import { LOCK_KEYS, lockForTransaction } from '../storage/advisory-locks.js';
import { auditEntriesInOrder, insertAuditEntry, lastAuditHash, type AuditEntry } from '../storage/audit-entries.js';
import { canonicalJson } from './canonical-json.js';

export type { AuditEntry };

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  actor: string;
  action: string;
  sellerId?: number | null;
  listingId?: number | null;
  detail?: Record<string, unknown>;
  at?: Date;
}

export function entryHash(prevHash: string, e: { at: Date; actor: string; action: string; seller_id: number | null; listing_id: number | null; detail: Record<string, unknown> }): string {
  const body = canonicalJson({
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    seller_id: e.seller_id,
    listing_id: e.listing_id,
    detail: e.detail,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

async function appendWith(q: Queryable, input: AuditInput): Promise<AuditEntry> {
  // One chain across processes: read the last hash and append under one lock.
  await lockForTransaction(q, LOCK_KEYS.auditChain);
  const prev = (await lastAuditHash(q)) ?? GENESIS_HASH;
  // Millisecond precision: what Postgres stores must hash the same when read back.
  const at = new Date(Math.floor((input.at ?? new Date()).getTime()));
  const row = {
    at,
    actor: input.actor,
    action: input.action,
    seller_id: input.sellerId ?? null,
    listing_id: input.listingId ?? null,
    detail: input.detail ?? {},
  };
  return insertAuditEntry(q, { ...row, prev_hash: prev, hash: entryHash(prev, row) });
}

/** Appends one entry; inside `q` when given (the caller's transaction), else in its own. */
export async function appendAudit(db: Database, input: AuditInput, q?: Queryable): Promise<AuditEntry> {
  return q ? appendWith(q, input) : db.tx((tq) => appendWith(tq, input));
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** First entry id whose hash or link does not match. */
  brokenAt?: number;
  reason?: string;
}

/** Re-computes the whole chain; reports the first break (edit, deletion or reorder). */
export async function verifyAuditChain(db: Queryable): Promise<ChainCheck> {
  const entries = await auditEntriesInOrder(db);
  let prev = GENESIS_HASH;
  for (const e of entries) {
    if (e.prev_hash !== prev) return { ok: false, checked: entries.length, brokenAt: e.id, reason: 'previous hash does not match (an entry was removed or reordered)' };
    if (entryHash(prev, e) !== e.hash) return { ok: false, checked: entries.length, brokenAt: e.id, reason: 'entry content does not match its hash (edited)' };
    prev = e.hash;
  }
  return { ok: true, checked: entries.length };
}

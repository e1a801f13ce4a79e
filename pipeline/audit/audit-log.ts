// The hash-chained audit log: every view, decision, capture and export is a row whose
// hash covers the previous row's, so an edited or deleted entry breaks the chain.
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../storage/database.js';
import { canonicalJson } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);
// One chain across processes: appends serialise on this advisory lock.
const CHAIN_LOCK = 72_417_002;

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
  await q.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const last = await q.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const prev = last.rows[0]?.hash ?? GENESIS_HASH;
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
  const hash = entryHash(prev, row);
  const r = await q.query<AuditEntry>(
    `INSERT INTO audit_log (at, actor, action, seller_id, listing_id, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [at, row.actor, row.action, row.seller_id, row.listing_id, JSON.stringify(row.detail), prev, hash],
  );
  return r.rows[0]!;
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
  const r = await db.query<AuditEntry>('SELECT * FROM audit_log ORDER BY id');
  let prev = GENESIS_HASH;
  for (const e of r.rows) {
    if (e.prev_hash !== prev) return { ok: false, checked: r.rows.length, brokenAt: e.id, reason: 'previous hash does not match (an entry was removed or reordered)' };
    if (entryHash(prev, e) !== e.hash) return { ok: false, checked: r.rows.length, brokenAt: e.id, reason: 'entry content does not match its hash (edited)' };
    prev = e.hash;
  }
  return { ok: true, checked: r.rows.length };
}

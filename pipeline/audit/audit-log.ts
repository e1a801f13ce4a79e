// The hash-chained audit log: every view, decision, capture and export is a row whose
// hash covers the previous row's, so an edited or deleted entry breaks the chain.
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../storage/database.js';
import { LOCK_KEYS, lockForTransaction } from '../storage/advisory-locks.js';
import {
  auditEntriesAfter,
  auditEntryById,
  clearAuditCheckpoint,
  insertAuditEntry,
  lastAuditHash,
  readAuditCheckpoint,
  saveAuditCheckpoint,
  type AuditEntry,
} from '../storage/audit-entries.js';
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
  /** Entries re-hashed by this check. */
  checked: number;
  /** Entries known sound after this check (those before the checkpoint plus those checked now). */
  verified?: number;
  /** True when only the entries after the last checkpoint were re-hashed. */
  incremental?: boolean;
  /** First entry id whose hash or link does not match. */
  brokenAt?: number;
  reason?: string;
}

const PAGE = 5000;
/** Entries before the checkpoint are re-hashed at least this often (and whenever an admin asks). */
const FULL_CHECK_EVERY_MS = 24 * 3600_000;

/** Re-hashes entries after `from` page by page (never the whole log in memory); the first break ends it. */
async function checkFrom(db: Queryable, from: { id: number; hash: string }): Promise<ChainCheck & { last: { id: number; hash: string } }> {
  let prev = from.hash;
  let last = from;
  let checked = 0;
  for (;;) {
    const page = await auditEntriesAfter(db, last.id, PAGE);
    for (const e of page) {
      checked++;
      if (e.prev_hash !== prev) return { ok: false, checked, brokenAt: e.id, reason: 'previous hash does not match (an entry was removed or reordered)', last };
      if (entryHash(prev, e) !== e.hash) return { ok: false, checked, brokenAt: e.id, reason: 'entry content does not match its hash (edited)', last };
      prev = e.hash;
      last = { id: e.id, hash: e.hash };
    }
    if (page.length < PAGE) return { ok: true, checked, last };
  }
}

/** Re-computes the whole chain; reports the first break (edit, deletion or reorder). */
export async function verifyAuditChain(db: Queryable): Promise<ChainCheck> {
  const { last, ...check } = await checkFrom(db, { id: 0, hash: GENESIS_HASH });
  if (check.ok && last.id > 0) await saveAuditCheckpoint(db, { last_id: last.id, last_hash: last.hash, entries: check.checked }, true);
  if (!check.ok) await clearAuditCheckpoint(db);
  return { ...check, verified: check.ok ? check.checked : undefined, incremental: false };
}

/**
 * Checks only the entries written since the last sound check (what the /audit page runs on
 * every view): the checkpoint entry must still carry the hash it had, and each new entry must
 * link to it and hash right. Entries before the checkpoint are re-hashed by a full check: on
 * request, and here once the last full check is a day old.
 */
export async function verifyAuditChainSince(db: Queryable): Promise<ChainCheck> {
  const cp = await readAuditCheckpoint(db);
  if (!cp || !cp.full_at || Date.now() - cp.full_at.getTime() > FULL_CHECK_EVERY_MS) return verifyAuditChain(db);
  // The checkpoint entry is re-hashed too: the hash column alone would not show an edited row.
  const anchor = await auditEntryById(db, cp.last_id);
  if (!anchor || anchor.hash !== cp.last_hash || entryHash(anchor.prev_hash, anchor) !== anchor.hash) {
    return { ok: false, checked: 1, brokenAt: cp.last_id, incremental: true, reason: anchor ? 'the last verified entry was edited' : 'the last verified entry was removed' };
  }
  const { last, ...check } = await checkFrom(db, { id: cp.last_id, hash: cp.last_hash });
  if (check.ok && last.id > cp.last_id) await saveAuditCheckpoint(db, { last_id: last.id, last_hash: last.hash, entries: cp.entries + check.checked }, false);
  return { ...check, verified: check.ok ? cp.entries + check.checked : undefined, incremental: true };
}

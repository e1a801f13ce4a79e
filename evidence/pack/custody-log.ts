// The pack's own custody log: this seller's audit entries (captured, viewed, confirmed,
// exported …) re-chained from a zero genesis so the pack verifies without the database.
import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../pipeline/audit/audit-log.js';
import { canonicalJson } from '../../pipeline/audit/canonical-json.js';

export const CUSTODY_GENESIS = '0'.repeat(64);

export interface CustodyRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  seller_id: number | null;
  listing_id: number | null;
  detail: Record<string, unknown>;
  /** Id and hash of the entry in the installation's audit log, for cross-checking. */
  audit_id: number;
  audit_hash: string;
  prev_hash: string;
  hash: string;
}

function linkHash(prev: string, r: Omit<CustodyRecord, 'prev_hash' | 'hash'>): string {
  const body = canonicalJson({
    seq: r.seq, at: r.at, actor: r.actor, action: r.action, seller_id: r.seller_id,
    listing_id: r.listing_id, detail: r.detail, audit_id: r.audit_id, audit_hash: r.audit_hash,
  });
  return createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

export function buildCustodyLog(entries: AuditEntry[]): { text: string; head: string; count: number } {
  let prev = CUSTODY_GENESIS;
  const lines: string[] = [];
  entries.forEach((e, i) => {
    const base = {
      seq: i + 1,
      at: new Date(e.at).toISOString(),
      actor: e.actor,
      action: e.action,
      seller_id: e.seller_id,
      listing_id: e.listing_id,
      detail: e.detail ?? {},
      audit_id: e.id,
      audit_hash: e.hash,
    };
    const hash = linkHash(prev, base);
    lines.push(canonicalJson({ ...base, prev_hash: prev, hash }));
    prev = hash;
  });
  return { text: lines.map((l) => `${l}\n`).join(''), head: prev, count: lines.length };
}

export interface CustodyCheck {
  ok: boolean;
  count: number;
  head: string;
  problems: string[];
}

/** Re-computes the chain; names the first line that is edited, removed or out of order. */
export function verifyCustodyLog(text: string): CustodyCheck {
  const problems: string[] = [];
  let prev = CUSTODY_GENESIS;
  let count = 0;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    let r: CustodyRecord;
    try {
      r = JSON.parse(line) as CustodyRecord;
    } catch {
      problems.push(`custody log line ${n} is not JSON`);
      break;
    }
    if (typeof r !== 'object' || r === null || typeof r.hash !== 'string') {
      problems.push(`custody log line ${n} is not a custody record`);
      break;
    }
    if (r.seq !== n) problems.push(`custody log line ${n} has sequence number ${String(r.seq)} (entries reordered, removed or inserted)`);
    if (r.prev_hash !== prev) {
      problems.push(`custody log line ${n} does not link to the line before it (entries reordered, removed or inserted)`);
      break;
    }
    if (linkHash(prev, r) !== r.hash) {
      problems.push(`custody log line ${n}: content does not match its hash (entry edited)`);
      break;
    }
    prev = r.hash;
    count = n;
  }
  return { ok: problems.length === 0, count, head: prev, problems };
}

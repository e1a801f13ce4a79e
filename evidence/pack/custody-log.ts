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

/**
 * Re-computes the chain one line at a time, so a custody log is checked as it streams out of
 * a zip and never held whole; names the first line that is edited, removed or out of order.
 */
export class CustodyChainCheck {
  private prev = CUSTODY_GENESIS;
  private count = 0;
  private stopped = false;
  readonly problems: string[] = [];

  /** Feeds the next line (without its newline); false once the chain is broken and further lines are moot. */
  line(line: string): boolean {
    if (this.stopped) return false;
    const n = this.count + 1;
    let r: CustodyRecord;
    try {
      r = JSON.parse(line) as CustodyRecord;
    } catch {
      return this.stop(`custody log line ${n} is not JSON`);
    }
    if (typeof r !== 'object' || r === null || typeof r.hash !== 'string') return this.stop(`custody log line ${n} is not a custody record`);
    if (r.seq !== n) this.problems.push(`custody log line ${n} has sequence number ${String(r.seq)} (entries reordered, removed or inserted)`);
    if (r.prev_hash !== this.prev) return this.stop(`custody log line ${n} does not link to the line before it (entries reordered, removed or inserted)`);
    if (linkHash(this.prev, r) !== r.hash) return this.stop(`custody log line ${n}: content does not match its hash (entry edited)`);
    this.prev = r.hash;
    this.count = n;
    return true;
  }

  /** Stops the check with a problem found outside the chain (a line too long to read). */
  stop(problem: string): false {
    this.problems.push(problem);
    this.stopped = true;
    return false;
  }

  result(): CustodyCheck {
    return { ok: this.problems.length === 0, count: this.count, head: this.prev, problems: this.problems };
  }
}

/** The same check over a whole text (newline-terminated lines). */
export function verifyCustodyLog(text: string): CustodyCheck {
  const check = new CustodyChainCheck();
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (!check.line(text.slice(start, stop))) break;
    start = stop + 1;
  }
  return check.result();
}

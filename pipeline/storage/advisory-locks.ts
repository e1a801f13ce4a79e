// Transaction-scoped advisory locks, with every key in one list: a lock serialises work
// across processes only if no one else picks the same number for something unrelated.
import type { Queryable } from './database.js';

export const LOCK_KEYS = {
  /** Workers starting together on one PostgreSQL apply migrations once. */
  migrate: 72_417_001,
  /** One audit hash chain across processes: appends serialise. */
  auditChain: 72_417_002,
  /** Linking reads and rewrites whole components: one at a time across all processes. */
  linking: 72_417_003,
  /** The statistics' day figures: changes to sellers hold it shared; a build or fold takes it alone, or waits for the next pass. */
  statsDays: 72_417_004,
} as const;

/** Holds `key` until the transaction `q` belongs to ends. */
export async function lockForTransaction(q: Queryable, key: (typeof LOCK_KEYS)[keyof typeof LOCK_KEYS]): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [key]);
}

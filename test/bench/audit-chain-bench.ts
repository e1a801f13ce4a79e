// Audit chain check per /audit view: the whole chain re-hashed (the old view) against only the
// entries since the last sound check, on ENTRIES rows in PostgreSQL, with 20 new entries per view.
// Run: node bin/run-ts.mjs test/bench/audit-chain-bench.ts [ENTRIES]
import { entryHash, GENESIS_HASH, verifyAuditChain, verifyAuditChainSince, appendAudit } from '../../pipeline/audit/audit-log.js';
import { testDatabase } from '../support/services.js';

const ENTRIES = Number(process.argv[2] ?? 20_000);
const RUNS = 5;

const t = await testDatabase('postgres');
try {
  // Seed a valid chain in bulk (appendAudit one by one would take minutes).
  let prev = GENESIS_HASH;
  const base = Date.UTC(2026, 10, 1);
  for (let start = 0; start < ENTRIES; start += 1000) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = start; i < Math.min(ENTRIES, start + 1000); i++) {
      const row = { at: new Date(base + i * 1000), actor: `u${i % 7}`, action: 'view.seller', seller_id: i % 500, listing_id: null, detail: { n: i } };
      const hash = entryHash(prev, row);
      const k = values.length;
      rows.push(`($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}, NULL, $${k + 5}, $${k + 6}, $${k + 7})`);
      values.push(row.at, row.actor, row.action, row.seller_id, JSON.stringify(row.detail), prev, hash);
      prev = hash;
    }
    await t.db.query(`INSERT INTO audit_log (at, actor, action, seller_id, listing_id, detail, prev_hash, hash) VALUES ${rows.join(',')}`, values);
  }
  const full: number[] = [];
  const since: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (let i = 0; i < 20; i++) await appendAudit(t.db, { actor: 'bench', action: 'view.seller', sellerId: i });
    let t0 = performance.now();
    const a = await verifyAuditChain(t.db);
    full.push(performance.now() - t0);
    for (let i = 0; i < 20; i++) await appendAudit(t.db, { actor: 'bench', action: 'view.seller', sellerId: i });
    t0 = performance.now();
    const b = await verifyAuditChainSince(t.db);
    since.push(performance.now() - t0);
    if (!a.ok || !b.ok || b.checked !== 20) throw new Error(`unexpected check: ${JSON.stringify({ a, b })}`);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  console.log(JSON.stringify({ entries: ENTRIES, fullMsMedian: +median(full).toFixed(1), incrementalMsMedian: +median(since).toFixed(1), ratio: +(median(full) / median(since)).toFixed(1), runs: RUNS }));
} finally {
  await t.drop();
}

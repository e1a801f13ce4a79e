// The audit chain verified incrementally: a view re-hashes only the entries written since the
// last sound check, yet an edit of the checkpoint entry or of a newer one is still caught, and
// a full check (on request, or a day on) catches an edit anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain, verifyAuditChainSince } from '../../pipeline/audit/audit-log.js';
import { testDatabase, type TestDatabase } from '../support/services.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase('postgres');
});
afterAll(async () => t?.drop());

async function append(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await appendAudit(t.db, { actor: 'a', action: 'view.seller', sellerId: i, detail: { i } });
}

describe('when the /audit page is viewed again', () => {
  it('re-hashes only the entries written since the last view', async () => {
    await append(300);
    const first = await verifyAuditChainSince(t.db);
    expect(first).toMatchObject({ ok: true, checked: 300, verified: 300 });
    await append(7);
    const second = await verifyAuditChainSince(t.db);
    expect(second).toMatchObject({ ok: true, checked: 7, verified: 307, incremental: true });
    expect(await verifyAuditChainSince(t.db)).toMatchObject({ ok: true, checked: 0, verified: 307 });
  });

  it('still catches an edit of the last verified entry or of a new one', async () => {
    const lastId = (await t.db.query<{ id: number }>('SELECT max(id) AS id FROM audit_log')).rows[0]!.id;
    await t.db.query(`UPDATE audit_log SET actor = 'nobody' WHERE id = $1`, [lastId]);
    expect(await verifyAuditChainSince(t.db)).toMatchObject({ ok: false, brokenAt: lastId });
    await t.db.query(`UPDATE audit_log SET actor = 'a' WHERE id = $1`, [lastId]);
    await append(3);
    const newest = (await t.db.query<{ id: number }>('SELECT max(id) AS id FROM audit_log')).rows[0]!.id;
    await t.db.query(`UPDATE audit_log SET detail = '{"i":99}' WHERE id = $1`, [newest]);
    expect(await verifyAuditChainSince(t.db)).toMatchObject({ ok: false, brokenAt: newest });
    await t.db.query(`UPDATE audit_log SET detail = '{"i":2}' WHERE id = $1`, [newest]);
  });

  it('leaves an edit before the checkpoint to the full check, which a day-old checkpoint runs by itself', async () => {
    expect(await verifyAuditChainSince(t.db)).toMatchObject({ ok: true });
    const old = (await t.db.query<{ id: number }>('SELECT min(id) AS id FROM audit_log')).rows[0]!.id;
    await t.db.query(`UPDATE audit_log SET actor = 'nobody' WHERE id = $1`, [old]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: old });
    // The broken full check forgot the checkpoint: the next view checks everything again.
    expect(await verifyAuditChainSince(t.db)).toMatchObject({ ok: false, brokenAt: old, incremental: false });
    await t.db.query(`UPDATE audit_log SET actor = 'a' WHERE id = $1`, [old]);
    expect(await verifyAuditChainSince(t.db)).toMatchObject({ ok: true, incremental: false });
    await t.db.query(`UPDATE audit_log SET actor = 'nobody' WHERE id = $1`, [old]);
    await t.db.query(`UPDATE audit_chain_checkpoint SET full_at = now() - interval '25 hours'`);
    expect(await verifyAuditChainSince(t.db)).toMatchObject({ ok: false, brokenAt: old });
  });
});

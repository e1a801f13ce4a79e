// Referral with a real evidence pack: the supervisor refers a confirmed seller and the
// dashboard has the evidence module build the pack; the recorded hash is the file's
// and the pack verifies. (Slow: the pack renders a PDF in Chromium.)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { verifyPack } from '../../evidence/index.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData, type DemoIds } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

it('refers with a freshly built evidence pack whose hash is recorded and which verifies', async () => {
  const sup = new DashboardClient(dash.url);
  await sup.login('sup', PASSWORDS.sup);
  const id = ids.sellers.electric;
  expect((await sup.json('/api/sellers/decision', { ids: [id], action: 'confirm' })).status).toBe(200);
  const res = await sup.form(`/sellers/${id}/refer`, { unit: '某市公安局治安支队', makePack: '1' });
  expect(res.status).toBe(303);
  const ref = (await ctx.db.query<{ pack_sha256: string; pack_path: string; referred_by: string }>('SELECT * FROM referrals WHERE seller_id = $1', [id])).rows[0]!;
  expect(ref.referred_by).toBe('sup');
  expect(ref.pack_sha256).toBe(createHash('sha256').update(readFileSync(ref.pack_path)).digest('hex'));
  const verdict = await verifyPack(ref.pack_path);
  expect(verdict.ok).toBe(true);
  const hist = await ctx.db.query<{ detail: { packSha256: string } }>(`SELECT detail FROM seller_status_history WHERE seller_id = $1 AND to_status = 'referred'`, [id]);
  expect(hist.rows[0]!.detail.packSha256).toBe(ref.pack_sha256);
}, 90_000);

// Retraining from labels: a supervisor's click writes the analysts' latest labels as
// JSONL and runs the real `certwatch train` in a child process; the run, its metrics
// and the model file are recorded, and a run that cannot train says why.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import type { RetrainRun } from '../../dashboards/storage/retrain-runs.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData, type DemoIds } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;
let sup: DashboardClient;

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  sup = new DashboardClient(dash.url);
  await sup.login('sup', PASSWORDS.sup);
});
afterAll(async () => {
  delete process.env.CERTWATCH_TRAIN_BASE;
  await dash?.close();
  await ctx?.close();
});

async function finished(): Promise<RetrainRun> {
  for (let i = 0; i < 120; i++) {
    const r = (await ctx.db.query<RetrainRun>('SELECT * FROM retrain_runs ORDER BY id DESC LIMIT 1')).rows[0];
    if (r && r.status !== 'running') return r;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error('retraining did not finish in 60 s');
}

it('records a failed run with the trainer\'s reason when labels are too few', async () => {
  process.env.CERTWATCH_TRAIN_BASE = '';
  await sup.json('/api/sellers/decision', { ids: [ids.sellers.heights], action: 'confirm' });
  expect((await sup.form('/retrain', {})).status).toBe(303);
  const run = await finished();
  expect(run).toMatchObject({ status: 'failed', labels: 1, requested_by: 'sup' });
  expect(run.error).toMatch(/at least two texts of each label/);
  expect(await (await sup.get('/retrain')).text()).toContain('at least two texts of each label');
}, 70_000);

it('trains a model from analyst labels plus a base file and records its metrics', async () => {
  await sup.json('/api/sellers/decision', { ids: [ids.sellers.electric, ids.sellers.welder], action: 'confirm' });
  await sup.json('/api/sellers/decision', { ids: [ids.sellers.linked, ids.sellers.negative], action: 'dismiss' });
  const base = join(ctx.config.dataDir, 'base.jsonl');
  const texts = [
    ['焊工证免考包过，加微信详聊', 'seller_ad'], ['高压电工证直接出证官网可查，电话联系', 'seller_ad'], ['登高证不用考试一周拿证', 'seller_ad'],
    ['电工证考试报名通知，请携带身份证到培训中心', 'not_seller_ad'], ['应急管理局提醒：谨防买卖假证', 'not_seller_ad'], ['招聘电工，要求持证上岗', 'not_seller_ad'],
  ];
  writeFileSync(base, texts.map(([text, label], i) => JSON.stringify({ id: `base-${i}`, text, label })).join('\n') + '\n');
  process.env.CERTWATCH_TRAIN_BASE = base;
  expect((await sup.form('/retrain', {})).status).toBe(303);
  const run = await finished();
  expect(run.error).toBeNull();
  expect(run.status).toBe('done');
  expect(run.labels).toBe(6);
  expect(existsSync(run.model_path!)).toBe(true);
  expect(Object.keys(run.metrics).length).toBeGreaterThan(0);
  // The retrained model is checked on web listings it never saw, and the supervisor reads the figures.
  const web = run.metrics.webListings as { count: number; sellerAds: number; flagged: { recall: number; precision: number }; reviewRecall: number };
  expect(web.count).toBeGreaterThan(4000);
  expect(web.sellerAds).toBeGreaterThan(500);
  expect(web.reviewRecall).toBeGreaterThanOrEqual(web.flagged.recall);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  expect(await (await sup.get('/retrain')).text()).toContain(`卖证帖标记 ${pct(web.flagged.recall)}，精确率 ${pct(web.flagged.precision)}，复核区覆盖 ${pct(web.reviewRecall)}`);
  const latest = readdirSync(join(ctx.config.dataDir, 'training')).sort().at(-1)!;
  const lines = readFileSync(join(ctx.config.dataDir, 'training', latest), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l: { label: string }) => l.label).sort()).toEqual(['not_seller_ad', 'not_seller_ad', 'seller_ad', 'seller_ad', 'seller_ad', 'seller_ad']);
  const audit = await ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'retrain.start' AND actor = 'sup'`);
  expect(audit.rows).toHaveLength(2);
}, 90_000);

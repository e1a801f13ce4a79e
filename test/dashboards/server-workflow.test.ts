// The analyst workflow against a real server on real Postgres and Redis: queue order,
// filters and search, decisions as labels, bulk actions, claims, the referral flow
// with an evidence pack, XLSX exports with safe cells, sources "run now", statistics.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { FORMULA, PASSWORDS, seedDemoData, type DemoIds } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;
let alice: DashboardClient;
let bob: DashboardClient;
let sup: DashboardClient;

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  // Evidence packs are exercised in referral-pack.test.ts; here the pack hash is typed in.
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  [alice, bob, sup] = [new DashboardClient(dash.url), new DashboardClient(dash.url), new DashboardClient(dash.url)];
  await alice.login('alice', PASSWORDS.alice);
  await bob.login('bob', PASSWORDS.bob);
  await sup.login('sup', PASSWORDS.sup);
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

function rowIds(html: string): number[] {
  return [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]));
}

async function queueIds(c: DashboardClient, query = ''): Promise<number[]> {
  const res = await c.get(`/${query}`);
  expect(res.status).toBe(200);
  return rowIds(await res.text());
}

describe('triage queue', () => {
  it('lists open leads by score, then by recency on request; the review-band seller only under 待复核', async () => {
    const s = ids.sellers;
    expect(await queueIds(alice)).toEqual([s.electric, s.xss, s.welder, s.heights, s.linked]);
    // The negative is not flagged but in the review band: a second look, never a lead.
    const review = await (await alice.get('/?view=review')).text();
    expect(rowIds(review)).toEqual([s.negative]);
    expect(review).not.toContain('>新线索</span>');
    expect(review).toContain('<span class="chip cat-review">待复核</span>');
    expect((await queueIds(alice, '?view=all&status=all')).sort()).toEqual(Object.values(s).sort());
    const recent = await queueIds(alice, '?sort=recent');
    expect(recent[0]).toBe(s.electric);
    expect(recent).not.toEqual(await queueIds(alice));
  });

  it('filters by source, platform, certificate code, authority, date range and status', async () => {
    const s = ids.sellers;
    expect(await queueIds(alice, '?platform=tieba')).toEqual([s.welder]);
    expect((await queueIds(alice, '?source=classifieds')).sort()).toEqual([s.electric, s.xss].sort());
    expect((await queueIds(alice, '?cert=2.1')).sort()).toEqual([s.electric, s.welder, s.linked].sort());
    expect(await queueIds(alice, '?authority=mohurd')).toEqual([s.xss]);
    expect(await queueIds(alice, '?authority=samr')).toEqual([s.electric]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await queueIds(alice, `?from=${today}&to=${today}`)).sort()).toEqual([s.xss, s.heights].sort());
    expect(await queueIds(alice, '?from=2020-01-01&to=2020-01-31')).toEqual([]);
    expect(await queueIds(alice, '?status=dismissed')).toEqual([]);
    // Junk in filters is a 400 naming the parameter (test/dashboards/input-schemas.test.ts), never a 500.
    expect((await alice.get('/?from=yesterday&status=%3Cscript%3E&page=-3&sort=drop')).status).toBe(400);
  });

  it('searches phone numbers as written, WeChat and QQ ids, and text', async () => {
    const s = ids.sellers;
    expect(await queueIds(alice, `?q=${encodeURIComponent('138 1234 5678')}`)).toEqual([s.electric]);
    expect(await queueIds(alice, '?q=DGZ_WANG888')).toEqual([s.electric]);
    expect(await queueIds(alice, '?q=2718281828')).toEqual([s.electric]);
    expect(await queueIds(alice, '?q=hangong_li').then((x) => x.sort())).toEqual([s.welder, s.linked].sort());
    expect(await queueIds(alice, `?q=${encodeURIComponent('永久可查')}`)).toEqual([s.heights]);
    expect(await queueIds(alice, `?q=${encodeURIComponent('100%_')}`)).toEqual([]);
  });
});

describe('decisions', () => {
  it('confirm stores labels with user and time, a status history row and an audit entry', async () => {
    const res = await alice.json('/api/sellers/decision', { ids: [ids.sellers.heights], action: 'confirm' });
    expect(await res.json()).toEqual({ results: [{ sellerId: ids.sellers.heights, ok: true, status: 'confirmed' }] });
    const labels = await ctx.db.query<{ label: string; actor: string; at: Date }>(
      'SELECT label, actor, at FROM labels WHERE listing_id = $1',
      [ids.listings.h1],
    );
    expect(labels.rows).toHaveLength(1);
    expect(labels.rows[0]).toMatchObject({ label: 'seller_ad', actor: 'alice' });
    expect(Date.now() - labels.rows[0]!.at.getTime()).toBeLessThan(60_000);
    const hist = await ctx.db.query('SELECT from_status, to_status, actor FROM seller_status_history WHERE seller_id = $1', [ids.sellers.heights]);
    expect(hist.rows).toEqual([{ from_status: 'new', to_status: 'confirmed', actor: 'alice' }]);
    const audit = await ctx.db.query(`SELECT actor FROM audit_log WHERE action = 'decision.confirm' AND seller_id = $1`, [ids.sellers.heights]);
    expect(audit.rows).toEqual([{ actor: 'alice' }]);
  });

  it('applies bulk actions per seller and reports the ones that cannot move', async () => {
    const res = await alice.json('/api/sellers/decision', { ids: [ids.sellers.linked, ids.sellers.heights], action: 'dismiss' });
    const { results } = (await res.json()) as { results: { sellerId: number; ok: boolean; error?: string }[] };
    expect(results.find((r) => r.sellerId === ids.sellers.linked)).toMatchObject({ ok: true, status: 'dismissed' });
    // A confirmed seller is dismissed only by a supervisor.
    expect(results.find((r) => r.sellerId === ids.sellers.heights)).toMatchObject({ ok: false });
    const labels = await ctx.db.query(`SELECT label FROM labels WHERE listing_id = $1`, [ids.listings.l1]);
    expect(labels.rows).toEqual([{ label: 'not_seller_ad' }]);
    expect((await alice.json('/api/sellers/decision', { ids: [], action: 'confirm' })).status).toBe(400);
    expect((await alice.json('/api/sellers/decision', { ids: [1], action: 'drop table' })).status).toBe(400);
  });

  it('escalate moves to in review with a flag; a note is stored with its author', async () => {
    await alice.json('/api/sellers/decision', { ids: [ids.sellers.welder], action: 'escalate' });
    const note = await alice.json('/api/sellers/decision', { ids: [ids.sellers.welder], action: 'note', note: '与 #linked 共用微信' });
    expect(((await note.json()) as { results: { ok: boolean }[] }).results[0]!.ok).toBe(true);
    const page = await (await alice.get(`/sellers/${ids.sellers.welder}`)).text();
    expect(page).toContain('与 #linked 共用微信');
    expect(page).toContain('badge s-in_review');
    const queue = await (await alice.get('/')).text();
    expect(queue).toMatch(new RegExp(`data-id="${ids.sellers.welder}"[\\s\\S]*?badge esc`));
  });

  it('a claim shows others the lead is taken and stops them claiming it', async () => {
    const r = await alice.json('/api/sellers/decision', { ids: [ids.sellers.xss], action: 'claim' });
    expect(((await r.json()) as { results: { assignee: string }[] }).results[0]!.assignee).toBe('alice');
    const bobQueue = await (await bob.get('/')).text();
    expect(bobQueue).toMatch(new RegExp(`<tr data-id="${ids.sellers.xss}" data-assignee="alice" class="taken">`));
    expect(bobQueue).toContain('已被 alice 领取');
    const steal = await bob.json('/api/sellers/decision', { ids: [ids.sellers.xss], action: 'claim' });
    expect(((await steal.json()) as { results: { ok: boolean }[] }).results[0]!.ok).toBe(false);
    const claims = await (await bob.get(`/api/claims?ids=${ids.sellers.xss}`)).json();
    expect(claims.claims[0]).toMatchObject({ id: ids.sellers.xss, assignee: 'alice' });
  });

  it('labels a single listing from the listing page', async () => {
    const res = await bob.form(`/listings/${ids.listings.e2}/label`, { label: 'seller_ad' });
    expect(res.status).toBe(303);
    const r = await ctx.db.query('SELECT label, actor FROM labels WHERE listing_id = $1', [ids.listings.e2]);
    expect(r.rows).toEqual([{ label: 'seller_ad', actor: 'bob' }]);
  });
});

describe('referral flow', () => {
  it('confirmed → referred (unit, by whom, when, pack hash) → closed (outcome), each step in the history', async () => {
    const id = ids.sellers.electric;
    await alice.json('/api/sellers/decision', { ids: [id], action: 'confirm' });
    const pack = createHash('sha256').update('pack bytes').digest('hex');
    expect((await sup.form(`/sellers/${id}/refer`, { unit: '某市公安局治安支队', pack: 'not-a-hash' })).status).toBe(400);
    expect((await sup.form(`/sellers/${id}/refer`, { unit: '', pack })).status).toBe(400);
    expect((await sup.form(`/sellers/${id}/refer`, { unit: '某市公安局治安支队', pack: pack.toUpperCase() })).status).toBe(303);
    const ref = (await ctx.db.query<{ unit: string; referred_by: string; referred_at: Date; pack_sha256: string }>('SELECT * FROM referrals WHERE seller_id = $1', [id])).rows[0]!;
    expect(ref).toMatchObject({ unit: '某市公安局治安支队', referred_by: 'sup', pack_sha256: pack });
    expect(Date.now() - ref.referred_at.getTime()).toBeLessThan(60_000);
    const page = await (await sup.get(`/sellers/${id}`)).text();
    expect(page).toContain(pack);
    expect(page).toContain('badge s-referred');
    expect((await sup.form(`/sellers/${id}/close`, { outcome: '' })).status).toBe(400);
    expect((await sup.form(`/sellers/${id}/close`, { outcome: '已立案侦查' })).status).toBe(303);
    const after = await ctx.db.query('SELECT s.status, r.outcome, r.closed_by FROM sellers s JOIN referrals r ON r.seller_id = s.id WHERE s.id = $1', [id]);
    expect(after.rows).toEqual([{ status: 'closed', outcome: '已立案侦查', closed_by: 'sup' }]);
    const trail = await ctx.db.query<{ to_status: string; actor: string }>('SELECT to_status, actor FROM seller_status_history WHERE seller_id = $1 ORDER BY id', [id]);
    expect(trail.rows).toEqual([{ to_status: 'confirmed', actor: 'alice' }, { to_status: 'referred', actor: 'sup' }, { to_status: 'closed', actor: 'sup' }]);
  });

  it('refuses to refer a seller that is not confirmed', async () => {
    const res = await sup.form(`/sellers/${ids.sellers.negative}/refer`, { unit: '公安局', pack: 'a'.repeat(64) });
    expect(res.status).toBe(409);
  });
});

describe('exports', () => {
  it('exports the lead list as XLSX with formula-looking cells neutralised, and audits it', async () => {
    const res = await sup.get('/export/leads.xlsx?status=all');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    const cells: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain(`'${FORMULA}`);
    expect(cells).not.toContain(FORMULA);
    for (const v of cells) if (typeof v === 'string') expect(v).not.toMatch(/^[=+\-@]/);
    for (const v of cells) expect(typeof v === 'object' && v !== null && 'formula' in (v as object)).toBe(false);
    // Leads of every status: the review-band negative is not one.
    expect(ws.rowCount).toBe(1 + 5);
    const audit = await ctx.db.query<{ detail: { rows: number } }>(`SELECT detail FROM audit_log WHERE action = 'export.leads' AND actor = 'sup'`);
    expect(audit.rows[0]!.detail.rows).toBe(5);
  });

  it('exports the statistics as a Chinese report table: range, totals, per period, by certificate and platform', async () => {
    const res = await sup.get('/stats/table.xlsx?period=week');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计报表', '按日明细']);
    const ws = wb.getWorksheet('统计报表')!;
    const cells: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
    expect(cells[0]).toBe('特种作业操作证违法售证专项行动统计表');
    expect(cells).toEqual(expect.arrayContaining(['一、总体情况', '二、按周统计', '三、按证书类型统计', '四、按平台统计', '移送案件', '结案', '低压电工作业', '叉车司机(特种设备)', '贴吧']));
    expect(cells.some((c) => /^统计期间：\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}$/.test(c))).toBe(true);
    // Certificate codes and platform ids stay internal.
    for (const c of cells) expect(c).not.toMatch(/^(samr\.|mohurd\.|\d+\.\d+$|tieba$|classifieds$)/);
  });
});

describe('sources and statistics', () => {
  it('shows last runs, errors and flagged rate; an admin "run now" enqueues a crawl job', async () => {
    const root = new DashboardClient(dash.url);
    await root.login('root', PASSWORDS.root);
    const page = await (await root.get('/sources')).text();
    expect(page).toMatch(/data-source="tieba" class="failed"/);
    expect(page).toContain('browser crashed: Target closed');
    expect(page).toMatch(/data-source="bbs"[\s\S]*?<td>412 <span class="muted">\/ 2<\/span><\/td>\s*<td>4<\/td>/);
    expect(page).toContain('data-queue="crawl"');
    const res = await root.form('/sources/bbs/run', {});
    expect(res.status).toBe(303);
    const jobs = await ctx.queue('crawl').getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.map((j) => j.data)).toContainEqual({ sourceId: 'bbs', reason: 'manual' });
    expect((await root.form('/sources/nope/run', {})).status).toBe(404);
    const after = await (await root.get('/sources')).text();
    expect(after).toMatch(/data-queue="crawl"><td>抓取<\/td><td>1<\/td>/);
  });

  it('shows pages whose current content was never analysed, per source and in all, as the demo counts them', async () => {
    const root = new DashboardClient(dash.url);
    await root.login('root', PASSWORDS.root);
    expect(await (await root.get('/sources')).text()).toContain('data-pages-not-analysed="0"');
    const sha = 'c'.repeat(64);
    const p = await ctx.db.query<{ id: number }>(
      `INSERT INTO pages (url, final_url, source_id, status, render, sha256, content_sha256, analyzed_sha256, fetched_at)
       VALUES ('http://bbs.example/owed', 'http://bbs.example/owed', 'bbs', 200, 'http', $1, $1, NULL, now()) RETURNING id`,
      [sha],
    );
    try {
      const page = await (await root.get('/sources')).text();
      expect(page).toContain('data-pages-not-analysed="1"');
      expect(page).toMatch(/data-source="bbs"[\s\S]*?data-not-analysed="1"/);
      const api = (await (await root.get('/api/health')).json()) as { pagesNotAnalysed: number; sources: { id: string; pagesNotAnalysed: number }[] };
      expect(api.pagesNotAnalysed).toBe(1);
      expect(api.sources.find((x) => x.id === 'bbs')?.pagesNotAnalysed).toBe(1);
    } finally {
      await ctx.db.query(`UPDATE pages SET analyzed_sha256 = content_sha256 WHERE id = $1`, [p.rows[0]!.id]);
    }
  });

  it('counts sellers and listings per day, certificate, platform and status', async () => {
    const stats = (await (await alice.get('/api/stats')).json()) as {
      series: { new_listings: number; flagged_listings: number }[];
      byPlatform: { platform: string; listings: number }[];
      byStatus: { status: string; sellers: number }[];
    };
    expect(stats.series.reduce((a, r) => a + r.new_listings, 0)).toBe(8);
    expect(stats.series.reduce((a, r) => a + r.flagged_listings, 0)).toBe(7);
    expect(stats.byPlatform).toContainEqual(expect.objectContaining({ platform: 'bbs', sellers: 2, leads: 2, listings: 2 }));
    const page = await (await alice.get('/stats?period=week')).text();
    expect(page).toContain('src="/assets/echarts.min.js"');
    expect(page).toContain('id="chart-series"');
    expect((await alice.get('/assets/echarts.min.js')).status).toBe(200);
  });

  it('switches the UI to English and back', async () => {
    const c = new DashboardClient(dash.url);
    await c.login('alice', PASSWORDS.alice);
    expect(await (await c.get('/')).text()).toContain('线索队列');
    const sw = await c.get('/lang/en?back=/stats');
    expect(sw.headers.get('location')).toBe('/stats');
    expect(await (await c.get('/')).text()).toContain('Triage queue');
    expect((await c.get('/lang/zh?back=//evil.example/')).headers.get('location')).toBe('/');
  });
});

// One lead rule everywhere, on real Postgres and a real server: listings go through the upsert and
// link stages, then `certwatch leads`, the queue, its tabs, the statistics and the XLSX must agree.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { createUser } from '../../dashboards/auth/users.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import { linkListing } from '../../pipeline/linking/link-listing.js';
import { upsertListings, type ListingInput } from '../../pipeline/storage/listings.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { DashboardClient } from './support/http-client.js';
import { dashboardLeadCounts } from './support/lead-counts.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/certwatch.mjs');

let ctx: TestContext;
let dash: DashboardHandle;
let sup: DashboardClient;
let pageId: number;
const sellers: Record<'phone' | 'image' | 'school' | 'buyer' | 'edited', number> = {} as never;

function post(key: string, o: Partial<ListingInput> & Pick<ListingInput, 'score' | 'flagged' | 'contacts'>): ListingInput {
  const url = `http://127.0.0.2:8900/thread-${key}-1-1.html#1`;
  return {
    url, pageId, sourceId: 'bbs', platform: 'bbs', position: 0, threadKey: url, authorHandle: null, authorUrl: null, postedAt: null,
    title: key, body: key, normalizedBody: key, bodySha: key.padEnd(64, '0').slice(0, 64), images: [], links: [], review: false,
    modelVersion: 'test', certTypes: [{ code: '1.2', label: '低压电工作业', authority: 'mem' }], reasons: [], ...o,
  };
}

async function linked(input: ListingInput): Promise<number> {
  const [row] = await upsertListings(ctx.db, [input], new Date());
  const r = await linkListing(ctx.db, row!.id);
  expect(r.sellerId).toBeDefined();
  return r.sellerId!;
}

/** `certwatch leads` as a process against this test's schema. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const url = new URL(ctx.config.databaseUrl!);
  url.searchParams.set('options', `-c search_path=${ctx.schema}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'leads', ...args], {
      env: { ...process.env, DATABASE_URL: url.toString(), CERTWATCH_DATA_DIR: ctx.config.dataDir, CERTWATCH_LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  ctx = await openTestContext();
  await createUser(ctx.db, 'sup', 'supervisor-pass-3', 'supervisor');
  await ctx.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('bbs', '电工论坛', 'bbs', 'http')`);
  pageId = (
    await ctx.db.query<{ id: number }>(
      `INSERT INTO pages (url, final_url, source_id, status, render, sha256, fetched_at) VALUES ('http://127.0.0.2:8900/', 'http://127.0.0.2:8900/', 'bbs', 200, 'http', $1, now()) RETURNING id`,
      ['b'.repeat(64)],
    )
  ).rows[0]!.id;
  const phone = (value: string) => ({ kind: 'phone' as const, value, origin: 'text' as const });
  // Leads: a flagged ad with a phone; a flagged ad whose number is drawn in its image.
  sellers.phone = await linked(post('phone', { score: 0.93, flagged: true, contacts: [phone('13812340001')] }));
  sellers.image = await linked(post('image', { score: 0.9, flagged: true, contacts: [], images: ['http://127.0.0.2:8900/img/phone/7.png'] }));
  // Not leads: a training school in the review band with a phone, and a buyer quoting an ad known by a handle only.
  sellers.school = await linked(post('school', { score: 0.42, flagged: false, review: true, contacts: [phone('13900002222')] }));
  sellers.buyer = await linked(post('buyer', { score: 0.95, flagged: true, contacts: [{ kind: 'handle', value: '127.0.0.2|买家小刘', origin: 'author' }] }));
  // A post linked while flagged, then edited into a plain school ad with a phone: no flagged or review post left.
  sellers.edited = await linked(post('edited', { score: 0.91, flagged: true, contacts: [phone('13700003333')] }));
  await upsertListings(ctx.db, [post('edited', { score: 0.08, flagged: false, contacts: [phone('13700003333')], bodySha: 'e'.repeat(64), body: '本校常年招生 电工培训 13700003333' })], new Date());
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  sup = new DashboardClient(dash.url);
  await sup.login('sup', 'supervisor-pass-3');
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('the one lead rule across surfaces', () => {
  it('gives the same leads to certwatch leads, the queue, its tabs, the statistics and the XLSX', async () => {
    const leads = sorted((await listLeads(ctx.db)).map((l) => l.id));
    expect(leads).toEqual(sorted([sellers.phone, sellers.image]));
    const c = await dashboardLeadCounts(sup);
    expect(sorted(c.queueIds)).toEqual(leads);
    expect(sorted(c.xlsxIds)).toEqual(leads);
    expect([c.queueTotal, c.tabs['leads/open'], c.tabs['leads/new'], c.statsLeads, c.statsNewLeads, c.statsByStatus, c.xlsxRows]).toEqual(Array(7).fill(leads.length));
    expect(c.tabs['review/open']).toBe(2);
    expect(c.statsReview).toBe(2);
    expect(c.tabs['all/all']).toBe(5);
  });

  it('prints the same leads from the CLI as JSON and CSV, and the 待复核 sellers with --view review', async () => {
    const json = await cli(['--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as { id: number; category: string }[];
    expect(sorted(parsed.map((l) => l.id))).toEqual(sorted([sellers.phone, sellers.image]));
    expect(parsed.every((l) => l.category === 'lead')).toBe(true);
    const csv = await cli(['--format', 'csv']);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(1 + 2);
    const review = JSON.parse((await cli(['--view', 'review'])).stdout) as { id: number; category: string }[];
    expect(sorted(review.map((l) => l.id))).toEqual(sorted([sellers.school, sellers.buyer]));
    const old = await cli(['--include-review']);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('--view review');
  });

  it('shows a review-band seller under 待复核 only, never labelled 新线索', async () => {
    const ids = (html: string) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]));
    const queue = await (await sup.get('/')).text();
    expect(ids(queue)).not.toContain(sellers.school);
    expect(queue).toContain(`${'新线索'} <span class="count">2</span>`);
    const review = await (await sup.get('/?view=review')).text();
    expect(sorted(ids(review))).toEqual(sorted([sellers.school, sellers.buyer]));
    expect(review).not.toMatch(/class="badge s-new">新线索/);
    expect(review).toContain('<span class="badge s-new not-lead">未处理</span> <span class="chip cat-review">待复核</span>');
    const page = await (await sup.get(`/sellers/${sellers.school}`)).text();
    expect(page).toContain('<span class="badge s-new not-lead">未处理</span>');
    expect(page).not.toContain('>新线索<');
    const en = new DashboardClient(dash.url);
    await en.login('sup', 'supervisor-pass-3');
    await en.get('/lang/en?back=/');
    expect(await (await en.get('/?view=review')).text()).toContain('<span class="chip cat-review">For review</span>');
  });

  it('counts a seller with no flagged post (a school ad with a phone) nowhere, though search under 全部卖家 finds it', async () => {
    for (const phone of ['13700003333', '13900002222']) {
      expect((await (await sup.get(`/api/queue?q=${phone}`)).json()).total).toBe(0);
      const all = (await (await sup.get(`/api/queue?view=all&status=all&q=${phone}`)).json()) as { rows: { id: number; category: string }[] };
      expect(all.rows.map((r) => r.id)).toHaveLength(1);
      expect(all.rows[0]!.category).not.toBe('lead');
    }
    const c = await dashboardLeadCounts(sup);
    for (const id of [sellers.school, sellers.buyer, sellers.edited]) expect(c.xlsxIds).not.toContain(id);
    const all = await (await sup.get('/?view=all&status=all')).text();
    expect(all).toContain('<span class="chip cat-other">非线索</span>');
  });

  it('applies analyst statuses on top of the rule: a dismissed lead leaves 新线索 and the open queue, not the lead count', async () => {
    const res = await sup.json('/api/sellers/decision', { ids: [sellers.image], action: 'dismiss' });
    expect(((await res.json()) as { results: { ok: boolean }[] }).results[0]!.ok).toBe(true);
    const c = await dashboardLeadCounts(sup);
    expect(c.tabs['leads/new']).toBe(1);
    expect(c.tabs['leads/dismissed']).toBe(1);
    expect([c.queueTotal, c.tabs['leads/open'], c.xlsxRows]).toEqual([1, 1, 1]);
    expect((await listLeads(ctx.db, { status: 'new' })).map((l) => l.id)).toEqual(c.queueIds);
    // Found leads stay found: the statistics count them whatever an analyst later decided.
    expect([c.statsLeads, c.statsNewLeads, c.statsByStatus, (await listLeads(ctx.db)).length]).toEqual([2, 2, 2, 2]);
    const all = await dashboardLeadCounts(sup, '?status=all');
    expect([all.queueTotal, all.xlsxRows]).toEqual([2, 2]);
  });
});

// A fake verification site on every lead surface, on real Postgres and a real server: it is a lead
// of kind verification-site everywhere the one lead rule is asked (CLI, queue, statistics, XLSX),
// marked in the queue, and its page names its host and the seller citing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { createUser } from '../../dashboards/auth/users.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import { linkListing } from '../../pipeline/linking/link-listing.js';
import { upsertListings, type ListingInput } from '../../pipeline/storage/listings.js';
import { replaceCitationsMany } from '../../pipeline/storage/verification-sites.js';
import { recordClonePage } from '../../pipeline/ingest/clone-page.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { DashboardClient } from './support/http-client.js';
import { dashboardLeadCounts } from './support/lead-counts.js';

const HOST = '127.0.0.60:8900';
let ctx: TestContext;
let dash: DashboardHandle;
let sup: DashboardClient;
let sellerId: number;
let siteId: number;

beforeAll(async () => {
  ctx = await openTestContext();
  await createUser(ctx.db, 'sup', 'supervisor-pass-3', 'supervisor');
  await ctx.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('bbs', '电工论坛', 'bbs', 'http'), ('cited-sites', 'cited', 'website', 'http')`);
  const page = async (url: string, source: string) =>
    (await ctx.db.query<{ id: number }>(`INSERT INTO pages (url, final_url, source_id, status, render, sha256, fetched_at) VALUES ($1, $1, $2, 200, 'http', $3, now()) RETURNING id`, [url, source, 'c'.repeat(64)])).rows[0]!.id;
  const url = 'http://127.0.0.2:8900/thread-7-1-1.html#1';
  const ad: ListingInput = {
    url, pageId: await page('http://127.0.0.2:8900/thread-7-1-1.html', 'bbs'), sourceId: 'bbs', platform: 'bbs', position: 0, threadKey: url, authorHandle: null, authorUrl: null, postedAt: null,
    title: '电工证不用考试', body: `电工证不用考试 官网可查 http://${HOST}/ 电话13812340001`, normalizedBody: '', bodySha: 'a'.repeat(64), images: [], links: [], review: false,
    modelVersion: 'test', certTypes: [], reasons: [], score: 0.95, flagged: true,
    contacts: [{ kind: 'phone', value: '13812340001', origin: 'text' }, { kind: 'url', value: HOST, origin: 'text' }],
  };
  const [row] = await upsertListings(ctx.db, [ad], new Date());
  await replaceCitationsMany(ctx.db, [{ listingId: row!.id, cites: [{ host: HOST, via: 'text', url: `http://${HOST}/` }] }]);
  sellerId = (await linkListing(ctx.db, row!.id)).sellerId!;
  const site = await recordClonePage(
    ctx.db,
    {
      id: await page(`http://${HOST}/`, 'cited-sites'), sourceId: 'cited-sites', url: `http://${HOST}/`, at: new Date(),
      signals: { title: '特种作业操作证及安全生产知识和管理能力考核合格信息查询', headings: '', forms: [{ action: `http://${HOST}/query`, method: 'get', fields: ['证件号码 no'] }], text: '证件号码 姓名 查询', links: [] },
    },
    { clone: true, score: 0.75, reasons: ['仿冒官方查询平台标题：特种作业操作证及安全生产知识和管理能力考核合格信息查询', '自建证书查询表单（证件号码）'], look: 'form' },
  );
  siteId = site!.sellerId;
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  sup = new DashboardClient(dash.url);
  await sup.login('sup', 'supervisor-pass-3');
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

describe('a fake verification site on the lead surfaces', () => {
  it('is a lead of its own kind, with its host as contact, linked to the seller citing it, and never merged into it', async () => {
    const leads = await listLeads(ctx.db);
    const site = leads.find((l) => l.id === siteId)!;
    const seller = leads.find((l) => l.id === sellerId)!;
    expect(siteId).not.toBe(sellerId);
    expect(site).toMatchObject({ kind: 'verification-site', category: 'lead', contacts: [{ kind: 'url', value: HOST }], citedBy: [sellerId] });
    expect(seller).toMatchObject({ kind: 'seller', verificationSites: [siteId] });
    expect((await listLeads(ctx.db, { kind: 'seller' })).map((l) => l.id)).toEqual([sellerId]);
    // The seller relinked after the site appeared still does not swallow it.
    const again = await linkListing(ctx.db, (await ctx.db.query<{ id: number }>(`SELECT id FROM listings WHERE seller_id = $1`, [sellerId])).rows[0]!.id);
    expect(again.sellerId).toBe(sellerId);
    expect((await listLeads(ctx.db)).map((l) => l.id).sort()).toEqual([sellerId, siteId].sort());
  });

  it('is counted the same by the queue, its tabs, the statistics and the XLSX, and marked in the queue', async () => {
    const c = await dashboardLeadCounts(sup);
    expect(c.queueIds.sort()).toEqual([sellerId, siteId].sort());
    expect(c.xlsxIds.sort()).toEqual([sellerId, siteId].sort());
    expect(c.statsLeads).toBe(2);
    const queue = await (await sup.get('/')).text();
    const row = queue.slice(queue.indexOf(`<tr data-id="${siteId}"`));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('class="badge verification-site"');
    const sellerRow = queue.slice(queue.indexOf(`<tr data-id="${sellerId}"`));
    expect(sellerRow.slice(0, sellerRow.indexOf('</tr>'))).not.toContain('verification-site');
  });

  it('shows the host, the reasons and the citing seller on the site page, and the cited site on the seller page', async () => {
    const sitePage = await (await sup.get(`/sellers/${siteId}`)).text();
    expect(sitePage).toContain('仿冒查询网站');
    expect(sitePage).toContain(HOST);
    expect(sitePage).toContain('自建证书查询表单');
    expect(sitePage).toContain(`<a href="/sellers/${sellerId}">#${sellerId}</a>`);
    const sellerPage = await (await sup.get(`/sellers/${sellerId}`)).text();
    expect(sellerPage).toContain('引用的仿冒查询网站');
    expect(sellerPage).toContain(`<a href="/sellers/${siteId}">#${siteId}</a>`);
  });
});

// End to end in real Chromium against a real dashboard on Postgres with demo data:
// log in, triage with the keyboard (bulk too), open a seller, view a stored page,
// confirm, refer, export XLSX — while the planted script injections never run, the
// stored copy reaches no network, roles hold and logged-out requests are refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { openTestContext, type TestContext } from '../dashboards/support/test-context.js';
import { FORMULA, PASSWORDS, seedDemoData, type DemoIds } from '../dashboards/support/demo-data.js';
import { launchChromium } from './browser.js';

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;
let browser: Browser;
let leak: Server;
const leaked: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  leak = createServer((req, res) => {
    leaked.push(req.url ?? '');
    res.end('leak');
  });
  await new Promise<void>((r) => leak.listen(0, '127.0.0.1', r));
  ctx = await openTestContext();
  ids = await seedDemoData(ctx, { leakUrl: `http://127.0.0.1:${(leak.address() as AddressInfo).port}/leak` });
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await dash?.close();
  await ctx?.close();
  leak?.close();
});

async function newSession(user?: keyof typeof PASSWORDS): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  if (user) {
    await page.goto(`${dash.url}/login`);
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', PASSWORDS[user]);
    await Promise.all([page.waitForURL(`${dash.url}/`), page.click('button[type=submit]')]);
  }
  return { context, page };
}

async function expectInert(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    const hit = await frame.evaluate(() => (window as unknown as { __sandboxXss?: boolean }).__sandboxXss).catch(() => undefined);
    expect(hit, frame.url()).toBeUndefined();
  }
}

async function statusOf(id: number): Promise<string> {
  return (await ctx.db.query<{ status: string }>('SELECT status FROM sellers WHERE id = $1', [id])).rows[0]!.status;
}

describe('dashboard in Chromium', () => {
  it('sends a logged-out browser to the login page and refuses its API calls', async () => {
    const { context, page } = await newSession();
    await page.goto(`${dash.url}/sellers/${ids.sellers.electric}`);
    expect(page.url()).toMatch(/\/login\?next=/);
    expect(await page.content()).not.toContain('13812345678');
    const api = await page.request.get(`${dash.url}/api/queue`);
    expect(api.status()).toBe(401);
    await context.close();
  });

  it('triages with the keyboard: move, escalate, confirm, note, bulk dismiss', async () => {
    const { context, page } = await newSession('alice');
    const s = ids.sellers;
    const rowIds = () => page.$$eval('#queue tbody tr', (trs) => trs.map((tr) => Number(tr.getAttribute('data-id'))));
    // The default view holds the leads; the review-band negative is under 全部卖家 (and 待复核).
    expect(await rowIds()).toEqual([s.electric, s.xss, s.welder, s.heights, s.linked]);
    await page.click('nav.tabs a[data-view="all"]');
    await page.waitForURL(/view=all/);
    expect(await rowIds()).toEqual([s.electric, s.xss, s.welder, s.heights, s.linked, s.negative]);
    await expectInert(page);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    expect(await page.getAttribute('#queue tr.current', 'data-id')).toBe(String(s.welder));
    await page.keyboard.press('e');
    await expect.poll(() => page.textContent(`tr[data-id="${s.welder}"] td.status .badge`)).toBe('审核中');
    // After a decision the cursor moves on to the next lead.
    expect(await page.getAttribute('#queue tr.current', 'data-id')).toBe(String(s.heights));
    await page.keyboard.press('c');
    await expect.poll(() => page.textContent(`tr[data-id="${s.heights}"] td.status .badge`)).toBe('已确认');
    page.once('dialog', (d) => void d.accept('键盘备注：同一微信'));
    await page.keyboard.press('n');
    await expect.poll(async () => (await ctx.db.query(`SELECT 1 FROM seller_notes WHERE body = '键盘备注：同一微信' AND actor = 'alice'`)).rows.length).toBe(1);
    expect(await page.getAttribute('#queue tr.current', 'data-id')).toBe(String(s.linked));
    // Ticking rows while the note's answer is still on its way must not lose the ticks.
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    expect(await page.textContent('#selected-count')).toBe('已选 2 条');
    await page.keyboard.press('d');
    await expect.poll(() => page.textContent(`tr[data-id="${s.negative}"] td.status .badge`)).toBe('已排除');
    expect(await statusOf(s.linked)).toBe('dismissed');
    expect(await statusOf(s.negative)).toBe('dismissed');
    expect(await statusOf(s.welder)).toBe('in_review');
    const labels = await ctx.db.query<{ label: string; actor: string }>('SELECT label, actor FROM labels WHERE listing_id = $1', [ids.listings.h1]);
    expect(labels.rows).toEqual([{ label: 'seller_ad', actor: 'alice' }]);
    await expectInert(page);
    await context.close();
  });

  it('shows a claim to another analyst', async () => {
    const a = await newSession('alice');
    await a.page.click(`tr[data-id="${ids.sellers.xss}"] td.score`);
    await a.page.keyboard.press('a');
    await expect.poll(() => a.page.textContent(`tr[data-id="${ids.sellers.xss}"] td.claim`)).toBe('我已领取');
    const b = await newSession('bob');
    expect(await b.page.textContent(`tr[data-id="${ids.sellers.xss}"] td.claim`)).toBe('已被 alice 领取');
    expect(await b.page.getAttribute(`tr[data-id="${ids.sellers.xss}"]`, 'class')).toContain('taken');
    await a.context.close();
    await b.context.close();
  });

  it('opens a seller, views the stored page inert (no script, no network) and confirms', async () => {
    const { context, page } = await newSession('alice');
    await Promise.all([page.waitForURL(/\/sellers\/\d+$/), page.click(`tr[data-id="${ids.sellers.xss}"] td.seller a`)]);
    await expect.poll(() => page.locator('h1').textContent()).toContain(`#${ids.sellers.xss}`);
    // The payloads are shown as text.
    expect(await page.locator('.listings').textContent()).toContain('<script>window.__sandboxXss=true</script>');
    await Promise.all([page.waitForURL(/stored=/), page.click(`a.view-stored[href*="stored=${ids.listings.x1}"]`)]);
    const frameEl = await page.waitForSelector('iframe.stored');
    expect(await frameEl.getAttribute('sandbox')).toBe('');
    const frame = (await frameEl.contentFrame())!;
    await frame.waitForLoadState('load');
    expect(await frame.locator('body').textContent()).toContain('电工证');
    await page.waitForTimeout(600);
    await expectInert(page);
    expect(leaked).toEqual([]);
    // c confirms without a reload and goes on to the next lead of the queue (issue 13; it used to reload this page).
    await page.keyboard.press('c');
    await page.waitForURL((u) => u.pathname !== `/sellers/${ids.sellers.xss}`);
    expect(await statusOf(ids.sellers.xss)).toBe('confirmed');
    const views = await ctx.db.query(`SELECT action FROM audit_log WHERE actor = 'alice' AND seller_id = $1 AND action IN ('view.seller', 'view.stored_page')`, [ids.sellers.xss]);
    expect(views.rows.length).toBeGreaterThanOrEqual(3);
    // The listing page highlights cues and contacts and still runs nothing.
    await page.goto(`${dash.url}/listings/${ids.listings.x1}`);
    expect(await page.locator('.post-body mark.contact').allTextContents()).toContain('186 0000 1111');
    expect(await page.locator('.post-body mark.cue').count()).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    await expectInert(page);
    await context.close();
  });

  it('lets a supervisor refer the seller and export the lead list as safe XLSX', async () => {
    const { context, page } = await newSession('sup');
    await page.goto(`${dash.url}/sellers/${ids.sellers.xss}`);
    await page.fill('input[name=unit]', '某市公安局治安支队');
    await page.fill('input[name=pack]', 'b'.repeat(64));
    await Promise.all([page.waitForURL(/msg=saved/), page.click('form[action$="/refer"] button[type=submit]')]);
    expect(await page.locator('h1 .badge').textContent()).toBe('已移送');
    expect(await page.locator('dl.referrals').textContent()).toContain('某市公安局治安支队');
    await page.goto(`${dash.url}/?status=all`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href^="/export/leads.xlsx"]')]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as never);
    const values: unknown[] = [];
    wb.worksheets[0]!.eachRow((r) => r.eachCell((c) => values.push(c.value)));
    expect(values).toContain(`'${FORMULA}`);
    expect(values.filter((v) => typeof v === 'string' && /^[=+\-@]/.test(v))).toEqual([]);
    await expectInert(page);
    await context.close();
  });

  it('enforces roles in the browser and draws the statistics charts under the CSP', async () => {
    const { context, page } = await newSession('alice');
    expect(await page.locator('a[href^="/export/leads.xlsx"]').count()).toBe(0);
    expect(await page.locator('nav a[href="/audit"]').count()).toBe(0);
    const audit = await page.goto(`${dash.url}/audit`);
    expect(audit!.status()).toBe(403);
    const exp = await page.request.get(`${dash.url}/export/leads.xlsx`);
    expect(exp.status()).toBe(403);
    await page.goto(`${dash.url}/stats`);
    await page.waitForSelector('#chart-series canvas');
    expect(await page.locator('#chart-status canvas').count()).toBe(1);
    await context.close();
    const root = await newSession('root');
    await root.page.goto(`${dash.url}/audit`);
    expect(await root.page.locator('#chain-status').getAttribute('class')).toBe('ok');
    await root.context.close();
    // The only CSP reports come from the stored copy's sandbox policy blocking its images (the leak URL among them);
    // the dashboard's own pages and ECharts raise none.
    expect(cspViolations.filter((m) => !m.includes('"img-src data:"'))).toEqual([]);
    expect(cspViolations.some((m) => m.includes('/leak'))).toBe(true);
  });
});

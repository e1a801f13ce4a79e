// Issue 13 in Chromium: 20 leads triaged from the queue with their evidence seen (the best post's
// highlighted excerpt in the row) in few keys and page loads; the seller page keeps the queue's keys
// and place; no internal codes on the pages; local times; search reads input as the classifier does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { BlobStore } from '../../pipeline/storage/blob-store.js';
import { openTestContext, type TestContext } from '../dashboards/support/test-context.js';
import { PASSWORDS, seedDemoData, type DemoIds } from '../dashboards/support/demo-data.js';
import { launchChromium } from './browser.js';

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;
let browser: Browser;
const extra: number[] = [];
const PLATFORMS = ['tieba', 'classifieds', 'qa', 'seo', 'website'];

/** Twenty more leads, each with a sale post carrying a phone (the lead rule), scored above the demo's. */
async function seedLeads(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const s = await ctx.db.query<{ id: number }>(`INSERT INTO sellers (status, score) VALUES ('new', $1) RETURNING id`, [0.999 - i * 0.001]);
    const sellerId = s.rows[0]!.id;
    extra.push(sellerId);
    const phone = `1370000${String(1000 + i)}`;
    const body = `锅炉证 叉车证 不用考试 直接出证 官网可查，联系电话 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}，第 ${i} 号卖家。`;
    const l = await ctx.db.query<{ id: number }>(
      `INSERT INTO listings (url, source_id, platform, position, title, body, normalized_body, body_sha256, score, flagged, review, model_version, cert_types, reasons, seller_id, first_seen, last_seen)
       VALUES ($1, 'bbs', $2, 0, $3, $4, $4, $5, $6, true, false, 'm1', $7, '[]', $8, '2026-11-20T16:30:00Z', '2026-11-21T01:05:00Z') RETURNING id`,
      [`http://127.0.0.9/t/${i}`, PLATFORMS[i % PLATFORMS.length], `锅炉证 叉车证 出售 ${i}`, body, BlobStore.sha256(body), 0.999 - i * 0.001,
        JSON.stringify([{ code: 'samr.boiler', label: '锅炉', authority: 'samr' }, { code: 'samr.forklift', label: '叉车', authority: 'samr' }]), sellerId],
    );
    const c = await ctx.db.query<{ id: number }>(`INSERT INTO contacts (kind, value) VALUES ('phone', $1) RETURNING id`, [phone]);
    await ctx.db.query('INSERT INTO listing_contacts (listing_id, contact_id) VALUES ($1, $2)', [l.rows[0]!.id, c.rows[0]!.id]);
  }
}

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  await seedLeads(20);
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await dash?.close();
  await ctx?.close();
});

async function login(user: keyof typeof PASSWORDS): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${dash.url}/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', PASSWORDS[user]);
  await Promise.all([page.waitForURL(`${dash.url}/`), page.click('button[type=submit]')]);
  return page;
}

async function statusOf(id: number): Promise<string> {
  return (await ctx.db.query<{ status: string }>('SELECT status FROM sellers WHERE id = $1', [id])).rows[0]!.status;
}

describe('triage at a glance', () => {
  it('triages 20 leads with their evidence seen in at most 25 key presses and 3 page loads', async () => {
    let loads = 0;
    let keys = 0;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('load', () => loads++);
    await page.goto(`${dash.url}/login`);
    await page.fill('input[name=username]', 'alice');
    await page.fill('input[name=password]', PASSWORDS.alice);
    await Promise.all([page.waitForURL(`${dash.url}/`), page.click('button[type=submit]')]);
    loads = 1; // the queue, the page the triage starts from
    const decided: { id: number; action: 'confirm' | 'dismiss' }[] = [];
    for (let i = 0; i < 20; i++) {
      const row = page.locator('#queue tr.current');
      const id = Number(await row.getAttribute('data-id'));
      // The evidence is on the row: the best post's excerpt with a sale cue and the contact marked.
      await expect(row.locator('.excerpt mark.cue').first().isVisible()).resolves.toBe(true);
      await expect(row.locator('.excerpt mark.contact').first().isVisible()).resolves.toBe(true);
      const action = i % 4 === 3 ? 'dismiss' : 'confirm';
      await page.keyboard.press(action === 'confirm' ? 'c' : 'd');
      keys++;
      await page.locator(`#queue tr[data-id="${id}"] td.status .badge.s-${action === 'confirm' ? 'confirmed' : 'dismissed'}`).waitFor();
      decided.push({ id, action });
    }
    console.log(`20-lead triage: ${keys} key presses, ${loads} page loads`);
    expect(keys).toBeLessThanOrEqual(25);
    expect(loads).toBeLessThanOrEqual(3);
    expect(new Set(decided.map((d) => d.id)).size).toBe(20);
    for (const d of decided) expect(await statusOf(d.id)).toBe(d.action === 'confirm' ? 'confirmed' : 'dismissed');
    await page.close();
  }, 120_000);

  it('expands a row in place to all its posts, with highlights', async () => {
    const page = await login('bob');
    const row = page.locator(`#queue tr[data-id="${ids.sellers.electric}"]`);
    await row.click();
    await page.keyboard.press('v');
    const cards = page.locator('#queue tr.posts-row .post-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    expect(await page.locator('#queue tr.posts-row mark.contact').count()).toBeGreaterThan(0);
    expect(page.url()).toBe(`${dash.url}/`);
    await page.context().close();
  });

  it('keeps the queue keys on the seller page: c confirms and goes on to the next lead, u returns to the queue at it', async () => {
    const page = await login('bob');
    const order = await page.locator('#queue tr[data-id]').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-id'))));
    expect(order.length).toBeGreaterThan(2);
    await page.keyboard.press('o');
    await page.waitForURL(`${dash.url}/sellers/${order[0]}`);
    await expect(page.locator('#triage-nav .place').textContent()).resolves.toContain(`1 / ${order.length}`);
    await page.keyboard.press('c');
    // Before issue 13, c submitted the form and the same page came back.
    await page.waitForURL(`${dash.url}/sellers/${order[1]}`);
    expect(await statusOf(order[0]!)).toBe('confirmed');
    await page.keyboard.press('j');
    await page.waitForURL(`${dash.url}/sellers/${order[2]}`);
    await page.keyboard.press('u');
    await page.waitForURL(`${dash.url}/`);
    await expect(page.locator('#queue tr.current').getAttribute('data-id')).resolves.toBe(String(order[2]));
    // The listing page has the same bar and keys.
    await page.goto(`${dash.url}/listings/${ids.listings.h1}`);
    expect(await page.locator('#triage-nav').count()).toBe(1);
    await page.context().close();
  });
});

describe('Chinese throughout, local time, search', () => {
  it('shows no internal codes on the queue, seller, listing, sources and audit pages', async () => {
    const page = await login('root');
    await page.goto(`${dash.url}/?view=all&status=all`);
    const texts: string[] = [];
    for (const path of ['/?view=all&status=all', `/sellers/${ids.sellers.electric}`, `/listings/${ids.listings.e1}`, '/sources', '/audit']) {
      await page.goto(`${dash.url}${path}`);
      texts.push(await page.locator('main').innerText());
    }
    const all = texts.join('\n');
    for (const code of [/\b(phone|wechat|qq|handle|email|url):/, /samr\./, /mohurd\./, /decision\.confirm/, /view\.seller/, /\bwaiting\b/, /\*\/6/, /"[a-z_]+":/, /✓ #/]) {
      expect(all, String(code)).not.toMatch(code);
    }
    expect(all).toContain('贴吧');
    expect(all).toContain('锅炉作业(特种设备)');
    expect(all).toContain('手机');
    expect(all).toMatch(/每隔 6 小时|每 6 小时/);
    expect(all).toContain('查看卖家');
    await page.context().close();
  });

  it('shows times on the Beijing clock (stored UTC 2026-11-20 16:30 reads 2026-11-21 00:30)', async () => {
    const page = await login('bob');
    await page.goto(`${dash.url}/listings/${(await ctx.db.query<{ id: number }>('SELECT id FROM listings WHERE seller_id = $1', [extra[19]])).rows[0]!.id}`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('2026-11-21 00:30');
    expect(text).not.toContain('2026-11-20 16:30');
    await page.context().close();
  });

  it('finds a referred seller by its WeChat id typed in full-width form', async () => {
    await ctx.db.query(`UPDATE sellers SET status = 'referred' WHERE id = $1`, [ids.sellers.electric]);
    const page = await login('bob');
    await page.fill('input[name=q]', 'ｄｇｚ＿ｗａｎｇ８８８');
    await Promise.all([page.waitForURL(/q=/), page.press('input[name=q]', 'Enter')]);
    const found = await page.locator('#queue tr[data-id]').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-id'))));
    expect(found).toEqual([ids.sellers.electric]);
    await page.fill('input[name=q]', '１３８－１２３４－５６７８');
    await Promise.all([page.waitForURL(/q=%EF/), page.press('input[name=q]', 'Enter')]);
    expect(await page.locator(`#queue tr[data-id="${ids.sellers.electric}"]`).count()).toBe(1);
    await page.context().close();
  });
});

describe('campaign statistics', () => {
  it('shows a date range, referred and closed cases per period, headed tables and charts whose labels are all drawn', async () => {
    await ctx.db.query(`INSERT INTO referrals (seller_id, unit, referred_by, referred_at, closed_by, closed_at, outcome)
                        VALUES ($1, '市公安局', 'sup', now() - interval '1 day', 'sup', now(), '已立案')`, [extra[0]]);
    const page = await login('sup');
    await page.goto(`${dash.url}/stats?period=day&from=2026-01-01&to=2030-12-31`);
    await page.waitForSelector('#chart-platform canvas');
    await expect(page.locator('h1 .range').textContent()).resolves.toContain('2026-01-01 至 2030-12-31');
    const heads = await page.locator('table.stats-table.series thead th').allTextContents();
    expect(heads).toEqual(['时间段', '发现帖子', '命中帖子', '新增线索', '确认线索', '移送案件', '结案']);
    for (const sel of ['table.by-cert', 'table.by-platform']) {
      const h = await page.locator(`${sel} thead th`).allTextContents();
      expect(h.every((x) => x.trim().length > 0)).toBe(true);
    }
    const sums = await page.locator('table.stats-table.series tbody tr').evaluateAll((rs) =>
      rs.reduce((a, r) => [a[0]! + Number(r.children[5]!.textContent), a[1]! + Number(r.children[6]!.textContent)], [0, 0]),
    );
    expect(sums).toEqual([1, 1]);
    const platformText = await page.locator('table.by-platform tbody').innerText();
    expect(platformText).toContain('卖家推广站');
    expect(platformText).not.toMatch(/\bseo\b|\bwebsite\b/);
    const axes = await page.evaluate(() => {
      const ec = (window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): Record<string, any> } } }).echarts;
      const opt = (id: string) => ec.getInstanceByDom(document.getElementById(id)!).getOption();
      return {
        platform: opt('chart-platform').xAxis[0].axisLabel.interval, platformContain: opt('chart-platform').grid[0].containLabel,
        cert: opt('chart-cert').yAxis[0].axisLabel.interval, certContain: opt('chart-cert').grid[0].containLabel,
        certLabels: opt('chart-cert').yAxis[0].data as string[],
      };
    });
    expect(axes).toMatchObject({ platform: 0, platformContain: true, cert: 0, certContain: true });
    expect(axes.certLabels).toContain('锅炉作业(特种设备)');
    await page.context().close();
  });
});

// The sandbox's JavaScript works in a real browser: the Tieba shell renders its floors from
// the JSON endpoint, the classifieds button reveals the phone, and no XSS payload runs.
import * as cheerio from 'cheerio';
import { type Browser, chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, type Sandbox, startSandbox } from '../../sandbox/index.js';

let sb: Sandbox;
let browser: Browser;

beforeAll(async () => {
  sb = await startSandbox({ port: await findFreePort(), seed: 11, quiet: true, rateLimit: 0 });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

describe('sandbox in a browser', () => {
  it('renders Tieba floors only through JavaScript', async () => {
    const t = sb.truth();
    const url = t.sellers.flatMap((s) => s.posts).find((u) => u.startsWith(sb.origins['tieba']!))!;
    const shell = await (await fetch(url)).text();
    expect(cheerio.load(shell)('div.d_post_content').length).toBe(0);
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('body[data-loaded="1"]');
    const floors = await page.locator('div.l_post div.d_post_content').count();
    expect(floors).toBeGreaterThan(0);
    expect((await page.locator('#thread_title').textContent())?.length).toBeGreaterThan(0);
    await page.close();
  });

  it('reveals a classifieds phone on click', async () => {
    const t = sb.truth();
    const ads = t.sellers.flatMap((s) => s.posts.map((u) => ({ u, s }))).filter(({ u }) => u.startsWith(sb.origins['classifieds']!) && !u.includes('/vip/'));
    const page = await browser.newPage();
    let revealed = 0;
    for (const { u, s } of ads) {
      await page.goto(u, { waitUntil: 'domcontentloaded' });
      if ((await page.locator('button.show-phone').count()) === 0) continue;
      await page.click('button.show-phone');
      await page.waitForFunction(() => (document.querySelector('.phone-num')?.textContent ?? '').length > 0);
      const phone = await page.locator('.phone-num').textContent();
      expect(s.contacts.map((c) => c.value)).toContain(phone);
      if (++revealed >= 2) break;
    }
    expect(revealed).toBeGreaterThan(0);
    await page.close();
  });

  it('never executes the planted XSS payloads', async () => {
    const page = await browser.newPage();
    const xss = sb.truth().xss;
    expect(xss.length).toBeGreaterThan(0);
    for (const u of xss.slice(0, 3)) {
      await page.goto(u, { waitUntil: 'domcontentloaded' });
      if (u.startsWith(sb.origins['tieba']!)) await page.waitForSelector('body[data-loaded="1"]');
      expect(await page.evaluate(() => (window as unknown as { __sandboxXss?: boolean }).__sandboxXss)).toBeUndefined();
      expect(await page.locator('body').textContent()).toContain('__sandboxXss');
    }
    await page.close();
  });
});

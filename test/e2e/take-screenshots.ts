// Screenshots of the main dashboard pages for dashboards/README.md, taken in Debian's
// Chromium against the demo fixtures (each PNG kept under 200 KB).
// Run: npx tsx test/e2e/take-screenshots.ts
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startDashboard } from '../../dashboards/index.js';
import { openTestContext } from '../dashboards/support/test-context.js';
import { PASSWORDS, seedDemoData } from '../dashboards/support/demo-data.js';
import { launchChromium } from './browser.js';

const OUT = join(import.meta.dirname, '..', '..', 'dashboards', 'screenshots');
const ctx = await openTestContext();
const browser = await launchChromium();
try {
  const ids = await seedDemoData(ctx);
  await ctx.db.query(`INSERT INTO seller_status_history (seller_id, from_status, to_status, actor, at) VALUES ($1, 'new', 'confirmed', 'alice', now() - interval '2 days')`, [ids.sellers.heights]);
  const dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  const page = await context.newPage();
  await page.goto(`${dash.url}/login`);
  await page.screenshot({ path: join(OUT, 'login.png') });
  await page.fill('input[name=username]', 'root');
  await page.fill('input[name=password]', PASSWORDS.root);
  await Promise.all([page.waitForURL(`${dash.url}/`), page.click('button[type=submit]')]);
  // The queue with the electrician seller's posts expanded in place (v) and a row ticked.
  await page.click(`tr[data-id="${ids.sellers.heights}"] input.sel`);
  await page.click(`tr[data-id="${ids.sellers.electric}"] td.score`);
  await page.keyboard.press('v');
  await page.waitForSelector('tr.posts-row .post-card');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, 'queue.png') });
  await page.keyboard.press('o');
  await page.waitForURL(`${dash.url}/sellers/${ids.sellers.electric}`);
  await page.screenshot({ path: join(OUT, 'seller.png') });
  await page.goto(`${dash.url}/sellers/${ids.sellers.welder}`);
  await page.goto(`${dash.url}/sellers/${ids.sellers.xss}?stored=${ids.listings.x1}#stored`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(OUT, 'stored-copy.png') });
  await page.goto(`${dash.url}/listings/${ids.listings.e1}`);
  await page.screenshot({ path: join(OUT, 'listing.png') });
  await page.goto(`${dash.url}/sources`);
  await page.screenshot({ path: join(OUT, 'sources.png') });
  await ctx.db.query(`INSERT INTO referrals (seller_id, unit, referred_by, referred_at) VALUES ($1, '市公安局', 'sup', now() - interval '1 day')`, [ids.sellers.heights]);
  await page.goto(`${dash.url}/stats?period=day`);
  await page.waitForSelector('#chart-status canvas');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, 'stats.png'), fullPage: true });
  await page.goto(`${dash.url}/audit`);
  await page.screenshot({ path: join(OUT, 'audit.png') });
  await page.goto(`${dash.url}/lang/en?back=/`);
  await page.screenshot({ path: join(OUT, 'queue-en.png') });
  for (const name of ['login', 'queue', 'seller', 'stored-copy', 'listing', 'sources', 'stats', 'audit', 'queue-en']) {
    const size = statSync(join(OUT, `${name}.png`)).size;
    console.log(`${name}.png ${size} bytes${size > 200_000 ? '  (over 200 KB!)' : ''}`);
  }
  await dash.close();
} finally {
  await browser.close();
  await ctx.close();
}

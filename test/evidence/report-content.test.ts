// Issue 13's referral report: per listing the post excerpt, its contacts and a screenshot thumbnail
// (full image in the pack); custody entries and times readable (Chinese, Beijing clock); VERIFY.md in
// Chinese then English; items.xlsx with a frozen header, filters and real local date cells.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import { captureListing, exportPack, verifyPack } from '../../evidence/index.js';
import { launchChromium } from '../../evidence/capture/browser-holder.js';
import { formatLocalTime } from '../../core/local-time.js';
import { tempDir } from '../support/services.js';
import { evidenceContext, labOutbound, seedSeller, type EvidenceTestContext } from './evidence-context.js';
import { startPageServer, type PageServer } from './page-server.js';
import { readZip } from './zip-rewrite.js';

let env: EvidenceTestContext;
let server: PageServer;
let browser: Browser;
let out: ReturnType<typeof tempDir>;
let entries: Map<string, Buffer>;
let listingIds: number[];

beforeAll(async () => {
  [env, server, browser] = await Promise.all([evidenceContext(), startPageServer(), launchChromium()]);
  out = tempDir('certwatch-report-');
  const seeded = await seedSeller(env.ctx, [
    { url: `${server.origin}/post/1`, title: '电工证 不用考试', body: '电工证 不用考试 直接出证，微信 dgz1888，电话 13812345678', contacts: [{ kind: 'wechat', value: 'dgz1888' }, { kind: 'phone', value: '13812345678' }] },
    { url: `${server.origin}/post/2`, title: '焊工证 包过', body: '焊工证 包过 不用考试，加微信 dgz2888', contacts: [{ kind: 'wechat', value: 'dgz2888' }] },
  ]);
  listingIds = seeded.listingIds;
  for (const id of listingIds) await captureListing(env.ctx, id, { outboundFor: labOutbound, reason: 'flagged', actor: 'system', browser });
  await appendAudit(env.ctx.db, { actor: 'supervisor1', action: 'decision.confirm', sellerId: seeded.sellerId, detail: { from: 'new', to: 'confirmed' } });
  const pack = join(out.path, 'pack.zip');
  await exportPack(env.ctx, { sellerId: seeded.sellerId, out: pack, actor: 'supervisor1', browser });
  expect((await verifyPack(pack)).ok).toBe(true);
  entries = await readZip(pack);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
  out?.remove();
});

describe('the referral report', () => {
  it('shows each listing with its post text, contacts and a screenshot thumbnail pointing to the full image', async () => {
    const html = entries.get('report/report.html')!.toString();
    expect(html).toContain('帖子内容摘录');
    for (const id of listingIds) {
      const from = html.indexOf(`id="post-${id}"`);
      const card = html.slice(from, html.indexOf('<div class="post"', from + 1) > 0 ? html.indexOf('<div class="post"', from + 1) : html.indexOf('<h2>', from));
      expect(card).toContain('不用考试');
      expect(card).toMatch(/微信 dgz[12]888/);
      expect(card).toMatch(/<img src="data:image\/png;base64,/);
      const full = /完整截图：(captures\/L\d{7}\/C\d{7}\/1-screenshot\.png)/.exec(card)![1]!;
      expect(entries.has(full)).toBe(true);
    }
    expect(html).toContain("img-src data:");
    // Custody entries are named and described, never by code or JSON.
    expect(html).toContain('确认线索');
    expect(html).toContain('新线索 → 已确认');
    expect(html).not.toMatch(/decision\.confirm|export_written|"to":/);
    // Times on the Beijing clock, the zone named.
    const exportedAt = (JSON.parse(entries.get('manifest.json')!.toString()) as { exported_at: string }).exported_at;
    expect(html).toContain(formatLocalTime(exportedAt, 'Asia/Shanghai', { seconds: true }));
    expect(html).toContain('北京时间');

    if (process.env.CERTWATCH_SCREENSHOT_DIR) {
      // The report's first page as the receiving office sees it (dashboards/README.md).
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
      await page.setContent(html, { waitUntil: 'load' });
      mkdirSync(process.env.CERTWATCH_SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(process.env.CERTWATCH_SCREENSHOT_DIR, 'report.png') });
      await page.evaluate(() => document.querySelector('.post')!.scrollIntoView());
      await page.screenshot({ path: join(process.env.CERTWATCH_SCREENSHOT_DIR, 'report-posts.png') });
      await page.close();
    }
  });

  it('has VERIFY.md in Chinese with the English version after it', () => {
    const md = entries.get('VERIFY.md')!.toString();
    expect(md.startsWith('# 证据包校验说明')).toBe(true);
    const en = md.indexOf('# How to verify this evidence pack');
    expect(en).toBeGreaterThan(md.indexOf('sha256sum -c SHA256SUMS'));
    expect(md.slice(en)).toContain('sha256sum -c SHA256SUMS');
  });

  it('has items.xlsx with a frozen header, filters and capture times as local date cells', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(entries.get('report/items.xlsx')! as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('电子数据清单')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const header = ws.getRow(1).values as unknown[];
    const col = header.findIndex((v) => typeof v === 'string' && v.startsWith('提取时间'));
    expect(header[col]).toBe('提取时间（北京时间）');
    const cell = ws.getRow(2).getCell(col).value;
    expect(cell).toBeInstanceOf(Date);
    // The cell reads the Beijing wall clock: its UTC fields are the local time of a capture today.
    const shown = (cell as Date).toISOString().slice(0, 16).replace('T', ' ');
    const captures = await env.ctx.db.query<{ captured_at: Date }>('SELECT captured_at FROM evidence');
    expect(captures.rows.map((r) => formatLocalTime(r.captured_at, 'Asia/Shanghai'))).toContain(shown);
  });
});

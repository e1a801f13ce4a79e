// Burns the URL and UTC capture time into a copy of a screenshot, so a printed page
// still says where and when it came from. The original screenshot stays untouched.
import type { Page } from 'playwright';
import { escapeHtml } from '../escape-html.js';

export interface BannerText {
  url: string;
  capturedAt: Date;
  screenshotSha256: string;
}

/**
 * Draws on `page` (the capture's own page, reused once the capture is done: a fresh
 * context costs seconds on a busy machine). The markup is ours, with every value escaped.
 */
export async function screenshotWithBanner(page: Page, png: Buffer, text: BannerText): Promise<Buffer> {
  const width = pngWidth(png);
  await page.setViewportSize({ width, height: 200 });
  const utc = text.capturedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>
    body{margin:0;background:#fff}
    .b{box-sizing:border-box;width:${width}px;padding:8px 12px;background:#fff4c2;border-bottom:3px solid #b00;
       font:14px/1.45 "Noto Sans CJK SC","Noto Sans",sans-serif;color:#000;word-break:break-all}
    .b b{color:#b00}
    img{display:block}
    </style></head><body><div class="b"><b>certwatch 取证截图</b> 截取时间 <b>${escapeHtml(utc)}</b><br>
    URL: ${escapeHtml(text.url)}<br>原始截图 SHA-256: ${escapeHtml(text.screenshotSha256)}</div>
    <img src="data:image/png;base64,${png.toString('base64')}"></body></html>`,
    { waitUntil: 'load' },
  );
  return page.screenshot({ fullPage: true, type: 'png', timeout: 60_000 });
}

/** Width from the PNG's IHDR chunk (bytes 16–19). */
function pngWidth(png: Buffer): number {
  return png.length >= 24 ? png.readUInt32BE(16) : 1280;
}

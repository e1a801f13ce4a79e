// Burns the URL and UTC capture time into a copy of a screenshot, so a printed page
// still says where and when it came from. The original screenshot stays untouched.
import type { Browser } from 'playwright';
import { escapeHtml } from '../escape-html.js';

export interface BannerText {
  url: string;
  capturedAt: Date;
  screenshotSha256: string;
}

export async function screenshotWithBanner(browser: Browser, png: Buffer, width: number, text: BannerText): Promise<Buffer> {
  // Its own context, JS off and every request refused: only the inline page and the data URL render.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 200 }, deviceScaleFactor: 1 });
  try {
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
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
    return await page.screenshot({ fullPage: true, type: 'png' });
  } finally {
    await context.close().catch(() => undefined);
  }
}

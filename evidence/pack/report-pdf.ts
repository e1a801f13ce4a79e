// Prints the report HTML to PDF with Chromium (CJK from Debian's fonts-noto-cjk), with
// the PDF's dates pinned to the export time so the same pack prints the same bytes.
import type { Browser } from 'playwright';

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+00'00'`;
}

/** Rewrites /CreationDate and /ModDate in place, keeping byte length so the xref stays valid. */
export function pinPdfDates(pdf: Buffer, at: Date): Buffer {
  const text = pdf.toString('latin1');
  const fixed = text.replace(/\/(CreationDate|ModDate) \((D:[^)]*)\)/g, (whole, key: string, value: string) => {
    const want = pdfDate(at);
    return want.length === value.length ? `/${key} (${want})` : whole;
  });
  return Buffer.from(fixed, 'latin1');
}

export async function renderReportPdf(browser: Browser, html: string, at: Date): Promise<Buffer> {
  // JS off and every request refused: the report is self-contained and must stay inert.
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="width:100%;font-size:8px;text-align:center;font-family:\'Noto Sans CJK SC\',sans-serif">第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页</div>',
    });
    return pinPdfDates(pdf, at);
  } finally {
    await context.close().catch(() => undefined);
  }
}

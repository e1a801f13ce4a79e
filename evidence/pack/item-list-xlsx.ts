// The 电子数据清单 as an XLSX for the receiving office; scraped values are written as
// text with formula-starting characters defused, so opening it runs nothing.
import ExcelJS from 'exceljs';
import type { PackItem } from './pack-items.js';
import { normaliseZip } from './deterministic-zip.js';
import { DEFAULT_TIME_ZONE, localWallDate, zoneLabel } from '../../core/local-time.js';

/** Text that a spreadsheet (or a CSV re-export) could read as a formula gets a leading apostrophe. */
export function defuseCell(value: string): string {
  const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd');
  return /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(clean) ? `'${clean}` : clean;
}

export async function renderItemListXlsx(items: PackItem[], meta: { sellerId: number; exportedAt: Date; fingerprint: string; timeZone?: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'certwatch';
  wb.created = meta.exportedAt;
  wb.modified = meta.exportedAt;
  const zone = meta.timeZone ?? DEFAULT_TIME_ZONE;
  const local = zoneLabel(zone, 'zh', meta.exportedAt);
  // Frozen header row: the list runs to hundreds of rows and the receiving office filters it.
  const ws = wb.addWorksheet('电子数据清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '序号', key: 'no', width: 6 },
    { header: '名称（包内路径）', key: 'path', width: 48 },
    { header: '类别', key: 'category', width: 26 },
    { header: '格式', key: 'format', width: 10 },
    { header: '媒体类型', key: 'mediaType', width: 24 },
    { header: '大小（字节）', key: 'size', width: 12 },
    { header: 'SHA-256', key: 'sha256', width: 66 },
    { header: 'SM3', key: 'sm3', width: 66 },
    { header: '来源网址', key: 'url', width: 50 },
    { header: `提取时间（${local}）`, key: 'capturedAt', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
    { header: '帖子编号', key: 'listingId', width: 10 },
    { header: '提取次序', key: 'captureId', width: 10 },
    { header: '派生自', key: 'derivedFrom', width: 48 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };
  for (const it of items) {
    ws.addRow({
      no: it.no,
      path: defuseCell(it.path),
      category: defuseCell(it.category),
      format: defuseCell(it.format),
      mediaType: defuseCell(it.mediaType),
      size: it.size,
      sha256: defuseCell(it.sha256),
      sm3: defuseCell(it.sm3),
      url: defuseCell(it.url),
      capturedAt: localWallDate(it.capturedAt, zone),
      listingId: it.listingId,
      captureId: it.captureId,
      derivedFrom: defuseCell(it.derivedFrom ?? ''),
    });
  }
  const info = wb.addWorksheet('说明');
  info.addRow(['卖家编号', meta.sellerId]);
  info.addRow([`导出时间（${local}）`, localWallDate(meta.exportedAt, zone)]).getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  info.addRow(['导出时间（UTC）', meta.exportedAt.toISOString()]);
  info.addRow(['签名公钥指纹（SHA-256）', meta.fingerprint]);
  info.addRow(['说明', '本表与证据包 manifest.json 中的文件清单一致；以 manifest.json 及其签名为准。']);
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return normaliseZip(raw);
}

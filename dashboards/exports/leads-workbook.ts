// The lead list as an XLSX workbook: the rows of the queue view it was asked from (by default the
// leads of pipeline/leads/lead-rule.ts), every text cell formula-safe through safeXlsxCell.
import ExcelJS from 'exceljs';
import type { Queryable } from '../../pipeline/storage/database.js';
import type { QueueFilters } from '../queue/queue-filters.js';
import { loadQueuePage } from '../queue/queue-page.js';
import { translate } from '../i18n/messages.js';
import { safeXlsxCell } from '../../pipeline/leads/safe-cell.js';
import { localWallDate } from '../../core/local-time.js';
import { certName, contactDisplay, contactKindName, platformName, sellerStatusName } from '../../pipeline/display/display-labels.js';

export const MAX_EXPORT_ROWS = 20_000;

/** `timeZone`: the clock the 最近出现 date cells read in (config timeZone). */
export async function leadsWorkbook(db: Queryable, filters: QueueFilters, timeZone?: string): Promise<{ buffer: Buffer; rows: number }> {
  const { rows } = await loadQueuePage(db, { ...filters, page: 1 }, MAX_EXPORT_ROWS);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'certwatch';
  wb.created = new Date();
  const ws = wb.addWorksheet('线索 leads');
  ws.columns = [
    { header: '卖家编号 seller', key: 'id', width: 10 },
    { header: '状态 status', key: 'status', width: 12 },
    { header: '评分 score', key: 'score', width: 8 },
    { header: '命中/帖子 flagged/posts', key: 'posts', width: 12 },
    { header: '平台 platforms', key: 'platforms', width: 18 },
    { header: '证书类型 certificates', key: 'certs', width: 30 },
    { header: '联系方式 contacts', key: 'contacts', width: 40 },
    { header: '代表帖子 top post', key: 'title', width: 50 },
    { header: '最近出现（本地时间） last seen', key: 'last', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: '领取人 assignee', key: 'assignee', width: 12 },
    // Last, so the columns before it keep their places; only 线索 lead rows are leads.
    { header: '类别 category', key: 'category', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 11 } };
  for (const r of rows) {
    ws.addRow({
      id: r.id,
      status: safeXlsxCell(sellerStatusName(r.status)),
      score: Number(r.score.toFixed(3)),
      posts: `${r.n_flagged}/${r.n_listings}`,
      platforms: safeXlsxCell([...new Set((r.platforms ?? []).map((p) => platformName(p)))].join('、')),
      certs: safeXlsxCell((r.certs ?? []).map((c) => certName(c.code, c.label)).join('；')),
      contacts: safeXlsxCell((r.contacts ?? []).map((c) => `${contactKindName(c.kind)} ${contactDisplay(c.kind, c.value)}`).join('；')),
      title: safeXlsxCell(r.top_title),
      last: localWallDate(r.last_seen, timeZone),
      assignee: safeXlsxCell(r.assignee),
      category: translate('zh', `category_${r.category}`),
    });
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, rows: rows.length };
}

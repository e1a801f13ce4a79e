// The campaign statistics as a Chinese report table (统计报表) a supervisor pastes into the notice's
// report: title, date range, totals, the figures per period, by certificate type, platform and status;
// cells formula-safe; leads counted by the one lead rule (pipeline/leads/lead-rule.ts), as on the page.
import ExcelJS from 'exceljs';
import type { CampaignStats, Period } from '../storage/campaign-stats.js';
import { safeXlsxCell } from '../../pipeline/leads/safe-cell.js';
import { formatLocalTime } from '../../core/local-time.js';
import { certName, platformName, sellerStatusName } from '../../pipeline/display/display-labels.js';

const PERIOD_ZH: Record<Period, string> = { day: '日', week: '周', month: '月' };
const AUTHORITY_ZH: Record<string, string> = { mem: '应急管理', samr: '市场监管', mohurd: '住建', other: '其他' };
const thin = { style: 'thin' as const, color: { argb: 'FF888888' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** `report` is the chosen period's figures, `daily` the same range per day (second sheet). */
export async function statsWorkbook(report: CampaignStats, daily: CampaignStats, o: { timeZone?: string; now?: Date } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'certwatch';
  wb.created = o.now ?? new Date();
  const ws = wb.addWorksheet('统计报表');
  ws.columns = [{ width: 26 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }];
  const title = ws.addRow(['特种作业操作证违法售证专项行动统计表']);
  ws.mergeCells(title.number, 1, title.number, 7);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  ws.addRow([`统计期间：${report.range.from ?? '—'} 至 ${report.range.to ?? '—'}`, '', '', '', `生成时间：${formatLocalTime(o.now ?? new Date(), o.timeZone)}`]);
  ws.addRow([]);
  const table = (caption: string, headers: string[], rows: unknown[][]) => {
    const c = ws.addRow([caption]);
    c.font = { bold: true, size: 12 };
    const h = ws.addRow(headers);
    h.font = { bold: true };
    h.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } };
      cell.border = border;
      cell.alignment = { horizontal: 'center', wrapText: true };
    });
    for (const r of rows) {
      const row = ws.addRow(r.map((v) => (typeof v === 'number' ? v : safeXlsxCell(v as string))));
      row.eachCell({ includeEmpty: true }, (cell, n) => {
        if (n <= headers.length) cell.border = border;
      });
    }
    ws.addRow([]);
  };
  const t = report.totals;
  table('一、总体情况', ['项目', '数量'], [
    ['发现帖子', t.listings], ['命中帖子', t.flagged], ['线索（当前）', t.leads], ['待复核卖家（不计入线索）', t.review],
    ['确认线索', t.confirmed], ['移送案件', t.referred], ['结案', t.closed],
  ]);
  table(`二、按${PERIOD_ZH[report.period]}统计`, [report.period === 'day' ? '日期' : report.period === 'week' ? '周（起始日）' : '月份', '发现帖子', '命中帖子', '新增线索', '确认线索', '移送案件', '结案'],
    report.series.map((r) => [report.period === 'month' ? r.bucket.slice(0, 7) : r.bucket, r.new_listings, r.flagged_listings, r.new_sellers, r.confirmed_sellers, r.referred_cases, r.closed_cases]));
  table('三、按证书类型统计', ['证书类型', '发证机关', '线索', '已确认', '已移送', '命中帖子'],
    report.byCert.map((r) => [certName(r.code, r.label), AUTHORITY_ZH[r.authority] ?? '其他', r.leads, r.confirmed, r.referred, r.listings]));
  table('四、按平台统计', ['平台', '线索', '已确认', '已移送', '命中帖子'],
    report.byPlatform.map((r) => [platformName(r.platform), r.leads, r.confirmed, r.referred, r.listings]));
  table('五、线索按状态统计', ['状态', '线索'], report.byStatus.map((r) => [sellerStatusName(r.status), r.sellers]));

  const d = wb.addWorksheet('按日明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  d.columns = [
    { header: '日期', width: 14 }, { header: '发现帖子', width: 12 }, { header: '命中帖子', width: 12 }, { header: '新增线索', width: 12 },
    { header: '确认线索', width: 12 }, { header: '移送案件', width: 12 }, { header: '结案', width: 12 },
  ];
  d.getRow(1).font = { bold: true };
  for (const r of daily.series) d.addRow([r.bucket, r.new_listings, r.flagged_listings, r.new_sellers, r.confirmed_sellers, r.referred_cases, r.closed_cases]);
  d.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 7 } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// The campaign statistics table (统计表) as XLSX: one sheet per view, cells formula-safe; sellers are
// counted by the one lead rule (pipeline/leads/lead-rule.ts), as on the statistics page.
import ExcelJS from 'exceljs';
import type { CampaignStats } from '../storage/campaign-stats.js';
import { safeXlsxCell } from '../../pipeline/leads/safe-cell.js';

export async function statsWorkbook(day: CampaignStats, week: CampaignStats): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'certwatch';
  wb.created = new Date();
  const sheet = (name: string, headers: string[], rows: unknown[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(headers).font = { bold: true };
    for (const r of rows) ws.addRow(r.map(safeXlsxCell));
    ws.columns.forEach((c) => (c.width = 18));
  };
  const seriesHeaders = ['日期 date', '新增线索 new leads', '确认卖家 confirmed', '新增帖子 new listings', '命中帖子 flagged'];
  const seriesRows = (s: CampaignStats) => s.series.map((r) => [r.bucket, r.new_sellers, r.confirmed_sellers, r.new_listings, r.flagged_listings]);
  sheet('按日 per day', seriesHeaders, seriesRows(day));
  sheet('按周 per week', ['周一 week of', ...seriesHeaders.slice(1)], seriesRows(week));
  sheet('按证书 by certificate', ['代码 code', '名称 label', '发证机关 authority', '线索 leads', '命中帖子 flagged listings'], day.byCert.map((r) => [r.code, r.label, r.authority, r.sellers, r.listings]));
  sheet('按平台 by platform', ['平台 platform', '线索 leads', '命中帖子 flagged listings'], day.byPlatform.map((r) => [r.platform, r.sellers, r.listings]));
  sheet('按状态 by status', ['状态 status', '线索 leads'], day.byStatus.map((r) => [r.status, r.sellers]));
  sheet('合计 totals', ['项目 item', '数量 count'], [
    ['线索 leads', day.totals.leads],
    ['待复核卖家（不计入线索） sellers for review, not leads', day.totals.review],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

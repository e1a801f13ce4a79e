// Every dashboard surface that counts leads, read over HTTP as a supervisor sees them: the queue's
// default view and tabs, the statistics and the XLSX export, for tests that hold them equal.
import ExcelJS from 'exceljs';
import type { DashboardClient } from './http-client.js';

export interface DashboardLeadCounts {
  /** The queue's default view (/api/queue with no filters): its total and the ids on page one. */
  queueTotal: number;
  queueIds: number[];
  /** Tab badges by `view/status`, e.g. `leads/open`, `leads/new`, `review/open`, `all/all`. */
  tabs: Record<string, number>;
  statsLeads: number;
  statsReview: number;
  /** Sum of the per-day series' new leads, and of the by-status breakdown. */
  statsNewLeads: number;
  statsByStatus: number;
  /** Rows of /export/leads.xlsx with no filters, and their seller ids. */
  xlsxRows: number;
  xlsxIds: number[];
}

interface QueueJson {
  total: number;
  rows: { id: number }[];
  tabs: { view: string; status: string; count: number }[];
}

interface StatsJson {
  totals: { leads: number; review: number };
  series: { new_sellers: number }[];
  byStatus: { sellers: number }[];
}

export async function dashboardLeadCounts(c: DashboardClient, query = ''): Promise<DashboardLeadCounts> {
  const queue = (await (await c.get(`/api/queue${query}`)).json()) as QueueJson;
  const stats = (await (await c.get('/api/stats')).json()) as StatsJson;
  const res = await c.get(`/export/leads.xlsx${query}`);
  if (res.status !== 200) throw new Error(`/export/leads.xlsx answered ${res.status}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const ws = wb.worksheets[0]!;
  const xlsxIds: number[] = [];
  ws.eachRow((row, n) => n > 1 && xlsxIds.push(Number(row.getCell(1).value)));
  return {
    queueTotal: queue.total,
    queueIds: queue.rows.map((r) => r.id),
    tabs: Object.fromEntries(queue.tabs.map((t) => [`${t.view}/${t.status}`, t.count])),
    statsLeads: stats.totals.leads,
    statsReview: stats.totals.review,
    statsNewLeads: stats.series.reduce((a, r) => a + r.new_sellers, 0),
    statsByStatus: stats.byStatus.reduce((a, r) => a + r.sellers, 0),
    xlsxRows: xlsxIds.length,
    xlsxIds,
  };
}

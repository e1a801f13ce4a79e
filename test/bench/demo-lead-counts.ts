// Every lead count side by side for a finished demo's data dir (CERTWATCH_DATA_DIR): `certwatch leads`,
// the queue's default view and tabs, the statistics and the XLSX rows, through the routes' own functions.
import { openApp } from '../../pipeline/app/context.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import { parseQueueFilters } from '../../dashboards/queue/queue-filters.js';
import { loadQueuePage } from '../../dashboards/queue/queue-page.js';
import { campaignStats } from '../../dashboards/storage/campaign-stats.js';
import { leadsWorkbook } from '../../dashboards/exports/leads-workbook.js';

const ctx = await openApp({ redis: false });
try {
  const filters = parseQueueFilters({});
  const queue = await loadQueuePage(ctx.db, filters);
  const tabs = queue.tabs;
  const tab = (view: string, status: string) => tabs.find((t) => t.view === view && t.status === status)?.count;
  const stats = await campaignStats(ctx.db, 'day');
  const counts = {
    leads: (await listLeads(ctx.db)).length,
    queueDefaultTotal: queue.total,
    queueDefaultRows: queue.rows.length,
    queueTabOpenLeads: tab('leads', 'open'),
    queueTabNew: tab('leads', 'new'),
    statsLeads: stats.totals.leads,
    statsNewLeadsSum: stats.series.reduce((a, r) => a + r.new_sellers, 0),
    xlsxRows: (await leadsWorkbook(ctx.db, filters)).rows,
    // Not leads, shown for scale: the 待复核 tab and every live seller.
    queueTabReview: tab('review', 'open'),
    queueTabAllSellers: tab('all', 'all'),
  };
  console.log(JSON.stringify(counts, null, 2));
} finally {
  await ctx.close();
}

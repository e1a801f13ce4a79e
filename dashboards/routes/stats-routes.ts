// Campaign statistics: the chart page, its JSON, and the XLSX statistics table
// (supervisors; audited as an export).
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { DashboardDeps } from '../app-deps.js';
import { campaignStats, type Period } from '../storage/campaign-stats.js';
import { statsWorkbook } from '../exports/stats-workbook.js';
import { statsView } from '../views/stats-view.js';

function periodOf(q: unknown): Period {
  return (q as Record<string, unknown> | undefined)?.period === 'week' ? 'week' : 'day';
}

export function statsRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;
  app.get('/stats', async (req, reply) => reply.type('text/html; charset=utf-8').send(statsView(req, await campaignStats(ctx.db, periodOf(req.query)))));
  app.get('/api/stats', async (req) => campaignStats(ctx.db, periodOf(req.query)));
  app.get('/stats/table.xlsx', { config: { role: 'supervisor' } }, async (req, reply) => {
    const [day, week] = await Promise.all([campaignStats(ctx.db, 'day'), campaignStats(ctx.db, 'week')]);
    const buffer = await statsWorkbook(day, week);
    await appendAudit(ctx.db, { actor: req.user!.username, action: 'export.stats', detail: { format: 'xlsx' } });
    return reply
      .header('content-disposition', `attachment; filename="certwatch-stats-${new Date().toISOString().slice(0, 10)}.xlsx"`)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(buffer);
  });
}

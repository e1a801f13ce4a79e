// Campaign statistics: the chart page, its JSON, and the XLSX statistics table
// (supervisors; audited as an export), all for one period and date range.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { DashboardDeps } from '../app-deps.js';
import { campaignStats, PERIODS } from '../storage/campaign-stats.js';
import { statsWorkbook } from '../exports/stats-workbook.js';
import { statsView } from '../views/stats-view.js';
import { setServerTiming } from '../http/server-timing.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(s))).optional().catch(undefined);
const statsQuery = z.object({ period: z.enum(PERIODS as [string, ...string[]]).default('day').catch('day'), from: day, to: day });

export function parseStatsQuery(q: unknown): { period: 'day' | 'week' | 'month'; from?: string; to?: string } {
  const raw = typeof q === 'object' && q ? Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '')) : {};
  return statsQuery.parse(raw) as { period: 'day' | 'week' | 'month'; from?: string; to?: string };
}

export function statsRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;
  const load = (q: unknown) => {
    const { period, from, to } = parseStatsQuery(q);
    return campaignStats(ctx.db, period, { from, to, timeZone: ctx.config.timeZone });
  };
  app.get('/stats', async (req, reply) => {
    const started = performance.now();
    const body = statsView(req, await load(req.query));
    setServerTiming(reply, started);
    return reply.type('text/html; charset=utf-8').send(body);
  });
  app.get('/api/stats', async (req, reply) => {
    const started = performance.now();
    const report = await load(req.query);
    setServerTiming(reply, started);
    return report;
  });
  app.get('/stats/table.xlsx', { config: { role: 'supervisor' } }, async (req, reply) => {
    const q = parseStatsQuery(req.query);
    const [report, daily] = await Promise.all([load(req.query), campaignStats(ctx.db, 'day', { from: q.from, to: q.to, timeZone: ctx.config.timeZone })]);
    const buffer = await statsWorkbook(report, daily, { timeZone: ctx.config.timeZone });
    await appendAudit(ctx.db, { actor: req.user!.username, action: 'export.stats', detail: { format: 'xlsx', period: q.period, from: q.from, to: q.to } });
    return reply
      .header('content-disposition', `attachment; filename="certwatch-stats-${new Date().toISOString().slice(0, 10)}.xlsx"`)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(buffer);
  });
}

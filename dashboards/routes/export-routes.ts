// Lead list download for supervisors: XLSX with formula-safe cells; every export is
// audited with its filters and row count.
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { DashboardDeps } from '../app-deps.js';
import { parseQueueFilters } from '../queue/queue-filters.js';
import { leadsWorkbook } from '../exports/leads-workbook.js';

export function exportRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  app.get('/export/leads.xlsx', { config: { role: 'supervisor' } }, async (req, reply) => {
    const filters = parseQueueFilters(req.query);
    const { buffer, rows } = await leadsWorkbook(deps.ctx.db, filters, deps.ctx.config.timeZone);
    const { page: _page, ...shown } = filters;
    await appendAudit(deps.ctx.db, { actor: req.user!.username, action: 'export.leads', detail: { format: 'xlsx', rows, filters: shown } });
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-disposition', `attachment; filename="certwatch-leads-${day}.xlsx"`)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(buffer);
  });
}

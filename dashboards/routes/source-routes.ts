// The sources and health page, and "run now" (admins) which enqueues a crawl job.
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { DashboardDeps } from '../app-deps.js';
import { runSourceNow, sourceHealth } from '../health/source-health.js';
import { sourceExists } from '../storage/source-health.js';
import { sourcesView } from '../views/sources-view.js';
import { translator } from '../views/layout.js';

export function sourceRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;

  app.get<{ Querystring: { queued?: string } }>('/sources', async (req, reply) => {
    const report = await sourceHealth(ctx);
    const flash = req.query.queued ? `${translator(req)('queued')}: ${req.query.queued.slice(0, 100)}` : undefined;
    return reply.type('text/html; charset=utf-8').send(sourcesView(req, report, flash));
  });

  app.get('/api/health', async () => sourceHealth(ctx));

  app.post<{ Params: { id: string } }>('/sources/:id/run', { config: { role: 'admin' } }, async (req, reply) => {
    if (!(await sourceExists(ctx.db, req.params.id))) return reply.code(404).send({ error: 'no such source' });
    const jobId = await runSourceNow(ctx, req.params.id);
    await appendAudit(ctx.db, { actor: req.user!.username, action: 'source.run_now', detail: { sourceId: req.params.id, jobId } });
    return reply.redirect(`/sources?queued=${encodeURIComponent(req.params.id)}`, 303);
  });
}

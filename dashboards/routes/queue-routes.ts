// The triage queue page and its JSON API: decisions on one or many sellers (bulk),
// and claim polling so an analyst sees within seconds that a lead was taken.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DashboardDeps } from '../app-deps.js';
import { cleanText, id, idList, parseInput } from '../http/input-schemas.js';
import { setServerTiming } from '../http/server-timing.js';
import { parseQueueFilters } from '../queue/queue-filters.js';
import { loadQueuePage } from '../queue/queue-page.js';
import { readClaims } from '../storage/queue.js';
import { decide, DECISIONS } from '../workflow/decisions.js';
import { queueView } from '../views/queue-view.js';

const decisionBody = z.object({
  ids: z.array(id).min(1).max(200),
  action: z.enum(DECISIONS),
  note: cleanText(5000).optional(),
});

const claimsQuery = z.object({ ids: idList(200).optional() });

export function queueRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;

  app.get('/', async (req, reply) => {
    const started = performance.now();
    const filters = parseQueueFilters(req.query);
    const [{ rows, total, tabs }, facets] = await Promise.all([loadQueuePage(ctx.db, filters), deps.facets()]);
    const body = queueView(req, { filters, rows, total, tabs, facets });
    setServerTiming(reply, started);
    return reply.type('text/html; charset=utf-8').send(body);
  });

  app.get('/api/queue', async (req, reply) => {
    const started = performance.now();
    const filters = parseQueueFilters(req.query);
    const { rows, total, tabs } = await loadQueuePage(ctx.db, filters);
    setServerTiming(reply, started);
    return { rows, total, tabs: tabs.map(({ view, status, count }) => ({ view, status, count })) };
  });

  app.post('/api/sellers/decision', async (req, reply) => {
    const { ids, action, note } = parseInput(decisionBody, req.body, 'body');
    const actor = { username: req.user!.username, role: req.user!.role };
    const results = [];
    for (const id of [...new Set(ids)]) results.push(await decide(ctx.db, id, action, actor, note));
    // When nothing was done, the answer carries the refusal (403) or conflict (409) itself.
    if (results.length && results.every((r) => !r.ok)) return reply.code(results[0]!.code ?? 409).send({ error: results.map((r) => `#${r.sellerId}: ${r.error}`).join('; '), results });
    return { results };
  });

  app.get('/api/claims', async (req) => {
    const ids = parseInput(claimsQuery, req.query).ids ?? [];
    if (!ids.length) return { claims: [] };
    return { claims: await readClaims(ctx.db, ids) };
  });
}

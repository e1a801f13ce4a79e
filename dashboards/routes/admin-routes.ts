// Admin pages (audit log with chain verification, users) and the supervisor's
// retraining page; role checks are declared on each route.
import type { FastifyInstance } from 'fastify';
import { appendAudit, verifyAuditChain, verifyAuditChainSince } from '../../pipeline/audit/audit-log.js';
import { z } from 'zod';
import type { DashboardDeps } from '../app-deps.js';
import { cleanText, id, optional, parseInput } from '../http/input-schemas.js';
import { createUser, updateUser } from '../auth/users.js';
import { isRole } from '../auth/roles.js';
import { readAuditEntries } from '../storage/audit-view.js';
import { countLatestLabels, recentRetrainRuns } from '../storage/retrain-runs.js';
import { listUsers } from '../storage/users.js';
import { auditView, retrainView, usersView } from '../views/admin-views.js';
import { startRetrain } from '../retrain/retrain-run.js';

type Body = Record<string, unknown> | undefined;
const str = (b: Body, k: string) => (typeof b?.[k] === 'string' ? (b[k] as string) : '');

const auditQuery = z.object({ actor: optional(cleanText(64)), action: optional(cleanText(64)), seller: optional(id), verify: optional(z.enum(['full'])) });

export function adminRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;

  app.get<{ Querystring: { actor?: string; action?: string; seller?: string } }>('/audit', { config: { role: 'admin' } }, async (req, reply) => {
    const { actor, action, seller, verify } = parseInput(auditQuery, req.query);
    const filter = { actor, actionPrefix: action, sellerId: seller };
    // Each view re-hashes only the entries since the last sound check; ?verify=full the whole chain.
    const [entries, check] = await Promise.all([readAuditEntries(ctx.db, filter), verify === 'full' ? verifyAuditChain(ctx.db) : verifyAuditChainSince(ctx.db)]);
    return reply.type('text/html; charset=utf-8').send(auditView(req, { entries, check, filter: req.query }));
  });

  app.get('/api/audit/verify', { config: { role: 'admin' } }, async () => verifyAuditChain(ctx.db));

  app.get('/users', { config: { role: 'admin' } }, async (req, reply) => reply.type('text/html; charset=utf-8').send(usersView(req, { users: await listUsers(ctx.db) })));

  app.post('/users', { config: { role: 'admin' } }, async (req, reply) => {
    const b = req.body as Body;
    const role = str(b, 'role');
    try {
      if (!isRole(role)) throw new Error('unknown role');
      const u = await createUser(ctx.db, str(b, 'username').trim(), str(b, 'password'), role);
      await appendAudit(ctx.db, { actor: req.user!.username, action: 'user.create', detail: { username: u.username, role } });
    } catch (err) {
      const msg = /duplicate key/.test((err as Error).message) ? 'that username exists' : (err as Error).message;
      return reply.code(400).type('text/html; charset=utf-8').send(usersView(req, { users: await listUsers(ctx.db), flash: msg }));
    }
    return reply.redirect('/users', 303);
  });

  app.post<{ Params: { id: string } }>('/users/:id', { config: { role: 'admin' } }, async (req, reply) => {
    const id = Number(req.params.id);
    const b = req.body as Body;
    if (!Number.isInteger(id)) return reply.code(404).send({ error: 'not found' });
    const role = str(b, 'role');
    const disabled = str(b, 'disabled');
    if (id === req.user!.id) return reply.code(400).type('text/html; charset=utf-8').send(usersView(req, { users: await listUsers(ctx.db), flash: 'you cannot change your own account here' }));
    await updateUser(ctx.db, id, { role: isRole(role) ? role : undefined, disabled: disabled === '1' ? true : disabled === '0' ? false : undefined });
    await appendAudit(ctx.db, { actor: req.user!.username, action: 'user.update', detail: { userId: id, role: role || undefined, disabled: disabled || undefined } });
    return reply.redirect('/users', 303);
  });

  app.get('/retrain', { config: { role: 'supervisor' } }, async (req, reply) => {
    const [counts, runs] = await Promise.all([countLatestLabels(ctx.db), recentRetrainRuns(ctx.db)]);
    return reply.type('text/html; charset=utf-8').send(retrainView(req, { counts, runs }));
  });

  app.post('/retrain', { config: { role: 'supervisor' } }, async (req, reply) => {
    await startRetrain(ctx, req.user!.username);
    return reply.redirect('/retrain', 303);
  });
}

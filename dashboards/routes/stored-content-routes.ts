// Scraped bytes shown back to analysts: stored page copies and evidence files, served
// from their own paths under a sandbox CSP (opaque origin, no script, no network)
// so that a seller's planted script can never run in the dashboard's origin.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { DashboardDeps } from '../app-deps.js';
import { INERT_CSP } from '../plugins/security-headers.js';
import { readEvidenceFile, readStoredPage } from '../storage/stored-content.js';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function inert(reply: FastifyReply): FastifyReply {
  return reply.header('content-security-policy', INERT_CSP).header('x-frame-options', 'SAMEORIGIN').header('cache-control', 'no-store');
}

function charsetOf(v: string | null): string {
  const c = (v ?? '').toLowerCase().trim();
  return /^[a-z0-9_-]{2,20}$/.test(c) ? c : 'utf-8';
}

export function storedContentRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;

  app.get<{ Params: { pageId: string; sha: string } }>('/stored/pages/:pageId/:sha', async (req, reply) => {
    const pageId = Number(req.params.pageId);
    const sha = req.params.sha;
    if (!Number.isInteger(pageId) || pageId <= 0 || !/^[0-9a-f]{64}$/.test(sha)) return reply.code(404).send({ error: 'not found' });
    const row = await readStoredPage(ctx.db, pageId, sha);
    if (!row || !ctx.blobs.has(sha)) return reply.code(404).send({ error: 'not found' });
    await appendAudit(ctx.db, { actor: req.user!.username, action: 'view.stored_page', sellerId: row.seller_id, listingId: row.listing_id, detail: { pageId, sha256: sha } });
    const body = await ctx.blobs.get(sha);
    return inert(reply).type(`text/html; charset=${charsetOf(row.charset)}`).send(body);
  });

  app.get<{ Params: { id: string } }>('/evidence/:id', async (req, reply) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0 || id >= 2 ** 31) return reply.code(404).send({ error: 'not found' });
    const row = await readEvidenceFile(ctx.db, id);
    if (!row || !/^[0-9a-f]{64}$/.test(row.sha256) || !ctx.blobs.has(row.sha256)) return reply.code(404).send({ error: 'not found' });
    const type = row.media_type.split(';')[0]!.trim().toLowerCase();
    const body = await ctx.blobs.get(row.sha256);
    inert(reply);
    if (IMAGE_TYPES.has(type)) return reply.type(type).send(body);
    await appendAudit(ctx.db, { actor: req.user!.username, action: 'view.evidence', sellerId: row.seller_id, listingId: row.listing_id, detail: { evidenceId: id, role: row.role } });
    if (type === 'text/html') return reply.type(`text/html; charset=${charsetOf(/charset=([^;]+)/i.exec(row.media_type)?.[1] ?? null)}`).send(body);
    const safeRole = row.role.replace(/[^a-z0-9_-]/gi, '').slice(0, 30) || 'file';
    return reply.header('content-disposition', `attachment; filename="evidence-${id}-${safeRole}.bin"`).type('application/octet-stream').send(body);
  });
}

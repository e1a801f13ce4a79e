// Triage without leaving the queue: a seller's posts as an HTML fragment the queue row expands in
// place (excerpts with cues and contacts highlighted), so the evidence is seen without a page load; audited.
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { DashboardDeps } from '../app-deps.js';
import { html } from '../html/escape.js';
import { readSellerPosts } from '../storage/seller-posts.js';
import { postCard } from '../views/post-preview.js';

export function triageRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;

  app.get<{ Params: { id: string } }>('/sellers/:id/posts', async (req, reply) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0 || id >= 2 ** 31) return reply.code(404).send({ error: 'not found' });
    const posts = await readSellerPosts(ctx.db, id);
    // The seller's posts are a view of the seller, audited like the seller page.
    await appendAudit(ctx.db, { actor: req.user!.username, action: 'view.seller', sellerId: id, detail: { posts: posts.length } });
    const body = html`<div class="post-list" data-seller="${id}">${posts.map((p) => postCard(req, p, 400))}</div>`;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body.value);
  });
}

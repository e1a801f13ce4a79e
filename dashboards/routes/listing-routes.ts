// The listing page and per-listing labels (confirm/dismiss one post); both audited.
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { DashboardDeps } from '../app-deps.js';
import { labelListing } from '../workflow/decisions.js';
import { WorkflowError } from '../workflow/status-flow.js';
import { readListingPage } from '../storage/listing-page.js';
import { listingView } from '../views/listing-view.js';
import { errorPage } from '../views/error-view.js';
import { translator } from '../views/layout.js';

export function listingRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;

  app.get<{ Params: { id: string } }>('/listings/:id', async (req, reply) => {
    const id = Number(req.params.id);
    const notFound = () => reply.code(404).type('text/html; charset=utf-8').send(errorPage(req, 404, translator(req)('notFound')));
    if (!Number.isInteger(id) || id <= 0 || id >= 2 ** 31) return notFound();
    const listing = await readListingPage(ctx.db, id);
    if (!listing) return notFound();
    await appendAudit(ctx.db, { actor: req.user!.username, action: 'view.listing', sellerId: listing.seller_id, listingId: id });
    return reply.type('text/html; charset=utf-8').send(listingView(req, listing));
  });

  app.post<{ Params: { id: string } }>('/listings/:id/label', async (req, reply) => {
    const id = Number(req.params.id);
    const label = (req.body as Record<string, unknown> | undefined)?.label;
    if (!Number.isInteger(id) || id <= 0 || (label !== 'seller_ad' && label !== 'not_seller_ad')) return reply.code(400).send({ error: 'bad request' });
    try {
      await labelListing(ctx.db, id, label, { username: req.user!.username, role: req.user!.role });
    } catch (err) {
      if (err instanceof WorkflowError) return reply.code(err.status).send({ error: err.message });
      throw err;
    }
    return reply.redirect(`/listings/${id}`, 303);
  });
}

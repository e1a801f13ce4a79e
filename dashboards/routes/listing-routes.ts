// The listing page and per-listing labels (confirm/dismiss one post); both audited.
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { DashboardDeps } from '../app-deps.js';
import { labelListing } from '../workflow/decisions.js';
import { WorkflowError } from '../workflow/status-flow.js';
import { listingView, type ListingDetail } from '../views/listing-view.js';
import { errorPage } from '../views/error-view.js';
import { translator } from '../views/layout.js';

export function listingRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;

  app.get<{ Params: { id: string } }>('/listings/:id', async (req, reply) => {
    const id = Number(req.params.id);
    const notFound = () => reply.code(404).type('text/html; charset=utf-8').send(errorPage(req, 404, translator(req)('notFound')));
    if (!Number.isInteger(id) || id <= 0 || id >= 2 ** 31) return notFound();
    const r = await ctx.db.query<Omit<ListingDetail, 'contacts' | 'screenshots' | 'labels'>>(
      `SELECT l.id, l.url, l.platform, l.source_id, l.title, l.body, l.author_handle, l.author_url, l.posted_at, l.score, l.flagged, l.review,
              l.model_version, l.cert_types, l.reasons, l.seller_id, l.first_seen, l.last_seen, l.gone_at, l.page_id, p.sha256 AS page_sha
       FROM listings l LEFT JOIN pages p ON p.id = l.page_id WHERE l.id = $1`,
      [id],
    );
    const row = r.rows[0];
    if (!row) return notFound();
    const [contacts, screenshots, labels] = await Promise.all([
      ctx.db.query<{ kind: string; value: string }>(
        'SELECT c.kind, c.value FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id WHERE lc.listing_id = $1 ORDER BY c.kind, c.value',
        [id],
      ),
      ctx.db.query<{ id: number; captured_at: Date }>(
        `SELECT id, captured_at FROM evidence WHERE listing_id = $1 AND role = 'screenshot' ORDER BY captured_at DESC LIMIT 3`,
        [id],
      ),
      ctx.db.query<{ label: string; actor: string; at: Date }>('SELECT label, actor, at FROM labels WHERE listing_id = $1 ORDER BY at DESC LIMIT 50', [id]),
    ]);
    await appendAudit(ctx.db, { actor: req.user!.username, action: 'view.listing', sellerId: row.seller_id, listingId: id });
    return reply
      .type('text/html; charset=utf-8')
      .send(listingView(req, { ...row, contacts: contacts.rows, screenshots: screenshots.rows, labels: labels.rows }));
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

// The listing page and per-listing labels (confirm/dismiss one post); both audited.
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { DashboardDeps } from '../app-deps.js';
import { labelListing } from '../workflow/decisions.js';
import { WorkflowError } from '../workflow/status-flow.js';
import { listingShowsImage, readListingPage } from '../storage/listing-page.js';
import { listingView } from '../views/listing-view.js';
import { errorPage } from '../views/error-view.js';
import { translator } from '../views/layout.js';

const IMAGE_TYPES: Array<[Buffer, string]> = [
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg'],
  [Buffer.from('GIF8'), 'image/gif'],
];

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

  // The bytes of an image the listing showed, by content hash: what OCR read is shown beside it.
  app.get<{ Params: { id: string; sha: string } }>('/listings/:id/images/:sha', async (req, reply) => {
    const id = Number(req.params.id);
    const sha = req.params.sha;
    if (!Number.isInteger(id) || id <= 0 || id >= 2 ** 31 || !/^[0-9a-f]{64}$/.test(sha)) return reply.code(404).send({ error: 'not found' });
    if (!(await listingShowsImage(ctx.db, id, sha)) || !ctx.blobs.has(sha)) return reply.code(404).send({ error: 'not found' });
    const bytes = await ctx.blobs.get(sha);
    const type = IMAGE_TYPES.find(([magic]) => bytes.subarray(0, magic.length).equals(magic))?.[1];
    // Only the image formats a browser shows as an image; anything else could be served as a page.
    if (!type) return reply.code(404).send({ error: 'not found' });
    return reply.header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'").type(type).send(bytes);
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

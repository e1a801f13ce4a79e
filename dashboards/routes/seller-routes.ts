// The seller page and the forms on it (claim, decisions, status moves, referral,
// closing, capture now, a new evidence pack version). Every view of a seller is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import { EvidenceFileError, exportPack, PackError } from '../../evidence/index.js';
import type { DashboardDeps } from '../app-deps.js';
import { loadSeller } from '../seller/seller-detail.js';
import { sellerHasListing } from '../storage/seller-page.js';
import { readSellerPosts } from '../storage/seller-posts.js';
import { decide, DECISIONS, type Actor, type Decision } from '../workflow/decisions.js';
import { changeStatus, closeCase, referSeller } from '../workflow/referrals.js';
import { referWithNewPack } from '../workflow/referral-pack.js';
import { WorkflowError } from '../workflow/status-flow.js';
import { enqueueManualCapture } from '../workflow/manual-capture.js';
import { joinSellersByHand, LinkByHandError, separateListingsByHand } from '../../pipeline/linking/link-by-hand.js';
import { hasRole } from '../auth/roles.js';
import { SELLER_STATUSES, type SellerStatus } from '../queue/queue-filters.js';
import { sellerView } from '../views/seller-view.js';
import { translator } from '../views/layout.js';
import { errorPage } from '../views/error-view.js';
import { setServerTiming } from '../http/server-timing.js';

type IdParams = { Params: { id: string } };

function sellerId(req: FastifyRequest<IdParams>): number | null {
  const n = Number(req.params.id);
  return Number.isInteger(n) && n > 0 && n < 2 ** 31 ? n : null;
}

function actorOf(req: FastifyRequest): Actor {
  return { username: req.user!.username, role: req.user!.role };
}

function field(req: FastifyRequest, name: string): string {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
}

export function sellerRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;

  const render = async (req: FastifyRequest<IdParams>, reply: FastifyReply, id: number, flash?: string, code = 200) => {
    const started = performance.now();
    const detail = await loadSeller(ctx.db, id);
    const t = translator(req);
    if (!detail) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(req, 404, t('notFound')));
    const storedId = Number((req.query as Record<string, unknown>).stored);
    const stored = detail.listings.find((l) => l.id === storedId && l.page_sha);
    await appendAudit(ctx.db, { actor: req.user!.username, action: 'view.seller', sellerId: id, detail: stored ? { stored: stored.id } : {} });
    const posts = await readSellerPosts(ctx.db, id);
    const body = sellerView(req, { detail, stored, flash, posts });
    setServerTiming(reply, started);
    return reply.code(code).type('text/html; charset=utf-8').send(body);
  };

  /** Runs a form action, then shows the page again (303, to `then` when given) or the error in place (4xx/5xx). */
  const act = async (req: FastifyRequest<IdParams>, reply: FastifyReply, fn: (id: number) => Promise<string | void>) => {
    const id = sellerId(req);
    if (!id) return reply.code(404).send({ error: 'not found' });
    try {
      const then = await fn(id);
      return reply.redirect(then ?? `/sellers/${id}?msg=saved`, 303);
    } catch (err) {
      if (err instanceof WorkflowError || err instanceof LinkByHandError) return render(req, reply, id, err.message, err.status);
      // A pack that cannot be made (a damaged evidence file, a merged seller) is shown, not a bare 500.
      if (err instanceof PackError) return render(req, reply, id, translator(req)('packFailed', { error: err.message }), err instanceof EvidenceFileError ? 500 : 409);
      throw err;
    }
  };

  app.get<IdParams>('/sellers/:id', async (req, reply) => {
    const id = sellerId(req);
    if (!id) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(req, 404, translator(req)('notFound')));
    const query = req.query as Record<string, unknown>;
    const msg = query.msg;
    const t = translator(req);
    const version = Number(query.v);
    const flash =
      msg === 'saved' ? t('saved')
      : msg === 'capture_queued' ? t('captureQueued')
      : msg === 'pack_made' && Number.isInteger(version) && version > 0 ? t('packMade', { n: version })
      : msg === 'joined' ? t('joinedByHand')
      : msg === 'separated' && Number.isInteger(Number(query.into)) ? t('separatedByHand', { id: String(Number(query.into)) })
      : undefined;
    return render(req, reply, id, flash);
  });

  app.post<IdParams>('/sellers/:id/decision', async (req, reply) =>
    act(req, reply, async (id) => {
      const action = field(req, 'action') as Decision;
      if (!(DECISIONS as readonly string[]).includes(action)) throw new WorkflowError('unknown action', 400);
      const r = await decide(ctx.db, id, action, actorOf(req), field(req, 'note') || undefined);
      if (!r.ok) throw new WorkflowError(r.error ?? 'failed', r.code);
    }),
  );

  app.post<IdParams>('/sellers/:id/claim', async (req, reply) =>
    act(req, reply, async (id) => {
      const r = await decide(ctx.db, id, 'claim', actorOf(req));
      if (!r.ok) throw new WorkflowError(r.error ?? 'failed', r.code);
    }),
  );

  app.post<IdParams>('/sellers/:id/status', async (req, reply) =>
    act(req, reply, async (id) => {
      const to = field(req, 'to') as SellerStatus;
      if (!(SELLER_STATUSES as readonly string[]).includes(to) || to === 'referred' || to === 'closed') throw new WorkflowError('unknown status', 400);
      await changeStatus(ctx.db, id, to, actorOf(req), field(req, 'note') || undefined);
    }),
  );

  app.post<IdParams>('/sellers/:id/refer', { config: { role: 'supervisor' } }, async (req, reply) =>
    act(req, reply, async (id) => {
      const typed = field(req, 'pack').trim() || undefined;
      const input = { unit: field(req, 'unit') };
      if (!typed && field(req, 'makePack') === '1') await referWithNewPack(ctx, id, input, actorOf(req));
      else await referSeller(ctx.db, id, { ...input, packSha256: typed }, actorOf(req));
    }),
  );

  app.post<IdParams>('/sellers/:id/close', { config: { role: 'supervisor' } }, async (req, reply) =>
    act(req, reply, async (id) => closeCase(ctx.db, id, field(req, 'outcome'), actorOf(req))),
  );

  app.post<IdParams>('/sellers/:id/capture', async (req, reply) => {
    const id = sellerId(req);
    if (!id) return reply.code(404).send({ error: 'not found' });
    try {
      const listingId = Number(field(req, 'listing'));
      if (!Number.isInteger(listingId) || listingId <= 0 || listingId >= 2 ** 31) throw new WorkflowError('no such listing', 400);
      if (!(await sellerHasListing(ctx.db, id, listingId))) throw new WorkflowError('that listing does not belong to this seller', 400);
      // Chromium start-up takes seconds: the capture workers do it, not this request.
      const job = await enqueueManualCapture(ctx, listingId, req.user!.username);
      await appendAudit(ctx.db, {
        actor: req.user!.username,
        action: 'evidence.capture_queued',
        sellerId: id,
        listingId,
        detail: { job_id: job.jobId, duplicate: !job.queued },
      });
      return reply.redirect(`/sellers/${id}?msg=capture_queued`, 303);
    } catch (err) {
      if (err instanceof WorkflowError) return render(req, reply, id, err.message, err.status);
      throw err;
    }
  });

  // Each press makes a new version, kept beside the earlier ones; the page lists them to download.
  app.post<IdParams>('/sellers/:id/export-pack', { config: { role: 'supervisor' } }, async (req, reply) =>
    act(req, reply, async (id) => {
      const made = await exportPack(ctx, { sellerId: id, actor: req.user!.username, via: 'dashboard' });
      return `/sellers/${id}?msg=pack_made&v=${made.version.version}#packs`;
    }),
  );

  // Joins and separations by hand: the link stage keeps them from then on (pipeline/linking/link-by-hand.ts).
  const handActor = (req: FastifyRequest) => ({ username: req.user!.username, mayReshapeReferred: hasRole(req.user!.role, 'supervisor') });

  app.post<IdParams>('/sellers/:id/join', async (req, reply) =>
    act(req, reply, async (id) => {
      const other = Number(field(req, 'other').replace(/^#/, '').trim());
      if (!Number.isInteger(other) || other <= 0 || other >= 2 ** 31) throw new WorkflowError(translator(req)('joinWhichSeller'), 400);
      const r = await joinSellersByHand(ctx.db, [id, other], handActor(req), field(req, 'note').slice(0, 2000));
      return `/sellers/${r.survivor}?msg=joined`;
    }),
  );

  app.post<IdParams>('/sellers/:id/separate', async (req, reply) =>
    act(req, reply, async (id) => {
      const raw = (req.body as Record<string, unknown> | undefined)?.listing;
      const ids = (Array.isArray(raw) ? raw : [raw]).map((v) => Number(v)).filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31);
      const r = await separateListingsByHand(ctx.db, id, ids, handActor(req), field(req, 'note').slice(0, 2000));
      return `/sellers/${r.sellerId}?msg=separated&into=${r.newSellerId}`;
    }),
  );
}

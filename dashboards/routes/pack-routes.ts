// Downloads of a seller's kept evidence pack versions: the exact file a referral recorded,
// served with its SHA-256 in the headers and checked against it on the way out.
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import { packFileStream, PackFileError, packVersionOf } from '../../evidence/index.js';
import type { DashboardDeps } from '../app-deps.js';
import { errorPage } from '../views/error-view.js';
import { translator } from '../views/layout.js';

type Params = { Params: { id: string; version: string } };

function positiveInt(v: string): number | null {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n < 2 ** 31 ? n : null;
}

/** RFC 6266: an ASCII name for old clients, the translated (Chinese) one as UTF-8 for the rest. */
export function attachmentHeader(asciiName: string, name: string): string {
  const star = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${star}`;
}

export function packRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx } = deps;

  app.get<Params>('/sellers/:id/packs/:version', { config: { role: 'supervisor' } }, async (req, reply) => {
    const t = translator(req);
    const sellerId = positiveInt(req.params.id);
    const version = positiveInt(req.params.version);
    const v = sellerId && version ? await packVersionOf(ctx.db, sellerId, version) : undefined;
    if (!v) return reply.code(404).type('text/html; charset=utf-8').send(errorPage(req, 404, t('notFound')));
    let body;
    try {
      body = await packFileStream(ctx.blobs, v);
    } catch (err) {
      if (!(err instanceof PackFileError)) throw err;
      req.log.error({ err: err.message, packVersionId: v.id }, 'kept evidence pack missing or damaged');
      return reply.code(500).type('text/html; charset=utf-8').send(errorPage(req, 500, t('packDamaged', { error: err.message })));
    }
    body.on('error', (err) => req.log.error({ err: err.message, packVersionId: v.id }, 'evidence pack download stopped: the file does not match its hash'));
    await appendAudit(ctx.db, {
      actor: req.user!.username,
      action: 'pack.download',
      sellerId: v.seller_id,
      detail: { version: v.version, pack_version_id: v.id, pack_id: v.pack_id, sha256: v.sha256 },
    });
    const short = v.sha256.slice(0, 12);
    return reply
      .header('content-disposition', attachmentHeader(`certwatch-seller-${v.seller_id}-pack-v${v.version}-${short}.zip`, `${t('packFileName', { id: v.seller_id, n: v.version })}-${short}.zip`))
      .header('x-pack-sha256', v.sha256)
      // RFC 9530: a client can check the bytes against the hash without knowing our header.
      .header('repr-digest', `sha-256=:${Buffer.from(v.sha256, 'hex').toString('base64')}:`)
      .header('content-length', String(v.size))
      .header('cache-control', 'no-store')
      .type('application/zip')
      .send(body);
  });
}

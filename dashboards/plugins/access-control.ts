// The gate in front of every route: logged-out requests get a redirect (pages) or 401
// (API and data), too-low roles get 403, and every state change must carry the
// session's CSRF token and come from our own origin.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../auth/roles.js';

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';
/** Double-submit cookie for the login form, which has no session yet. */
export const LOGIN_CSRF_COOKIE = 'cw_login_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: unknown, b: string | undefined): boolean {
  if (typeof a !== 'string' || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || (req.headers.accept ?? '').includes('application/json');
}

export function submittedCsrf(req: FastifyRequest): unknown {
  const header = req.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  const body = req.body as Record<string, unknown> | undefined;
  return body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
}

/** A cross-site POST carries a foreign Origin (or Referer); ours must match the Host. */
function foreignOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin ?? req.headers.referer;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

async function deny(reply: FastifyReply, code: number, error: string): Promise<FastifyReply> {
  return reply.code(code).type('application/json; charset=utf-8').send({ error });
}

export function registerAccessControl(app: FastifyInstance): void {
  app.addHook('preHandler', async (req, reply) => {
    const cfg = req.routeOptions.config ?? {};
    const changing = !SAFE_METHODS.has(req.method);
    if (changing && foreignOrigin(req)) return deny(reply, 403, 'cross-origin request refused');
    if (cfg.public) {
      if (changing && !sameToken(submittedCsrf(req), req.cookies[LOGIN_CSRF_COOKIE])) return deny(reply, 403, 'missing or wrong CSRF token');
      return;
    }
    if (!req.user) {
      if (wantsJson(req) || changing) return deny(reply, 401, 'login required');
      return reply.redirect(`/login?next=${encodeURIComponent(req.url.slice(0, 500))}`, 302);
    }
    if (changing && !sameToken(submittedCsrf(req), req.user.csrfToken)) return deny(reply, 403, 'missing or wrong CSRF token');
    if (cfg.role && !hasRole(req.user.role, cfg.role)) return deny(reply, 403, 'forbidden for your role');
  });
}

// Per-request identity: the logged-in user (from the session cookie) and the UI
// language, attached before any route runs so every handler and view can read them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../pipeline/storage/database.js';
import { loadSession, SESSION_COOKIE, type SessionUser } from '../auth/sessions.js';
import { LANGS, type Lang } from '../i18n/messages.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** Reachable logged out (login page, assets). */
    public?: boolean;
    /** Lowest role allowed; analyst when absent. */
    role?: 'analyst' | 'supervisor' | 'admin';
  }
}

export const LANG_COOKIE = 'cw_lang';

export function langOf(req: FastifyRequest): Lang {
  const v = req.cookies[LANG_COOKIE];
  return (LANGS as readonly string[]).includes(v ?? '') ? (v as Lang) : 'zh';
}

export function registerRequestContext(app: FastifyInstance, db: Database): void {
  app.decorateRequest('user', null);
  app.decorateRequest('lang', 'zh');
  app.addHook('onRequest', async (req) => {
    req.lang = langOf(req);
    req.user = await loadSession(db, req.cookies[SESSION_COOKIE]);
  });
}

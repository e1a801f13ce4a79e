// Login, logout and the language switch. Login is rate limited per address and per
// username, audited (success and failure), and protected by a double-submit CSRF cookie.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import { createSession, SESSION_COOKIE, SESSION_HOURS } from '../auth/sessions.js';
import { DUMMY_HASH, verifyPassword } from '../auth/password.js';
import { deleteSession } from '../storage/sessions.js';
import { countUsers, findUser } from '../storage/users.js';
import { LOGIN_CSRF_COOKIE } from '../plugins/access-control.js';
import { LANG_COOKIE } from '../plugins/request-context.js';
import type { DashboardDeps } from '../app-deps.js';
import { loginView } from '../views/login-view.js';

const PROBE_ORIGIN = 'http://certwatch.invalid';

/**
 * Only same-site paths: `next`/`back` must never send a user to another origin. Browsers drop tab,
 * CR and LF inside a URL and read `\` as `/`, so `/\t/example.org` was `//example.org` to Chromium;
 * such characters are refused outright, and what is left must still be this site once parsed.
 */
export function localPath(v: unknown, fallback = '/'): string {
  if (typeof v !== 'string' || v.length >= 600 || !v.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(v)) return fallback;
  try {
    const u = new URL(v, PROBE_ORIGIN);
    return u.origin === PROBE_ORIGIN && !u.pathname.startsWith('//') ? v : fallback;
  } catch {
    return fallback;
  }
}

export function authRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const { ctx, limiter } = deps;
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies };

  // One login token per browser: re-rendering the form (a second tab, the favicon's redirect) must not invalidate the first.
  const showLogin = async (req: FastifyRequest, error?: 'loginFailed' | 'loginLocked') => {
    const existing = req.cookies[LOGIN_CSRF_COOKIE];
    const token = existing && /^[A-Za-z0-9_-]{32}$/.test(existing) ? existing : randomBytes(24).toString('base64url');
    const noUsers = (await countUsers(ctx.db)) === 0;
    return { token, body: loginView(req, { csrf: token, error, noUsers, next: localPath((req.query as Record<string, unknown>).next) }) };
  };

  app.get('/login', { config: { public: true } }, async (req, reply) => {
    if (req.user) return reply.redirect('/', 302);
    const { token, body } = await showLogin(req);
    return reply.setCookie(LOGIN_CSRF_COOKIE, token, { ...cookieBase, maxAge: 3600 }).type('text/html; charset=utf-8').send(body);
  });

  app.post('/login', { config: { public: true } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim().slice(0, 64) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
    const ip = req.ip;
    const fail = async (error: 'loginFailed' | 'loginLocked', code: number) => {
      const { token, body: page } = await showLogin(req, error);
      return reply.code(code).setCookie(LOGIN_CSRF_COOKIE, token, { ...cookieBase, maxAge: 3600 }).type('text/html; charset=utf-8').send(page);
    };
    if (await limiter.blocked(ip, username)) {
      // One row per address per window: a blocked attempt costs no hashing, so a row each would let anyone fill the log.
      if (await limiter.firstBlock(ip)) {
        await appendAudit(ctx.db, { actor: username || '-', action: 'login.blocked', detail: { ip, note: 'further blocked attempts from this address in this window are not logged' } });
      }
      return fail('loginLocked', 429);
    }
    const user = username ? await findUser(ctx.db, username) : undefined;
    // Always hash, so a missing user takes as long as a wrong password.
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) {
      await limiter.fail(ip, username);
      await appendAudit(ctx.db, { actor: username || '-', action: 'login.failure', detail: { ip } });
      return fail('loginFailed', 401);
    }
    await limiter.succeed(ip, username);
    const session = await createSession(ctx.db, user.id);
    await appendAudit(ctx.db, { actor: user.username, action: 'login.success', detail: { ip } });
    return reply
      .clearCookie(LOGIN_CSRF_COOKIE, { path: '/' })
      .setCookie(SESSION_COOKIE, session.token, { ...cookieBase, maxAge: SESSION_HOURS * 3600 })
      .redirect(localPath(body.next), 303);
  });

  app.post('/logout', async (req, reply) => {
    if (req.user) {
      await deleteSession(ctx.db, req.user.tokenHash);
      await appendAudit(ctx.db, { actor: req.user.username, action: 'logout' });
    }
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/login', 303);
  });

  // A display preference kept in the browser only; it changes no server state.
  app.get<{ Params: { lang: string }; Querystring: { back?: string } }>('/lang/:lang', { config: { public: true } }, async (req, reply) => {
    const lang = req.params.lang === 'en' ? 'en' : 'zh';
    return reply
      .setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'strict', httpOnly: true, secure: deps.secureCookies, maxAge: 365 * 86400 })
      .redirect(localPath(req.query.back), 303);
  });
}

// Builds the dashboard's Fastify instance: cookies and form bodies, request identity,
// the access gate and security headers, then one route module per concept.
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { AppContext } from '../pipeline/app/context.js';
import type { DashboardDeps } from './app-deps.js';
import { LoginRateLimiter, type LoginThrottle } from './auth/login-rate-limit.js';
import { RedisLoginThrottle } from './auth/redis-login-throttle.js';
import { registerAccessControl } from './plugins/access-control.js';
import { registerInputChecks } from './plugins/input-checks.js';
import { registerRequestContext } from './plugins/request-context.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { facetLoader } from './queue/queue-facets.js';
import { adminRoutes } from './routes/admin-routes.js';
import { assetRoutes, loadAssets } from './routes/asset-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { exportRoutes } from './routes/export-routes.js';
import { listingRoutes } from './routes/listing-routes.js';
import { createOpsProbes, type OpsProbes } from './ops/ops-probes.js';
import { opsRoutes } from './routes/ops-routes.js';
import { queueBoardRoutes } from './routes/queue-board-routes.js';
import { packRoutes } from './routes/pack-routes.js';
import { queueRoutes } from './routes/queue-routes.js';
import { sellerRoutes } from './routes/seller-routes.js';
import { sourceRoutes } from './routes/source-routes.js';
import { statsRoutes } from './routes/stats-routes.js';
import { storedContentRoutes } from './routes/stored-content-routes.js';
import { triageRoutes } from './routes/triage-routes.js';
import { errorPage } from './views/error-view.js';
import { setDisplayTimeZone } from './views/layout.js';
import { redactSecrets } from '../core/redact-url.js';

export interface BuildOptions {
  /** Tests shorten the login window; production uses 5 failures per 15 minutes, counted in Redis. */
  limiter?: LoginThrottle;
  secureCookies?: boolean;
  /** Shared with the separate metrics listener when one runs. */
  probes?: OpsProbes;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const trustProxy = ctx.config.dashboard.trustProxy?.split(',').map((s) => s.trim()).filter(Boolean);
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024, trustProxy: trustProxy?.length ? trustProxy : false });
  await app.register(cookie);
  await app.register(formbody);
  const deps: DashboardDeps = {
    ctx,
    limiter: opts.limiter ?? (ctx.redisUrl ? new RedisLoginThrottle(ctx.connection({ maxRetriesPerRequest: 2 }), ctx.config.queuePrefix) : new LoginRateLimiter()),
    facets: facetLoader(ctx.db),
    secureCookies: opts.secureCookies ?? ctx.config.dashboard.secureCookies,
  };
  setDisplayTimeZone(ctx.config.timeZone);
  registerRequestContext(app, ctx.db);
  registerSecurityHeaders(app, { hsts: deps.secureCookies });
  registerAccessControl(app);
  registerInputChecks(app);

  assetRoutes(app, loadAssets());
  authRoutes(app, deps);
  queueRoutes(app, deps);
  sellerRoutes(app, deps);
  triageRoutes(app, deps);
  packRoutes(app, deps);
  listingRoutes(app, deps);
  storedContentRoutes(app, deps);
  exportRoutes(app, deps);
  sourceRoutes(app, deps);
  statsRoutes(app, deps);
  adminRoutes(app, deps);
  queueBoardRoutes(app, deps);
  opsRoutes(app, opts.probes ?? createOpsProbes(ctx), { log: ctx.log, listener: 'dashboard' });

  app.setNotFoundHandler(async (req, reply) => {
    if (!req.user || req.url.startsWith('/api/')) return reply.code(req.user ? 404 : 401).send({ error: req.user ? 'not found' : 'login required' });
    return reply.code(404).type('text/html; charset=utf-8').send(errorPage(req, 404, 'Not found'));
  });
  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    const code = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (code === 500) ctx.log.error({ err: err.message, url: req.url.slice(0, 200) }, 'dashboard: request failed');
    // Never echo internals (SQL, paths) to the browser.
    const message = code === 500 ? 'internal error' : redactSecrets(err.message).slice(0, 200);
    // A page asked for by a logged-in browser gets the message as a page (a bad filter in the queue's URL).
    if (req.user && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html')) {
      return reply.code(code).type('text/html; charset=utf-8').send(errorPage(req, code, message));
    }
    return reply.code(code).send({ error: message });
  });
  return app;
}

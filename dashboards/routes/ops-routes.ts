// Liveness, readiness and Prometheus metrics without a session: /healthz always answers while
// the process serves, /readyz names what is down, /metrics wants the bearer token (or, on the
// separate listener without a token, the network position the operator chose for it).
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../pipeline/app/logger.js';
import { METRICS_CONTENT_TYPE } from '../../pipeline/metrics/ops-metrics.js';
import { bearerMatches, type OpsProbes } from '../ops/ops-probes.js';

export function opsRoutes(app: FastifyInstance, probes: OpsProbes, opts: { log: Logger; listener: 'dashboard' | 'metrics' }): void {
  const config = { public: true };

  app.get('/healthz', { config }, async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', { config }, async (_req, reply) => {
    const r = await probes.ready();
    if (!r.ready) opts.log.warn({ reasons: r.reasons }, `not ready: ${r.down.join(', ')} down`);
    return reply
      .code(r.ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: r.ready ? 'ready' : `not ready: ${r.down.join(', ')} down`, checks: r.checks });
  });

  app.get('/metrics', { config }, async (req, reply) => {
    if (!probes.token) {
      // On the dashboard a token is required: its port faces analysts' browsers, not just the scraper.
      if (opts.listener === 'dashboard') return reply.code(404).send({ error: 'metrics are not enabled here: set metrics.token (CERTWATCH_METRICS_TOKEN) or metrics.port' });
    } else if (!bearerMatches(req.headers.authorization, probes.token)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="certwatch metrics"').send({ error: 'bearer token required' });
    }
    return reply.header('cache-control', 'no-store').type(METRICS_CONTENT_TYPE).send(await probes.metrics.render());
  });
}

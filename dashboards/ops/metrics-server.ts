// The separate metrics listener (metrics.port): /metrics, /healthz and /readyz only, no
// sessions or pages, for a scraper or healthcheck on an address analysts never reach.
import Fastify from 'fastify';
import type { AppContext } from '../../pipeline/app/context.js';
import { opsRoutes } from '../routes/ops-routes.js';
import type { OpsProbes } from './ops-probes.js';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(ctx: AppContext, probes: OpsProbes, where: { host: string; port: number }): Promise<MetricsServer> {
  const app = Fastify({ logger: false, trustProxy: false });
  opsRoutes(app, probes, { log: ctx.log, listener: 'metrics' });
  app.setNotFoundHandler(async (_req, reply) => reply.code(404).send({ error: 'not found' }));
  await app.listen({ host: where.host, port: where.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : where.port;
  const host = where.host.includes(':') ? `[${where.host}]` : where.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  ctx.log.info({ url }, 'metrics listening');
  return { url, close: () => app.close() };
}

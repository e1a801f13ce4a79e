// The dashboard's public entry point: `certwatch dashboard`, `certwatch start` and the
// demo call startDashboard; it makes sure an admin can exist, then listens.
import type { AppContext } from '../pipeline/app/context.js';
import { ensureFirstAdmin } from './auth/users.js';
import { buildApp, type BuildOptions } from './app.js';
import { startMetricsServer, type MetricsServer } from './ops/metrics-server.js';
import { createOpsProbes } from './ops/ops-probes.js';

export interface DashboardHandle {
  url: string;
  /** The separate metrics listener's address, when metrics.port is set. */
  metricsUrl?: string;
  close(): Promise<void>;
}

export async function startDashboard(
  ctx: AppContext,
  opts: { host: string; port: number } & BuildOptions & { env?: NodeJS.ProcessEnv },
): Promise<DashboardHandle> {
  await ensureFirstAdmin(ctx.db, opts.env ?? process.env, ctx.log);
  const probes = createOpsProbes(ctx);
  const app = await buildApp(ctx, { ...opts, probes });
  let metrics: MetricsServer | undefined;
  if (ctx.config.metrics.port !== undefined) metrics = await startMetricsServer(ctx, probes, { host: ctx.config.metrics.host, port: ctx.config.metrics.port });
  try {
    await app.listen({ host: opts.host, port: opts.port });
  } catch (err) {
    await metrics?.close();
    throw err;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  ctx.log.info({ url }, 'dashboard listening');
  return {
    url,
    metricsUrl: metrics?.url,
    close: async () => {
      await metrics?.close();
      await app.close();
    },
  };
}

export { buildApp } from './app.js';
export { createUser } from './auth/users.js';
export { makeDemoLogin } from './auth/demo-login.js';

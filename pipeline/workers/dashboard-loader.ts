// Starts the analyst dashboard when the dashboards module is part of this build; `start`
// and `demo` serve it beside the workers in one process.
import type { AppContext } from '../app/context.js';

export interface DashboardHandle {
  url: string;
  close(): Promise<void>;
}

export async function startDashboardIfPresent(ctx: AppContext, opts: { host: string; port: number }): Promise<DashboardHandle | undefined> {
  // Loaded by path: the pipeline runs headless when the dashboard is not installed.
  const path = '../../dashboards/index.js';
  let mod: { startDashboard?: (ctx: AppContext, o: { host: string; port: number }) => Promise<DashboardHandle> };
  try {
    mod = (await import(path)) as typeof mod;
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message }, 'dashboard module not available: running without the dashboard');
    return undefined;
  }
  if (typeof mod.startDashboard !== 'function') return undefined;
  return mod.startDashboard(ctx, opts);
}

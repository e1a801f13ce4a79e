// What every route module receives: the app context plus the dashboard's own
// long-lived pieces (login limiter, cached filter choices).
import type { AppContext } from '../pipeline/app/context.js';
import type { LoginThrottle } from './auth/login-rate-limit.js';
import type { QueueFacets } from './storage/queue.js';

export interface DashboardDeps {
  ctx: AppContext;
  limiter: LoginThrottle;
  facets: () => Promise<QueueFacets>;
  secureCookies: boolean;
}

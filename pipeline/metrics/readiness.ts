// Readiness for load balancers and container healthchecks: the database and Redis each
// answer within two seconds, or the answer names what is down.
import type { Redis } from 'ioredis';
import type { AppContext } from '../app/context.js';
import { pingDatabase } from '../storage/ops-metrics.js';
import { withTimeout } from './timeout.js';

export interface Readiness {
  ready: boolean;
  checks: { database: 'ok' | 'down'; redis: 'ok' | 'down' };
  /** The parts that did not answer, e.g. ['redis']. */
  down: string[];
  /** Why, for the log only: messages may name hosts, which an unauthenticated probe must not learn. */
  reasons: Record<string, string>;
}

export type ReadinessCheck = (timeoutMs?: number) => Promise<Readiness>;

/** One Redis connection for all probes of this process (opened on the first, closed with the app). */
export function readinessCheck(ctx: Pick<AppContext, 'db' | 'connection' | 'redisUrl'>): ReadinessCheck {
  let redis: Redis | undefined;
  return (timeoutMs) => checkReadiness(ctx.db, ctx.redisUrl ? () => (redis ??= ctx.connection({ maxRetriesPerRequest: 1 })) : undefined, timeoutMs);
}

async function checkReadiness(db: AppContext['db'], redis: (() => Redis) | undefined, timeoutMs = 2000): Promise<Readiness> {
  const redisPing = async () => {
    if (!redis) throw new Error('Redis is not configured for this process');
    const pong = await redis().ping();
    if (pong !== 'PONG') throw new Error(`unexpected answer ${String(pong).slice(0, 40)}`);
  };
  const [dbAnswer, redisAnswer] = await Promise.allSettled([withTimeout(pingDatabase(db), timeoutMs, 'the database'), withTimeout(redisPing(), timeoutMs, 'Redis')]);
  const reasons: Record<string, string> = {};
  if (dbAnswer.status === 'rejected') reasons.database = (dbAnswer.reason as Error).message.slice(0, 200);
  if (redisAnswer.status === 'rejected') reasons.redis = (redisAnswer.reason as Error).message.slice(0, 200);
  const checks = { database: reasons.database ? 'down' : 'ok', redis: reasons.redis ? 'down' : 'ok' } as const;
  const down = Object.keys(reasons);
  return { ready: down.length === 0, checks, down, reasons };
}

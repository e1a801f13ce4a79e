// The pieces behind /metrics, /healthz and /readyz, made once per process and shared by the
// dashboard and the separate metrics listener so both answer from one registry.
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../pipeline/app/context.js';
import { createOpsMetrics, type OpsMetrics } from '../../pipeline/metrics/ops-metrics.js';
import { readinessCheck, type ReadinessCheck } from '../../pipeline/metrics/readiness.js';

export interface OpsProbes {
  metrics: OpsMetrics;
  ready: ReadinessCheck;
  /** The bearer token /metrics asks for; undefined means none is configured. */
  token?: string;
}

export function createOpsProbes(ctx: AppContext): OpsProbes {
  return { metrics: createOpsMetrics(ctx), ready: readinessCheck(ctx), token: ctx.config.metrics.token };
}

/** Constant-time check of an `Authorization: Bearer …` header against the configured token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

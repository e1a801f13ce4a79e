// Prometheus metrics for operators: process metrics, per-source crawl figures and leads by status
// from cheap aggregates, per-stage job durations and BullMQ's own queue export from Redis.
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { AppContext } from '../app/context.js';
import { leadRuleSql } from '../leads/lead-rule.js';
import { QUEUE_NAMES } from '../queues/names.js';
import { leadsByStatus, sourceMetrics } from '../storage/ops-metrics.js';
import { mergePrometheusText } from './prometheus-text.js';
import { recentJobDurations } from './job-durations.js';
import { runFigures } from './run-figures.js';
import { withTimeout } from './timeout.js';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const QUANTILES = [0.5, 0.9, 0.99];

export interface OpsMetrics {
  /** The whole exposition; never throws for Redis trouble (certwatch_redis_up says 0). */
  render(): Promise<string>;
}

export function createOpsMetrics(ctx: Pick<AppContext, 'db' | 'queue' | 'redisUrl' | 'log'>): OpsMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'certwatch_' });
  const g = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
  const m = {
    pages: g('certwatch_source_pages', 'Pages stored per source', ['source']),
    listings: g('certwatch_source_listings', 'Posts (listings) stored per source', ['source']),
    flagged: g('certwatch_source_flagged', 'Flagged posts per source', ['source']),
    runPages: g('certwatch_source_last_run_pages', 'Pages fetched by the source\'s latest finished crawl run', ['source']),
    runPosts: g('certwatch_source_last_run_posts', 'Posts extracted by the latest finished crawl run', ['source']),
    runErrors: g('certwatch_source_last_run_errors', 'Failed requests and pages not stored in the latest finished crawl run', ['source']),
    runRobots: g('certwatch_source_last_run_robots_skipped', 'URLs refused by robots.txt in the latest finished crawl run', ['source']),
    runDuration: g('certwatch_source_last_run_duration_seconds', 'Wall time of the latest finished crawl run', ['source']),
    runFinished: g('certwatch_source_last_run_timestamp_seconds', 'When the latest finished crawl run ended (Unix time)', ['source']),
    runFailed: g('certwatch_source_last_run_failed', '1 when the latest finished crawl run failed', ['source']),
    leads: g('certwatch_leads', 'Leads (the lead rule) by workflow status', ['status']),
    jobDuration: g('certwatch_stage_job_duration_seconds', 'Processing time of recently completed jobs per stage (quantiles over the last 100)', ['queue', 'quantile']),
    jobSamples: g('certwatch_stage_job_duration_samples', 'Completed jobs the duration quantiles are taken over', ['queue']),
    dbUp: g('certwatch_database_up', '1 when the database answered this scrape'),
    redisUp: g('certwatch_redis_up', '1 when Redis answered this scrape'),
  };
  let chain: Promise<unknown> = Promise.resolve();

  async function refreshDatabase(): Promise<void> {
    const [sources, leads] = await Promise.all([sourceMetrics(ctx.db), leadsByStatus(ctx.db, leadRuleSql)]);
    for (const s of sources) {
      const l = { source: s.source_id };
      m.pages.set(l, s.pages);
      m.listings.set(l, s.listings);
      m.flagged.set(l, s.flagged);
      if (!s.run_status) continue;
      const f = runFigures(s.run_stats);
      m.runPages.set(l, f.pages);
      m.runPosts.set(l, f.posts);
      m.runErrors.set(l, f.errors);
      m.runRobots.set(l, f.robotsSkipped);
      const duration = f.durationMs || (s.run_finished_at && s.run_started_at ? s.run_finished_at.getTime() - s.run_started_at.getTime() : 0);
      m.runDuration.set(l, duration / 1000);
      if (s.run_finished_at) m.runFinished.set(l, Math.floor(s.run_finished_at.getTime() / 1000));
      m.runFailed.set(l, s.run_status === 'failed' ? 1 : 0);
    }
    for (const r of leads) m.leads.set({ status: r.status }, r.n);
  }

  async function refreshRedis(): Promise<string> {
    const parts = await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const q = ctx.queue(name);
        const [text, durations] = await Promise.all([q.exportPrometheusMetrics(), recentJobDurations(q, 100)]);
        m.jobSamples.set({ queue: name }, durations.length);
        for (const qt of QUANTILES) if (durations.length) m.jobDuration.set({ queue: name, quantile: String(qt) }, durations[Math.min(durations.length - 1, Math.floor(qt * durations.length))]! / 1000);
        return text;
      }),
    );
    return mergePrometheusText(parts);
  }

  async function renderOnce(): Promise<string> {
    // Only our gauges start over (a source or status that went away must not linger); the process
    // metrics' counters and histograms keep counting.
    for (const g of Object.values(m)) g.reset();
    let queueText = '';
    const [db, redis] = await Promise.allSettled([
      withTimeout(refreshDatabase(), 5000, 'the database'),
      ctx.redisUrl ? withTimeout(refreshRedis(), 5000, 'Redis') : Promise.reject(new Error('Redis is not configured for this process')),
    ]);
    m.dbUp.set(db.status === 'fulfilled' ? 1 : 0);
    m.redisUp.set(redis.status === 'fulfilled' ? 1 : 0);
    if (db.status === 'rejected') ctx.log.warn({ err: (db.reason as Error).message }, 'metrics: database part failed');
    if (redis.status === 'fulfilled') queueText = redis.value;
    else if (ctx.redisUrl) ctx.log.warn({ err: (redis.reason as Error).message }, 'metrics: Redis part failed');
    return `${await registry.metrics()}${queueText}`;
  }

  return {
    render() {
      // One scrape at a time: each refresh resets the gauges it then fills.
      const next = chain.then(renderOnce, renderOnce);
      chain = next.catch(() => undefined);
      return next;
    },
  };
}

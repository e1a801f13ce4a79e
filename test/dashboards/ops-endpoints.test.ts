// Operations endpoints and the admins' queue board on a real server, real Postgres and Redis:
// /healthz and /readyz need no session, /metrics is Prometheus text behind a bearer token (or on
// its own listener), and failed jobs can be retried and cleaned by admins only, each audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { buildApp } from '../../dashboards/app.js';
import { createOpsProbes } from '../../dashboards/ops/ops-probes.js';
import { startMetricsServer } from '../../dashboards/ops/metrics-server.js';
import { readinessCheck } from '../../pipeline/metrics/readiness.js';
import { readAuditEntries } from '../../dashboards/storage/audit-view.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';
import { parsePrometheus, sampleValue } from '../support/prometheus-parse.js';
import { TEST_REDIS_URL } from '../support/services.js';

const TOKEN = 'metrics-token-0123456789abcdef';
let ctx: TestContext;
let dash: DashboardHandle;

/** Jobs on the export queue that fail at once (one attempt each), as a broken stage would leave them. */
async function failJobs(n: number, tag: string): Promise<string[]> {
  const q = ctx.queue('export');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(String((await q.add('export', { sellerId: 1000 + i, out: `/nowhere/${tag}-${i}.zip`, actor: 'test' }, { jobId: `${tag}-${i}`, attempts: 1 })).id));
  const worker = new Worker('export', async (job) => { throw new Error(`pack target not writable: ${job.data.out}`); }, { connection: new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }), prefix: ctx.prefix });
  for (let tries = 0; (await q.getFailedCount()) < ids.length && tries < 200; tries++) await new Promise((r) => setTimeout(r, 50));
  await worker.close();
  return ids;
}

beforeAll(async () => {
  ctx = await openTestContext();
  await seedDemoData(ctx);
  ctx.config.metrics = { ...ctx.config.metrics, token: TOKEN };
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

describe('health without a session', () => {
  it('answers /healthz 200 and /readyz 200 with both parts ok', async () => {
    const h = await fetch(`${dash.url}/healthz`, { redirect: 'manual' });
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ status: 'ok' });
    const r = await fetch(`${dash.url}/readyz`, { redirect: 'manual' });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  });

  it('answers /readyz 503 naming Redis when Redis does not answer', async () => {
    const gone = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1, lazyConnect: true });
    gone.on('error', () => undefined);
    const app = await buildApp(ctx, { probes: { ...createOpsProbes(ctx), ready: readinessCheck({ db: ctx.db, redisUrl: 'redis://127.0.0.1:1', connection: () => gone }) } });
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'not ready: redis down', checks: { database: 'ok', redis: 'down' } });
    } finally {
      await app.close();
      gone.disconnect();
    }
  });
});

describe('/metrics', () => {
  it('wants the bearer token', async () => {
    expect((await fetch(`${dash.url}/metrics`, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${dash.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcd' } })).status).toBe(401);
  });

  it('serves Prometheus text with process, source, lead and BullMQ queue metrics', async () => {
    await failJobs(1, 'metrics');
    const res = await fetch(`${dash.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const { samples, types } = parsePrometheus(await res.text());
    expect(types.get('certwatch_process_cpu_seconds_total')).toBe('counter');
    expect(sampleValue(samples, 'certwatch_source_last_run_pages', { source: 'bbs' })).toBe(412);
    expect(sampleValue(samples, 'certwatch_source_last_run_errors', { source: 'tieba' })).toBe(12);
    expect(sampleValue(samples, 'certwatch_source_last_run_failed', { source: 'tieba' })).toBe(1);
    expect(sampleValue(samples, 'certwatch_source_flagged', { source: 'bbs' })).toBeGreaterThan(0);
    expect(samples.filter((s) => s.name === 'certwatch_leads').reduce((a, s) => a + s.value, 0)).toBeGreaterThan(0);
    expect(sampleValue(samples, 'bullmq_job_count', { queue: 'export', state: 'failed' })).toBe(1);
    expect(sampleValue(samples, 'bullmq_job_count', { queue: 'crawl', state: 'waiting' })).toBe(0);
    expect(sampleValue(samples, 'certwatch_database_up')).toBe(1);
    expect(sampleValue(samples, 'certwatch_redis_up')).toBe(1);
    await ctx.queue('export').clean(0, 100, 'failed');
  });

  it('is not served by the dashboard without a token, but by the separate listener', async () => {
    const saved = ctx.config.metrics;
    ctx.config.metrics = { host: '127.0.0.1' };
    const probes = createOpsProbes(ctx);
    const app = await buildApp(ctx, { probes });
    const server = await startMetricsServer(ctx, probes, { host: '127.0.0.1', port: 0 });
    try {
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      expect(parsePrometheus(await res.text()).types.get('bullmq_job_count')).toBe('gauge');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/sources`)).status).toBe(404);
    } finally {
      ctx.config.metrics = saved;
      await server.close();
      await app.close();
    }
  });
});

describe('the queue board', () => {
  it('is for admins only', async () => {
    const anon = await fetch(`${dash.url}/jobs`, { redirect: 'manual' });
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toMatch(/^\/login/);
    const analyst = new DashboardClient(dash.url);
    await analyst.login('alice', PASSWORDS.alice);
    expect((await analyst.get('/jobs')).status).toBe(403);
    expect(await (await analyst.get('/')).text()).not.toContain('href="/jobs"');
    const sup = new DashboardClient(dash.url);
    await sup.login('sup', PASSWORDS.sup);
    expect((await sup.form('/jobs/retry-all', { queue: 'export' })).status).toBe(403);
  });

  it('lists failed jobs with their error, retries one and all, cleans, and audits each action', async () => {
    const ids = await failJobs(3, 'board');
    const root = new DashboardClient(dash.url);
    await root.login('root', PASSWORDS.root);
    const board = await (await root.get('/jobs')).text();
    for (const id of ids) expect(board).toContain(`data-job="${id}"`);
    expect(board).toContain('pack target not writable: /nowhere/board-0.zip');
    expect(board).toContain('全部重试');
    await root.get('/lang/en?back=/jobs');
    const english = await (await root.get('/jobs')).text();
    expect(english).toContain('Retry all');
    expect(english).toContain('Job queues');
    await root.get('/lang/zh?back=/jobs');

    expect((await root.form('/jobs/retry', { queue: 'export', id: ids[0]! }, { csrf: false })).status).toBe(403);
    const one = await root.form('/jobs/retry', { queue: 'export', id: ids[0]! });
    expect(one.status).toBe(303);
    expect(await (await ctx.queue('export').getJob(ids[0]!))!.getState()).toBe('waiting');
    expect((await root.form('/jobs/retry', { queue: 'export', id: ids[0]! })).status).toBe(409);
    expect((await root.form('/jobs/retry', { queue: 'nonsense', id: ids[0]! })).status).toBe(404);

    const all = await root.form('/jobs/retry-all', { queue: 'export' });
    expect(all.headers.get('location')).toBe('/jobs?done=retry-all&n=2&queue=export');
    expect(await ctx.queue('export').getFailedCount()).toBe(0);

    await ctx.queue('export').drain();
    await failJobs(2, 'clean');
    const clean = await root.form('/jobs/clean', { queue: 'export' });
    expect(clean.headers.get('location')).toBe('/jobs?done=clean&n=2&queue=export');
    expect(await ctx.queue('export').getFailedCount()).toBe(0);
    expect(await (await root.get('/jobs?done=clean&n=2&queue=export')).text()).toContain('已清除 2 个失败任务');

    const audit = await readAuditEntries(ctx.db, { actionPrefix: 'jobs.' });
    expect(audit.map((e) => [e.action, e.actor, (e.detail as { count: number }).count]).sort()).toEqual([
      ['jobs.clean_failed', 'root', 2],
      ['jobs.retry', 'root', 1],
      ['jobs.retry_all', 'root', 2],
    ]);
  });
});

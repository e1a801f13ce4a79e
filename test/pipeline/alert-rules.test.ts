// The alert rules' thresholds, and an alert pass on real Postgres against a real HTTP receiver:
// the hourly cap holds alerts back for a later pass, and a delivery that failed everywhere is
// tried again on the next pass instead of being counted as sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../pipeline/config/schema.js';
import { loadConfig } from '../../pipeline/config/load.js';
import { createLogger } from '../../pipeline/app/logger.js';
import { queueAlerts, sourceAlerts, type SourceFacts } from '../../pipeline/alerts/rules.js';
import { alertDelivery } from '../../pipeline/alerts/deliver.js';
import { runAlertPass } from '../../pipeline/alerts/evaluate.js';
import { testDatabase, type TestDatabase } from '../support/services.js';
import { lastFinishedRuns } from '../../pipeline/storage/alert-facts.js';
import { createOpsMetrics } from '../../pipeline/metrics/ops-metrics.js';
import { parsePrometheus, sampleValue } from '../support/prometheus-parse.js';

const rules = configSchema.parse({}).alerts.rules;
const run = (id: number, crawler: Record<string, unknown>, status = 'done') => ({ id, status, finishedAt: new Date(), stats: { crawler } as Record<string, unknown>, error: status === 'failed' ? 'boom' : null });
const facts = (latest: ReturnType<typeof run>, previous?: ReturnType<typeof run>): SourceFacts => ({ source: 'bbs', name: '论坛', latest, previous });
const kinds = (f: SourceFacts) => sourceAlerts(f, rules).map((a) => a.kind);

describe('alert and metrics settings', () => {
  it('come from the environment, and a bad value names its key and variable', () => {
    const c = loadConfig({ file: '/dev/null', env: { CERTWATCH_ALERT_EMAIL_TO: 'duty@bureau.example, chief@bureau', CERTWATCH_ALERT_SELLER_SCORE: '0.95', CERTWATCH_METRICS_PORT: '9464' } });
    expect(c.alerts.emailTo).toEqual(['duty@bureau.example', 'chief@bureau']);
    expect(c.alerts.rules.sellerScore).toBe(0.95);
    expect(c.metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(() => loadConfig({ file: '/dev/null', env: { CERTWATCH_ALERT_WEBHOOK: 'ftp://hooks.example/x' } })).toThrow(/http\(s\) URL \(or env CERTWATCH_ALERT_WEBHOOK\)/);
    expect(() => loadConfig({ file: '/dev/null', env: { CERTWATCH_METRICS_TOKEN: 'short' } })).toThrow(/CERTWATCH_METRICS_TOKEN/);
    expect(() => loadConfig({ file: '/dev/null', env: { CERTWATCH_ALERT_POSTS_DROP: '1.5' } })).toThrow(/CERTWATCH_ALERT_POSTS_DROP/);
  });
});

describe('the rules', () => {
  it('raise zero-posts only when a source that had posts has none', () => {
    expect(kinds(facts(run(2, { pagesFetched: 30, posts: 0 }), run(1, { pagesFetched: 30, posts: 40 })))).toEqual(['zero-posts']);
    expect(kinds(facts(run(2, { pagesFetched: 30, posts: 0 }), run(1, { pagesFetched: 30, posts: 0 })))).toEqual([]);
    expect(kinds(facts(run(1, { pagesFetched: 30, posts: 0 })))).toEqual([]);
  });

  it('judge no posts on an incremental run, which parses only what changed', () => {
    const incremental = (id: number, crawler: Record<string, unknown>) => ({ ...run(id, crawler), stats: { crawler, fullWalk: false } });
    expect(kinds(facts(incremental(3, { pagesFetched: 4, posts: 0 }), incremental(2, { pagesFetched: 30, posts: 40 })))).toEqual([]);
    expect(kinds(facts(incremental(3, { pagesFetched: 30, posts: 2 }), incremental(2, { pagesFetched: 30, posts: 40 })))).toEqual([]);
    // A full walk is still judged, and errors on any run.
    expect(kinds(facts({ ...run(4, { pagesFetched: 30, posts: 0 }), stats: { crawler: { pagesFetched: 30, posts: 0 }, fullWalk: true } }, run(1, { pagesFetched: 30, posts: 40 })))).toEqual(['zero-posts']);
    expect(kinds(facts(incremental(3, { posts: 0, requests: 100, errors: { http_503: 30 } })))).toEqual(['crawl-errors']);
  });

  it('raise posts-drop past the threshold, from a previous run big enough to judge', () => {
    expect(kinds(facts(run(2, { posts: 19 }), run(1, { posts: 40 })))).toEqual(['posts-drop']);
    expect(kinds(facts(run(2, { posts: 21 }), run(1, { posts: 40 })))).toEqual([]);
    expect(kinds(facts(run(2, { posts: 1 }), run(1, { posts: 9 })))).toEqual([]);
  });

  it('raise crawl-errors for a failed run or an error rate above the threshold, and robots-change', () => {
    expect(kinds(facts(run(2, { posts: 5 }, 'failed'), run(1, { posts: 5 })))).toEqual(['crawl-errors']);
    expect(kinds(facts(run(2, { posts: 5, requests: 100, errors: { http_503: 15, timeout: 6 } })))).toEqual(['crawl-errors']);
    expect(kinds(facts(run(2, { posts: 5, requests: 100, errors: { http_503: 20 } })))).toEqual([]);
    expect(kinds(facts(run(2, { posts: 5, skippedRobots: 12 }), run(1, { posts: 5, skippedRobots: 2 })))).toEqual(['robots-change']);
  });

  it('raise queue backlog and failed-job alerts above their thresholds', () => {
    expect(queueAlerts({ name: 'analyze', backlog: 5001, failed: 21 }, rules, new Date()).map((a) => a.key)).toEqual(['queue-backlog:analyze', 'failed-jobs:analyze']);
    expect(queueAlerts({ name: 'analyze', backlog: 5000, failed: 20 }, rules, new Date())).toEqual([]);
  });
});

describe.each(['postgres', 'pglite'] as const)('an alert pass on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let status = 204;
  const got: { key: string; url: string }[] = [];
  got.length = 0;
  let url = '';

  beforeAll(async () => {
    t = await testDatabase(kind);
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        if (status < 300) got.push(JSON.parse(body) as { key: string; url: string });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await t.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('bbs', '论坛', 'discuz', 'http'), ('qa', '问答', 'qa', 'http')`);
    await t.db.query(`INSERT INTO crawl_runs (source_id, job_id, status, started_at, finished_at, stats) VALUES
      ('bbs', 'b1', 'done', now() - interval '40 minutes', now() - interval '39 minutes', '{"crawler": {"pagesFetched": 20, "posts": 30}}'),
      ('bbs', 'b2', 'done', now() - interval '10 minutes', now() - interval '9 minutes', '{"crawler": {"pagesFetched": 20, "posts": 0}}'),
      ('qa', 'q1', 'done', now() - interval '40 minutes', now() - interval '39 minutes', '{"crawler": {"pagesFetched": 20, "posts": 12}}'),
      ('qa', 'q2', 'done', now() - interval '10 minutes', now() - interval '9 minutes', '{"crawler": {"pagesFetched": 20, "posts": 0}}')`);
    // Incremental runs between (a handful of new posts each): the full walks above are compared with each other.
    await t.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('news', '新闻', 'news', 'http')`);
    await t.db.query(`INSERT INTO crawl_runs (source_id, job_id, status, started_at, finished_at, stats) VALUES
      ('news', 'n1', 'done', now() - interval '50 minutes', now() - interval '49 minutes', '{"fullWalk": true, "crawler": {"pagesFetched": 200, "posts": 300}}'),
      ('news', 'n2', 'done', now() - interval '30 minutes', now() - interval '29 minutes', '{"fullWalk": false, "crawler": {"pagesFetched": 9, "posts": 12}}'),
      ('news', 'n3', 'done', now() - interval '20 minutes', now() - interval '19 minutes', '{"fullWalk": false, "crawler": {"pagesFetched": 3, "posts": 0}}')`);
  });
  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('pairs each source’s latest run with the one before of the same kind', async () => {
    const runs = await lastFinishedRuns(t.db);
    const pairs = (source: string) => runs.filter((r) => r.source_id === source).map((r) => (r.stats as { crawler: { posts: number } }).crawler.posts);
    expect(pairs('bbs')).toEqual([0, 30]);
    expect(pairs('news')).toEqual([0, 12]);
    // A full walk after incremental runs is held against the full walk before them.
    await t.db.query(`INSERT INTO crawl_runs (source_id, job_id, status, started_at, finished_at, stats) VALUES
      ('news', 'n4', 'done', now() - interval '5 minutes', now() - interval '4 minutes', '{"fullWalk": true, "crawler": {"pagesFetched": 190, "posts": 280}}')`);
    const later = await lastFinishedRuns(t.db);
    expect(later.filter((r) => r.source_id === 'news').map((r) => (r.stats as { crawler: { posts: number } }).crawler.posts)).toEqual([280, 300]);
    await t.db.query(`DELETE FROM crawl_runs WHERE job_id = 'n4'`);
  });

  it('gives a failed delivery back, then holds the second alert past the hourly cap', async () => {
    const config = configSchema.parse({ dashboard: { publicUrl: 'https://cw.example.test/base/' }, alerts: { webhookUrl: url, maxPerHour: 1 } });
    const ctx = { db: t.db, queue: (() => { throw new Error('no Redis here'); }) as never, config, redisUrl: undefined, installationId: 'inst-1', log: createLogger('test', 'silent') };
    const delivery = alertDelivery({ webhookUrl: url, emailFrom: 'a@b', emailTo: [], userAgent: 'certwatch-test' });
    status = 500;
    const failed = await runAlertPass(ctx, delivery);
    expect(failed.failed.map((f) => f.key)).toEqual(['zero-posts:bbs', 'zero-posts:qa']);
    expect((await t.db.query('SELECT * FROM alert_state')).rows).toEqual([]);
    status = 204;
    const first = await runAlertPass(ctx, delivery);
    expect(first).toMatchObject({ raised: 2, sent: [{ key: 'zero-posts:bbs', channels: ['webhook'] }], limited: 1 });
    expect(got).toEqual([expect.objectContaining({ key: 'zero-posts:bbs', url: 'https://cw.example.test/base/sources#source-bbs' })]);
    const second = await runAlertPass(ctx, delivery);
    expect(second).toMatchObject({ raised: 2, sent: [], limited: 1, deduplicated: 1 });
    // An hour later the cap has room; the first alert is still inside its dedup window.
    await t.db.query(`UPDATE alert_state SET last_sent_at = now() - interval '61 minutes'`);
    const later = await runAlertPass(ctx, delivery);
    expect(later).toMatchObject({ sent: [{ key: 'zero-posts:qa' }], deduplicated: 1, limited: 0 });
    expect(got.map((g) => g.key)).toEqual(['zero-posts:bbs', 'zero-posts:qa']);
    delivery.close();
  });

  it('gives /metrics its database part without Redis, saying Redis is down', async () => {
    const metrics = createOpsMetrics({ db: t.db, queue: (() => { throw new Error('no Redis here'); }) as never, redisUrl: undefined, log: createLogger('test', 'silent') });
    const { samples } = parsePrometheus(await metrics.render());
    expect(sampleValue(samples, 'certwatch_source_last_run_posts', { source: 'qa' })).toBe(0);
    expect(sampleValue(samples, 'certwatch_source_last_run_pages', { source: 'bbs' })).toBe(20);
    expect(sampleValue(samples, 'certwatch_database_up')).toBe(1);
    expect(sampleValue(samples, 'certwatch_redis_up')).toBe(0);
  });
});

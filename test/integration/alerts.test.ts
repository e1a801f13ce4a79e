// Alerts end to end on the sandbox, real Redis and Postgres, a real HTTP receiver and a real SMTP
// server: a new high-score seller and a source whose page stops yielding posts (a sandbox day
// change) each raise one alert, delivered once by webhook and once by e-mail however many passes run.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { findFreePort, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { startWorkers, type WorkerPool } from '../../cli/worker-pool.js';
import { configSchema } from '../../pipeline/config/schema.js';
import { runCycle } from '../../pipeline/workers/run-cycle.js';
import { syncAlertSchedule } from '../../pipeline/scheduler/alert-schedule.js';
import type { AlertPayload } from '../../pipeline/alerts/alert.js';
import { createOpsMetrics } from '../../pipeline/metrics/ops-metrics.js';
import { parsePrometheus, sampleValue } from '../support/prometheus-parse.js';
import { openHarness, schemaUrl, type Harness } from './harness.js';
import { TEST_REDIS_URL } from '../support/services.js';
import { sandboxRegistry } from './sandbox-sources.js';

interface Received<T> {
  at: number;
  body: T;
}

/** A webhook receiver: keeps every JSON body with the time it arrived. */
async function startReceiver(): Promise<{ url: string; got: Received<AlertPayload>[]; server: Server }> {
  const got: Received<AlertPayload>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ at: Date.now(), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlertPayload });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, server };
}

/** A plain SMTP server keeping each message's raw text. */
async function startSmtp(): Promise<{ url: string; mails: Received<string>[]; server: SMTPServer }> {
  const mails: Received<string>[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ at: Date.now(), body: readable(Buffer.concat(chunks).toString('utf8')) });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, mails, server };
}

/** The message with its quoted-printable body and Q-encoded subject decoded (what a mail client shows). */
function readable(raw: string): string {
  const bytes = (s: string) => Buffer.from(s.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const subject = head!.replace(/\r?\n[ \t]+/g, ' ').replace(/=\?UTF-8\?Q\?([^?]*)\?=\s*/gi, (_, q: string) => bytes(q.replace(/_/g, ' ')));
  return `${subject}\n\n${bytes(rest.join('\n\n').replace(/=\r?\n/g, ''))}`;
}

async function until(test: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const EVERY_MS = 1000;

describe('alerts on the sandbox', () => {
  let h: Harness;
  let sb: Sandbox;
  let pool: WorkerPool;
  let hook: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let reg: ReturnType<typeof sandboxRegistry>;
  let vanishDay = 0;
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    hook = await startReceiver();
    smtp = await startSmtp();
    const port = await findFreePort();
    sb = await startSandbox({ port, quiet: true });
    // A classifieds ad of a planted seller that is live one day and gone (404) the next (not under
    // /vip/, which the site's robots.txt closes).
    sb.setDay(6);
    const vanishing = sb.truth().vanished.filter((v) => v.url.startsWith(`${sb.origins.classifieds}/`) && !v.url.includes('/vip/') && v.day >= 1);
    let url = '';
    for (const v of vanishing) {
      sb.setDay(v.day - 1);
      if (sb.truth().sellers.some((s) => s.posts.includes(v.url))) {
        url = v.url;
        vanishDay = v.day;
        break;
      }
    }
    expect(url, 'a classifieds ad that vanishes').not.toBe('');
    reg = sandboxRegistry(port, ['classifieds'], 1);
    const source = reg.list[0]!;
    // Every run walks in full: posts are judged on full walks only (an incremental run parses what changed).
    Object.assign(source, { seeds: [url], maxDepth: 0, maxPages: 1, fullWalkEvery: 1 });
    const alerts = configSchema.parse({
      alerts: { everyMs: EVERY_MS, webhookUrl: hook.url, smtpUrl: smtp.url, emailTo: ['duty@bureau.example'], emailFrom: 'certwatch@bureau.example', rules: { sellerScore: 0.3 } },
    }).alerts;
    h = await openHarness('postgres', { capture: { enabled: false }, alerts, dashboard: { host: '127.0.0.1', port: 8080, secureCookies: false, publicUrl: 'https://certwatch.example.test/' } });
    pool = await startWorkers(h.ctx, ['crawl', 'analyze', 'picture', 'link', 'alert'], { registry: () => reg });
    expect(await syncAlertSchedule(h.ctx.queue('alert'), h.ctx.config)).toBe(true);
  });
  afterAll(async () => {
    await pool?.close();
    await h?.close();
    await sb?.close();
    hook?.server.close();
    await new Promise((r) => (smtp ? smtp.server.close(() => r(undefined)) : r(undefined)));
  });

  it('sends one alert, by webhook and by e-mail, for a new high-score seller', { timeout: 240_000 }, async () => {
    await runCycle(h.ctx, { sources: reg.list, reason: 'manual', queues: ['crawl', 'analyze', 'picture', 'link'], stamp: 'day-before', timeoutMs: 180_000 });
    const seller = (await h.ctx.db.query<{ id: number; score: number; created_at: Date }>(`SELECT id, score, created_at FROM sellers WHERE merged_into IS NULL ORDER BY score DESC LIMIT 1`)).rows[0];
    expect(seller, 'the planted seller was linked').toBeDefined();
    expect(seller!.score).toBeGreaterThanOrEqual(0.3);
    const key = `new-seller:${seller!.id}`;
    await until(() => hook.got.some((g) => g.body.key === key) && smtp.mails.some((m) => m.body.includes(key)), 60_000, 'the new-seller alert');
    const got = hook.got.find((g) => g.body.key === key)!;
    expect(got.body).toMatchObject({ kind: 'new-seller', source: 'classifieds', url: `https://certwatch.example.test/sellers/${seller!.id}` });
    figures.newSellerWebhookMs = got.at - new Date(got.body.eventAt).getTime();
    figures.newSellerEmailMs = smtp.mails.find((m) => m.body.includes(key))!.at - new Date(got.body.eventAt).getTime();
  });

  it('sends one alert for a source whose page stops yielding posts after the day changes', { timeout: 240_000 }, async () => {
    sb.setDay(vanishDay);
    await runCycle(h.ctx, { sources: reg.list, reason: 'manual', queues: ['crawl', 'analyze', 'picture', 'link'], stamp: 'day-after', timeoutMs: 180_000 });
    const key = 'zero-posts:classifieds';
    await until(() => hook.got.some((g) => g.body.key === key) && smtp.mails.some((m) => m.body.includes(key)), 60_000, 'the zero-posts alert');
    const got = hook.got.find((g) => g.body.key === key)!;
    expect(got.body).toMatchObject({ kind: 'zero-posts', source: 'classifieds', url: 'https://certwatch.example.test/sources#source-classifieds', facts: { posts: 0 } });
    expect(got.body.facts.previousPosts).toBeGreaterThan(0);
    const mail = smtp.mails.find((m) => m.body.includes(key))!.body;
    expect(mail).toContain('duty@bureau.example');
    expect(mail).toContain('https://certwatch.example.test/sources#source-classifieds');
    expect(mail).toMatch(/Subject: \[certwatch\] 数据源 classifieds 本次抓取没有帖子/);
    figures.zeroPostsWebhookMs = got.at - new Date(got.body.eventAt).getTime();
    figures.zeroPostsEmailMs = smtp.mails.find((m) => m.body.includes(key))!.at - new Date(got.body.eventAt).getTime();
  });

  it('does not send either alert again on later passes', { timeout: 60_000 }, async () => {
    const passes = async () => (await h.ctx.queue('alert').getJobCounts('completed')).completed ?? 0;
    const before = await passes();
    await until(async () => (await passes()) >= before + 4, 30_000, 'four more alert passes');
    const keys = hook.got.map((g) => g.body.key);
    expect(keys.filter((k) => k === 'zero-posts:classifieds')).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith('new-seller:'))).toHaveLength(1);
    expect(smtp.mails.filter((m) => m.body.includes('zero-posts:classifieds'))).toHaveLength(1);
    expect(smtp.mails.filter((m) => /new-seller:\d+/.test(m.body))).toHaveLength(1);
    const rows = (await h.ctx.db.query<{ alert_key: string; times_sent: number; channels: string[] }>(`SELECT alert_key, times_sent, channels FROM alert_state ORDER BY alert_key`)).rows;
    for (const r of rows) expect(r, r.alert_key).toMatchObject({ times_sent: 1, channels: ['webhook', 'email'] });
    // The part of the latency that is the pass itself (read facts, claim, deliver), beside the wait for the next pass.
    const passMs = (await h.ctx.queue('alert').getJobs(['completed'], 0, 99)).map((j) => j.finishedOn! - j.processedOn!).sort((a, b) => a - b);
    figures.alertPassMedianMs = passMs[Math.floor(passMs.length / 2)]!;
    figures.alertPasses = passMs.length;
    console.log(`alert latency, event to delivery (pass every ${EVERY_MS} ms): ${JSON.stringify(figures)}`);
  });

  it('exports the cycle in /metrics: per-stage durations, BullMQ completed counts, the source\'s last run', async () => {
    const { samples } = parsePrometheus(await createOpsMetrics(h.ctx).render());
    expect(sampleValue(samples, 'certwatch_stage_job_duration_seconds', { queue: 'crawl', quantile: '0.5' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'certwatch_stage_job_duration_samples', { queue: 'crawl' })).toBe(2);
    expect(sampleValue(samples, 'bullmq_job_completed_total', { queue: 'crawl' })).toBe(2);
    expect(sampleValue(samples, 'certwatch_source_last_run_posts', { source: 'classifieds' })).toBe(0);
    expect(sampleValue(samples, 'certwatch_source_last_run_pages', { source: 'classifieds' })).toBe(1);
  });

  it('sends a test alert to both channels from the CLI (certwatch alerts --test)', { timeout: 120_000 }, async () => {
    const before = { hook: hook.got.length, mail: smtp.mails.length };
    // Not spawnSync: the receiver and the SMTP server answer from this process's event loop.
    const child = spawn(process.execPath, ['bin/certwatch.mjs', 'alerts', '--test'], {
      env: {
        ...process.env, CERTWATCH_LOG_LEVEL: 'error', DATABASE_URL: schemaUrl(h.t.url!, h.t.schema!), REDIS_URL: TEST_REDIS_URL, CERTWATCH_QUEUE_PREFIX: h.prefix,
        CERTWATCH_DATA_DIR: h.dataDir, CERTWATCH_ALERT_WEBHOOK: hook.url, CERTWATCH_SMTP_URL: smtp.url, CERTWATCH_ALERT_EMAIL_TO: 'duty@bureau.example',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(stderr, stderr.slice(0, 2000)).toContain('test alert sent by webhook');
    expect(stderr).toContain('test alert sent by email');
    expect(code).toBe(0);
    expect(hook.got.length).toBe(before.hook + 1);
    expect(smtp.mails.length).toBe(before.mail + 1);
    expect(hook.got.at(-1)!.body).toMatchObject({ kind: 'test', title: '测试告警 (test alert)' });
    expect(smtp.mails.at(-1)!.body).toContain('Subject: [certwatch] 测试告警 (test alert)');
  });
});

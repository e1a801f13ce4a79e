// Pipeline figures for the report: the demo against its truth (found, precision, forbidden
// requests, time), whole-pipeline throughput vs a bare CheerioCrawler in the same run, RSS growth.
// Run: node bin/run-ts.mjs test/bench/pipeline-bench.ts [demo] [throughput] [memory]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findFreePort, startSandbox } from '../sandbox/index.js';
import { runBaselineCrawl } from './crawl-baseline.js';
import { startWorkers } from '../../pipeline/workers/worker-pool.js';
import { runCycle } from '../../pipeline/workers/run-cycle.js';
import { pipelineTotals } from '../../pipeline/workers/pipeline-totals.js';
import { openHarness } from '../integration/harness.js';
import { sandboxRegistry } from '../integration/sandbox-sources.js';

const HTTP_SOURCES = ['bbs', 'classifieds', 'qa', 'news', 'school', 'jobs', 'sellers'];

/** `certwatch demo --once --json` in a child process on a fresh data dir. */
export async function demoFigures(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'certwatch-demo-bench-'));
  try {
    const started = performance.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, ['bin/certwatch.mjs', 'demo', '--once', '--json'], {
        env: { ...process.env, CERTWATCH_DATA_DIR: dir, CERTWATCH_QUEUE_PREFIX: `bench-demo-${process.pid}`, CERTWATCH_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.once('exit', (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    const wall = (performance.now() - started) / 1000;
    if (code !== 0) return { error: `demo exited ${code}`, tail: stderr.slice(-2000) };
    const s = JSON.parse(stdout) as { seconds: number; leadsReadySeconds: number; pages: number; posts: number; flagged: number; sellers: number; captures: number; truth: { found: number; plantedReachable: number; precision: number; leads: number; forbiddenRequests: number; requests: number; missed: unknown[] } };
    return {
      seconds: s.seconds,
      leadsReadySeconds: s.leadsReadySeconds,
      wallSeconds: wall,
      under3Minutes: wall < 180,
      pages: s.pages,
      posts: s.posts,
      flagged: s.flagged,
      sellers: s.sellers,
      captures: s.captures,
      found: s.truth.found,
      plantedReachable: s.truth.plantedReachable,
      missed: s.truth.missed,
      leads: s.truth.leads,
      precision: s.truth.precision,
      forbiddenRequests: s.truth.forbiddenRequests,
      requests: s.truth.requests,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pages/s through crawl → analyze → link at scale 100, then the bare crawler over the same URLs. */
export async function throughputFigures(pages = Number(process.env.PIPELINE_BENCH_PAGES ?? 2000)): Promise<Record<string, unknown>> {
  const port = await findFreePort();
  const sb = await startSandbox({ port, scale: 100, quiet: true, rateLimit: 0 });
  const h = await openHarness('postgres', { capture: { enabled: false } });
  try {
    const per = Math.ceil(pages / HTTP_SOURCES.length);
    const reg = sandboxRegistry(port, HTTP_SOURCES, per, 1000);
    h.ctx.config.workers.crawlConcurrency = HTTP_SOURCES.length;
    const pool = await startWorkers(h.ctx, ['crawl', 'analyze', 'link'], { registry: () => reg });
    const t0 = performance.now();
    await runCycle(h.ctx, { sources: reg.list, reason: 'manual', queues: ['crawl', 'analyze', 'link'], pollMs: 200, settleMs: 600 });
    const seconds = (performance.now() - t0) / 1000;
    await pool.close();
    const totals = await pipelineTotals(h.ctx.db);
    const urls = (await h.ctx.db.query<{ url: string }>(`SELECT url FROM pages WHERE status = 200`)).rows.map((r) => r.url);
    const pipeline = { pages: totals.pagesAnalyzed, seconds, pagesPerSecond: totals.pagesAnalyzed / seconds, listings: totals.listings, flagged: totals.flagged, sellers: totals.sellers };
    const baseline = await runBaselineCrawl({ startUrls: urls, maxPages: urls.length, followLinks: false });
    return { scale: 100, sources: HTTP_SOURCES, pipeline, baseline, ratio: pipeline.pagesPerSecond / baseline.pagesPerSecond };
  } finally {
    await h.close();
    await sb.close();
  }
}

/** RSS of this process (all pipeline workers) during a long crawl: growth after the first fifth. */
export async function memoryFigures(pages = Number(process.env.PIPELINE_BENCH_MEMORY_PAGES ?? 20_000)): Promise<Record<string, unknown>> {
  const port = await findFreePort();
  const sb = await startSandbox({ port, scale: 100, quiet: true, rateLimit: 0 });
  const h = await openHarness('postgres', { capture: { enabled: false } });
  const samples: { pages: number; rss: number }[] = [];
  try {
    const ids = ['bbs', 'classifieds', 'qa', 'jobs'];
    const reg = sandboxRegistry(port, ids, Math.ceil(pages / ids.length), 1000);
    h.ctx.config.workers.crawlConcurrency = ids.length;
    const pool = await startWorkers(h.ctx, ['crawl', 'analyze', 'link'], { registry: () => reg });
    const t0 = performance.now();
    await runCycle(h.ctx, {
      sources: reg.list,
      reason: 'manual',
      queues: ['crawl', 'analyze', 'link'],
      onTick: async () => {
        const n = (await h.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pages`)).rows[0]!.n;
        samples.push({ pages: n, rss: process.memoryUsage().rss });
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    await pool.close();
    const total = samples.at(-1)?.pages ?? 0;
    const warm = samples.find((s) => s.pages >= total / 5) ?? samples[0]!;
    const after = samples.filter((s) => s.pages >= warm.pages);
    const peak = Math.max(...after.map((s) => s.rss));
    const mb = (b: number) => Math.round(b / 1048576);
    return { pages: total, seconds, warmUpAtPages: warm.pages, rssAtWarmUpMB: mb(warm.rss), peakRssAfterWarmUpMB: mb(peak), growthMB: mb(peak - warm.rss), finalRssMB: mb(samples.at(-1)!.rss) };
  } finally {
    await h.close();
    await sb.close();
  }
}

export async function bench(parts: string[] = ['demo', 'throughput', 'memory']): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (parts.includes('demo')) out.demo = await demoFigures().catch((e: Error) => ({ error: e.message }));
  if (parts.includes('throughput')) out.throughput = await throughputFigures().catch((e: Error) => ({ error: e.message }));
  if (parts.includes('memory')) out.memory = await memoryFigures().catch((e: Error) => ({ error: e.message }));
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const parts = process.argv.slice(2);
  bench(parts.length ? parts : undefined)
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

// A month on the sandbox: one crawl → analyze → link cycle per simulated day against a running
// sandbox whose posts are edited, deleted and added daily, with what each day cost and what it left behind.
// Run: node bin/run-ts.mjs test/bench/month-bench.ts [--scale N] [--days D] [--out DIR]  (or --summarise FILE.json)
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { findFreePort } from '../../sandbox/index.js';
import { startWorkers } from '../../cli/worker-pool.js';
import { runCycle } from '../../pipeline/workers/run-cycle.js';
import { collectBlobGarbage } from '../../pipeline/storage/blob-gc.js';
import type { QueueName } from '../../pipeline/queues/names.js';
import type { Queryable } from '../../pipeline/storage/database.js';
import { openHarness } from '../integration/harness.js';
import { sandboxRegistry } from '../integration/sandbox-sources.js';
import { TEST_REDIS_URL } from '../support/services.js';
import { sandboxProcess } from './sandbox-process.js';

/**
 * Scale 20 by default (≈ 6,600 pages on day 0, ≈ 12,500 by day 30: the filler grows by a twenty-fifth
 * of day 0 a day), the scale of the runs before incremental crawling, so the saved runs compare. With
 * it an incremental day takes 4–13 s and a full walk (every 7th run) 73–145 s at load ~4 (15 min in all).
 * ≥ 50,000 pages a day (scale ~150) would take most of an hour for its first day (every page new, analysed).
 */
const DEFAULT_SCALE = 20;
/** HTTP sources (Tieba needs Chromium; the search source only re-reaches the others). */
const SOURCES = ['bbs', 'classifieds', 'qa', 'news', 'school', 'jobs', 'sellers'];
const QUEUES: QueueName[] = ['crawl', 'analyze', 'picture', 'link'];

const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);
const mb = (b: number) => round(b / 1048576, 1);
const load = () => loadavg().map((x) => round(x, 2));

/** The sandbox web in its own process, so this process's RSS is the workers' alone. */
/** Bytes and files under a directory (the blob store). */
function dirSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        bytes += statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

/** Redis memory: the instance's used_memory (shared with whatever else uses it) and what our prefix's keys hold. */
async function redisMemory(redis: Redis, prefix: string): Promise<{ usedMemory: number; prefixBytes: number; prefixKeys: number }> {
  const info = await redis.info('memory');
  const usedMemory = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
  let cursor = '0';
  let prefixBytes = 0;
  let prefixKeys = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) {
      const pipe = redis.pipeline();
      for (const k of keys) pipe.memory('USAGE', k);
      for (const [, v] of (await pipe.exec()) ?? []) prefixBytes += Number(v ?? 0);
      prefixKeys += keys.length;
    }
  } while (cursor !== '0');
  return { usedMemory, prefixBytes, prefixKeys };
}

/** Rows updated so far in the schema's tables (statistics collector; lags by a moment). */
async function rowsUpdated(db: Queryable, schema: string): Promise<Record<string, number>> {
  const r = await db.query<{ relname: string; upd: string }>(`SELECT relname, n_tup_upd::text AS upd FROM pg_stat_user_tables WHERE schemaname = $1`, [schema]);
  return Object.fromEntries(r.rows.map((x) => [x.relname, Number(x.upd)]));
}

/**
 * What autovacuum does in production (the test server runs with autovacuum off): dead row versions
 * made reusable and statistics refreshed, after each day and outside its timing.
 */
async function vacuumSchema(db: Queryable, schema: string): Promise<number> {
  const t0 = performance.now();
  const tables = (await db.query<{ t: string }>(`SELECT format('%I.%I', schemaname, relname) AS t FROM pg_stat_user_tables WHERE schemaname = $1`, [schema])).rows;
  for (const { t } of tables) await db.query(`VACUUM (ANALYZE) ${t}`);
  return (performance.now() - t0) / 1000;
}

interface DayRow {
  day: number;
  wallSeconds: number;
  pagesFetched: number;
  newPages: number;
  changedPages: number;
  unchangedPages: number;
  /** Of the unchanged: 304 answers to conditional requests, and full answers with the stored body's hash (both cut short before parsing). */
  notModified: number;
  sameBody: number;
  /** Sources that walked in full that day (every `fullWalkEvery` runs), and listings whose walk stopped at known items. */
  fullWalkSources: number;
  listWalksStopped: number;
  gonePages: number;
  /** Pages whose content changed (new or changed): the analyze jobs the crawl queued. */
  analyzeJobs: number;
  /** Pages whose raw body changed while their snapshot (posts) did not: list pages, mostly. */
  bodyOnlyChanged: number;
  truthBorn: number;
  truthEdited: number;
  truthVanished: number;
  truthRotated: number;
  analyzeJobMs: number;
  linkJobs: number;
  linkJobMs: number;
  nodeCpuMs: number;
  /** Cost per changed page: node CPU, wall, analyze and link job time, each over analyzeJobs. */
  cpuMsPerChanged: number | null;
  wallMsPerChanged: number | null;
  analyzeMsPerChanged: number | null;
  linkMsPerChanged: number | null;
  /** Listing and page rows rewritten that day (last_seen, fetched_at …): write work that follows all pages, not the changed ones. */
  listingRowsUpdated: number;
  pageRowsUpdated: number;
  vacuumSeconds: number;
  /** This run's schema (tables, indexes, TOAST). */
  dbBytes: number;
  /** pg_database_size of the whole test database (other schemas included). */
  databaseBytes: number;
  blobBytes: number;
  blobFiles: number;
  newBlobFiles: number;
  newBlobBytes: number;
  /** Blob GC after the day (outside its timing, no grace: the cycle is idle): files no row names any more. */
  gcRemovedFiles: number;
  gcRemovedBytes: number;
  gcMs: number;
  blobFilesAfterGc: number;
  redisUsedMemory: number;
  redisPrefixBytes: number;
  redisPrefixKeys: number;
  completedJobs: Record<string, number>;
  rssMB: number | null;
  peakRssMB: number | null;
  listings: number;
  sellers: number;
  loadavg: (number | null)[];
}

/** `--summarise FILE`: the summary and table again from a run's saved rows (after the summary gained a figure). */
function resummarise(file: string, outDir: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Result;
  const result = summarise(saved.rows, { scale: saved.scale, days: saved.days, startedAt: saved.startedAt, loadAtStart: saved.loadAtStart, loadAtEnd: saved.loadAtEnd });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'month-bench.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(outDir, 'month-bench.md'), markdown(result));
  console.log(JSON.stringify(result.summary, null, 2));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string' }, days: { type: 'string' }, out: { type: 'string' }, summarise: { type: 'string' } } });
  if (values.summarise) return resummarise(values.summarise, resolve(values.out ?? 'test/bench/output'));
  const scale = Number(values.scale ?? process.env.MONTH_BENCH_SCALE ?? DEFAULT_SCALE);
  const days = Number(values.days ?? process.env.MONTH_BENCH_DAYS ?? 30);
  if (!Number.isInteger(scale) || scale < 1 || !Number.isInteger(days) || days < 2) throw new Error('--scale must be an integer >= 1 and --days >= 2');
  const outDir = resolve(values.out ?? 'test/bench/output');
  const port = await findFreePort();
  const sb = await sandboxProcess(port, scale);
  const portal = `http://127.0.0.1:${port}`;
  const h = await openHarness('postgres', { capture: { enabled: false } });
  const schema = h.t.schema!;
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const rows: DayRow[] = [];
  const startedAt = new Date();
  const loadAtStart = load();
  try {
    // Every page each crawl reaches: deep pagers and budgets no day of the month fills.
    const base = sandboxRegistry(port, SOURCES, 200_000, 1000);
    const list = base.list.map((s) => ({ ...s, maxDepth: 400 }));
    const reg = { ...base, list, byId: new Map(list.map((s) => [s.id, s])) };
    h.ctx.config.workers.crawlConcurrency = SOURCES.length;
    const jobTime = { analyze: 0, analyzeN: 0, link: 0, linkN: 0 };
    const pool = await startWorkers(h.ctx, QUEUES, {
      registry: () => reg,
      onCompleted: (queue, job) => {
        const ms = job.processedOn ? Date.now() - job.processedOn : 0;
        if (queue === 'analyze') (jobTime.analyze += ms), jobTime.analyzeN++;
        if (queue === 'link') (jobTime.link += ms), jobTime.linkN++;
      },
    });
    for (let day = 0; day <= days; day++) {
      const set = await fetch(`${portal}/__admin/day`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ day }) });
      if (((await set.json()) as { day: number }).day !== day) throw new Error(`sandbox did not move to day ${day}`);
      const truth = (await (await fetch(`${portal}/__admin/truth`)).json()) as { today: { born: string[]; edited: string[]; vanished: string[]; rotated: unknown[] } };
      const before = new Map((await h.ctx.db.query<{ url: string; sha256: string; content_sha256: string }>(`SELECT url, sha256, content_sha256 FROM pages`)).rows.map((r) => [r.url, r]));
      const blobsBefore = dirSize(h.ctx.blobs.root);
      const updBefore = await rowsUpdated(h.ctx.db, schema);
      Object.assign(jobTime, { analyze: 0, analyzeN: 0, link: 0, linkN: 0 });
      const loadBefore = load();
      const cpu0 = process.cpuUsage();
      let peakRss = 0;
      const t0 = performance.now();
      const dayStart = new Date();
      let idleSince: number | undefined;
      const stamp = `month-day${day}`;
      await runCycle(h.ctx, {
        sources: reg.list,
        reason: 'manual',
        queues: QUEUES,
        stamp,
        pollMs: 200,
        settleMs: 600,
        timeoutMs: 30 * 60_000,
        onTick: (c) => {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          const busy = Object.values(c).some((q) => q && q.waiting + q.active + q.delayed + q.prioritized > 0);
          idleSince = busy ? undefined : (idleSince ?? performance.now());
        },
      });
      const wall = ((idleSince ?? performance.now()) - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const runs = (await h.ctx.db.query<{ status: string; stats: Record<string, number> }>(`SELECT status, stats FROM crawl_runs WHERE job_id LIKE $1`, [`%:${stamp}`])).rows;
      const failed = runs.filter((r) => r.status !== 'done');
      if (failed.length) console.error(`day ${day}: ${failed.length} crawl runs not done`);
      const sum = (k: string) => runs.reduce((a, r) => a + (Number(r.stats[k]) || 0), 0);
      const after = (await h.ctx.db.query<{ url: string; sha256: string; content_sha256: string }>(`SELECT url, sha256, content_sha256 FROM pages`)).rows;
      const bodyOnlyChanged = after.filter((r) => {
        const b = before.get(r.url);
        return b && b.sha256 !== r.sha256 && b.content_sha256 === r.content_sha256;
      }).length;
      if (process.env.MONTH_BENCH_DUMP) {
        // Which URLs a day fetched (a development aid: where an incremental day's requests go).
        const got = await h.ctx.db.query<{ url: string; source_id: string }>(`SELECT url, source_id FROM pages WHERE fetched_at >= $1 ORDER BY url`, [dayStart]);
        mkdirSync(process.env.MONTH_BENCH_DUMP, { recursive: true });
        writeFileSync(join(process.env.MONTH_BENCH_DUMP, `day${day}.txt`), got.rows.map((r) => `${r.source_id} ${r.url}`).join('\n'));
      }
      const blobs = dirSize(h.ctx.blobs.root);
      const gc = await collectBlobGarbage(h.ctx.db, h.ctx.blobs, { graceMs: 0 });
      await new Promise((r) => setTimeout(r, 700));
      const updAfter = await rowsUpdated(h.ctx.db, schema);
      const vacuumSeconds = await vacuumSchema(h.ctx.db, schema);
      // Our schema's tables with their indexes and TOAST; pg_database_size counts every test schema beside it.
      const db = (await h.ctx.db.query<{ size: string; database: string; listings: number; sellers: number }>(
        `SELECT (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = $1 AND c.relkind IN ('r', 'm'))::text AS size,
                pg_database_size(current_database())::text AS database,
                (SELECT count(*)::int FROM listings) AS listings, (SELECT count(*)::int FROM sellers WHERE merged_into IS NULL) AS sellers`,
        [schema],
      )).rows[0]!;
      const mem = await redisMemory(redis, h.ctx.config.queuePrefix);
      const completedJobs: Record<string, number> = {};
      for (const q of QUEUES) completedJobs[q] = await h.ctx.queue(q).getCompletedCount();
      const changed = sum('analyzeJobs');
      const nodeCpuMs = (cpu.user + cpu.system) / 1000;
      const row: DayRow = {
        day,
        wallSeconds: round(wall, 1)!,
        pagesFetched: sum('pages'),
        newPages: sum('newPages'),
        changedPages: sum('changed'),
        unchangedPages: sum('unchanged'),
        notModified: sum('notModified'),
        sameBody: sum('sameBody'),
        fullWalkSources: runs.filter((r) => (r.stats as { fullWalk?: boolean }).fullWalk).length,
        listWalksStopped: runs.reduce((a, r) => a + (Number((r.stats as { crawler?: { listWalksStopped?: number } }).crawler?.listWalksStopped) || 0), 0),
        gonePages: sum('gone'),
        analyzeJobs: changed,
        bodyOnlyChanged,
        truthBorn: truth.today.born.length,
        truthEdited: truth.today.edited.length,
        truthVanished: truth.today.vanished.length,
        truthRotated: truth.today.rotated.length,
        analyzeJobMs: Math.round(jobTime.analyze),
        linkJobs: jobTime.linkN,
        linkJobMs: Math.round(jobTime.link),
        nodeCpuMs: Math.round(nodeCpuMs),
        cpuMsPerChanged: round(nodeCpuMs / changed, 1),
        wallMsPerChanged: round((wall * 1000) / changed, 1),
        analyzeMsPerChanged: round(jobTime.analyze / changed, 1),
        linkMsPerChanged: round(jobTime.link / changed, 1),
        listingRowsUpdated: (updAfter.listings ?? 0) - (updBefore.listings ?? 0),
        pageRowsUpdated: (updAfter.pages ?? 0) - (updBefore.pages ?? 0),
        vacuumSeconds: round(vacuumSeconds, 1)!,
        dbBytes: Number(db.size),
        databaseBytes: Number(db.database),
        blobBytes: blobs.bytes,
        blobFiles: blobs.files,
        newBlobFiles: blobs.files - blobsBefore.files,
        newBlobBytes: blobs.bytes - blobsBefore.bytes,
        gcRemovedFiles: gc.removed,
        gcRemovedBytes: gc.removedBytes,
        gcMs: gc.ms,
        blobFilesAfterGc: blobs.files - gc.removed,
        redisUsedMemory: mem.usedMemory,
        redisPrefixBytes: mem.prefixBytes,
        redisPrefixKeys: mem.prefixKeys,
        completedJobs,
        rssMB: mb(process.memoryUsage().rss),
        peakRssMB: mb(peakRss),
        listings: db.listings,
        sellers: db.sellers,
        loadavg: [...loadBefore, ...load()],
      };
      rows.push(row);
      console.error(
        `day ${day}: ${row.wallSeconds} s, fetched ${row.pagesFetched} (new ${row.newPages}, changed ${row.changedPages}, unchanged ${row.unchangedPages}: 304 ${row.notModified}, same hash ${row.sameBody}; full walks ${row.fullWalkSources}, list walks stopped ${row.listWalksStopped}), ` +
          `cpu/changed ${row.cpuMsPerChanged} ms, analyze/changed ${row.analyzeMsPerChanged} ms, link/changed ${row.linkMsPerChanged} ms, ` +
          `rows updated ${row.listingRowsUpdated} listings / ${row.pageRowsUpdated} pages, db ${mb(row.dbBytes)} MB (vacuum ${row.vacuumSeconds} s), blobs ${mb(row.blobBytes)} MB (+${row.newBlobFiles} files), redis prefix ${mb(row.redisPrefixBytes)} MB, gc -${row.gcRemovedFiles} files (${row.gcMs} ms), rss ${row.rssMB} MB, load ${load()[0]}`,
      );
    }
    await pool.close();
    // Saved before the clean-up: removing a month of blobs takes minutes on a busy disk.
    const result = summarise(rows, { scale, days, startedAt: startedAt.toISOString(), loadAtStart, loadAtEnd: load() });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'month-bench.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(outDir, 'month-bench.md'), markdown(result));
    console.log(JSON.stringify(result.summary, null, 2));
  } finally {
    redis.disconnect();
    await sb.close();
    await h.close();
  }
}

interface Result {
  scale: number;
  days: number;
  startedAt: string;
  loadAtStart: (number | null)[];
  loadAtEnd: (number | null)[];
  why: string;
  summary: Record<string, unknown>;
  rows: DayRow[];
}

function summarise(rows: DayRow[], meta: { scale: number; days: number; startedAt: string; loadAtStart: (number | null)[]; loadAtEnd: (number | null)[] }): Result {
  const d2 = rows.find((r) => r.day === 2)!;
  // The first day of the daily churn alone: days 1–6 also bring the planted week's posts, some with pictures to read.
  const d7 = rows.find((r) => r.day === 7);
  const last = rows.at(-1)!;
  const d1 = rows.find((r) => r.day === 1)!;
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b !== 0 ? round(a / b, 2) : null);
  const later = rows.filter((r) => r.day >= 1);
  const newFiles = later.reduce((a, r) => a + r.newBlobFiles, 0);
  const changed = later.reduce((a, r) => a + r.analyzeJobs, 0);
  const bodyOnly = later.reduce((a, r) => a + r.bodyOnlyChanged, 0);
  // A week's cost per changed page, full-walk days included: what a day costs on average once every source walks in full every 7th run.
  const week = (from: number, to: number) => {
    const w = rows.filter((r) => r.day >= from && r.day <= to);
    const cpu = w.reduce((a, r) => a + r.nodeCpuMs, 0);
    const ch = w.reduce((a, r) => a + r.analyzeJobs, 0);
    return { days: `${from}-${to}`, cpuMsPerChanged: round(cpu / ch, 1), fetched: w.reduce((a, r) => a + r.pagesFetched, 0), changed: ch };
  };
  const firstWeek = week(1, 7);
  const lastWeek = week(Math.max(1, last.day - 6), last.day);
  return {
    ...meta,
    why: `scale ${meta.scale}: the scale of the saved runs before incremental crawling (a full walk of every page then took ~30 s a day at load ~7 on this shared 2-core machine), kept so the runs compare; ≥ 50,000 pages a day (scale ~150) would take most of an hour for its first day, when every page is new and analysed.`,
    summary: {
      scale: meta.scale,
      days: meta.days,
      pagesDay0: rows[0]!.pagesFetched,
      pagesLastDay: last.pagesFetched,
      // What a day's work follows: every page is fetched again, the changed ones analysed.
      workPerDay: {
        baseline: 'day 2 (same run)',
        fetched: { day2: d2.pagesFetched, last: last.pagesFetched, ratio: ratio(last.pagesFetched, d2.pagesFetched) },
        changed: { day2: d2.analyzeJobs, last: last.analyzeJobs, ratio: ratio(last.analyzeJobs, d2.analyzeJobs) },
        cpuMsPerFetchedPage: { day2: round(d2.nodeCpuMs / d2.pagesFetched, 2), last: round(last.nodeCpuMs / last.pagesFetched, 2), ratio: ratio(last.nodeCpuMs / last.pagesFetched, d2.nodeCpuMs / d2.pagesFetched) },
        listingRowsUpdated: { day2: d2.listingRowsUpdated, last: last.listingRowsUpdated },
        pageRowsUpdated: { day2: d2.pageRowsUpdated, last: last.pageRowsUpdated },
      },
      costPerChangedPage: {
        baseline: `day 2 (same run)`,
        cpuMs: { day2: d2.cpuMsPerChanged, last: last.cpuMsPerChanged, ratio: ratio(last.cpuMsPerChanged, d2.cpuMsPerChanged) },
        wallMs: { day2: d2.wallMsPerChanged, last: last.wallMsPerChanged, ratio: ratio(last.wallMsPerChanged, d2.wallMsPerChanged) },
        analyzeMs: { day2: d2.analyzeMsPerChanged, last: last.analyzeMsPerChanged, ratio: ratio(last.analyzeMsPerChanged, d2.analyzeMsPerChanged) },
        linkMs: { day2: d2.linkMsPerChanged, last: last.linkMsPerChanged, ratio: ratio(last.linkMsPerChanged, d2.linkMsPerChanged) },
        loadavg: { day2: d2.loadavg, last: last.loadavg },
        weekly: { first: firstWeek, last: lastWeek, ratio: ratio(lastWeek.cpuMsPerChanged, firstWeek.cpuMsPerChanged) },
        fullWalkDays: rows.filter((r) => r.fullWalkSources > 0).map((r) => r.day),
        ...(d7 && d7 !== last
          ? {
              againstDay7: {
                cpuMs: { day7: d7.cpuMsPerChanged, last: last.cpuMsPerChanged, ratio: ratio(last.cpuMsPerChanged, d7.cpuMsPerChanged) },
                wallMs: { day7: d7.wallMsPerChanged, last: last.wallMsPerChanged, ratio: ratio(last.wallMsPerChanged, d7.wallMsPerChanged) },
                analyzeMs: { day7: d7.analyzeMsPerChanged, last: last.analyzeMsPerChanged, ratio: ratio(last.analyzeMsPerChanged, d7.analyzeMsPerChanged) },
                linkMs: { day7: d7.linkMsPerChanged, last: last.linkMsPerChanged, ratio: ratio(last.linkMsPerChanged, d7.linkMsPerChanged) },
              },
            }
          : {}),
      },
      redis: {
        baseline: 'day 1 (same run)',
        prefixMB: { day1: mb(d1.redisPrefixBytes), last: mb(last.redisPrefixBytes), ratio: ratio(last.redisPrefixBytes, d1.redisPrefixBytes) },
        usedMemoryMB: { day1: mb(d1.redisUsedMemory), last: mb(last.redisUsedMemory) },
        completedJobsLast: last.completedJobs,
        // Completed jobs are kept 24 h or 20,000 per queue (job-options.ts): a month compressed into half an hour never ages one out.
        bytesPerKeptJob: {
          day1: round(d1.redisPrefixBytes / Object.values(d1.completedJobs).reduce((a, n) => a + n, 0), 0),
          last: round(last.redisPrefixBytes / Object.values(last.completedJobs).reduce((a, n) => a + n, 0), 0),
        },
      },
      blobs: {
        newFilesDays1toN: newFiles,
        changedPagesDays1toN: changed,
        filesPerChangedPage: round(newFiles / changed, 2),
        bodyOnlyChangedDays1toN: bodyOnly,
        growthMB: round((last.blobBytes - rows[0]!.blobBytes) / 1048576, 1),
        // After each day's GC: what the store keeps for the changed pages (bodies, snapshots, images).
        gcRemovedFilesDays1toN: later.reduce((a, r) => a + (r.gcRemovedFiles ?? 0), 0),
        keptFilesDays1toN: later.reduce((a, r) => a + r.newBlobFiles - (r.gcRemovedFiles ?? 0), 0),
        keptFilesPerChangedPage: round(later.reduce((a, r) => a + r.newBlobFiles - (r.gcRemovedFiles ?? 0), 0) / changed, 2),
        filesAfterGc: { day0: rows[0]!.blobFilesAfterGc, last: last.blobFilesAfterGc },
        perDay: {
          day2: { newFiles: d2.newBlobFiles, changed: d2.analyzeJobs, bodyOnly: d2.bodyOnlyChanged, newMB: mb(d2.newBlobBytes) },
          last: { newFiles: last.newBlobFiles, changed: last.analyzeJobs, bodyOnly: last.bodyOnlyChanged, newMB: mb(last.newBlobBytes) },
        },
      },
      dbMB: { day0: mb(rows[0]!.dbBytes), day1: mb(d1.dbBytes), last: mb(last.dbBytes) },
      rssMB: { day1: d1.rssMB, last: last.rssMB, peak: Math.max(...rows.map((r) => r.peakRssMB ?? 0)) },
      totalSeconds: round(rows.reduce((a, r) => a + r.wallSeconds, 0), 0),
    },
    rows,
  };
}

function markdown(r: Result): string {
  const head = `# A month on the sandbox (\`test/bench/month-bench.ts\`)

Scale ${r.scale}, ${r.days} days after day 0, HTTP sources (${SOURCES.join(', ')}), politeness lifted (1000 req/s per host,
sandbox rate limit off), crawl → analyze → link workers in one process (captures off), real Redis and PostgreSQL.
Started ${r.startedAt}; load average ${r.loadAtStart.join(' / ')} at the start, ${r.loadAtEnd.join(' / ')} at the end.

Why this scale: ${r.why}

"changed" = pages whose snapshot changed (new or changed: the analyze jobs the crawl queued); per-changed-page costs divide the
day's figure by that. "body only" = pages whose raw body changed while their posts did not (list pages): a new blob, no analysis.
"fetched" = pages requested and recorded, the unchanged included; "304" = answered Not Modified to a conditional request,
"same hash" = a full answer with the stored body's hash (both cut short before any parse); "full walks" = sources that
walked in full that day (every 7th run: no conditional request, every listing paged to its end); "list walks stopped" =
list pages whose items were all known, where a listing's walk ended. "GC removed" = blob files no row names any more,
deleted after the day (outside its timing) by the blob collector (\`certwatch gc-blobs\`) with no grace period.
Redis "ours" = MEMORY USAGE of every key under this run's prefix; "used" = the whole instance (shared with other work).
The test PostgreSQL runs with autovacuum off, so after each day (outside its timing) the bench runs VACUUM (ANALYZE) on
this run's tables, as autovacuum would; "DB MB" is this run's schema (tables, indexes, TOAST) after it.

\`\`\`json
${JSON.stringify(r.summary, null, 2)}
\`\`\`

| day | wall s | fetched | new | changed | unchanged | 304 | same hash | full walks | list walks stopped | gone | body only | truth born/edited/vanished/rotated | CPU ms/changed | wall ms/changed | analyze ms/changed | link ms/changed | listing / page rows updated | DB MB (ours, after VACUUM) | blobs MB | new blob files | GC removed | Redis ours MB | Redis used MB | completed jobs a/l | RSS MB | load 1m |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
`;
  const lines = r.rows.map(
    (x) =>
      `| ${x.day} | ${x.wallSeconds} | ${x.pagesFetched} | ${x.newPages} | ${x.changedPages} | ${x.unchangedPages} | ${x.notModified ?? '—'} | ${x.sameBody ?? '—'} | ${x.fullWalkSources ?? '—'} | ${x.listWalksStopped ?? '—'} | ${x.gonePages} | ${x.bodyOnlyChanged} | ${x.truthBorn}/${x.truthEdited}/${x.truthVanished}/${x.truthRotated} | ${x.cpuMsPerChanged} | ${x.wallMsPerChanged} | ${x.analyzeMsPerChanged} | ${x.linkMsPerChanged} | ${x.listingRowsUpdated} / ${x.pageRowsUpdated} | ${mb(x.dbBytes)} | ${mb(x.blobBytes)} | ${x.newBlobFiles} | ${x.gcRemovedFiles ?? '—'} | ${mb(x.redisPrefixBytes)} | ${mb(x.redisUsedMemory)} | ${x.completedJobs.analyze}/${x.completedJobs.link} | ${x.rssMB} | ${x.loadavg[3]} |`,
  );
  return `${head}${lines.join('\n')}\n`;
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

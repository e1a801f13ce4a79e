// /metrics cost: one scrape's database part (pages, posts and flagged per source, each source's
// latest run, leads by status) over 20,000 pages in 9 sources, and the whole scrape with Redis,
// against a plain COUNT(*) of the same pages table in the same run.
// Run: node bin/run-ts.mjs test/bench/metrics-bench.ts [PAGES]
import { openHarness } from '../integration/harness.js';
import { createOpsMetrics } from '../../pipeline/metrics/ops-metrics.js';
import { leadsByStatus, sourceMetrics } from '../../pipeline/storage/ops-metrics.js';
import { leadRuleSql } from '../../pipeline/leads/lead-rule.js';

const PAGES = Number(process.argv[2] ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const h = await openHarness('postgres');
try {
  const db = h.ctx.db;
  await db.query(`INSERT INTO sources (id, name, platform, render) SELECT 's' || g, 'source ' || g, 'discuz', 'http' FROM generate_series(1, 9) g`);
  await db.query(
    `INSERT INTO pages (url, final_url, source_id, status, render, sha256, content_sha256, analyzed_sha256, fetched_at)
     SELECT 'http://127.0.0.2/t-' || g, 'http://127.0.0.2/t-' || g, 's' || (1 + g % 9), 200, 'http', md5('b' || g), md5('c' || g), md5('c' || g), now()
     FROM generate_series(1, $1::int) g`,
    [PAGES],
  );
  const listings = Math.floor(PAGES / 4);
  await db.query(`INSERT INTO sellers (id) SELECT g FROM generate_series(1, $1::int) g`, [Math.ceil(listings / 10)]);
  await db.query(
    `INSERT INTO listings (url, page_id, source_id, platform, body, normalized_body, body_sha256, score, flagged, review, model_version, seller_id, images)
     SELECT 'http://127.0.0.2/t-' || g || '#1', g, 's' || (1 + g % 9), 'discuz', 'b', 'b', md5('l' || g), 0.8, g % 3 = 0, g % 3 = 1, 'bench',
            CASE WHEN g % 3 < 2 THEN 1 + g % ($1::int / 10) END, CASE WHEN g % 7 = 0 THEN '["x.png"]'::jsonb ELSE '[]'::jsonb END
     FROM generate_series(1, $1::int) g`,
    [listings],
  );
  // A month of half-hourly runs per source.
  await db.query(
    `INSERT INTO crawl_runs (source_id, job_id, status, started_at, finished_at, stats)
     SELECT 's' || s, 'j' || s || '-' || r, 'done', now() - make_interval(mins => r * 30), now() - make_interval(mins => r * 30 - 5),
            jsonb_build_object('crawler', jsonb_build_object('pagesFetched', 300, 'posts', 200, 'requests', 310, 'errors', jsonb_build_object('http_404', 3)))
     FROM generate_series(1, 9) s, generate_series(1, 1440) r`,
  );
  await db.query('ANALYZE');
  const metrics = createOpsMetrics(h.ctx);
  await metrics.render();
  const dbPart: number[] = [];
  const whole: number[] = [];
  const count: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    count.push(await timed(() => db.query('SELECT count(*) FROM pages')));
    dbPart.push(await timed(() => Promise.all([sourceMetrics(db), leadsByStatus(db, leadRuleSql)])));
    whole.push(await timed(() => metrics.render()));
  }
  console.log(JSON.stringify({ pages: PAGES, listings, crawlRuns: 9 * 1440, runs: RUNS, dbPartMedianMs: median(dbPart), wholeScrapeMedianMs: median(whole), countPagesMedianMs: median(count), ratio: +(median(dbPart) / median(count)).toFixed(2) }));
} finally {
  await h.close();
}

// Reconciler benchmark: one pass over 20,000 pages seeded straight into Postgres (with 5,000
// listings, flagged ones linked and captured), on real Redis — steady state, 2,000 and 20,000 pages
// whose jobs Redis lost, 20,000 in flight — against a plain COUNT(*) of the same pages table, and
// for the lost case against adding the same 20,000 jobs with addBulk alone, in the same run.
// Run: node bin/run-ts.mjs test/bench/reconcile-bench.ts [PAGES]
import { openHarness, type Harness } from '../integration/harness.js';
import { reconcile, type ReconcileReport } from '../../pipeline/reconcile/reconcile.js';
import { clearRedisPrefix, testRedis } from '../support/services.js';
import { enqueueAnalyzeMany } from '../../pipeline/queues/enqueue.js';

const PAGES = Number(process.argv[2] ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function seed(h: Harness): Promise<void> {
  const db = h.ctx.db;
  await db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('bbs', '论坛', 'discuz', 'http')`);
  await db.query(
    `INSERT INTO pages (url, final_url, source_id, status, render, sha256, content_sha256, analyzed_sha256, fetched_at)
     SELECT 'http://127.0.0.2/thread-' || g || '.html', 'http://127.0.0.2/thread-' || g || '.html', 'bbs', 200, 'http',
            md5('b' || g) || md5('b' || g), md5('c' || g) || md5('c' || g), md5('c' || g) || md5('c' || g), now()
     FROM generate_series(1, $1::int) g`,
    [PAGES],
  );
  const listings = Math.floor(PAGES / 4);
  await db.query(`INSERT INTO sellers (id) SELECT g FROM generate_series(1, $1::int) g`, [Math.ceil(listings / 10)]);
  await db.query(
    `INSERT INTO listings (url, page_id, source_id, platform, body, normalized_body, body_sha256, score, flagged, review, model_version, seller_id)
     SELECT 'http://127.0.0.2/thread-' || g || '.html#1', g, 'bbs', 'discuz', 'b', 'b', md5('l' || g) || md5('l' || g), 0.8,
            g % 3 = 0, g % 3 = 1, 'bench', CASE WHEN g % 3 < 2 THEN 1 + g % ($1::int / 10) END
     FROM generate_series(1, $1::int) g`,
    [listings],
  );
  await db.query(
    `INSERT INTO captures (listing_id, url, reason, started_at, finished_at, capture_key, listing_body_sha256)
     SELECT id, url, 'flagged', now(), now(), body_sha256, body_sha256 FROM listings WHERE flagged`,
  );
  await db.query('ANALYZE');
}

async function owe(h: Harness, n: number): Promise<void> {
  await h.ctx.db.query(`UPDATE pages SET analyzed_sha256 = CASE WHEN id <= $1 THEN NULL ELSE content_sha256 END`, [n]);
}

async function clearQueues(h: Harness): Promise<void> {
  const r = testRedis();
  await clearRedisPrefix(r, h.ctx.config.queuePrefix);
  r.disconnect();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(runs: number, before: () => Promise<void>, fn: () => Promise<unknown>): Promise<{ ms: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before();
    const t = performance.now();
    await fn();
    all.push(Math.round((performance.now() - t) * 10) / 10);
  }
  return { ms: median(all), all };
}

export async function bench() {
  const h = await openHarness('postgres', { capture: { enabled: true } });
  try {
    await seed(h);
    const nothing = async () => undefined;
    let last: ReconcileReport | undefined;
    const pass = async () => (last = await reconcile(h.ctx));
    const count = await timed(RUNS, nothing, () => h.ctx.db.query('SELECT count(*) FROM pages'));

    await owe(h, 0);
    const steady = await timed(RUNS, nothing, pass);
    if (last!.repaired !== 0) throw new Error(`steady state repaired ${last!.repaired}`);

    await owe(h, PAGES / 10);
    const lostTenth = await timed(RUNS, () => clearQueues(h), pass);
    if (last!.analyze.requeued !== PAGES / 10) throw new Error(`requeued ${last!.analyze.requeued}`);

    await owe(h, PAGES);
    const lostAll = await timed(RUNS, () => clearQueues(h), pass);
    if (last!.analyze.requeued !== PAGES) throw new Error(`requeued ${last!.analyze.requeued}`);
    // The last timed pass left every page's job waiting: now each pass finds them all in flight.
    const inFlight = await timed(RUNS, nothing, pass);
    if (last!.analyze.inFlight !== PAGES) throw new Error(`in flight ${last!.analyze.inFlight}`);
    const jobs = (await h.ctx.db.query<{ id: number; sha: string }>('SELECT id, content_sha256 AS sha FROM pages')).rows.map((p) => ({ pageId: p.id, contentSha: p.sha }));
    const addOnly = await timed(RUNS, () => clearQueues(h), () => enqueueAnalyzeMany(h.ctx.queue('analyze'), jobs));

    return {
      pages: PAGES,
      listings: PAGES / 4,
      runs: RUNS,
      baselineCountMs: count.ms,
      steadyMs: steady.ms,
      steadyVsCount: Math.round((steady.ms / count.ms) * 10) / 10,
      lostTenthMs: lostTenth.ms,
      lostAllMs: lostAll.ms,
      baselineAddBulkAllMs: addOnly.ms,
      lostAllVsAddBulk: Math.round((lostAll.ms / addOnly.ms) * 100) / 100,
      allInFlightMs: inFlight.ms,
      samples: { count: count.all, steady: steady.all, lostTenth: lostTenth.all, lostAll: lostAll.all, inFlight: inFlight.all, addBulk: addOnly.all },
    };
  } finally {
    await h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  bench().then(
    (r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

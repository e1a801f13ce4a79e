// The dashboard at a year's volume: 1,000,000 listings, 200,000 sellers, 10,000 open leads in
// Postgres (generated in SQL), and the server time of the pages an analyst opens most, each against
// the same page with a 1,500-listing database in the same run.
// Run: node bin/run-ts.mjs test/bench/year-volume-bench.ts [SELLERS] [--keep]
// --keep seeds each volume once into a named schema (bench_year_<sellers>) and reuses it on the next run.
import { loadavg } from 'node:os';
import { startDashboard } from '../../dashboards/index.js';
import { createUser } from '../../dashboards/auth/users.js';
import { openTestContext, type TestContext } from '../dashboards/support/test-context.js';
import { DashboardClient } from '../dashboards/support/http-client.js';
import { buildStatsDays, mergeSellersCounted, reconcileStatsDays, statsDayCoverage } from '../../pipeline/storage/stats-day-figures.js';
import { leadRuleSql } from '../../pipeline/leads/lead-rule.js';

const args = process.argv.slice(2);
const KEEP = args.includes('--keep');
const SELLERS = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
const OPEN_LEADS = Math.round(SELLERS / 20);
const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 15));
const BIG_SELLER_LISTINGS = 500;

/**
 * Sellers 1..n: every 20th is an open lead (new or in review), the rest closed, dismissed, confirmed
 * or referred; each has 1–9 listings (5 on average) spread over a year, a phone and a WeChat id;
 * seller 1 has 500 listings. Listings' flags follow the lead rule's needs (flagged, reachable).
 * Every seller past 'new' went to review the day after it was found, the confirmed ones (and those
 * referred or closed) were confirmed the day after, and referred and closed ones have a referral,
 * so the statistics' confirmed, referred and closed series have a year of events too.
 */
async function seed(ctx: TestContext, n: number): Promise<void> {
  const db = ctx.db;
  await db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('bbs','论坛','bbs','http'),('tieba','贴吧','tieba','browser'),('classifieds','分类','classifieds','http'),('qa','问答','qa','http') ON CONFLICT DO NOTHING`);
  await db.query(
    `INSERT INTO sellers (id, status, score, created_at, updated_at)
     SELECT g, CASE WHEN g % 20 = 0 THEN (ARRAY['new','in_review'])[1 + g / 20 % 2]
                    ELSE (ARRAY['dismissed','confirmed','referred','closed','dismissed'])[1 + g % 5] END,
            0.5 + (g * 7919 % 5000) / 10000.0, now() - make_interval(days => g % 365), now() - make_interval(mins => g % 100000)
     FROM generate_series(1, $1::int) g`,
    [n],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('sellers', 'id'), (SELECT max(id) FROM sellers))`);
  await db.query(
    `INSERT INTO listings (url, source_id, platform, author_handle, title, body, normalized_body, body_sha256, score, flagged, review, model_version, cert_types, reasons, seller_id, first_seen, last_seen)
     SELECT 'http://127.0.0.2/thread-' || s || '-' || k || '.html', src, src, '卖家' || s,
            '电工证 焊工证 不用考试 直接出证 #' || s || '-' || k,
            '低压电工证、焊工证不用考试直接出证，官网可查。联系电话 ' || (13000000000 + s) || ' 微信 wx_' || s || ' 价格优惠，全国通用。',
            '低压电工证焊工证不用考试直接出证官网可查联系电话' || (13000000000 + s),
            md5(s || '-' || k), 0.5 + ((s * 31 + k) % 500) / 1000.0, (s + k) % 5 <> 0, (s + k) % 5 = 0, 'bench',
            CASE s % 4 WHEN 0 THEN '[{"code":"1.2","label":"低压电工作业","authority":"mem"}]'
                       WHEN 1 THEN '[{"code":"2.1","label":"熔化焊接与热切割作业","authority":"mem"},{"code":"1.1","label":"高压电工作业","authority":"mem"}]'
                       WHEN 2 THEN '[{"code":"3.1","label":"登高架设作业","authority":"mem"}]'
                       ELSE '[{"code":"samr.forklift","label":"叉车司机","authority":"samr"}]' END::jsonb,
            '["不用考试","直接出证"]'::jsonb, s, now() - make_interval(days => (s + k) % 365), now() - make_interval(hours => (s * k) % 5000)
     FROM generate_series(1, $1::int) s,
          LATERAL generate_series(1, CASE WHEN s = 1 THEN ${BIG_SELLER_LISTINGS} ELSE 1 + s % 9 END) k,
          LATERAL (SELECT (ARRAY['bbs','tieba','classifieds','qa'])[1 + (s + k) % 4] AS src) x`,
    [n],
  );
  await db.query(
    `INSERT INTO contacts (kind, value) SELECT 'phone', (13000000000 + s)::text FROM generate_series(1, $1::int) s
     UNION ALL SELECT 'wechat', 'wx_' || s FROM generate_series(1, $1::int) s ON CONFLICT DO NOTHING`,
    [n],
  );
  await db.query(
    `INSERT INTO listing_contacts (listing_id, contact_id)
     SELECT l.id, c.id FROM listings l JOIN contacts c ON c.kind = 'phone' AND c.value = (13000000000 + l.seller_id)::text
     UNION ALL
     SELECT l.id, c.id FROM listings l JOIN contacts c ON c.kind = 'wechat' AND c.value = 'wx_' || l.seller_id
     ON CONFLICT DO NOTHING`,
  );
  await db.query(
    `INSERT INTO seller_status_history (seller_id, from_status, to_status, actor, at)
     SELECT id, 'new', 'in_review', 'bench', least(created_at + interval '1 day', now()) FROM sellers WHERE status <> 'new'
     UNION ALL
     SELECT id, 'in_review', 'confirmed', 'bench', least(created_at + interval '2 days', now()) FROM sellers WHERE status IN ('confirmed', 'referred', 'closed')
     ORDER BY 5`,
  );
  await db.query(
    `INSERT INTO referrals (seller_id, unit, referred_by, referred_at, outcome, closed_by, closed_at)
     SELECT id, '市场监管局', 'bench', least(created_at + interval '3 days', now()),
            CASE WHEN status = 'closed' THEN '已处罚' END, CASE WHEN status = 'closed' THEN 'bench' END,
            CASE WHEN status = 'closed' THEN least(created_at + interval '10 days', now()) END
     FROM sellers WHERE status IN ('referred', 'closed') ORDER BY created_at`,
  );
  await db.query('VACUUM ANALYZE');
}

/** With --keep, a schema seeded to completion before (its marker row) is used as it is. */
async function seedOnce(ctx: TestContext, n: number): Promise<void> {
  await ctx.db.query('CREATE TABLE IF NOT EXISTS bench_seeded (sellers int NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())');
  const done = (await ctx.db.query<{ sellers: number }>('SELECT sellers FROM bench_seeded')).rows[0];
  if (KEEP && done?.sellers === n) {
    console.error(`reusing the ${n}-seller data seeded before in ${ctx.schema}`);
    await ctx.db.query('ANALYZE');
    return;
  }
  // A run cut short leaves part of the data: start again from empty tables.
  await ctx.db.query('TRUNCATE bench_seeded, sellers, listings, contacts, listing_contacts, seller_status_history, referrals RESTART IDENTITY CASCADE');
  const t0 = performance.now();
  await seed(ctx, n);
  await ctx.db.query('INSERT INTO bench_seeded (sellers) VALUES ($1)', [n]);
  console.error(`seeded ${n} sellers in ${Math.round(performance.now() - t0)} ms`);
}

interface Timing {
  median: number;
  p95: number;
  /** 1-minute load average when the page's requests began. */
  load: number;
}

function stats(xs: number[]): Omit<Timing, 'load'> {
  const s = [...xs].sort((a, b) => a - b);
  return { median: +s[Math.floor(s.length / 2)]!.toFixed(1), p95: +s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!.toFixed(1) };
}

async function serverTime(c: DashboardClient, path: string): Promise<Timing> {
  const xs: number[] = [];
  const load = +loadavg()[0]!.toFixed(2);
  for (let i = 0; i < 2; i++) await (await c.get(path)).text();
  for (let i = 0; i < RUNS; i++) {
    const res = await c.get(path);
    await res.text();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    const dur = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN);
    if (!Number.isFinite(dur)) throw new Error(`${path}: no server-timing header`);
    xs.push(dur);
  }
  return { ...stats(xs), load };
}

const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
const PAGES = {
  queueFirstPage: '/',
  sellerWith500Listings: '/sellers/1',
  searchByContact: `/?q=${encodeURIComponent('wx_180020')}`,
  statistics90Days: `/stats?from=${day(90)}&to=${day(0)}`,
};

/** What the statistics' closed-day figures cost: the first build, a reconcile recount, and a merge's added statements. */
interface FigureCosts {
  buildMs: number | null;
  recountMs: number;
  recountRowsDiffering: number;
  /** A merge of two sellers (rolled back), with the figures' before-and-after deltas and without (no figures). */
  mergeWithFiguresMs: Omit<Timing, 'load'>;
  mergeWithoutFiguresMs: Omit<Timing, 'load'>;
}
const figureCosts: Record<number, FigureCosts> = {};

class Rollback extends Error {}

async function timeMerges(ctx: TestContext, figures: boolean): Promise<Omit<Timing, 'load'>> {
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [a, b] = [2 + 2 * i, 3 + 2 * i];
    await ctx.db
      .tx(async (q) => {
        if (!figures) await q.query('DELETE FROM stats_day_meta');
        const t0 = performance.now();
        await mergeSellersCounted(q, leadRuleSql, a, [b]);
        xs.push(performance.now() - t0);
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
  }
  return stats(xs);
}

async function figuresFor(ctx: TestContext, n: number): Promise<void> {
  const zone = ctx.config.timeZone;
  let buildMs: number | null = null;
  if (!(await statsDayCoverage(ctx.db, zone))) {
    const t0 = performance.now();
    if (!(await buildStatsDays(ctx.db, zone, leadRuleSql))) throw new Error('statistics figures: a change was open');
    buildMs = Math.round(performance.now() - t0);
  }
  const check = await reconcileStatsDays(ctx.db, zone, leadRuleSql);
  if (!check) throw new Error('statistics figures: a change was open');
  figureCosts[n] = {
    buildMs,
    recountMs: check.ms,
    recountRowsDiffering: check.rowsDiffering,
    mergeWithFiguresMs: await timeMerges(ctx, true),
    mergeWithoutFiguresMs: await timeMerges(ctx, false),
  };
  console.error(`statistics figures at ${n} sellers: ${JSON.stringify(figureCosts[n])}`);
}

async function measureAll(n: number): Promise<Record<string, Timing>> {
  const ctx = await openTestContext(KEEP ? { schema: `bench_year_${n}`, keep: true } : {});
  try {
    await seedOnce(ctx, n);
    // What the reconcile pass keeps for the statistics (built at its first pass, recounted hourly).
    await figuresFor(ctx, n);
    const user = await ctx.db.query(`SELECT 1 FROM users WHERE username = 'bench'`);
    if (user.rows.length === 0) await createUser(ctx.db, 'bench', 'bench-password-1', 'supervisor');
    const dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
    try {
      const c = new DashboardClient(dash.url);
      await c.login('bench', 'bench-password-1');
      const out: Record<string, Timing> = {};
      for (const [name, path] of Object.entries(PAGES)) out[name] = await serverTime(c, path);
      // The same page counted live (the statement before migration 021, still what answers when the
      // figures are not built): the figures taken out of use for these requests only.
      await ctx.db.query(`UPDATE stats_day_meta SET zone = zone || '#off'`);
      try {
        out['statistics90DaysLive'] = await serverTime(c, PAGES.statistics90Days);
      } finally {
        await ctx.db.query(`UPDATE stats_day_meta SET zone = replace(zone, '#off', '')`);
      }
      const counts = (await ctx.db.query<{ s: number; l: number }>('SELECT (SELECT count(*)::int FROM sellers) s, (SELECT count(*)::int FROM listings) l')).rows[0]!;
      console.error(`measured at ${counts.s} sellers, ${counts.l} listings`);
      return out;
    } finally {
      await dash.close();
    }
  } finally {
    await ctx.close();
  }
}

const baseline = await measureAll(200);
const year = await measureAll(SELLERS);
const rows = [...Object.keys(PAGES), 'statistics90DaysLive'].map((k) => ({
  page: k,
  path: PAGES[k as keyof typeof PAGES] ?? PAGES.statistics90Days,
  yearMs: year[k]!,
  baselineMs: baseline[k]!,
  ratioMedian: +(year[k]!.median / baseline[k]!.median).toFixed(2),
  ratioP95: +(year[k]!.p95 / baseline[k]!.p95).toFixed(2),
  under300: year[k]!.p95 < 300,
}));
const fast = year['statistics90Days']!;
const live = year['statistics90DaysLive']!;
console.log(`statistics90Days from the figures against live, same run: median ${fast.median} / ${live.median} ms (${(fast.median / live.median).toFixed(3)}×), p95 ${fast.p95} / ${live.p95} ms`);
for (const r of rows) {
  console.log(
    `${r.page.padEnd(22)} year: median ${r.yearMs.median} ms, p95 ${r.yearMs.p95} ms (load ${r.yearMs.load}) | ` +
      `baseline 200 sellers: median ${r.baselineMs.median} ms, p95 ${r.baselineMs.p95} ms (load ${r.baselineMs.load}) | ` +
      `ratio ${r.ratioMedian}× median, ${r.ratioP95}× p95 | ${r.under300 ? 'under' : 'OVER'} 300 ms`,
  );
}
console.log(JSON.stringify({ sellers: SELLERS, openLeads: OPEN_LEADS, requestsPerPage: RUNS, target: 'each page < 300 ms server time at a year of data', rows, statisticsFigures: { year: figureCosts[SELLERS], baseline: figureCosts[200] } }, null, 2));

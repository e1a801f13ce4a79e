// The dashboard at a year's volume: 1,000,000 listings, 200,000 sellers, 10,000 open leads in
// Postgres (generated in SQL), and the server time of the pages an analyst opens most, each against
// the same page with a 1,000-listing database in the same run. Run: node bin/run-ts.mjs test/bench/year-volume-bench.ts [SELLERS]
import { startDashboard } from '../../dashboards/index.js';
import { createUser } from '../../dashboards/auth/users.js';
import { openTestContext, type TestContext } from '../dashboards/support/test-context.js';
import { DashboardClient } from '../dashboards/support/http-client.js';

const SELLERS = Number(process.argv[2] ?? 200_000);
const OPEN_LEADS = Math.round(SELLERS / 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const BIG_SELLER_LISTINGS = 500;

/**
 * Sellers 1..n: every 20th is an open lead (new or in review), the rest closed, dismissed, confirmed
 * or referred; each has 1–9 listings (5 on average) spread over a year, a phone and a WeChat id;
 * seller 1 has 500 listings. Listings' flags follow the lead rule's needs (flagged, reachable).
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
  await db.query('VACUUM ANALYZE');
}

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: +s[Math.floor(s.length / 2)]!.toFixed(1), p95: +s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!.toFixed(1) };
}

async function serverTime(c: DashboardClient, path: string): Promise<{ median: number; p95: number }> {
  const xs: number[] = [];
  for (let i = 0; i < 2; i++) await (await c.get(path)).text();
  for (let i = 0; i < RUNS; i++) {
    const res = await c.get(path);
    await res.text();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    xs.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN));
  }
  return stats(xs);
}

const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
const PAGES = {
  queueFirstPage: '/',
  sellerWith500Listings: '/sellers/1',
  searchByContact: `/?q=${encodeURIComponent('wx_180020')}`,
  statistics90Days: `/stats?from=${day(90)}&to=${day(0)}`,
};

async function measureAll(n: number): Promise<Record<string, { median: number; p95: number }>> {
  const ctx = await openTestContext();
  try {
    const t0 = performance.now();
    await seed(ctx, n);
    console.error(`seeded ${n} sellers in ${Math.round(performance.now() - t0)} ms`);
    await createUser(ctx.db, 'bench', 'bench-password-1', 'supervisor');
    const dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
    try {
      const c = new DashboardClient(dash.url);
      await c.login('bench', 'bench-password-1');
      const out: Record<string, { median: number; p95: number }> = {};
      for (const [name, path] of Object.entries(PAGES)) out[name] = await serverTime(c, path);
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
const rows = Object.keys(PAGES).map((k) => ({
  page: k,
  yearMs: year[k]!,
  baselineMs: baseline[k]!,
  ratioMedian: +(year[k]!.median / baseline[k]!.median).toFixed(2),
  under300: year[k]!.p95 < 300,
}));
console.log(JSON.stringify({ sellers: SELLERS, openLeads: OPEN_LEADS, target: 'each page < 300 ms server time at a year of data', rows }, null, 2));

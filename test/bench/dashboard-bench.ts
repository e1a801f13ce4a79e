// Dashboard benchmark: server time to render the triage queue's first page with
// 10,000 leads in Postgres (target < 300 ms), against the same page with 100 leads
// as the in-run baseline, plus a search and a filter, and the page weight
// (HTML + JS + CSS, raw and gzip). Run: npx tsx test/bench/dashboard-bench.ts [N]
import { gzipSync } from 'node:zlib';
import { startDashboard } from '../../dashboards/index.js';
import { createUser } from '../../dashboards/auth/users.js';
import { openTestContext, type TestContext } from '../dashboards/support/test-context.js';
import { DashboardClient } from '../dashboards/support/http-client.js';

const LEADS = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);

/** Bulk leads in SQL: sellers with 1–4 listings each, phones/WeChat ids, certificate types, platforms. */
async function seedLeads(ctx: TestContext, n: number, offset = 0): Promise<void> {
  const db = ctx.db;
  await db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('bbs','论坛','bbs','http'),('tieba','贴吧','tieba','browser'),('classifieds','分类','classifieds','http'),('qa','问答','qa','http') ON CONFLICT DO NOTHING`);
  await db.query(
    `INSERT INTO sellers (id, status, score, created_at, updated_at)
     SELECT g, (ARRAY['new','new','new','in_review','confirmed','dismissed'])[1 + g % 6], 0.5 + (g * 7919 % 5000) / 10000.0,
            now() - make_interval(days => g % 60), now() - make_interval(mins => g % 10000)
     FROM generate_series($1::int + 1, $1::int + $2::int) g`,
    [offset, n],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('sellers', 'id'), (SELECT max(id) FROM sellers))`);
  await db.query(
    `INSERT INTO listings (url, source_id, platform, author_handle, title, body, normalized_body, body_sha256, score, flagged, review, model_version, cert_types, reasons, seller_id, first_seen, last_seen)
     SELECT 'http://127.0.0.2/thread-' || s || '-' || k || '.html', src, src, '卖家' || s,
            '电工证 焊工证 不用考试 直接出证 #' || s || '-' || k,
            '低压电工证、焊工证不用考试直接出证，官网可查。联系电话 ' || (13800000000 + s) || ' 微信 wx_' || s || ' 价格优惠，全国通用。',
            '低压电工证焊工证不用考试直接出证官网可查联系电话' || (13800000000 + s),
            md5(s || '-' || k), 0.5 + ((s * 31 + k) % 500) / 1000.0, (s + k) % 5 <> 0, (s + k) % 5 = 0, 'bench',
            CASE s % 4 WHEN 0 THEN '[{"code":"1.2","label":"低压电工作业","authority":"mem"}]'
                       WHEN 1 THEN '[{"code":"2.1","label":"熔化焊接与热切割作业","authority":"mem"},{"code":"1.1","label":"高压电工作业","authority":"mem"}]'
                       WHEN 2 THEN '[{"code":"3.1","label":"登高架设作业","authority":"mem"}]'
                       ELSE '[{"code":"samr.forklift","label":"叉车司机","authority":"samr"}]' END::jsonb,
            '["不用考试","直接出证"]'::jsonb, s, now() - make_interval(days => (s + k) % 60), now() - make_interval(hours => (s * k) % 500)
     FROM generate_series($1::int + 1, $1::int + $2::int) s,
          LATERAL generate_series(1, 1 + s % 4) k,
          LATERAL (SELECT (ARRAY['bbs','tieba','classifieds','qa'])[1 + (s + k) % 4] AS src) x`,
    [offset, n],
  );
  await db.query(
    `INSERT INTO contacts (kind, value) SELECT 'phone', (13800000000 + s)::text FROM generate_series($1::int + 1, $1::int + $2::int) s
     UNION ALL SELECT 'wechat', 'wx_' || s FROM generate_series($1::int + 1, $1::int + $2::int) s ON CONFLICT DO NOTHING`,
    [offset, n],
  );
  await db.query(
    `INSERT INTO listing_contacts (listing_id, contact_id)
     SELECT l.id, c.id FROM listings l JOIN contacts c ON c.value IN ((13800000000 + l.seller_id)::text, 'wx_' || l.seller_id)
     WHERE l.seller_id > $1 ON CONFLICT DO NOTHING`,
    [offset],
  );
  await db.query('ANALYZE');
}

function stats(xs: number[]): { median: number; p95: number; min: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!, min: s[0]! };
}

async function measure(c: DashboardClient, path: string): Promise<{ server: ReturnType<typeof stats>; wall: ReturnType<typeof stats>; bytes: number }> {
  const server: number[] = [];
  const wall: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) await (await c.get(path)).text();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await c.get(path);
    const body = await res.text();
    wall.push(performance.now() - t0);
    server.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN));
    bytes = Buffer.byteLength(body);
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  }
  return { server: stats(server), wall: stats(wall), bytes };
}

const ctx = await openTestContext();
try {
  await createUser(ctx.db, 'bench', 'bench-password-1', 'supervisor');
  const dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  const c = new DashboardClient(dash.url);
  await c.login('bench', 'bench-password-1');

  const t0 = performance.now();
  await seedLeads(ctx, 100);
  const baseline = await measure(c, '/');
  await seedLeads(ctx, LEADS - 100, 100);
  const seedMs = performance.now() - t0;
  const counts = (await ctx.db.query<{ s: number; l: number }>('SELECT (SELECT count(*)::int FROM sellers) s, (SELECT count(*)::int FROM listings) l')).rows[0]!;
  const full = await measure(c, '/');
  const recent = await measure(c, '/?sort=recent');
  const search = await measure(c, `/?q=${encodeURIComponent('138 0000 5000')}`);
  const filter = await measure(c, '/?platform=tieba&cert=2.1&status=all');

  const html = await (await c.get('/')).text();
  const assets: Record<string, number> = {};
  const gz: Record<string, number> = {};
  for (const name of ['style.css', 'common.js', 'queue.js', 'echarts.min.js']) {
    const buf = Buffer.from(await (await c.get(`/assets/${name}`)).arrayBuffer());
    assets[name] = buf.length;
    gz[name] = gzipSync(buf).length;
  }
  const htmlBytes = Buffer.byteLength(html);
  const queueWeight = htmlBytes + assets['style.css']! + assets['common.js']! + assets['queue.js']!;
  const queueWeightGz = gzipSync(html).length + gz['style.css']! + gz['common.js']! + gz['queue.js']!;
  console.log(
    JSON.stringify(
      {
        leads: counts.s,
        listings: counts.l,
        seedMs: Math.round(seedMs),
        queueFirstPage: { serverMs: full.server, wallMs: full.wall, htmlBytes: full.bytes },
        baseline100Leads: { serverMs: baseline.server, wallMs: baseline.wall },
        ratioMedianServer: +(full.server.median / baseline.server.median).toFixed(2),
        sortRecent: recent.server,
        searchPhone: search.server,
        filterPlatformCert: filter.server,
        pageWeight: { queueHtmlJsCssBytes: queueWeight, queueGzipBytes: queueWeightGz, assets, assetsGzip: gz, statsPageExtraEchartsBytes: assets['echarts.min.js'] },
        target: 'queue first page < 300 ms server time',
        pass: full.server.p95 < 300,
      },
      null,
      2,
    ),
  );
  await dash.close();
} finally {
  await ctx.close();
}

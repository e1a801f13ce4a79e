// Realistic dashboard fixtures: forum, tieba, classifieds and Q&A listings of a few
// certificate sellers (with obfuscated contacts, shared contacts and a merge), hard
// negatives, stored page bodies, screenshots — and the sandbox's script payloads in
// titles, bodies, handles, contact ids and stored pages, plus spreadsheet formulas.
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import type { AppContext } from '../../../pipeline/app/context.js';
import { BlobStore } from '../../../pipeline/storage/blob-store.js';
import { createUser } from '../../../dashboards/auth/users.js';

export const XSS_SCRIPT = '<script>window.__sandboxXss=true</script>';
export const XSS_IMG = '<img src=x onerror="window.__sandboxXss=true">';
export const XSS_LINK = 'javascript:window.__sandboxXss=true';
export const XSS_ATTR = '"><svg onload=window.__sandboxXss=true>';
export const FORMULA = '=HYPERLINK("http://evil.invalid","点我")';

export const PASSWORDS = { alice: 'alice-password-1', bob: 'bob-password-22', sup: 'supervisor-pass-3', root: 'root-password-44' };

export interface DemoIds {
  sellers: Record<'electric' | 'welder' | 'heights' | 'xss' | 'linked' | 'negative', number>;
  listings: Record<string, number>;
  pages: Record<string, { id: number; sha: string }>;
}

function screenshotPng(seed: number): Buffer {
  const png = new PNG({ width: 320, height: 200 });
  for (let y = 0; y < 200; y++)
    for (let x = 0; x < 320; x++) {
      const i = (y * 320 + x) * 4;
      const band = y < 30 ? 60 : (x + y * seed) % 40 < 3 ? 200 : 245;
      png.data[i] = band;
      png.data[i + 1] = y < 30 ? 90 + seed * 10 : band;
      png.data[i + 2] = y < 30 ? 140 : band;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

interface ListingSpec {
  key: string;
  source: string;
  platform: string;
  url: string;
  title: string;
  body: string;
  handle: string;
  authorUrl?: string;
  score: number;
  flagged: boolean;
  certs: { code: string; label: string; authority: string }[];
  reasons: string[];
  contacts: [kind: string, value: string][];
  page: string;
  daysAgo: number;
  gone?: boolean;
}

const CERT = {
  low: { code: '1.2', label: '低压电工作业', authority: 'mem' },
  high: { code: '1.1', label: '高压电工作业', authority: 'mem' },
  weld: { code: '2.1', label: '熔化焊接与热切割作业', authority: 'mem' },
  heights: { code: '3.1', label: '登高架设作业', authority: 'mem' },
  forklift: { code: 'samr.forklift', label: '叉车司机', authority: 'samr' },
  build: { code: 'mohurd.electrician', label: '建筑电工', authority: 'mohurd' },
};

function threadPage(title: string, body: string, extra = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div id="postlist"><div id="post_1"><div class="authi"><a class="xw1">卖家</a></div>
<td class="t_f" id="postmessage_1">${body}</td></div></div>${extra}</body></html>`;
}

export async function seedDemoData(ctx: AppContext, opts: { leakUrl?: string } = {}): Promise<DemoIds> {
  const db = ctx.db;
  await createUser(db, 'alice', PASSWORDS.alice, 'analyst');
  await createUser(db, 'bob', PASSWORDS.bob, 'analyst');
  await createUser(db, 'sup', PASSWORDS.sup, 'supervisor');
  await createUser(db, 'root', PASSWORDS.root, 'admin');

  await db.query(`INSERT INTO sources (id, name, platform, render, schedule) VALUES
    ('bbs', '电工论坛 (Discuz)', 'bbs', 'http', '0 */6 * * *'),
    ('tieba', '贴吧 电工证吧', 'tieba', 'browser', '30 */6 * * *'),
    ('classifieds', '同城分类信息', 'classifieds', 'http', '0 3 * * *'),
    ('qa', '问答社区', 'qa', 'http', NULL)`);
  await db.query(`INSERT INTO crawl_runs (source_id, job_id, status, started_at, finished_at, stats, error) VALUES
    ('bbs', 'j-bbs-1', 'done', now() - interval '3 hours', now() - interval '2 hours 50 minutes', '{"pagesFetched": 412, "errors": {"http_404": 3, "timeout": 1}}', NULL),
    ('tieba', 'j-tieba-1', 'failed', now() - interval '5 hours', now() - interval '4 hours 59 minutes', '{"pagesFetched": 7, "errors": {"network": 12}}', 'browser crashed: Target closed'),
    ('classifieds', 'j-cls-1', 'done', now() - interval '20 hours', now() - interval '19 hours', '{"pagesFetched": 980, "errors": {}}', NULL)`);

  const leak = opts.leakUrl ?? 'http://127.0.0.1:9/leak';
  const specs: (ListingSpec & { seller: keyof DemoIds['sellers'] })[] = [
    {
      seller: 'electric', key: 'e1', source: 'bbs', platform: 'bbs', url: 'http://127.0.0.2:8900/thread-101-1-1.html',
      title: '低压电工证 高压电工证 不用考试 直接出证 官网可查', handle: '电工小王',
      body: '各位师傅好，低压电工证、高压电工证不用考试，直接出证，官网可查，全国通用。\n联系电话 138-1234-5678（微信同号），加微信 dgz_wang888 详聊，价格优惠。',
      score: 0.97, flagged: true, certs: [CERT.low, CERT.high], reasons: ['不用考试', '直接出证', '官网可查', 'phone+wechat'],
      contacts: [['phone', '13812345678'], ['wechat', 'dgz_wang888']], page: 'p-e1', daysAgo: 6,
    },
    {
      seller: 'electric', key: 'e2', source: 'classifieds', platform: 'classifieds', url: 'http://127.0.0.4:8900/zhengshu/5512x.shtml',
      title: '电工证 焊工证 叉车证 快速拿证', handle: '王经理',
      body: '内部渠道，快速拿证，电工证焊工证叉车证都可以办。电话 13812345678，QQ 2718281828。',
      score: 0.91, flagged: true, certs: [CERT.low, CERT.weld, CERT.forklift], reasons: ['内部渠道', '快速拿证'],
      contacts: [['phone', '13812345678'], ['qq', '2718281828']], page: 'p-e2', daysAgo: 2,
    },
    {
      seller: 'welder', key: 'w1', source: 'tieba', platform: 'tieba', url: 'http://127.0.0.3:8900/p/880021',
      title: '焊工证 免考 包过 可先查后付', handle: '焊工证办理-李',
      body: '焊工证免考包过，熔化焊接与热切割作业证，可先验证再付款。V信：hangong_li 电话 139 8765 4321',
      score: 0.88, flagged: true, certs: [CERT.weld], reasons: ['免考', '包过'],
      contacts: [['phone', '13987654321'], ['wechat', 'hangong_li']], page: 'p-w1', daysAgo: 3, gone: true,
    },
    {
      seller: 'heights', key: 'h1', source: 'qa', platform: 'qa', url: 'http://127.0.0.6:8900/question/3301.html',
      title: '登高证怎么考？', handle: '热心网友gaokong',
      body: '登高证（高处作业证）可以找我，不用培训不用考试，一周出证，永久可查。加微 gaokong_zheng',
      score: 0.83, flagged: true, certs: [CERT.heights], reasons: ['不用考试', '永久可查'],
      contacts: [['wechat', 'gaokong_zheng']], page: 'p-h1', daysAgo: 1,
    },
    {
      seller: 'xss', key: 'x1', source: 'bbs', platform: 'bbs', url: 'http://127.0.0.2:8900/thread-666-1-1.html',
      title: `电工证${XSS_SCRIPT}免考`, handle: `证书哥${XSS_IMG}`, authorUrl: XSS_LINK,
      body: `电工证焊工证免考直接出证 ${XSS_SCRIPT} ${XSS_IMG} 点这里 ${XSS_LINK} 电话 186 0000 1111 微信 ${XSS_ATTR}`,
      score: 0.95, flagged: true, certs: [CERT.low], reasons: [`cue:${XSS_IMG}`, '直接出证'],
      contacts: [['phone', '18600001111'], ['wechat', XSS_ATTR]], page: 'p-x1', daysAgo: 0,
    },
    {
      seller: 'xss', key: 'x2', source: 'classifieds', platform: 'classifieds', url: 'http://127.0.0.4:8900/zhengshu/7001x.shtml',
      title: FORMULA, handle: '+cmd|calc!A1',
      body: '@SUM(1+1) 建筑电工证 八大员 代办，电话18600001111',
      score: 0.96, flagged: true, certs: [CERT.build], reasons: ['代办'],
      contacts: [['phone', '18600001111']], page: 'p-x2', daysAgo: 4,
    },
    {
      seller: 'linked', key: 'l1', source: 'qa', platform: 'qa', url: 'http://127.0.0.6:8900/question/4410.html',
      title: '有没有靠谱的焊工证渠道', handle: '小李焊工',
      body: '我这边可以办焊工证，熔化焊，包过，联系 hangong_li（同一个人）',
      score: 0.81, flagged: true, certs: [CERT.weld], reasons: ['包过'],
      contacts: [['url', 'hangong-li.example']], page: 'p-l1', daysAgo: 2,
    },
    {
      seller: 'negative', key: 'n1', source: 'qa', platform: 'qa', url: 'http://127.0.0.6:8900/question/5001.html',
      title: '如何在官网查询特种作业操作证真伪', handle: '安全员老张',
      body: '请到应急管理部官网 cx.mem.gov.cn 查询，其他网站都是假的，不要相信“不用考试”的广告。',
      score: 0.41, flagged: false, certs: [CERT.low], reasons: ['crackdown context'],
      contacts: [['url', 'cx.mem.gov.cn']], page: 'p-n1', daysAgo: 5,
    },
  ];

  const ids: DemoIds = { sellers: {} as DemoIds['sellers'], listings: {}, pages: {} };
  const sellerScore: Record<string, number> = {};
  for (const s of specs) sellerScore[s.seller] = Math.max(sellerScore[s.seller] ?? 0, s.score);
  for (const name of ['electric', 'welder', 'heights', 'xss', 'linked', 'negative'] as const) {
    const r = await db.query<{ id: number }>(
      `INSERT INTO sellers (status, score, created_at, updated_at) VALUES ('new', $1, now() - interval '7 days', now() - make_interval(hours => $2)) RETURNING id`,
      [sellerScore[name], Object.keys(ids.sellers).length],
    );
    ids.sellers[name] = r.rows[0]!.id;
  }
  // The linked seller shares the welder's WeChat id through its page, and a stale seller was merged into the welder.
  const merged = (await db.query<{ id: number }>(`INSERT INTO sellers (status, score, merged_into) VALUES ('new', 0.6, $1) RETURNING id`, [ids.sellers.welder])).rows[0]!.id;
  await db.query('INSERT INTO seller_merges (survivor_id, merged_id) VALUES ($1, $2)', [ids.sellers.welder, merged]);

  for (const [i, s] of specs.entries()) {
    const extra =
      s.key === 'x1'
        ? `${XSS_SCRIPT}<img src="x" onerror="window.__sandboxXss=true"><img src="${leak}"><meta http-equiv="refresh" content="0;url=${leak}"><a href="${XSS_LINK}">link</a>`
        : '';
    const pageHtml = threadPage(s.title, s.body, extra);
    const sha = ctx.blobs.put(Buffer.from(pageHtml, 'utf8'));
    const p = await db.query<{ id: number }>(
      `INSERT INTO pages (url, final_url, source_id, status, content_type, charset, render, sha256, fetched_at)
       VALUES ($1, $1, $2, 200, 'text/html', 'utf-8', 'http', $3, now() - make_interval(days => $4)) RETURNING id`,
      [s.url, s.source, sha, s.daysAgo],
    );
    await db.query('INSERT INTO page_versions (page_id, sha256, fetched_at) VALUES ($1, $2, now())', [p.rows[0]!.id, sha]);
    ids.pages[s.page] = { id: p.rows[0]!.id, sha };
    const l = await db.query<{ id: number }>(
      `INSERT INTO listings (url, page_id, source_id, platform, position, author_handle, author_url, posted_at, title, body, normalized_body, body_sha256,
                             score, flagged, review, model_version, cert_types, reasons, seller_id, first_seen, last_seen, gone_at)
       VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13, 'demo-model-1', $14, $15, $16,
               now() - make_interval(days => $17), now() - make_interval(days => $17 / 2), $18) RETURNING id`,
      [
        s.url, p.rows[0]!.id, s.source, s.platform, s.handle, s.authorUrl ?? null, `2026-11-${String(20 - s.daysAgo).padStart(2, '0')} 10:0${i}`,
        s.title, s.body, BlobStore.sha256(s.body), s.score, s.flagged, !s.flagged && s.score > 0.3, JSON.stringify(s.certs), JSON.stringify(s.reasons),
        ids.sellers[s.seller], s.daysAgo, s.gone ? new Date() : null,
      ],
    );
    ids.listings[s.key] = l.rows[0]!.id;
    for (const [kind, value] of s.contacts) {
      const c = await db.query<{ id: number }>(
        `INSERT INTO contacts (kind, value) VALUES ($1, $2) ON CONFLICT (kind, value) DO UPDATE SET kind = EXCLUDED.kind RETURNING id`,
        [kind, value],
      );
      await db.query('INSERT INTO listing_contacts (listing_id, contact_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [l.rows[0]!.id, c.rows[0]!.id]);
    }
  }
  // The linked seller's page also carries the welder's WeChat (a shared contact → an edge in the graph).
  const wx = await db.query<{ id: number }>(`SELECT id FROM contacts WHERE kind = 'wechat' AND value = 'hangong_li'`);
  await db.query('INSERT INTO listing_contacts (listing_id, contact_id, origin) VALUES ($1, $2, $3)', [ids.listings.l1, wx.rows[0]!.id, 'text']);

  // Evidence: a capture with a screenshot and the served HTML for two listings.
  for (const key of ['e1', 'x1']) {
    const lid = ids.listings[key]!;
    const cap = await db.query<{ id: number }>(
      `INSERT INTO captures (listing_id, url, final_url, status, body_sha256, reason, started_at, finished_at)
       VALUES ($1, 'http://127.0.0.2:8900/x', 'http://127.0.0.2:8900/x', 200, $2, 'flagged', now() - interval '1 hour', now() - interval '59 minutes') RETURNING id`,
      [lid, ids.pages[key === 'e1' ? 'p-e1' : 'p-x1']!.sha],
    );
    const png = screenshotPng(key === 'e1' ? 3 : 7);
    const pngSha = ctx.blobs.put(png);
    const htmlSha = ids.pages[key === 'e1' ? 'p-e1' : 'p-x1']!.sha;
    const htmlBytes = await ctx.blobs.get(htmlSha);
    const sm3 = (b: Buffer) => createHash('sm3').update(b).digest('hex');
    await db.query(
      `INSERT INTO evidence (capture_id, listing_id, role, media_type, size, sha256, sm3, captured_at) VALUES
        ($1, $2, 'screenshot', 'image/png', $3, $4, $5, now() - interval '59 minutes'),
        ($1, $2, 'html_served', 'text/html; charset=utf-8', $6, $7, $8, now() - interval '59 minutes')`,
      [cap.rows[0]!.id, lid, png.length, pngSha, sm3(png), htmlBytes.length, htmlSha, sm3(htmlBytes)],
    );
  }
  await db.query(`INSERT INTO seller_notes (seller_id, actor, body) VALUES ($1, 'bob', $2)`, [ids.sellers.electric, `同一手机号在两个平台出现 ${XSS_IMG}`]);
  return ids;
}

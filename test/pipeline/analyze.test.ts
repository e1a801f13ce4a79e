// The analyze stage on real PGlite/Postgres with the crawler's extractor and the real classifier: new,
// updated and re-seen listings, vanished posts marked gone (never deleted), hostile pages survived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseSources } from '../../crawlers/sources/load.js';
import type { FetchedPage } from '../../crawlers/types.js';
import { fetchedPage } from '../crawlers/helpers/fetched-page.js';
import { BlobStore } from '../../pipeline/storage/blob-store.js';
import { storeSnapshot } from '../../pipeline/ingest/page-snapshot.js';
import { markPagesAnalyzed, recordPageFetch } from '../../pipeline/storage/pages.js';
import { upsertSources } from '../../pipeline/storage/sources.js';
import { markVanished, markVanishedMany } from '../../pipeline/storage/listings.js';
import { analyzePage, type AnalyzeEnv } from '../../pipeline/ingest/analyze-page.js';
import { writePageBatch } from '../../pipeline/ingest/write-page-batch.js';
import { loadAnalyzeTools, type AnalyzeTools } from '../../pipeline/ingest/analyze-tools.js';
import { ContactFilter, isGenericHandle } from '../../pipeline/ingest/contact-filter.js';
import { tempDir, testDatabase, type TestDatabase } from '../support/services.js';

const sources = parseSources([
  {
    id: 'forum',
    name: 'Forum',
    platform: 'discuz',
    seeds: ['http://127.0.0.2:9/forum.php'],
    selectors: { post: 'div.floor', author: '.author', body: '.msg' },
  },
]);

const SELLER = '低压电工证 高压电工证 焊工证 不用考试 包过 直接拿证 全国联网可查 加微信 dgz8888 电话 13812345678 价格优惠';

function floor(n: number, author: string, text: string): string {
  return `<div class="floor" id="post_${n}"><a class="author" href="/u/${n}">${author}</a><div class="msg">${text}</div></div>`;
}
function page(url: string, html: string, status = 200): FetchedPage {
  return fetchedPage('forum', url, html, { status, selectors: sources[0]!.selectors });
}

describe.each(['pglite', 'postgres'] as const)('analyze on %s', (kind) => {
  let t: TestDatabase;
  let env: AnalyzeEnv;
  const dir = tempDir();
  beforeAll(async () => {
    t = await testDatabase(kind);
    await upsertSources(t.db, sources);
    env = { db: t.db, blobs: new BlobStore(join(dir.path, 'blobs')), tools: await loadAnalyzeTools(), sources: new Map(sources.map((s) => [s.id, s])), filter: new ContactFilter(sources) };
  });
  afterAll(async () => {
    await t?.drop();
    dir.remove();
  });

  async function fetchAndAnalyze(p: FetchedPage) {
    const { contentSha, bodySha } = storeSnapshot(env.blobs, p);
    const r = await recordPageFetch(t.db, { sourceId: 'forum', url: p.url, finalUrl: p.finalUrl, status: p.status, contentType: p.contentType, charset: p.charset, render: p.render, bodySha, contentSha, fetchedAt: p.fetchedAt });
    return { fetch: r, outcome: await analyzePage(env, { pageId: r.pageId, sha256: contentSha }) };
  }

  it('stores the seller post with its contacts, skips the idle chatter, and re-sees without new versions', async () => {
    const url = 'http://127.0.0.2:9/thread-1-1-1.html';
    const html = `<html><body>${floor(1, '证书代办小王', SELLER)}${floor(2, '路人甲', '请问电工证去哪里考？谢谢')}${floor(3, '证书代办小王', '需要的私聊 QQ 2307958555')}</body></html>`;
    const first = await fetchAndAnalyze(page(url, html));
    expect(first.fetch.needsAnalysis).toBe(true);
    expect(first.outcome.result).toBe('analyzed');
    expect(first.outcome.posts).toBe(3);
    expect(first.outcome.flagged).toBeGreaterThanOrEqual(1);
    const rows = await t.db.query<{ body: string; flagged: boolean; thread_key: string }>(`SELECT body, flagged, thread_key FROM listings ORDER BY position, id`);
    expect(rows.rows.length).toBe(2);
    expect(rows.rows.some((r) => r.body.includes('请问'))).toBe(false);
    expect(rows.rows[0]!.flagged).toBe(true);
    expect(new Set(rows.rows.map((r) => r.thread_key))).toEqual(new Set(['127.0.0.2:9/thread-1']));
    const contacts = await t.db.query<{ kind: string; value: string }>(`SELECT c.kind, c.value FROM contacts c ORDER BY kind, value`);
    expect(contacts.rows).toEqual(
      expect.arrayContaining([{ kind: 'phone', value: '13812345678' }, { kind: 'wechat', value: 'dgz8888' }, { kind: 'qq', value: '2307958555' }, { kind: 'handle', value: '127.0.0.2:9|证书代办小王' }]),
    );
    // The same content again: every listing re-seen, no new version rows.
    const again = await fetchAndAnalyze(page(url, html));
    expect(again.fetch.changed).toBe(false);
    expect(again.outcome.created).toBe(0);
    expect(again.outcome.updated).toBe(0);
    const versions = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM listing_versions`);
    expect(versions.rows[0]!.n).toBe(2);
  });

  it('keeps the history of an edited post and marks a vanished floor gone, then the deleted page', async () => {
    const url = 'http://127.0.0.2:9/thread-2-1-1.html';
    const v1 = `<html><body>${floor(1, '焊工证包过', SELLER.replace('dgz8888', 'hgz777'))}${floor(2, '焊工证包过', '焊工证 高处作业证 代办 不用考试 微信 hgz777')}</body></html>`;
    await fetchAndAnalyze(page(url, v1));
    const before = await t.db.query<{ id: number; url: string }>(`SELECT id, url FROM listings WHERE page_id = (SELECT id FROM pages WHERE url = $1) ORDER BY url`, [url]);
    expect(before.rows).toHaveLength(2);
    const v2 = `<html><body>${floor(1, '焊工证包过', SELLER.replace('dgz8888', 'hgz777') + ' 新增：叉车证')}</body></html>`;
    const second = await fetchAndAnalyze(page(url, v2));
    expect(second.fetch.changed).toBe(true);
    expect(second.outcome.updated).toBe(1);
    expect(second.outcome.vanished).toBe(1);
    const rows = await t.db.query<{ url: string; gone: boolean; versions: number }>(
      `SELECT url, gone_at IS NOT NULL AS gone, (SELECT count(*)::int FROM listing_versions v WHERE v.listing_id = l.id) AS versions FROM listings l WHERE page_id = (SELECT id FROM pages WHERE url = $1) ORDER BY url`,
      [url],
    );
    expect(rows.rows.map((r) => [r.gone, r.versions])).toEqual([
      [false, 2],
      [true, 1],
    ]);
    // The thread is deleted: 404 marks the rest gone; nothing is deleted.
    const gone = await fetchAndAnalyze(page(url, '<html><body>抱歉，指定的主题不存在或已被删除或正在被审核</body></html>', 404));
    expect(gone.outcome.result).toBe('gone');
    expect(gone.outcome.vanished).toBe(1);
    const all = await t.db.query<{ n: number; g: number }>(`SELECT count(*)::int AS n, count(gone_at)::int AS g FROM listings WHERE page_id = (SELECT id FROM pages WHERE url = $1)`, [url]);
    expect(all.rows[0]).toEqual({ n: 2, g: 2 });
  });

  it('writes nothing for content a newer fetch replaced while it was analysed, and never marks the page analysed for it', async () => {
    const url = 'http://127.0.0.2:9/thread-12-1-1.html';
    const record = (p: FetchedPage) => {
      const { contentSha, bodySha } = storeSnapshot(env.blobs, p);
      return recordPageFetch(t.db, { sourceId: 'forum', url: p.url, finalUrl: p.finalUrl, status: p.status, contentType: p.contentType, charset: p.charset, render: p.render, bodySha, contentSha, fetchedAt: p.fetchedAt }).then((r) => ({ ...r, sha: contentSha }));
    };
    const older = await record(page(url, `<html><body>${floor(1, '证书代办老周', SELLER.replace('dgz8888', 'zhou111'))}${floor(2, '证书代办老周', '焊工证 不用考试 微信 zhou111')}</body></html>`));
    // Analysed as a batch does (written later, with its neighbours) …
    const analysed = await analyzePage(env, { pageId: older.pageId, sha256: older.sha }, { deferVanish: true });
    expect(analysed.write?.inputs).toHaveLength(2);
    // … while the crawl fetches the page again and finds one floor left; that content is analysed and written first.
    const newer = await record(page(url, `<html><body>${floor(1, '证书代办老周', SELLER.replace('dgz8888', 'zhou111'))}</body></html>`));
    expect((await analyzePage(env, { pageId: newer.pageId, sha256: newer.sha })).result).toBe('analyzed');
    await markPagesAnalyzed(t.db, [{ pageId: newer.pageId, sha256: newer.sha }]);
    const listings = () => t.db.query<{ url: string; gone: boolean }>(`SELECT url, gone_at IS NOT NULL AS gone FROM listings WHERE page_id = $1 ORDER BY url`, [older.pageId]).then((r) => r.rows);
    const after = await listings();
    expect(after.map((r) => r.gone)).toEqual([false]);

    // The older analysis's write comes last: it must not bring back the floor the newer content dropped.
    const written = await writePageBatch(t.db, [analysed.write!], []);
    expect(written.get(older.pageId)).toMatchObject({ stale: true, created: 0, updated: 0, linkTargets: [] });
    expect(await listings()).toEqual(after);
    // Nor may its mark, nor a removal in its name, undo the newer content's.
    await markPagesAnalyzed(t.db, [{ pageId: older.pageId, sha256: older.sha }]);
    expect(await markVanished(t.db, older.pageId, [], new Date(), older.sha)).toEqual([]);
    expect(await listings()).toEqual(after);
    const row = await t.db.query<{ analyzed: string }>(`SELECT analyzed_sha256 AS analyzed FROM pages WHERE id = $1`, [older.pageId]);
    expect(row.rows[0]!.analyzed).toBe(newer.sha);
  });

  it('sends a second removal of a post that came back to the link stage under a new job id', async () => {
    const url = 'http://127.0.0.2:9/thread-9-1-1.html';
    const live = `<html><body>${floor(1, '证书代办老李', SELLER.replace('dgz8888', 'lli9999'))}</body></html>`;
    const notFound = '<html><body>抱歉，指定的主题不存在或已被删除或正在被审核</body></html>';
    await fetchAndAnalyze(page(url, live));
    const seller = (await t.db.query<{ id: number }>(`INSERT INTO sellers DEFAULT VALUES RETURNING id`)).rows[0]!.id;
    await t.db.query(`UPDATE listings SET seller_id = $1 WHERE url LIKE $2`, [seller, `${url}%`]);
    const first = await fetchAndAnalyze(page(url, notFound, 404));
    await fetchAndAnalyze(page(url, live));
    await new Promise((r) => setTimeout(r, 5));
    const second = await fetchAndAnalyze(page(url, notFound, 404));
    expect(first.outcome.linkTargets).toHaveLength(1);
    expect(second.outcome.linkTargets).toHaveLength(1);
    // Same body, same 404 page: only the time of the fetch tells the two removals apart.
    expect(second.outcome.linkTargets[0]!.bodySha).not.toBe(first.outcome.linkTargets[0]!.bodySha);
  });

  it("keeps only the current version's contacts (a dropped one is kept on record) and gives a placeholder author no handle", async () => {
    const url = 'http://127.0.0.2:9/thread-7-1-1.html';
    const contactsOf = async () =>
      (await t.db.query<{ kind: string; value: string }>(
        `SELECT c.kind, c.value FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id JOIN listings l ON l.id = lc.listing_id WHERE l.url LIKE $1 ORDER BY c.kind, c.value`,
        [`${url}%`],
      )).rows;
    const text = SELLER.replace('dgz8888', 'dgz7777').replace('13812345678', '13812347777');
    await fetchAndAnalyze(page(url, `<html><body>${floor(1, '匿名用户', text)}</body></html>`));
    expect(await contactsOf()).toEqual([{ kind: 'phone', value: '13812347777' }, { kind: 'wechat', value: 'dgz7777' }]);
    // Edited: the phone is gone. The listing goes to the link stage, which re-checks its seller.
    const edited = await fetchAndAnalyze(page(url, `<html><body>${floor(1, '匿名用户', text.replace('电话 13812347777', ''))}</body></html>`));
    expect(edited.outcome.updated).toBe(1);
    expect(edited.outcome.linkTargets).toHaveLength(1);
    expect(await contactsOf()).toEqual([{ kind: 'wechat', value: 'dgz7777' }]);
    const dropped = await t.db.query(
      `SELECT c.value, d.reason FROM listing_contacts_dropped d JOIN contacts c ON c.id = d.contact_id JOIN listings l ON l.id = d.listing_id WHERE l.url LIKE $1`,
      [`${url}%`],
    );
    expect(dropped.rows).toEqual([{ value: '13812347777', reason: 'edited' }]);
  });

  it("reads the QQ number of a 'QQ交谈' button and the phone of a tel: link, which the post's text never shows", async () => {
    const url = 'http://127.0.0.2:9/thread-30-1-1.html';
    const offer = '低压电工证 焊工证 不用考试 包过 全国联网可查 点击下方按钮咨询';
    const buttons =
      '<a href="http://wpa.qq.com/msgrd?v=3&amp;uin=3051234567&amp;site=qq&amp;menu=yes"><img src="/static/qq.gif" alt="QQ交谈"></a> <a href="tel:+86-139-0000-1111">拨打电话</a> <a href="https://u.wechat.com/EJzTk7oXbXrGhKZxq0wL1bE">加我微信</a>';
    const { outcome } = await fetchAndAnalyze(page(url, `<html><body>${floor(1, '证书代办老李', `${offer} ${buttons}`)}</body></html>`));
    expect(outcome.flagged).toBe(1);
    const rows = await t.db.query<{ kind: string; value: string; origin: string }>(
      `SELECT c.kind, c.value, lc.origin FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id JOIN listings l ON l.id = lc.listing_id WHERE l.url LIKE '%thread-30-%' AND c.kind <> 'handle' ORDER BY c.kind`,
    );
    // The WeChat card's token keeps its case: lowered, it would no longer open the card.
    expect(rows.rows).toEqual([
      { kind: 'phone', value: '13900001111', origin: 'link' },
      { kind: 'qq', value: '3051234567', origin: 'link' },
      { kind: 'wechat', value: 'qr:EJzTk7oXbXrGhKZxq0wL1bE', origin: 'link' },
    ]);
  });

  it("leaves out a QQ button that every floor shows (the forum's own ad slot): it would glue every poster into one seller", async () => {
    const url = 'http://127.0.0.2:9/thread-31-1-1.html';
    const slot = '<div class="a_pt"><a href="http://wpa.qq.com/msgrd?v=3&amp;uin=800012345&amp;site=qq&amp;menu=yes">论坛广告位 在线咨询</a></div>';
    const floors = [
      floor(1, '证书代办老李', `${slot}焊工证 不用考试 包过 全国可查 <a href="tencent://message/?uin=3059876543">QQ交谈</a>`),
      floor(2, '路人甲', `${slot}这种都是骗子吧`),
      floor(3, '路人乙', `${slot}正规考证去应急管理局`),
      floor(4, '证书代办老王', `${slot}电工证 免考 直接拿证 全国联网可查 电话 13700001111`),
    ];
    await fetchAndAnalyze(page(url, `<html><body>${floors.join('')}</body></html>`));
    const rows = await t.db.query<{ author: string; kind: string; value: string }>(
      `SELECT l.author_handle AS author, c.kind, c.value FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id JOIN listings l ON l.id = lc.listing_id
       WHERE l.url LIKE '%thread-31-%' AND c.kind IN ('qq', 'phone') ORDER BY l.position, c.kind`,
    );
    expect(rows.rows).toEqual([
      { author: '证书代办老李', kind: 'qq', value: '3059876543' },
      { author: '证书代办老王', kind: 'phone', value: '13700001111' },
    ]);
  });

  it('tells placeholder names from accounts', () => {
    for (const h of ['匿名用户', '游客', '游客123', '百度网友7f3e2a', '楼主', 'Guest', 'guest_42', 'anonymous', '112.80.*.*', '61.135.x.x', '已注销用户', 'user12345']) {
      expect(isGenericHandle(h), h).toBe(true);
    }
    for (const h of ['证书代办小王', 'dgz_wang888', 'userwang', '电工证代办']) expect(isGenericHandle(h), h).toBe(false);
  });

  it('reads the posts the crawler stored, never the body: one classify per post, and stores the text that was scored', async () => {
    const url = 'http://127.0.0.2:9/thread-3-1-1.html';
    const p = page(url, `<html><body>${floor(1, '证书代办老李', SELLER.replace('dgz8888', 'lz3333'))}${floor(2, '路人乙', '电工证 QQ 2307958666 私聊')}</body></html>`);
    const { contentSha, bodySha } = storeSnapshot(env.blobs, p);
    const snapshot = JSON.parse((await env.blobs.get(contentSha)).toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(snapshot)).not.toContain('html');
    expect(JSON.stringify(snapshot)).not.toContain(bodySha);
    // Without the raw body on disk there is nothing to decode or parse: the posts must come from the snapshot.
    await env.blobs.remove(bodySha);
    const scored = new Map<string, string>();
    const counting: AnalyzeTools = {
      classify: (input) => {
        const c = env.tools.classify(input);
        scored.set(input.id, c.foldedText);
        return c;
      },
      decodeQr: (png) => env.tools.decodeQr(png),
    };
    const r = await recordPageFetch(t.db, { sourceId: 'forum', url, finalUrl: url, status: 200, contentType: p.contentType, charset: p.charset, render: p.render, bodySha, contentSha, fetchedAt: p.fetchedAt });
    const outcome = await analyzePage({ ...env, tools: counting }, { pageId: r.pageId, sha256: contentSha });
    expect(outcome).toMatchObject({ result: 'analyzed', posts: 2, stored: 2 });
    expect([...scored.keys()]).toEqual(p.posts.map((post) => post.url));
    const rows = await t.db.query<{ url: string; normalized_body: string }>(`SELECT url, normalized_body FROM listings WHERE page_id = $1 ORDER BY position`, [r.pageId]);
    expect(rows.rows.map((row) => [row.url, row.normalized_body])).toEqual(p.posts.map((post) => [post.url, scored.get(post.url)]));
    expect(rows.rows[0]!.normalized_body).toContain('lz3333');
  });

  it('leaves the listings of a page that defeated the extractor as they were, and says why', async () => {
    const url = 'http://127.0.0.2:9/thread-4-1-1.html';
    await fetchAndAnalyze(page(url, `<html><body>${floor(1, '证书代办', SELLER.replace('dgz8888', 'ex4444'))}</body></html>`));
    const unread: FetchedPage = { ...page(url, '<html><body>changed</body></html>'), posts: [], extractError: `extracting ${url}: boom` };
    const { outcome } = await fetchAndAnalyze(unread);
    expect(outcome).toMatchObject({ result: 'unreadable', reason: `extracting ${url}: boom`, vanished: 0 });
    const rows = await t.db.query<{ gone: boolean }>(`SELECT gone_at IS NOT NULL AS gone FROM listings WHERE page_id = (SELECT id FROM pages WHERE url = $1)`, [url]);
    expect(rows.rows).toEqual([{ gone: false }]);
  });

  it('keeps the listings of a page that answers 200 with no post at all (a script page whose data did not load), alone or in a batch', async () => {
    const empty = '<html><body><div class="error">请求过于频繁，请稍后再试</div></body></html>';
    const liveOf = async (url: string) =>
      (await t.db.query<{ gone: boolean }>(`SELECT gone_at IS NOT NULL AS gone FROM listings WHERE page_id = (SELECT id FROM pages WHERE url = $1)`, [url])).rows;
    const analysedOf = async (url: string) => (await t.db.query<{ a: string | null; c: string }>(`SELECT analyzed_sha256 AS a, content_sha256 AS c FROM pages WHERE url = $1`, [url])).rows[0]!;

    const alone = 'http://127.0.0.2:9/thread-5-1-1.html';
    await fetchAndAnalyze(page(alone, `<html><body>${floor(1, '证书代办', SELLER.replace('dgz8888', 'em5555'))}</body></html>`));
    const { outcome } = await fetchAndAnalyze(page(alone, empty));
    expect(outcome).toMatchObject({ result: 'analyzed', posts: 0, vanished: 0 });
    expect(await liveOf(alone)).toEqual([{ gone: false }]);
    const a = await analysedOf(alone);
    expect(a.a).toBe(a.c);

    // The batch path: the page's vanish input says so, and the one statement for the batch keeps them.
    const batched = 'http://127.0.0.2:9/thread-6-1-1.html';
    await fetchAndAnalyze(page(batched, `<html><body>${floor(1, '证书代办', SELLER.replace('dgz8888', 'em6666'))}</body></html>`));
    const p = page(batched, empty);
    const { contentSha, bodySha } = storeSnapshot(env.blobs, p);
    const r = await recordPageFetch(t.db, { sourceId: 'forum', url: p.url, finalUrl: p.finalUrl, status: p.status, contentType: p.contentType, charset: p.charset, render: p.render, bodySha, contentSha, fetchedAt: p.fetchedAt });
    const deferred = await analyzePage(env, { pageId: r.pageId, sha256: contentSha }, { deferVanish: true });
    expect(deferred.vanish?.keepAll).toBe(true);
    const went = await markVanishedMany(t.db, [deferred.vanish!]);
    expect(went.get(r.pageId)).toEqual([]);
    expect(await liveOf(batched)).toEqual([{ gone: false }]);

    // Posts that do show, without the old one, still mark it gone.
    const later = await fetchAndAnalyze(page(alone, `<html><body>${floor(2, '路人', '今天天气不错')}</body></html>`));
    expect(later.outcome.vanished).toBe(1);
    expect(await liveOf(alone)).toEqual([{ gone: true }]);
  });

  it('survives hostile pages: script payloads, control bytes, huge bodies, bogus JSON and broken HTML', async () => {
    const xss = `<script>window.__x=1</script>`.replace(/</g, '&lt;');
    const hostile = [
      `<html><body>${floor(1, '<b>x</b>', `${xss} ${SELLER.replace('13812345678', '13912345678')} =HYPERLINK("http://evil")`)}</body></html>`,
      `<html><body>${floor(1, 'a\u0000b', 'x'.repeat(400_000) + ' 电工证 包过 微信 huge999')}</body></html>`,
      `<div class="floor"><div class="msg"><table><td>不闭合 <div><span>电工证 不用考试 13700001111`,
      '\u0000\u0001\u0002\uFFFD'.repeat(1000),
    ];
    for (const [i, html] of hostile.entries()) {
      const r = await fetchAndAnalyze(page(`http://127.0.0.2:9/thread-h${i}-1-1.html`, html));
      expect(['analyzed', 'skipped']).toContain(r.outcome.result);
    }
    const json = fetchedPage('forum', 'http://127.0.0.2:9/api/thread?tid=1', '{"posts": [{"content": 5}, null, "x"], "error": {"a": [[[[]]]]}}', { contentType: 'application/json' });
    const r = await fetchAndAnalyze(json);
    expect(['analyzed', 'skipped']).toContain(r.outcome.result);
    const stored = await t.db.query<{ body: string }>(`SELECT body FROM listings WHERE url LIKE '%thread-h0%'`);
    expect(stored.rows[0]?.body).toContain('<script>');
    const big = await t.db.query<{ n: number }>(`SELECT max(length(body))::int AS n FROM listings`);
    expect(big.rows[0]!.n).toBeLessThanOrEqual(50_000);
  });
});

// The analyze stage's part in fake verification sites, on real Postgres: a flagged post's cited
// sites (text address, QR code URL) are recorded and asked for a visit, official hosts never; a page
// recognised as a clone becomes its host's verification-site entity, owed a capture, not a post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseSources } from '../../crawlers/sources/load.js';
import { parseHtml } from '../../crawlers/extract/index.js';
import { readQueryPage } from '../../crawlers/extract/query-page.js';
import { fetchedPage } from '../crawlers/helpers/fetched-page.js';
import { BlobStore } from '../../pipeline/storage/blob-store.js';
import { storeSnapshot } from '../../pipeline/ingest/page-snapshot.js';
import { recordPageFetch } from '../../pipeline/storage/pages.js';
import { upsertSources } from '../../pipeline/storage/sources.js';
import { analyzePage, type AnalyzeEnv } from '../../pipeline/ingest/analyze-page.js';
import { loadAnalyzeTools } from '../../pipeline/ingest/analyze-tools.js';
import { ContactFilter } from '../../pipeline/ingest/contact-filter.js';
import { OfficialHosts } from '../../pipeline/verification/official-hosts.js';
import { qrPng } from '../../sandbox/images/qr-png.js';
import { tempDir, testDatabase, type TestDatabase } from '../support/services.js';

const sources = parseSources([
  { id: 'forum', name: 'Forum', platform: 'discuz', seeds: ['http://127.0.0.2:9/forum.php'], selectors: { post: 'div.floor', author: '.author', body: '.msg' } },
  { id: 'cited-sites', name: 'cited', platform: 'website', enabled: false, seeds: ['http://127.0.0.60:9/'] },
]);
const AD = '低压电工证 焊工证 不用考试 包过 直接拿证 官网可查 cx.mem.gov.cn 查询网址：http://127.0.0.60:9/ 加微信 dgz8888 电话 13812345678';
const CLONE = `<html><head><title>特种作业操作证及安全生产知识和管理能力考核合格信息查询</title></head><body><div class="header">中华人民共和国应急管理部</div>
<form action="/query"><label for="no">证件号码</label><input id="no" name="no"><label for="nm">姓名</label><input id="nm" name="name"><input type="submit" value="查询"></form></body></html>`;

describe('analyze: cited sites and clone pages (Postgres)', () => {
  let t: TestDatabase;
  let env: AnalyzeEnv;
  const dir = tempDir();
  beforeAll(async () => {
    t = await testDatabase('postgres');
    await upsertSources(t.db, sources);
    env = {
      db: t.db, blobs: new BlobStore(join(dir.path, 'blobs')), tools: await loadAnalyzeTools(), sources: new Map(sources.map((s) => [s.id, s])),
      filter: new ContactFilter(sources.slice(0, 1)), verification: { official: new OfficialHosts() },
    };
  });
  afterAll(async () => {
    await t?.drop();
    dir.remove();
  });

  async function analyze(sourceId: string, page: ReturnType<typeof fetchedPage> & { images?: Record<string, Buffer> }) {
    const { contentSha, bodySha } = storeSnapshot(env.blobs, page);
    const r = await recordPageFetch(t.db, { sourceId, url: page.url, finalUrl: page.finalUrl, status: 200, contentType: page.contentType, charset: 'utf-8', render: 'http', bodySha, contentSha, fetchedAt: page.fetchedAt });
    return analyzePage(env, { pageId: r.pageId, sha256: contentSha });
  }

  it('records what a flagged post cites, in text and in a QR code, and asks to visit those sites but never the official one', async () => {
    const url = 'http://127.0.0.2:9/thread-5-1-1.html';
    const img = 'http://127.0.0.2:9/img/qr/5.png';
    const page = fetchedPage('forum', url, `<html><body><div class="floor" id="post_1"><a class="author" href="/u/1">证书代办</a><div class="msg">${AD}<img src="${img}"></div></div></body></html>`, { selectors: sources[0]!.selectors });
    const outcome = await analyze('forum', { ...page, images: { [img]: await qrPng('http://127.0.0.63:9/v?no=T110101199001011234') } });
    expect(outcome.flagged).toBe(1);
    expect(outcome.follow?.map((f) => [f.host, f.urls]).sort()).toEqual([
      ['127.0.0.60:9', ['http://127.0.0.60:9/']],
      ['127.0.0.63:9', ['http://127.0.0.63:9/v?no=T110101199001011234']],
    ]);
    const cites = await t.db.query<{ host: string; via: string }>(`SELECT host, via FROM site_citations ORDER BY host`);
    expect(cites.rows).toEqual([{ host: '127.0.0.60:9', via: 'text' }, { host: '127.0.0.63:9', via: 'qr' }]);
  });

  it('turns a clone page into its host\'s verification-site entity with no listing contacts, owed a capture once per version', async () => {
    const url = 'http://127.0.0.60:9/';
    const page = fetchedPage('cited-sites', url, CLONE);
    const withSignals = { ...page, queryPage: readQueryPage(parseHtml(CLONE), url) };
    const first = await analyze('cited-sites', withSignals);
    expect(first.verificationSite).toMatchObject({ host: '127.0.0.60:9', created: true });
    expect(first.captureTargets).toHaveLength(1);
    const siteId = first.verificationSite!.sellerId;
    const rows = await t.db.query<{ kind: string; platform: string; flagged: boolean; contacts: number }>(
      `SELECT s.kind, l.platform, l.flagged, (SELECT count(*)::int FROM listing_contacts lc WHERE lc.listing_id = l.id) AS contacts
       FROM listings l JOIN sellers s ON s.id = l.seller_id WHERE l.url = $1`,
      [url],
    );
    expect(rows.rows).toEqual([{ kind: 'verification-site', platform: 'verification-site', flagged: true, contacts: 0 }]);
    const again = await analyze('cited-sites', { ...withSignals, fetchedAt: new Date() });
    expect(again.verificationSite).toEqual({ host: '127.0.0.60:9', sellerId: siteId, created: false });
    expect(again.captureTargets).toEqual([]);
    // The same page on an official host is never a clone: it is read as an ordinary page.
    const official = 'http://cx.mem.gov.cn/';
    const genuine = await analyze('cited-sites', { ...fetchedPage('cited-sites', official, CLONE), queryPage: readQueryPage(parseHtml(CLONE), official) });
    expect(genuine.verificationSite).toBeUndefined();
  });
});

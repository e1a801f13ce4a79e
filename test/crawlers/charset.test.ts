// Charset decoding on raw bytes: GBK, Big5, meta-only declarations, and servers
// whose header and <meta> disagree with the bytes; also end to end through a crawl.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../crawlers/fetch/charset.js';
import { runCrawl } from '../../crawlers/run-crawl.js';
import { collector, connectRedis, deletePrefix, source, TEST_UA } from './helpers/crawl-harness.js';
import { startFixtureServer, type FixtureServer } from './helpers/fixture-server.js';

const TEXT_SC = '出售电工证焊工证，不用考试，包过，联系微信同号，价格优惠，全国通用可查询。这是一个测试帖子的正文内容。';
const TEXT_TC = '出售電工證焊工證，不用考試，包過，聯繫微信同號，價格優惠，全國通用可查詢。這是一個測試帖子的正文內容。';

function page(text: string, meta = ''): string {
  return `<!doctype html><html><head>${meta}<title>帖子</title></head><body><div class="content">${text}</div></body></html>`;
}

describe('decodeBody', () => {
  it('reads a GBK page served with a utf-8 header (the header lies)', () => {
    const bytes = iconv.encode(page(TEXT_SC, '<meta charset="gbk">'), 'gbk');
    const d = decodeBody(bytes, 'text/html; charset=utf-8');
    expect(d.charset).toBe('gb18030');
    expect(d.text).toContain(TEXT_SC);
  });

  it('reads a GBK page that declares nothing at all', () => {
    const d = decodeBody(iconv.encode(page(TEXT_SC), 'gbk'), 'text/html');
    expect(d.charset).toBe('gb18030');
    expect(d.text).toContain(TEXT_SC);
  });

  it('reads Big5 from the header, and Big5 declared only in <meta>', () => {
    const bytes = iconv.encode(page(TEXT_TC, '<meta http-equiv="Content-Type" content="text/html; charset=big5">'), 'big5');
    expect(decodeBody(bytes, 'text/html; charset=big5').text).toContain(TEXT_TC);
    const metaOnly = decodeBody(bytes, 'text/html');
    expect(metaOnly.charset).toBe('big5');
    expect(metaOnly.via).toBe('meta');
    expect(metaOnly.text).toContain(TEXT_TC);
  });

  it('tells Big5 from GBK when the header wrongly says gbk', () => {
    const bytes = iconv.encode(page(TEXT_TC), 'big5');
    const d = decodeBody(bytes, 'text/html; charset=gbk');
    expect(d.charset).toBe('big5');
    expect(d.text).toContain(TEXT_TC);
  });

  it('keeps UTF-8 when <meta> claims gb2312 but the bytes are UTF-8', () => {
    const d = decodeBody(Buffer.from(page(TEXT_SC, '<meta charset="gb2312">')), null);
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain(TEXT_SC);
  });

  it('reads GB18030 four-byte characters and strips a UTF-8 BOM', () => {
    const rare = '𠮷野家 电工证';
    expect(decodeBody(iconv.encode(page(rare + TEXT_SC, '<meta charset="gb18030">'), 'gb18030'), 'text/html').text).toContain(rare);
    const bom = decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page(TEXT_SC))]), 'text/html; charset=gbk');
    expect(bom.via).toBe('bom');
    expect(bom.text.startsWith('<!doctype')).toBe(true);
  });

  it('survives garbage bytes and unknown charset names', () => {
    const junk = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    expect(() => decodeBody(junk, 'text/html; charset=x-klingon')).not.toThrow();
    expect(typeof decodeBody(Buffer.alloc(0), null).text).toBe('string');
  });
});

describe('charset through a crawl', () => {
  let server: FixtureServer;
  const redis = connectRedis();
  const prefix = `test:crawl-charset:${process.pid}`;
  const gbkThread = iconv.encode(page(TEXT_SC, '<meta charset="gbk">'), 'gbk');
  const big5Thread = iconv.encode(page(TEXT_TC, '<meta charset="big5">'), 'big5');

  beforeAll(async () => {
    server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      '/': { body: '<html><body><a href="/gbk">gbk</a> <a href="/big5">big5</a></body></html>' },
      '/gbk': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: gbkThread },
      '/big5': { headers: { 'content-type': 'text/html' }, body: big5Thread },
    });
  });
  afterAll(async () => {
    await server.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('hands onPage the raw bytes untouched and correctly decoded text and posts', async () => {
    const c = collector();
    const stats = await runCrawl({ source: source({ seeds: [`${server.origin}/`] }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: c.onPage });
    expect(stats.pagesFetched).toBe(3);
    const gbk = c.byPath('/gbk')!;
    expect(gbk.charset).toBe('gb18030');
    expect(Buffer.compare(gbk.body, gbkThread)).toBe(0);
    expect(gbk.html).toContain(TEXT_SC);
    expect(gbk.posts?.[0]?.body).toContain('出售电工证焊工证');
    const big5 = c.byPath('/big5')!;
    expect(big5.charset).toBe('big5');
    expect(Buffer.compare(big5.body, big5Thread)).toBe(0);
    expect(big5.posts?.[0]?.body).toContain('出售電工證焊工證');
  });
});

// A `render: browser` crawl with Debian's real Chromium: a thread whose floors are
// rendered by inline JS from a JSON endpoint, robots enforced on the page's own XHRs too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrawl } from '../../crawlers/run-crawl.js';
import type { CrawlStats } from '../../crawlers/crawl-stats.js';
import { collector, connectRedis, deletePrefix, source, TEST_UA } from './helpers/crawl-harness.js';
import { startFixtureServer, type FixtureServer } from './helpers/fixture-server.js';

const redis = connectRedis();
const prefix = `test:crawl-browser:${process.pid}`;
let server: FixtureServer;
const c = collector();
let stats: CrawlStats;

const shell = (tid: number) => `<!doctype html><html><head><meta charset="utf-8"><title>thread ${tid}</title></head><body>
<div id="j_p_postlist"></div>
<script>
fetch('/api/thread?tid=${tid}').then(r => r.json()).then(data => {
  const list = document.getElementById('j_p_postlist');
  for (const p of data.posts) {
    const el = document.createElement('div');
    el.className = 'l_post';
    el.innerHTML = '<a class="p_author_name"></a><div class="d_post_content"></div><span class="tail-info"></span>';
    el.querySelector('.p_author_name').textContent = p.author;
    el.querySelector('.d_post_content').textContent = p.content;
    el.querySelector('.tail-info').textContent = p.time;
    list.appendChild(el);
  }
  fetch('/private/track').catch(() => {});
});
</script></body></html>`;

beforeAll(async () => {
  server = await startFixtureServer({
    '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private/\n' },
    '/f': { body: '<html><body><ul><li class="j_thread_list"><a class="j_th_tit" href="/p/1">电工证</a></li></ul></body></html>' },
    '/p/1': { body: shell(1) },
    '/api/thread': {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        posts: [
          { author: '楼主甲', content: '电工证能代办吗？', time: '2026-11-08 09:00' },
          { author: '办证乙', content: '可以代办，不用考试，加微 dg-88 <b>不会执行</b>', time: '2026-11-08 09:30' },
        ],
      }),
    },
    '/private/track': { body: 'tracked' },
  });
  stats = await runCrawl({
    source: source({
      seeds: [`${server.origin}/f?kw=x`],
      render: 'browser',
      rate: 20,
      selectors: { post: 'div.l_post', author: 'a.p_author_name', body: 'div.d_post_content', time: 'span.tail-info', listPages: ['*/f?*'] },
    }),
    redis,
    keyPrefix: prefix,
    userAgent: TEST_UA,
    onPage: c.onPage,
  });
}, 90_000);

afterAll(async () => {
  await server.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('browser crawl', () => {
  it('renders the JS-loaded thread and extracts its floors', () => {
    const thread = c.byPath('/p/1')!;
    expect(thread.render).toBe('browser');
    expect(thread.status).toBe(200);
    // The raw response body is the empty shell; the html is the rendered DOM.
    expect(thread.body.toString()).not.toContain('楼主甲');
    expect(thread.html).toContain('楼主甲');
    expect(thread.posts!.map((p) => [p.authorHandle, p.postedAt, p.position])).toEqual([
      ['楼主甲', '2026-11-08 09:00', 0],
      ['办证乙', '2026-11-08 09:30', 1],
    ]);
    expect(thread.posts![1]!.body).toContain('加微 dg-88 <b>不会执行</b>');
    expect(c.byPath('/f?kw=x')!.posts).toEqual([]);
    expect(stats.pagesFetched).toBe(2);
  });

  it('sends its User-Agent and keeps the page XHRs inside robots.txt', () => {
    expect(server.hits('/api/thread?tid=1')).toBe(1);
    expect(server.hits('/private/track')).toBe(0);
    expect(stats.skippedRobots).toBeGreaterThanOrEqual(1);
    expect(server.log.filter((e) => e.path !== '/robots.txt').every((e) => e.ua === TEST_UA)).toBe(true);
  });
});

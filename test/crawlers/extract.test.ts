// The post extractor on forum floors, Q&A answers, ad details, JSON threads and
// list pages — generic and with selectors — and on hostile pages it must survive.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExtractError, extractPosts } from '../../crawlers/extract/index.js';
import type { PageContent } from '../../crawlers/types.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function page(html: string, url = 'http://bbs.test/thread-1-1-1.html', extra: Partial<PageContent> = {}): PageContent {
  return { url, finalUrl: url, status: 200, contentType: 'text/html; charset=utf-8', html, ...extra };
}

describe('generic extraction (no selectors)', () => {
  it('reads every floor of a Discuz thread with author, time, body, images and links', () => {
    const posts = extractPosts(page(fixture('discuz-thread.html')));
    expect(posts).toHaveLength(3);
    const [first, second, third] = posts;
    expect(first).toMatchObject({
      url: 'http://bbs.test/thread-1-1-1.html#post_101',
      authorHandle: '证书小王',
      authorUrl: 'http://bbs.test/home.php?mod=space&uid=7',
      postedAt: '2026-11-02 09:15',
      position: 0,
      title: '出电工证 不用考试 - 本地论坛',
    });
    expect(first!.body).toContain('出售电工证、焊工证，不用考试');
    expect(first!.body).toContain('138-1234-5678');
    // Anti-copy junk and scripts never reach the text.
    expect(first!.body).not.toMatch(/abc|hidden junk|discuz_uid/);
    expect(first!.images).toEqual(['http://bbs.test/data/attachment/qr101.png']);
    expect(first!.links).toContain('http://seller.example/contact');
    expect(second).toMatchObject({ authorHandle: '路人甲', position: 1 });
    expect(second!.body).toBe('这种都是骗子吧，正规考证去应急管理局。');
    expect(third).toMatchObject({ authorHandle: '证书代办', postedAt: '2026-11-03 08:01', position: 2 });
    expect(third!.body).toContain('zheng-shu88');
  });

  it("reads a reply without the post it quotes: the quoted seller's offer and phone stay the seller's", () => {
    const floor = (n: number, author: string, inner: string) =>
      `<div id="post_${n}" class="post"><div class="authi"><a href="home.php?mod=space&uid=${n}">${author}</a></div><td class="t_f" id="postmessage_${n}">${inner}</td></div>`;
    const ad = '出售电工证 焊工证 不用考试 包过 电话 13812345678';
    const html = `<html><body><div id="postlist">
${floor(1, '证书小王', ad)}
${floor(2, '路人甲', `<div class="quote"><blockquote><font color="#999999">证书小王 发表于 2026-11-02 09:15</font><br>${ad}</blockquote></div>这是骗子，大家别信，正规考证去应急管理局。`)}
${floor(3, '路人乙', `<blockquote>${ad}</blockquote>顶`)}
${floor(4, '老张', '<blockquote>特种作业人员必须经专门的安全技术培训并考核合格</blockquote>法规写得很清楚，不考试拿的证都是假的。')}
</div></body></html>`;
    const posts = extractPosts(page(html));
    expect(posts.map((p) => p.authorHandle)).toEqual(['证书小王', '路人甲', '老张']);
    expect(posts[0]!.body).toContain('13812345678');
    expect(posts[1]!.body).toBe('这是骗子，大家别信，正规考证去应急管理局。');
    // A reply of one character besides its quote has nothing of its own to read.
    expect(posts.some((p) => p.body.includes('顶'))).toBe(false);
    expect(posts[2]!.body).toBe('法规写得很清楚，不考试拿的证都是假的。');
    // The page itself is left whole: the first floor is read from it after the others.
    expect(extractPosts(page(html))[1]!.body).not.toContain('138');
  });

  it('reads the question and each answer of a Q&A page', () => {
    const posts = extractPosts(page(fixture('qa-question.html'), 'http://qa.test/question/9.html'));
    expect(posts.map((p) => p.position)).toEqual([0, 1, 2]);
    expect(posts[0]!.body).toContain('想考个低压电工证');
    expect(posts[0]!.title).toBe('电工证怎么考？需要多久？');
    expect(posts[2]).toMatchObject({ url: 'http://qa.test/question/9.html#answer-2', authorHandle: '快速拿证', postedAt: '2026-11-04 13:20' });
    expect(posts[2]!.body).toContain('微信 kz8899');
    expect(posts[2]!.images).toEqual(['http://qa.test/img/qr/2.png']);
  });

  it('reads the ad on a detail page as one post without header/footer navigation', () => {
    const posts = extractPosts(page(fixture('ad-detail.html'), 'http://ads.test/zhengshu/123x.shtml'));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ url: 'http://ads.test/zhengshu/123x.shtml', position: 0, title: '代办特种作业操作证 焊工证 电工证', authorHandle: '李经理' });
    expect(posts[0]!.body).toContain('本公司长期代办各类特种作业操作证');
    expect(posts[0]!.body).not.toContain('关于我们');
    expect(posts[0]!.images).toContain('http://ads.test/img/qr/123.png');
  });

  it('yields nothing on a list page', () => {
    expect(extractPosts(page(fixture('list-page.html'), 'http://ads.test/zhengshu/'))).toEqual([]);
  });

  it('reads JSON thread content (a JS forum API) with HTML bodies', () => {
    const json = JSON.stringify({
      error: 0,
      thread: { id: 5, title: '焊工证哪里考' },
      posts: [
        { id: 51, floor: 1, author: { name: '楼主', uid: 1 }, time: '2026-11-06 10:00', content: '焊工证哪里考？<br>求推荐' },
        { id: 52, floor: 2, author: { name: '办证王', uid: 2 }, time: '2026-11-06 11:00', content: '包过 加V：hg&amp;8899 <img class="BDE_Image" src="/img/x.png">' },
      ],
    });
    const posts = extractPosts(page(json, 'http://tb.test/api/thread?tid=5', { contentType: 'application/json' }));
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({ url: 'http://tb.test/api/thread?tid=5#post-51', authorHandle: '楼主', title: '焊工证哪里考', position: 0, postedAt: '2026-11-06 10:00' });
    expect(posts[0]!.body).toBe('焊工证哪里考？\n求推荐');
    expect(posts[1]!.body).toContain('加V：hg&8899');
    expect(posts[1]!.position).toBe(1);
  });

  it('adds revealed text to the main post and revealed JSON threads as posts', () => {
    const phone = JSON.stringify({ id: 123, phone: '13812345678', image: '/img/phone/123.png' });
    const withPhone = extractPosts(page(fixture('ad-detail.html'), 'http://ads.test/zhengshu/123x.shtml', { extras: { phone } }));
    expect(withPhone[0]!.body).toContain('phone: 13812345678');
    expect(withPhone[0]!.body).not.toContain('123\n');
    expect(withPhone[0]!.images).toContain('http://ads.test/img/phone/123.png');
    const shell = '<html><body><div id="j_p_postlist"></div></body></html>';
    const thread = JSON.stringify({ posts: [{ id: 1, floor: 1, author: { name: 'a' }, content: '出售电工证' }, { id: 2, floor: 2, author: { name: 'b' }, content: '顶' }] });
    const posts = extractPosts(page(shell, 'http://tb.test/p/5', { extras: { thread } }));
    expect(posts.map((p) => p.body)).toEqual(['出售电工证', '顶']);
  });
});

describe('per-site selectors', () => {
  it('use the given containers and fields, and mark list pages by URL', () => {
    const html = `<html><body><section class="x"><i class="who">甲</i><b class="when">2026年11月7日 8:05</b><p class="txt">正文一 出证</p></section>
      <section class="x"><i class="who">乙</i><b class="when">2026-11-07</b><p class="txt">正文二</p></section></body></html>`;
    const selectors = { post: 'section.x', author: 'i.who', time: 'b.when', body: 'p.txt' };
    const posts = extractPosts(page(html, 'http://s.test/t/1'), selectors);
    expect(posts.map((p) => [p.authorHandle, p.postedAt, p.body])).toEqual([
      ['甲', '2026-11-07 08:05', '正文一 出证'],
      ['乙', '2026-11-07', '正文二'],
    ]);
    expect(extractPosts(page(html, 'http://s.test/list/1'), { ...selectors, listPages: ['*/list/*'] })).toEqual([]);
  });

  it('a broken selector does not throw', () => {
    expect(() => extractPosts(page(fixture('discuz-thread.html')), { post: 'div[[[', body: ':::' })).not.toThrow();
  });
});

describe('hostile pages', () => {
  it('never executes or keeps script, and keeps injection text only as text', () => {
    const html = `<html><body><div class="post" id="post_1"><div class="content">&lt;script&gt;window.__x=1&lt;/script&gt; 出证
      <script>globalThis.__pwned = true</script><img src=x onerror="globalThis.__pwned=true"><a href="javascript:globalThis.__pwned=true">点我</a></div></div>
      <div class="post" id="post_2"><div class="content">第二楼的内容</div></div></body></html>`;
    const posts = extractPosts(page(html));
    expect((globalThis as { __pwned?: boolean }).__pwned).toBeUndefined();
    expect(posts[0]!.body).toContain('<script>window.__x=1</script> 出证');
    expect(posts[0]!.body).not.toContain('__pwned');
    expect(posts[0]!.links).toEqual([]);
  });

  it('survives broken markup, deep nesting, huge pages, binary junk and empty input', () => {
    const broken = '<html><body><div class="post"><table><td>未闭合的帖子内容 出售电工证</div></td></tr><div class="post"><p>第二楼';
    expect(extractPosts(page(broken)).length).toBeGreaterThan(0);
    const deep = `<html><body>${'<div>'.repeat(100_000)}深层文本内容在这里${'</div>'.repeat(100_000)}</body></html>`;
    // Refused before parsing (parsers go quadratic on this): a typed error the crawler counts.
    expect(() => extractPosts(page(deep))).toThrow(ExtractError);
    const huge = `<html><body>${'<div class="post"><div class="content">重复楼层内容 电工证</div></div>'.repeat(20_000)}</body></html>`;
    const t0 = performance.now();
    const many = extractPosts(page(huge));
    expect(many.length).toBeLessThanOrEqual(500);
    expect(performance.now() - t0).toBeLessThan(20_000);
    const junk = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 256)).toString('latin1');
    expect(() => extractPosts(page(junk))).not.toThrow();
    expect(extractPosts(page(''))).toEqual([]);
    expect(extractPosts(page('{"posts": [', 'http://x/api', { contentType: 'application/json' }))).toEqual([]);
    expect(extractPosts(page('<html><body>not found</body></html>', 'http://x/gone', { status: 404 }))).toEqual([]);
  });
});

// News and government pages about the crackdown (hard negatives), plus the web's usual
// hazards: a redirect chain, an infinite calendar, a page over 5 MB, slow articles, binaries.
import { escapeHtml, html, notFound, type Reply, redirect } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import { itemId, itemPath, PER_PAGE } from '../layout.js';
import { hashString } from '../random.js';
import type { World } from '../world.js';
import { binaryFile } from './binary-files.js';
import { lookupItem, pageCount, pagerLinks, textHtml } from './common.js';

const ROBOTS = 'User-agent: *\nDisallow: /search/\nDisallow: /admin/\n';
const FILES = ['tongzhi-2026-15.pdf', 'zhuanxiang-zhengzhi.pdf', 'kaoshi-jihua.zip'] as const;
export const BIG_PAGE_BYTES = 5_500_000;

function page(title: string, body: string, canonical?: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)} - 安全生产资讯网</title>${canonical ? `<link rel="canonical" href="${canonical}">` : ''}</head>
<body><div class="top"><a href="/">首页</a> <a href="/calendar/2026-11.html">日历</a> <a href="/archive/all.html">全部归档</a></div>
${body}
</body></html>`;
}

function list(world: World, pageNo: number): Reply {
  const space = world.spaces.news;
  const pages = pageCount(space.total(null, world.day), PER_PAGE.newsList);
  if (pageNo > pages) return notFound();
  const rows = space.page(null, world.day, pageNo - 1, PER_PAGE.newsList).map((id) => {
    const found = lookupItem(world, 'news', id);
    return found.state === 'live' ? `<li><a class="news-title" href="${itemPath('news', id)}">${escapeHtml(found.doc.title)}</a> <span class="date">${found.doc.floors[0]!.time.slice(0, 10)}</span></li>` : '';
  }).join('\n');
  const files = FILES.map((f) => `<li><a href="/files/${f}">${f}</a></li>`).join('');
  const pager = pagerLinks(pageNo, pages, (p) => (p === 1 ? '/' : `/list/${p}.html`), '下一页', 'next');
  return html(page('要闻', `<ul class="news-list">\n${rows}\n</ul><div class="pager">${pager}</div><h3>文件下载</h3><ul class="files">${files}</ul>`));
}

function article(world: World, num: string): Reply {
  const found = lookupItem(world, 'news', itemId('news', num));
  if (found.state !== 'live') return notFound('文章不存在');
  const h = hashString(`slow:${found.id}`, world.seed);
  const doc = found.doc;
  const attachment = h % 4 === 0 ? `<p class="attach">附件：<a href="/files/${FILES[h % FILES.length]}">${FILES[h % FILES.length]}</a></p>` : '';
  const reply = html(page(doc.title, `<h1 class="article-title">${escapeHtml(doc.title)}</h1><div class="meta">${doc.floors[0]!.time} 来源：${escapeHtml(doc.floors[0]!.author)}</div>
<div class="article-body">${textHtml(doc.floors[0]!.text)}</div>${attachment}
<p class="print"><a href="${itemPath('news', found.id)}?print=1" rel="nofollow">打印本页</a></p>`, world.origin('news') + itemPath('news', found.id)));
  // Roughly one article in ten is slow (1–2.5 s), as overloaded government sites are.
  return h % 10 === 0 ? { ...reply, delayMs: 1000 + (h % 1500) } : reply;
}

function calendar(world: World, y: number, m: number, d: number | null): Reply {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || (d !== null && (d < 1 || d > 31))) return notFound();
  const ym = (yy: number, mm: number) => `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}`;
  const prev = m === 1 ? ym(y - 1, 12) : ym(y, m - 1);
  const next = m === 12 ? ym(y + 1, 1) : ym(y, m + 1);
  if (d === null) {
    const days = Array.from({ length: 28 }, (_, i) => `<a href="/calendar/${ym(y, m)}-${String(i + 1).padStart(2, '0')}.html">${i + 1}</a>`).join(' ');
    const nav = `${y > 1 ? `<a class="prev" href="/calendar/${prev}.html">上个月</a>` : ''} <a class="next" href="/calendar/${next}.html">下个月</a>`;
    return html(page(`${ym(y, m)} 日历`, `<h1>${ym(y, m)}</h1><div class="days">${days}</div><div class="cal-nav">${nav}</div>`));
  }
  const count = world.spaces.news.count(world.day);
  const h = hashString(`cal:${y}-${m}-${d}`, world.seed);
  const links = h % 3 === 0 ? '' : `<li><a class="news-title" href="${itemPath('news', (h % count) + 1)}">当日要闻</a></li>`;
  return html(page(`${ym(y, m)}-${d} 新闻`, `<h1>${ym(y, m)}-${String(d).padStart(2, '0')}</h1><ul>${links}</ul><a href="/calendar/${ym(y, m)}.html">返回月历</a>`));
}

function* bigPage(world: World): Iterable<string> {
  yield `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>全部归档 - 安全生产资讯网</title></head><body><h1>全部归档</h1><ul>\n`;
  let bytes = 200;
  const count = world.spaces.news.count(world.day);
  for (let i = 0; bytes < BIG_PAGE_BYTES; i++) {
    const id = (i % count) + 1;
    const line = `<li><a href="${itemPath('news', id)}">归档条目 ${i} · 安全生产专项整治工作动态（第${i}期）</a> 各地持续开展特种作业人员持证上岗检查，严厉打击伪造证件行为。</li>\n`;
    bytes += Buffer.byteLength(line);
    yield line;
  }
  yield '</ul></body></html>\n';
}

export function newsSite(world: World): SiteModule {
  return {
    robots: () => ROBOTS,
    handle(req) {
      const p = req.path;
      if (p === '/') return list(world, 1);
      let m = /^\/list\/(\d{1,6})\.html$/.exec(p);
      if (m && Number(m[1]) >= 1) return list(world, Number(m[1]));
      m = /^\/article\/(\d{1,12})\.html$/.exec(p);
      if (m) return article(world, m[1]!);
      m = /^\/a\/(\d{1,12})$/.exec(p);
      if (m) return redirect(`/article/${m[1]}`, 301);
      m = /^\/article\/(\d{1,12})$/.exec(p);
      if (m) return redirect(`/article/${m[1]}.html`, 301);
      m = /^\/calendar\/(\d{4})-(\d{2})(?:-(\d{2}))?\.html$/.exec(p);
      if (m) return calendar(world, Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null);
      if (p === '/archive/all.html') return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, chunks: () => bigPage(world) };
      return binaryFile(world.seed, p, FILES) ?? notFound('页面不存在');
    },
  };
}

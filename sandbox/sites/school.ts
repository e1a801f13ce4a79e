// Legitimate training schools' enrolment pages (hard negatives: "包过班", phone numbers,
// 官网可查), an old notice whose declared charset is wrong, broken HTML and binaries.
import iconv from 'iconv-lite';
import { escapeHtml, html, notFound, type Reply } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import { itemId, itemPath, PER_PAGE } from '../layout.js';
import { hashString } from '../random.js';
import type { World } from '../world.js';
import { binaryFile } from './binary-files.js';
import { lookupItem, pageCount, pagerLinks, textHtml } from './common.js';

const ROBOTS = 'User-agent: *\nDisallow: /admin/\n';
const FILES = ['baomingbiao.doc', 'zhaosheng-jianzhang.pdf', 'xiaoyuan.jpg'] as const;

function page(title: string, body: string, canonical?: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${canonical ? `<link rel="canonical" href="${canonical}">` : ''}</head>
<body><div class="nav"><a href="/">学校首页</a> <a href="/old/notice.html">旧版通知</a></div>
${body}
</body></html>`;
}

function home(world: World, pageNo: number): Reply {
  const space = world.spaces.school;
  const pages = pageCount(space.total(null, world.day), PER_PAGE.schoolList);
  if (pageNo > pages) return notFound();
  const rows = space.page(null, world.day, pageNo - 1, PER_PAGE.schoolList).map((id) => {
    const found = lookupItem(world, 'school', id);
    return found.state === 'live' ? `<li><a class="course-title" href="${itemPath('school', id)}">${escapeHtml(found.doc.title)}</a></li>` : '';
  }).join('\n');
  const files = FILES.map((f) => `<li><a href="/files/${f}">${f}</a></li>`).join('');
  const pager = pagerLinks(pageNo, pages, (p) => (p === 1 ? '/' : `/list/${p}.html`), '下一页', 'next');
  return html(page('特种作业培训 招生信息', `<h1>招生信息</h1><ul class="courses">\n${rows}\n</ul><div class="pager">${pager}</div><h3>资料下载</h3><ul>${files}</ul>`));
}

function course(world: World, num: string): Reply {
  const found = lookupItem(world, 'school', itemId('school', num));
  if (found.state !== 'live') return notFound('课程不存在');
  const doc = found.doc;
  const broken = hashString(`broken:${found.id}`, world.seed) % 5 === 0;
  // Hand-edited school pages: unclosed tags and stray closers a parser must survive.
  const body = broken
    ? `<div class="course"><h1 class="course-title">${escapeHtml(doc.title)}<div class="course-body"><p>${textHtml(doc.floors[0]!.text)}</td></tr><p>报名表下载：<a href="/files/baomingbiao.doc">baomingbiao.doc</a><table><tr><td>学费</td><td>详询</table></span>`
    : `<div class="course"><h1 class="course-title">${escapeHtml(doc.title)}</h1><div class="course-body"><p>${textHtml(doc.floors[0]!.text)}</p></div><p>报名表下载：<a href="/files/baomingbiao.doc">baomingbiao.doc</a></p></div>`;
  return html(page(doc.title, body, world.origin('school') + itemPath('school', found.id)));
}

/** Declares gb2312 in a meta tag (and no charset in the header) but the bytes are UTF-8. */
function wrongCharset(): Reply {
  const body = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>关于特种作业操作证复审培训的通知</title></head>
<body><h1>关于特种作业操作证复审培训的通知</h1><p>各位学员：持有电工证、焊工证的学员，请于到期前六十日内参加复审培训。复审培训须到场签到，不存在“免考”“包过”情况，证书真伪请在应急管理部官网 cx.mem.gov.cn 查询。</p></body></html>`;
  return { status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from(body, 'utf8') };
}

export function schoolSite(world: World): SiteModule {
  return {
    robots: () => ROBOTS,
    handle(req) {
      const p = req.path;
      if (p === '/') return home(world, 1);
      let m = /^\/list\/(\d{1,6})\.html$/.exec(p);
      if (m && Number(m[1]) >= 1) return home(world, Number(m[1]));
      m = /^\/course\/(\d{1,12})\.html$/.exec(p);
      if (m) return course(world, m[1]!);
      if (p === '/old/notice.html') return wrongCharset();
      if (p === '/old/notice-gbk.html') {
        // The same notice correctly labelled, for comparison.
        return { status: 200, headers: { 'content-type': 'text/html; charset=gbk' }, body: iconv.encode('<html><head><meta charset="gbk"><title>通知</title></head><body><p>复审培训通知</p></body></html>', 'gbk') };
      }
      return binaryFile(world.seed, p, FILES) ?? notFound('页面不存在');
    },
  };
}

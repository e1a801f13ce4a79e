// Zhidao-style Q&A: honest questions about certificates, honest answers, and sellers
// answering with ads (some only with a QR code image).
import { escapeHtml, html, notFound, type Reply } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import { picturePath, pictureRoute } from '../images/picture-route.js';
import { itemId, itemPath, OFFSETS, PER_PAGE } from '../layout.js';
import type { World } from '../world.js';
import { lookupItem, pageCount, pagerLinks, textHtml } from './common.js';

const ROBOTS = 'User-agent: *\nDisallow: /search\nDisallow: /ask\n';

function page(title: string, body: string, canonical?: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}_问答</title>${canonical ? `<link rel="canonical" href="${canonical}">` : ''}</head>
<body><div class="nav"><a href="/">问答首页</a> <a href="/ask" rel="nofollow">我要提问</a></div>
${body}
</body></html>`;
}

function list(world: World, pageNo: number): Reply {
  const space = world.spaces.qa;
  const pages = pageCount(space.total(null, world.day), PER_PAGE.qaList);
  if (pageNo > pages) return notFound('没有更多问题了');
  const rows = space.page(null, world.day, pageNo - 1, PER_PAGE.qaList).map((id) => {
    const found = lookupItem(world, 'qa', id);
    if (found.state !== 'live') return '';
    return `<li class="question-item"><a class="question-title" href="${itemPath('qa', id)}">${escapeHtml(found.doc.title)}</a><span class="answer-count">${found.doc.floors.length - 1}个回答</span></li>`;
  }).join('\n');
  const pager = pagerLinks(pageNo, pages, (p) => (p === 1 ? '/' : `/list/${p}.html`), '下一页', 'next');
  return html(page(pageNo > 1 ? `最新问题 第${pageNo}页` : '最新问题', `<ul class="question-list">\n${rows}\n</ul><div class="pager">${pager}</div>`));
}

function question(world: World, num: string): Reply {
  const found = lookupItem(world, 'qa', itemId('qa', num));
  if (found.state === 'gone') return notFound('抱歉，您浏览的问题已被删除');
  if (found.state === 'absent') return notFound('抱歉，您浏览的问题不存在');
  const n = OFFSETS.qa + found.id;
  const [q, ...answers] = found.doc.floors;
  const items = answers.map((a, i) => `<div class="answer" id="answer-${i + 1}"><div class="answer-author"><a href="/user/${a.uid}.html" rel="nofollow">${escapeHtml(a.author)}</a> <span class="answer-time">${a.time}</span></div>
<div class="answer-text">${textHtml(a.text)}${a.picture ? `<p><img class="answer-img" src="${picturePath(a.picture === 'image' ? 'phone' : 'qr', n)}"></p>` : ''}</div></div>`).join('\n');
  return html(page(found.doc.title, `<div class="question"><h1 class="q-title">${escapeHtml(found.doc.title)}</h1>
<div class="q-meta"><span class="q-author">${escapeHtml(q!.author)}</span> <span class="q-time">${q!.time}</span></div>
<div class="q-content">${textHtml(q!.text)}</div></div>
<div class="answers"><h2>${answers.length}个回答</h2>
${items}
</div>`, world.origin('qa') + itemPath('qa', found.id)));
}

function user(world: World, uid: number): Reply {
  const mine = world.posts.filter((p) => p.site === 'qa' && world.sellers[p.seller]!.personas[p.persona]!.uid === uid && world.isLive(p));
  const name = mine[0] ? world.sellers[mine[0].seller]!.personas[mine[0].persona]!.handle : `网友${uid}`;
  const rows = mine.map((p) => `<li><a href="${itemPath('qa', p.id)}">回答 ${OFFSETS.qa + p.id}</a></li>`).join('\n');
  return html(page(`${name}的主页`, `<h1 class="user-name">${escapeHtml(name)}</h1><ul class="user-answers">${rows}</ul>`));
}

export function qaSite(world: World): SiteModule {
  return {
    robots: () => ROBOTS,
    async handle(req) {
      const p = req.path;
      if (p === '/') return list(world, 1);
      let m = /^\/list\/(\d{1,6})\.html$/.exec(p);
      if (m && Number(m[1]) >= 1) return list(world, Number(m[1]));
      m = /^\/question\/(\d{1,12})\.html$/.exec(p);
      if (m) return question(world, m[1]!);
      m = /^\/user\/(\d{1,9})\.html$/.exec(p);
      if (m) return user(world, Number(m[1]));
      return (await pictureRoute(world, 'qa', p)) ?? notFound('页面不存在');
    },
  };
}

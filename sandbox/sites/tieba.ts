// Tieba-style forum: the thread page is an empty shell whose inline script loads floors
// from /api/thread (JSON), so only a browser or an endpoint-aware crawler sees the posts.
import { TIEBA_BARS } from '../content/certificates.js';
import { escapeHtml, html, json, type Reply } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import { picturePath, pictureRoute } from '../images/picture-route.js';
import { itemId, OFFSETS, PER_PAGE } from '../layout.js';
import type { World } from '../world.js';
import { lookupItem, pageCount, pageNumber, pagerLinks, textHtml } from './common.js';

const ROBOTS = 'User-agent: *\nDisallow: /home/\nDisallow: /submit\n';

function page(title: string, body: string, canonical?: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${canonical ? `<link rel="canonical" href="${canonical}">` : ''}</head>
<body><div id="head"><a href="/">贴吧</a></div>
${body}
</body></html>`;
}

function notice(message: string, status: number): Reply {
  return html(page('贴吧', `<div class="page404"><p>${escapeHtml(message)}</p></div>`), status);
}

function home(): Reply {
  const bars = TIEBA_BARS.map((b) => `<li><a class="bar" href="/f?kw=${encodeURIComponent(b.kw)}">${escapeHtml(b.kw)}吧</a></li>`).join('\n');
  return html(page('贴吧 — 全球领先的中文社区', `<ul id="bars">\n${bars}\n</ul>`));
}

function list(world: World, kw: string, pnText: string | null): Reply {
  const bucket = TIEBA_BARS.findIndex((b) => b.kw === kw);
  if (bucket < 0) return notice('抱歉，根据相关法律法规和政策，本吧暂不开放。', 404);
  if (pnText !== null && !/^\d{1,7}$/.test(pnText)) return notice('参数错误', 400);
  const pn = Number(pnText ?? 0);
  const current = Math.floor(pn / PER_PAGE.tiebaList) + 1;
  const space = world.spaces.tieba;
  const pages = pageCount(space.total(bucket, world.day), PER_PAGE.tiebaList);
  if (current > pages) return notice('抱歉，没有更多帖子了', 404);
  const rows = space.page(bucket, world.day, current - 1, PER_PAGE.tiebaList).map((id) => {
    const found = lookupItem(world, 'tieba', id);
    if (found.state !== 'live') return '';
    const tid = OFFSETS.tieba + id;
    const first = found.doc.floors[0]!;
    // The list shows titles and authors only: the thread body needs the JSON endpoint.
    return `<li class="j_thread_list clearfix" data-tid="${tid}"><span class="threadlist_rep_num" title="回复">${found.doc.floors.length - 1}</span>
<div class="threadlist_title"><a rel="noreferrer" href="/p/${tid}" title="${escapeHtml(found.doc.title)}" target="_blank" class="j_th_tit">${escapeHtml(found.doc.title)}</a></div>
<span class="tb_icon_author" title="主题作者: ${escapeHtml(first.author)}">${escapeHtml(first.author)}</span></li>`;
  }).join('\n');
  const pager = pagerLinks(current, pages, (p) => `/f?kw=${encodeURIComponent(kw)}&pn=${(p - 1) * PER_PAGE.tiebaList}`, '下一页&gt;', 'next');
  return html(page(`${kw}吧-百度贴吧`, `<div class="card_title"><a class="card_title_fname" href="/f?kw=${encodeURIComponent(kw)}">${escapeHtml(kw)}吧</a></div>
<ul id="thread_list" class="threadlist_bright">\n${rows}\n</ul>
<div id="frs_list_pager" class="pagination-default">${pager}</div>`));
}

const SHELL_SCRIPT = `(function () {
  var box = document.getElementById('j_p_postlist');
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  fetch('/api/thread?tid=' + window.__tid + '&pn=' + window.__pn, { headers: { 'X-Requested-With': 'XMLHttpRequest' } })
    .then(function (r) { return r.json(); })
    .then(function (d) {
      if (d.error) { box.innerHTML = '<div class="error">' + esc(d.msg) + '</div>'; return; }
      document.title = d.thread.title + '_' + d.thread.kw + '吧_贴吧';
      document.getElementById('thread_title').textContent = d.thread.title;
      box.innerHTML = d.posts.map(function (p) {
        return '<div class="l_post j_l_post" data-floor="' + p.floor + '" data-pid="' + p.id + '">' +
          '<div class="d_author"><a class="p_author_name j_user_card" data-uid="' + p.author.uid + '">' + esc(p.author.name) + '</a></div>' +
          '<div class="d_post_content j_d_post_content">' + p.content + '</div>' +
          '<div class="post-tail-wrap"><span class="tail-info">' + p.floor + '楼</span><span class="tail-info">' + esc(p.time) + '</span></div></div>';
      }).join('');
      var pager = document.getElementById('thread_pager');
      var links = [];
      for (var i = 1; i <= d.page.total; i++) links.push(i === d.page.current ? '<span class="tP">' + i + '</span>' : '<a href="/p/' + d.thread.id + '?pn=' + i + '">' + i + '</a>');
      pager.innerHTML = d.page.total > 1 ? links.join(' ') : '';
      document.body.setAttribute('data-loaded', '1');
    });
})();`;

function shell(world: World, tidText: string, pnText: string | null): Reply {
  const id = itemId('tieba', tidText);
  const pn = pageNumber(pnText);
  const found = lookupItem(world, 'tieba', id);
  if (found.state === 'gone') return notice('很抱歉，该贴已被删除。', 404);
  if (found.state === 'absent' || pn === null) return notice('很抱歉，该贴不存在。', 404);
  const tid = OFFSETS.tieba + found.id;
  const origin = world.origin('tieba');
  return html(page('贴吧', `<div class="core_title_wrap"><h1 class="core_title_txt" id="thread_title"></h1></div>
<div id="j_p_postlist" class="p_postlist"></div>
<div id="thread_pager" class="l_pager"></div>
<script>window.__tid = ${tid}; window.__pn = ${pn};</script>
<script>${SHELL_SCRIPT}</script>`, `${origin}/p/${tid}${pn > 1 ? `?pn=${pn}` : ''}`));
}

function api(world: World, q: URLSearchParams): Reply {
  const id = itemId('tieba', q.get('tid') ?? '');
  const pn = pageNumber(q.get('pn'));
  const found = lookupItem(world, 'tieba', id);
  if (found.state === 'gone') return json({ error: 4, msg: '该贴已被删除' }, 404);
  if (found.state === 'absent' || pn === null) return json({ error: 4, msg: '该贴不存在' }, 404);
  const tid = OFFSETS.tieba + found.id;
  const total = pageCount(found.doc.floors.length, PER_PAGE.tiebaFloors);
  if (pn > total) return json({ error: 5, msg: '页码超出范围' }, 404);
  const bar = TIEBA_BARS[world.spaces.tieba.bucketOf(found.id)]!;
  const posts = found.doc.floors.slice((pn - 1) * PER_PAGE.tiebaFloors, pn * PER_PAGE.tiebaFloors).map((f, i) => {
    const floor = (pn - 1) * PER_PAGE.tiebaFloors + i + 1;
    const picture = f.picture ? `<br><img class="BDE_Image" src="${picturePath(f.picture === 'image' ? 'phone' : 'qr', tid)}" width="240">` : '';
    return { id: tid * 100 + floor, floor, author: { name: f.author, uid: f.uid }, time: f.time, content: textHtml(f.text, '<br>') + picture };
  });
  return json({ error: 0, thread: { id: tid, title: found.doc.title, kw: bar.kw }, page: { current: pn, total }, posts });
}

export function tiebaSite(world: World): SiteModule {
  return {
    robots: () => ROBOTS,
    async handle(req) {
      if (req.path === '/') return home();
      if (req.path === '/f') return list(world, req.query.get('kw') ?? '', req.query.get('pn'));
      const m = /^\/p\/(\d{1,12})$/.exec(req.path);
      if (m) return shell(world, m[1]!, req.query.get('pn'));
      if (req.path === '/api/thread') return api(world, req.query);
      return (await pictureRoute(world, 'tieba', req.path)) ?? notice('很抱歉，您要访问的页面不存在。', 404);
    },
  };
}

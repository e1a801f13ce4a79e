// Discuz! X3-style forum served in GBK: board index, paginated thread lists, threads with
// floors (and their dynamic-URL duplicates), user spaces. Sellers post ads or reply with contacts.
import type { Doc } from '../doc.js';
import { escapeHtml, html, type Reply, redirect } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import { BBS_BOARDS, itemId, OFFSETS, PER_PAGE } from '../layout.js';
import { hashString } from '../random.js';
import type { World } from '../world.js';
import { lookupItem, pageCount, pageNumber, pagerLinks, textHtml } from './common.js';

const FORUM_NAME = '安全技术论坛';
const ROBOTS = `User-agent: *
Disallow: /api/
Disallow: /data/
Disallow: /static/
Disallow: /admin.php
Disallow: /search.php
Disallow: /member.php
Disallow: /misc.php
Disallow: /forum.php?mod=post
Disallow: /forum.php?mod=redirect
Disallow: /home.php?mod=spacecp
`;

function frame(world: World, title: string, bodyClass: string, body: string, canonical?: string): string {
  const origin = world.origin('bbs');
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>${escapeHtml(title)} - ${FORUM_NAME} - Powered by Discuz!</title>
<meta name="keywords" content="${escapeHtml(title)}" />
<meta name="generator" content="Discuz! X3.4" />
${canonical ? `<link rel="canonical" href="${origin}${canonical}" />\n` : ''}<base href="${origin}/" />
</head>
<body id="nv_forum" class="${bodyClass}">
<div id="hd"><div class="wp"><div class="hdc cl"><h2><a href="./" title="${FORUM_NAME}">${FORUM_NAME}</a></h2>
<div id="um"><a href="member.php?mod=logging&amp;action=login" rel="nofollow">登录</a> | <a href="member.php?mod=register" rel="nofollow">立即注册</a></div></div></div></div>
${body}
<div id="ft" class="wp cl"><p>Powered by <strong>Discuz!</strong> X3.4 &copy; 2001-2026 Comsenz Inc.</p></div>
</body>
</html>`;
}

function msgPage(world: World, message: string, status: number): Reply {
  return html(frame(world, '提示信息', 'pg_message', `<div id="ct" class="wp cm"><div id="messagetext" class="alert_error"><p>${escapeHtml(message)}</p></div></div>`), status, 'gbk');
}

function index(world: World): Reply {
  const space = world.spaces.bbs;
  const rows = BBS_BOARDS.map((b, i) => {
    const total = space.total(i, world.day);
    return `<tr><td class="fl_g"><h2><a href="forum.php?mod=forumdisplay&amp;fid=${b.fid}">${b.name}</a></h2><dl><dd><em>主题: ${total}</em></dd></dl></td></tr>`;
  }).join('\n');
  return html(frame(world, '论坛', 'pg_index', `<div id="ct" class="wp cl"><div class="fl bm"><div class="bm_c"><table class="fl_tb">\n${rows}\n</table></div></div></div>`), 200, 'gbk');
}

function forumDisplay(world: World, q: URLSearchParams): Reply {
  const fid = Number(q.get('fid'));
  const bucket = BBS_BOARDS.findIndex((b) => b.fid === fid);
  const page = pageNumber(q.get('page'));
  if (bucket < 0 || page === null) return msgPage(world, '抱歉，指定的版块不存在', 404);
  const space = world.spaces.bbs;
  const pages = pageCount(space.total(bucket, world.day), PER_PAGE.bbsList);
  if (page > pages) return msgPage(world, '抱歉，指定的页面不存在', 404);
  const board = BBS_BOARDS[bucket]!;
  const rows = space.page(bucket, world.day, page - 1, PER_PAGE.bbsList).map((id) => {
    const found = lookupItem(world, 'bbs', id);
    if (found.state !== 'live') return '';
    const tid = OFFSETS.bbs + id;
    const first = found.doc.floors[0]!;
    // Discuz emits both the rewritten and the dynamic thread URL; both appear in lists.
    const href = hashString(`bbslink:${id}`, world.seed) % 3 === 0 ? `forum.php?mod=viewthread&amp;tid=${tid}&amp;extra=page%3D${page}` : `thread-${tid}-1-1.html`;
    return `<tbody id="normalthread_${tid}"><tr><td class="icn"><a href="thread-${tid}-1-1.html" title="新窗口打开" target="_blank"><img src="static/image/common/folder_common.gif" /></a></td>
<th class="common"><a href="${href}" onclick="atarget(this)" class="s xst">${escapeHtml(found.doc.title)}</a></th>
<td class="by"><cite><a href="home.php?mod=space&amp;uid=${first.uid}" c="1" rel="nofollow">${escapeHtml(first.author)}</a></cite><em><span>${first.time.slice(0, 10)}</span></em></td>
<td class="num"><a href="thread-${tid}-1-1.html" class="xi2">${found.doc.floors.length - 1}</a><em>${(hashString(`v${id}`) % 3000) + 20}</em></td></tr></tbody>`;
  }).join('\n');
  const pager = pagerLinks(page, pages, (p) => `forum.php?mod=forumdisplay&fid=${board.fid}&page=${p}`);
  const body = `<div id="pt" class="bm cl"><div class="z"><a href="./" class="nvhm">${FORUM_NAME}</a> <em>&rsaquo;</em> <a href="forum.php?mod=forumdisplay&amp;fid=${board.fid}">${board.name}</a></div></div>
<div id="ct" class="wp cl"><div class="mn"><div id="threadlist" class="tl bm bmw"><div class="bm_c"><table summary="forum_${board.fid}" cellspacing="0" cellpadding="0" id="threadlisttableid">
${rows}
</table></div></div>
<div class="bm bw0 pgs cl"><div class="pg">${pager}</div></div></div></div>`;
  return html(frame(world, `${board.name}${page > 1 ? ` - 第${page}页` : ''}`, 'pg_forumdisplay', body), 200, 'gbk');
}

function threadPage(world: World, idText: string, pageText: string | null): Reply {
  const id = itemId('bbs', idText);
  const page = pageNumber(pageText);
  const found = lookupItem(world, 'bbs', id);
  if (found.state === 'gone') return msgPage(world, '抱歉，指定的主题不存在或已被删除或正在被审核', 404);
  if (found.state === 'absent' || page === null) return msgPage(world, '抱歉，指定的主题不存在或已被删除或正在被审核', 404);
  const doc: Doc = found.doc;
  const pages = pageCount(doc.floors.length, PER_PAGE.bbsFloors);
  if (page > pages) return msgPage(world, '抱歉，指定的页面不存在', 404);
  const tid = OFFSETS.bbs + found.id;
  const board = BBS_BOARDS[world.spaces.bbs.bucketOf(found.id)]!;
  const broken = hashString(`broken:${found.id}`, world.seed) % 13 === 0;
  const floors = doc.floors.slice((page - 1) * PER_PAGE.bbsFloors, page * PER_PAGE.bbsFloors).map((f, i) => {
    const n = (page - 1) * PER_PAGE.bbsFloors + i + 1;
    const pid = tid * 40 + n;
    const close = broken && n % 2 === 0 ? '' : '</td></tr></table></div>';
    return `<div id="post_${pid}"><table id="pid${pid}" class="plhin" summary="pid${pid}" cellspacing="0" cellpadding="0"><tr>
<td class="pls" rowspan="2"><div class="pi"><div class="authi"><a href="home.php?mod=space&amp;uid=${f.uid}" target="_blank" class="xw1" rel="nofollow">${escapeHtml(f.author)}</a></div></div></td>
<td class="plc"><div class="pi"><strong><a href="forum.php?mod=redirect&amp;goto=findpost&amp;ptid=${tid}&amp;pid=${pid}" id="postnum${pid}" rel="nofollow"><em>${n}</em><sup>#</sup></a></strong>
<div class="pti"><div class="authi"><em id="authorposton${pid}">发表于 ${f.time}</em></div></div></div>
<div class="pct"><div class="pcb"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_${pid}">
${f.quote ? `<div class="quote"><blockquote><font size="2"><font color="#999999">${escapeHtml(f.quote.author)} 发表于 ${f.quote.time}</font></font><br />\n${textHtml(f.quote.text)}</blockquote></div><br />\n` : ''}${textHtml(f.text)}
${close}</div></div></div></td></tr></table></div>`;
  }).join('\n');
  const pager = pagerLinks(page, pages, (p) => `thread-${tid}-${p}-1.html`);
  const body = `<div id="pt" class="bm cl"><div class="z"><a href="./" class="nvhm">${FORUM_NAME}</a> <em>&rsaquo;</em> <a href="forum.php?mod=forumdisplay&amp;fid=${board.fid}">${board.name}</a> <em>&rsaquo;</em> <a href="thread-${tid}-1-1.html">${escapeHtml(doc.title)}</a></div></div>
<div id="ct" class="wp cl"><div id="postlist" class="pl bm">
<table cellspacing="0" cellpadding="0"><tr><td class="pls ptn pbn"><div class="hm ptn"><span class="xg1">回复:</span> <span class="xi1">${doc.floors.length - 1}</span></div></td>
<td class="plc ptm pbn vwthd"><h1 class="ts"><span id="thread_subject">${escapeHtml(doc.title)}</span></h1></td></tr></table>
${floors}
</div>
<div class="pgs mtm mbm cl"><div class="pg">${pager}</div></div>
${broken ? '</td></div>' : ''}</div>`;
  return html(frame(world, doc.title, 'pg_viewthread', body, `/thread-${tid}-${page}-1.html`), 200, 'gbk');
}

function space(world: World, q: URLSearchParams): Reply {
  const uid = Number(q.get('uid'));
  if (!Number.isSafeInteger(uid) || uid <= 0) return msgPage(world, '抱歉，您指定的用户空间不存在', 404);
  const mine = world.posts.filter((p) => p.site === 'bbs' && world.sellers[p.seller]!.personas[p.persona]!.uid === uid && !p.forbidden && world.isLive(p));
  const persona = mine[0] ? world.sellers[mine[0].seller]!.personas[mine[0].persona]! : null;
  const name = persona?.handle ?? `用户${uid}`;
  const rows = mine.map((p) => `<li><a href="thread-${OFFSETS.bbs + p.id}-1-1.html">主题 ${OFFSETS.bbs + p.id}</a></li>`).join('\n');
  return html(frame(world, `${name}的个人资料`, 'pg_space', `<div id="ct" class="wp cl"><div class="bm"><h2 class="mbn">${escapeHtml(name)}</h2><p>UID: ${uid}</p><ul id="threads">${rows}</ul></div></div>`), 200, 'gbk');
}

export function bbsSite(world: World): SiteModule {
  return {
    robots: () => ROBOTS,
    handle(req) {
      if (req.path === '/') return redirect('/forum.php');
      const m = /^\/thread-(\d{1,12})-(\d{1,6})-1\.html$/.exec(req.path);
      if (m) return threadPage(world, m[1]!, m[2]!);
      if (req.path === '/forum.php') {
        const mod = req.query.get('mod') ?? 'index';
        if (mod === 'index') return index(world);
        if (mod === 'forumdisplay') return forumDisplay(world, req.query);
        if (mod === 'viewthread') return threadPage(world, req.query.get('tid') ?? '', req.query.get('page'));
        return msgPage(world, '抱歉，您尚未登录，无法进行此操作', 403);
      }
      if (req.path === '/home.php' && req.query.get('mod') === 'space') return space(world, req.query);
      return msgPage(world, '抱歉，您访问的页面不存在', 404);
    },
  };
}

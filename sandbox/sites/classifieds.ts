// 58.com-style classifieds: categories, paginated lists (置顶 ads in a robots-closed /vip/
// area), ad details whose phone comes from an XHR or only as an image, redirect chains and a loop.
import { makePhone } from '../contacts.js';
import { escapeHtml, html, json, notFound, type Reply, redirect } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import { picturePath, pictureRoute } from '../images/picture-route.js';
import { CLASSIFIED_CATS, itemId, itemPath, OFFSETS, PER_PAGE } from '../layout.js';
import { hashString, Rng } from '../random.js';
import { XSS_PAYLOADS } from '../seller-text.js';
import type { World } from '../world.js';
import { lookupItem, pageCount, pagerLinks, textHtml, tracked } from './common.js';

const ROBOTS = 'User-agent: *\nDisallow: /vip/\nDisallow: /post/\nDisallow: /api/user/\n\nUser-agent: Baiduspider\nAllow: /\n';

function page(title: string, body: string, canonical?: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)} - 分类信息网</title>${canonical ? `\n<link rel="canonical" href="${canonical}">` : ''}</head>
<body><div class="header"><a href="/" class="logo">分类信息网</a> <a href="/post/" rel="nofollow">免费发布信息</a></div>
${body}
<div class="footer">本站信息均由用户发布，本站不对信息真实性负责。</div></body></html>`;
}

function home(world: World): Reply {
  const cats = CLASSIFIED_CATS.map((c) => `<li><a class="cat" href="/${c.slug}/">${c.name}</a></li>`).join('\n');
  const space = world.spaces.classifieds;
  const recent = space.page(null, world.day, 0, 8).map((id) => `<li><a href="/old/${OFFSETS.classifieds + id}">信息 ${OFFSETS.classifieds + id}</a></li>`).join('\n');
  return html(page('首页', `<ul id="cats">\n${cats}\n</ul>
<h3>最新（旧版链接）</h3><ul id="recent">\n${recent}\n</ul>
<p class="legacy"><a href="/loop/a">旧版入口</a></p>`));
}

function list(world: World, bucket: number, pageNo: number): Reply {
  const space = world.spaces.classifieds;
  const pages = pageCount(space.total(bucket, world.day), PER_PAGE.classifiedsList);
  if (pageNo > pages) return notFound('没有更多信息了');
  const cat = CLASSIFIED_CATS[bucket]!;
  const vip = pageNo === 1
    ? world.posts.filter((p) => p.site === 'classifieds' && p.forbidden && p.bucket === bucket && world.isLive(p)).map((p) => {
      const found = lookupItem(world, 'classifieds', p.id);
      return found.state === 'live' ? `<li class="ad-item vip"><span class="tag">置顶</span><a class="ad-title" href="/vip/${OFFSETS.classifieds + p.id}x.shtml">${escapeHtml(found.doc.title)}</a></li>` : '';
    }).join('\n')
    : '';
  const rows = space.page(bucket, world.day, pageNo - 1, PER_PAGE.classifiedsList).map((id) => {
    const found = lookupItem(world, 'classifieds', id);
    if (found.state !== 'live') return '';
    const path = itemPath('classifieds', id, { bucket });
    const href = hashString(`cltrack:${id}`, world.seed) % 2 === 0 ? tracked(path, id, 'list') : path;
    return `<li class="ad-item"><a class="ad-title" href="${escapeHtml(href)}" target="_blank">${escapeHtml(found.doc.title)}</a><span class="ad-meta">${escapeHtml(found.doc.floors[0]!.author)} · ${found.doc.floors[0]!.time.slice(0, 10)}</span></li>`;
  }).join('\n');
  const pager = pagerLinks(pageNo, pages, (p) => (p === 1 ? `/${cat.slug}/` : `/${cat.slug}/pn${p}/`), '下一页', 'next');
  return html(page(`${cat.name}${pageNo > 1 ? ` 第${pageNo}页` : ''}`, `<h1>${cat.name}</h1><ul class="ad-list">\n${vip}\n${rows}\n</ul><div class="pager">${pager}</div>`));
}

function detail(world: World, bucket: number | 'vip', num: string): Reply {
  const id = itemId('classifieds', num);
  const found = lookupItem(world, 'classifieds', id);
  if (found.state === 'gone') {
    if ((bucket === 'vip') !== (found.post?.forbidden ?? false)) return notFound('信息不存在');
    return html(page('信息已删除', '<div class="deleted"><p>该信息已删除或过期</p></div>'), 410);
  }
  if (found.state === 'absent') return notFound('信息不存在');
  const isVip = found.post?.forbidden ?? false;
  if ((bucket === 'vip') !== isVip) return notFound('信息不存在');
  const realBucket = world.spaces.classifieds.bucketOf(found.id);
  if (bucket !== 'vip' && bucket !== realBucket) return redirect(itemPath('classifieds', found.id, { bucket: realBucket }), 301);
  const n = OFFSETS.classifieds + found.id;
  const f = found.doc.floors[0]!;
  const post = found.post;
  let contact = `<button class="show-phone" data-id="${n}">查看电话</button><span class="phone-num"></span>`;
  if (post?.mode === 'image') contact = `<img class="phone-img" src="/img/phone/${n}.png" alt="联系电话">`;
  if (post?.mode === 'qr') contact += `<div class="qr-box"><img class="qr" src="${picturePath('qr', n)}" alt="微信二维码"><p>扫码加微信</p></div>`;
  if (post && !post.shown.some((c) => c.kind === 'phone') && post.mode !== 'image') contact = contact.replace(/<button[^]*?<\/span>/, '');
  const xssLink = post?.xss === 'javascript' ? `<p><a class="price-link" href="${XSS_PAYLOADS.javascript}">查看价格表</a></p>` : '';
  const canonical = world.origin('classifieds') + (isVip ? `/vip/${n}x.shtml` : itemPath('classifieds', found.id, { bucket: realBucket }));
  return html(page(found.doc.title, `<div class="detail-title"><h1 class="ad-title">${escapeHtml(found.doc.title)}</h1><span class="time">${f.time}</span></div>
<div class="poster"><span class="poster-name">${escapeHtml(f.author)}</span></div>
<div class="ad-desc">${textHtml(f.text)}</div>${xssLink}
<div class="contact">${contact}</div>
<script>
(function () {
  var b = document.querySelector('.show-phone');
  if (!b) return;
  b.addEventListener('click', function () {
    fetch('/api/phone?id=' + b.getAttribute('data-id')).then(function (r) { return r.json(); }).then(function (d) {
      var out = document.querySelector('.phone-num');
      if (d.phone) out.textContent = d.phone;
      else if (d.image) { var i = document.createElement('img'); i.className = 'phone-img'; i.src = d.image; out.appendChild(i); }
      b.style.display = 'none';
    });
  });
})();
</script>`, canonical));
}

function phoneApi(world: World, q: URLSearchParams): Reply {
  const id = itemId('classifieds', q.get('id') ?? '');
  const found = lookupItem(world, 'classifieds', id);
  if (found.state !== 'live') return json({ error: 'not found' }, found.state === 'gone' ? 410 : 404);
  const n = OFFSETS.classifieds + found.id;
  const post = found.post;
  if (!post) return json({ id: n, phone: makePhone(new Rng(world.seed, `clphone:${found.id}`)) });
  if (post.mode === 'image') return json({ id: n, phone: null, image: `/img/phone/${n}.png` });
  const phone = post.shown.find((c) => c.kind === 'phone');
  return json({ id: n, phone: phone?.value ?? null });
}

export function classifiedsSite(world: World): SiteModule {
  return {
    robots: () => ROBOTS,
    async handle(req) {
      const p = req.path;
      if (p === '/') return home(world);
      if (p === '/api/phone') return phoneApi(world, req.query);
      if (p === '/loop/a') return redirect('/loop/b');
      if (p === '/loop/b') return redirect('/loop/a');
      let m = /^\/old\/(\d{1,12})$/.exec(p);
      if (m) return redirect(`/m/${m[1]}`, 301);
      m = /^\/m\/(\d{1,12})$/.exec(p);
      if (m) {
        const id = itemId('classifieds', m[1]!);
        if (id === null || world.spaces.classifieds.state(id, world.day) === 'absent') return notFound('信息不存在');
        return redirect(itemPath('classifieds', id, { bucket: world.spaces.classifieds.bucketOf(id) }));
      }
      m = /^\/vip\/(\d{1,12})x\.shtml$/.exec(p);
      if (m) return detail(world, 'vip', m[1]!);
      m = /^\/([a-z]+)\/(?:pn(\d{1,6})\/)?$/.exec(p);
      if (m) {
        const bucket = CLASSIFIED_CATS.findIndex((c) => c.slug === m![1]);
        const pageNo = m[2] ? Number(m[2]) : 1;
        if (bucket >= 0 && pageNo >= 1) return list(world, bucket, pageNo);
      }
      m = /^\/([a-z]+)\/(\d{1,12})x\.shtml$/.exec(p);
      if (m) {
        const bucket = CLASSIFIED_CATS.findIndex((c) => c.slug === m![1]);
        if (bucket >= 0) return detail(world, bucket, m[2]!);
      }
      return (await pictureRoute(world, 'classifieds', p)) ?? notFound('页面不存在');
    },
  };
}

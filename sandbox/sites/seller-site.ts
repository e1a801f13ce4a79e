// A seller's SEO mini-site: home, price list, contact page with a WeChat QR code, SEO
// articles, and a cloned "证书查询" page that confirms any certificate number.
import { type Contact, renderContact } from '../contacts.js';
import { certByKey } from '../content/certificates.js';
import { CLAIMS, SEO_ARTICLE_BODIES, SEO_ARTICLE_TITLES, SEO_INTROS } from '../content/seller-ads.js';
import { slots } from '../doc.js';
import { binary, escapeHtml, html, notFound, type Reply } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import { qrPng, qrText } from '../images/qr-png.js';
import { fill, Rng } from '../random.js';
import { sellerSiteCount } from '../sites.js';
import type { World } from '../world.js';
import { textHtml } from './common.js';
import { NEGATIVE_PATHS, negativePicture } from '../images/world-pictures.js';

const BRAND_HEADS = ['安证', '鑫达', '众安', '宏业', '诚信', '金安', '华安', '全通', '易考', '通达'];
const BRAND_TAILS = ['证书服务中心', '职业培训咨询', '资格证书网', '考证网', '特种作业服务站'];
const ARTICLES = 5;

function uniqueContacts(list: Contact[]): Contact[] {
  return [...new Map(list.map((c) => [`${c.kind}:${c.value}`, c])).values()];
}

export function sellerSite(world: World, k: number): SiteModule {
  const seller = world.sellers.find((s) => s.sellerSite === k);
  const closed = k === sellerSiteCount(world.scale);
  const rng0 = new Rng(world.seed, `brand:${k}`);
  const brand = `${rng0.pick(BRAND_HEADS)}${rng0.pick(BRAND_TAILS)}`;
  const origin = world.origin(`seller-${k}`);

  const page = (title: string, body: string, path: string) => html(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)} - ${brand}</title>
<meta name="keywords" content="电工证办理,焊工证办理,特种作业操作证,官网可查,不用考试">
<meta name="description" content="${brand}专业办理特种作业操作证，全国通用，官网可查。">
<link rel="canonical" href="${origin}${path}"></head>
<body><div class="nav"><a href="/">首页</a> <a href="/price.html">价格表</a> <a href="/cx/">证书查询</a> <a href="/contact.html">联系我们</a></div>
${body}
<div class="footer">${brand} 版权所有</div></body></html>`);

  const contactBlock = (contacts: Contact[], key: string) => {
    const rng = new Rng(world.seed, `sitecontact:${k}:${key}`);
    // As real seller sites do, some contacts are buttons whose number is only in the link:
    // a "QQ交谈" button (wpa.qq.com …uin=) and a mobile "一键拨打" (tel:).
    return contacts
      .map((c) => {
        if (c.kind === 'qq' && rng.chance(0.5)) return `<li class="contact-qq"><a href="http://wpa.qq.com/msgrd?v=3&amp;uin=${c.value}&amp;site=qq&amp;menu=yes" target="_blank"><img src="/img/qq-online.gif" alt="点击这里给我发消息"></a></li>`;
        if (c.kind === 'phone' && rng.chance(0.3)) return `<li class="contact-phone"><a class="call" href="tel:${c.value}">一键拨打客服电话</a></li>`;
        return `<li class="contact-${c.kind}">${escapeHtml(renderContact(c, rng))}</li>`;
      })
      .join('\n');
  };

  const handle = async (path: string, q: URLSearchParams): Promise<Reply> => {
    if (!seller) return notFound();
    const certs = seller.certs.map(certByKey);
    const rng = new Rng(world.seed, `sitepage:${k}:${path}`);
    const s = { ...slots(rng, seller.certs[0]!), brand, claim: CLAIMS, claim2: CLAIMS };
    if (path === '/') {
      const contacts = world.sitePosts.get(`seller-${k} /`)!.shown;
      const links = Array.from({ length: ARTICLES }, (_, i) => `<li><a href="/news/${i + 1}.html">${escapeHtml(fill(SEO_ARTICLE_TITLES[(i + k) % SEO_ARTICLE_TITLES.length]!, s, new Rng(world.seed, `art:${k}:${i + 1}`)))}</a></li>`).join('\n');
      return page(`${certs[0]!.names[0]}办理`, `<h1>${brand}</h1><div class="intro">${textHtml(fill(SEO_INTROS[seller.style % SEO_INTROS.length]!, s, rng))}</div>
<ul class="contacts">\n${contactBlock(contacts, 'home')}\n</ul>
<p class="gallery">${Object.values(NEGATIVE_PATHS).map((src) => `<img src="${src}" alt="">`).join(' ')}</p>
<h2>最新文章</h2><ul class="articles">\n${links}\n</ul>`, '/');
    }
    if (path === '/price.html') {
      const rows = certs.map((c) => `<tr><td>${escapeHtml(c.names[0]!)}</td><td>${Math.round(rng.int(c.price[0], c.price[1]) / 10) * 10}元</td><td>${rng.int(3, 15)}个工作日</td><td>${escapeHtml(rng.pick(CLAIMS))}</td></tr>`).join('\n');
      return page('价格表', `<h1>办证价格表</h1><table class="price"><tr><th>证书</th><th>价格</th><th>周期</th><th>说明</th></tr>\n${rows}\n</table>`, '/price.html');
    }
    if (path === '/contact.html') {
      const contacts = world.sitePosts.get(`seller-${k} /contact.html`)!.shown;
      return page('联系我们', `<h1>联系我们</h1><ul class="contacts">\n${contactBlock(contacts, 'contact')}\n</ul><p class="qr"><img src="/img/wx.png" alt="微信二维码"> 扫码添加客服微信</p>`, '/contact.html');
    }
    if (Object.values(NEGATIVE_PATHS).includes(path)) {
      const png = await negativePicture(world, k, path);
      return png ? binary(png, 'image/png') : notFound();
    }
    if (path === '/img/wx.png') {
      const all = uniqueContacts(seller.personas.flatMap((p) => p.contacts));
      const c = all.find((x) => x.kind === 'wechat') ?? all.find((x) => x.kind === 'phone');
      return c ? binary(await qrPng(qrText(c)), 'image/png') : notFound();
    }
    if (path === '/cx/' || path === '/cx') {
      return page('特种作业操作证及安全生产知识和管理能力考核合格信息查询', `<div class="cx-head"><h1>特种作业操作证及安全生产知识和管理能力考核合格信息查询</h1><p class="sub">应急管理部 · 全国联网查询</p></div>
<form class="cx-form" action="/cx/query" method="get"><label>姓名 <input name="name"></label><label>证件号码 <input name="no"></label><button type="submit">查询</button></form>`, '/cx/');
    }
    if (path === '/cx/query') {
      const name = (q.get('name') ?? '').slice(0, 40);
      const no = (q.get('no') ?? '').slice(0, 40);
      if (!no) return page('查询', '<p class="cx-error">请输入证件号码</p>', '/cx/');
      const cert = certs[Math.abs([...no].reduce((a, ch) => a + ch.charCodeAt(0), 0)) % certs.length]!;
      // The clone "confirms" anything: the result is always a valid certificate.
      return page('查询结果', `<div class="cx-result"><h2>查询结果：该证书有效</h2><table>
<tr><td>姓名</td><td>${escapeHtml(name || '***')}</td></tr><tr><td>证号</td><td>${escapeHtml(no)}</td></tr>
<tr><td>作业类别</td><td>${escapeHtml(cert.formal)}</td></tr><tr><td>发证机关</td><td>应急管理局</td></tr><tr><td>有效期</td><td>2026-01-01 至 2032-01-01</td></tr><tr><td>状态</td><td class="status">有效</td></tr></table></div>`, '/cx/');
    }
    const m = /^\/news\/(\d{1,3})\.html$/.exec(path);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= ARTICLES) {
      const i = Number(m[1]) - 1;
      const arng = new Rng(world.seed, `art:${k}:${i + 1}`);
      const title = fill(SEO_ARTICLE_TITLES[(i + k) % SEO_ARTICLE_TITLES.length]!, s, arng);
      return page(title, `<h1>${escapeHtml(title)}</h1><div class="article">${textHtml(fill(arng.pick(SEO_ARTICLE_BODIES), s, arng))}</div>`, path);
    }
    return notFound();
  };

  return {
    robots: () => (closed ? 'User-agent: *\nDisallow: /\n' : `User-agent: *\nAllow: /\nSitemap: ${origin}/sitemap.xml\n`),
    handle: (req) => {
      if (req.path === '/sitemap.xml' && seller && !closed) {
        const urls = ['/', '/price.html', '/contact.html', '/cx/', ...Array.from({ length: ARTICLES }, (_, i) => `/news/${i + 1}.html`)];
        return { status: 200, headers: { 'content-type': 'application/xml; charset=utf-8' }, body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `<url><loc>${origin}${u}</loc></url>`).join('\n')}\n</urlset>\n` };
      }
      return handle(req.path, req.query);
    },
  };
}

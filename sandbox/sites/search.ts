// A search engine over the sandbox: /s?q=…&page=N returns ten results with snippets that
// link (through a /link redirect or directly) into the other sites, sellers ranking high.
import { CERT_TYPES } from '../content/certificates.js';
import { escapeHtml, html, notFound, type Reply, redirect, text } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import { itemPath, type SpaceSite } from '../layout.js';
import { hashString } from '../random.js';
import type { World } from '../world.js';
import { lookupItem, pageNumber } from './common.js';

const ROBOTS = 'User-agent: *\nDisallow: /baidu\nDisallow: /home/\n';
const RELATED = ['电工证', '焊工证', '高处作业证', '制冷证', '危化证', '叉车证', '建筑电工证', '电工证 不用考试', '特种作业操作证查询', '焊工证 包过'] as const;
const MAX_PAGES = 10;
const PER_PAGE = 10;
const SPACE_SITES: readonly SpaceSite[] = ['bbs', 'tieba', 'classifieds', 'qa', 'news', 'school', 'jobs'];

interface Hit {
  url: string;
  /** What to render the title and snippet from: an item, or a seller SEO page. */
  ref: { site: SpaceSite; id: number } | { sellerPage: number };
}

function render(world: World, h: Hit): { title: string; snippet: string } | null {
  if ('sellerPage' in h.ref) {
    const p = world.posts[h.ref.sellerPage]!;
    return { title: `证书办理_官网可查_${world.sellers[p.seller]!.personas[0]!.handle}`, snippet: `${p.url} 专业办理特种作业操作证，全国通用，官网可查。` };
  }
  const found = lookupItem(world, h.ref.site, h.ref.id);
  if (found.state !== 'live') return null;
  return { title: found.doc.title, snippet: snippetOf(found.doc.floors.map((f) => f.text).join(' ')) };
}

function certsOf(q: string): Set<string> {
  const needle = q.replace(/\s+/g, '');
  const out = new Set<string>();
  for (const c of CERT_TYPES) {
    if (c.names.some((n) => needle.includes(n) || (needle.length >= 2 && n.includes(needle)))) out.add(c.key);
  }
  return out;
}

function snippetOf(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 80)}...` : flat;
}

function hits(world: World, q: string): Hit[] {
  const certs = certsOf(q);
  const matches = (keys: string[]) => certs.size === 0 || keys.some((k) => certs.has(k));
  const planted = world.posts
    .filter((p) => !p.forbidden && world.isLive(p) && matches(p.certs))
    .map((p) => ({ p, rank: hashString(`${q}|${p.url}`, world.seed) }))
    .sort((a, b) => a.rank - b.rank)
    .map((x) => x.p);
  const out: Hit[] = [];
  const seen = new Set<string>();
  let pi = 0;
  for (let slot = 0; slot < MAX_PAGES * PER_PAGE; slot++) {
    if (slot % 3 === 1 && pi < planted.length) {
      const p = planted[pi++]!;
      if (seen.has(p.url)) continue;
      seen.add(p.url);
      out.push({ url: p.url, ref: p.site === 'seller' ? { sellerPage: world.posts.indexOf(p) } : { site: p.site, id: p.id } });
      continue;
    }
    for (let tries = 0; tries < 60; tries++) {
      const h = hashString(`${q}|${slot}|${tries}`, world.seed);
      const site = SPACE_SITES[h % SPACE_SITES.length]!;
      const space = world.spaces[site];
      const id = ((h >>> 8) % space.count(world.day)) + 1;
      if (space.plantedAt(id) || space.state(id, world.day) !== 'live') continue;
      if (tries < 50 && !matches([world.fillerCert(site, id)])) continue;
      const url = world.origin(site) + itemPath(site, id, { bucket: space.bucketOf(id) });
      if (seen.has(url)) continue;
      seen.add(url);
      out.push({ url, ref: { site, id } });
      break;
    }
  }
  return out;
}

function linkFor(world: World, url: string, n: number): string {
  const h = hashString(`link:${url}`, world.seed) % 10;
  const news = world.origin('news');
  if (url.startsWith(`${news}/article/`) && h < 3) return `${news}/a/${/\/article\/(\d+)\.html/.exec(url)![1]}`;
  if (h < 6) return `/link?url=${encodeURIComponent(url)}&wd=&eqid=${(n * 2654435761) >>> 0}`;
  return url;
}

/** Result lists per (query, day): crawlers page through the same queries. Bounded. */
const hitCache = new Map<string, Hit[]>();

function cachedHits(world: World, q: string): Hit[] {
  const key = `${world.seed}:${world.scale}:${world.port}:${world.day}:${q}`;
  let h = hitCache.get(key);
  if (!h) {
    h = hits(world, q);
    if (hitCache.size >= 256) hitCache.delete(hitCache.keys().next().value!);
    hitCache.set(key, h);
  }
  return h;
}

function results(world: World, q: string, pageNo: number): Reply {
  const all = cachedHits(world, q);
  const pages = Math.min(MAX_PAGES, Math.max(1, Math.ceil(all.length / PER_PAGE)));
  if (pageNo > pages) return notFound('没有更多结果');
  const shown = all.slice((pageNo - 1) * PER_PAGE, pageNo * PER_PAGE);
  const sellerSites = world.sites.filter((s) => s.kind === 'seller-site');
  const ad = pageNo === 1 && sellerSites.length
    ? (() => {
      const s = sellerSites[hashString(q, world.seed) % sellerSites.length]!;
      return `<div class="result ad"><h3><a href="${s.origin}/" rel="nofollow sponsored">${escapeHtml(q)}办理 快速出证 官网可查</a></h3><div class="c-abstract">广告 · ${s.origin.replace('http://', '')}</div></div>`;
    })()
    : '';
  const items = shown.map((h, i) => ({ h, i, r: render(world, h) })).filter((x) => x.r !== null).map(({ h, i, r }) => `<div class="result c-container" id="${(pageNo - 1) * PER_PAGE + i + 1}"><h3 class="t"><a href="${escapeHtml(linkFor(world, h.url, i))}" target="_blank">${escapeHtml(r!.title)}</a></h3>
<div class="c-abstract">${escapeHtml(r!.snippet)}</div><div class="f13"><span class="c-showurl">${escapeHtml(h.url.replace(/^http:\/\//, ''))}</span></div></div>`).join('\n');
  const pager = Array.from({ length: pages }, (_, i) => i + 1).map((p) => (p === pageNo ? `<strong>${p}</strong>` : `<a href="/s?q=${encodeURIComponent(q)}&amp;page=${p}">${p}</a>`)).join(' ')
    + (pageNo < pages ? ` <a class="n" href="/s?q=${encodeURIComponent(q)}&amp;page=${pageNo + 1}">下一页&gt;</a>` : '');
  const related = RELATED.map((r) => `<a href="/s?q=${encodeURIComponent(r)}">${escapeHtml(r)}</a>`).join(' ');
  return html(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(q)}_搜索</title></head>
<body><form action="/s"><input name="q" value="${escapeHtml(q)}"><button>搜索</button></form>
<div id="content_left">
${ad}
${items}
</div>
<div id="rs"><span>相关搜索</span> ${related}</div>
<div id="page">${pager}</div></body></html>`);
}

export function searchSite(world: World): SiteModule {
  const inside = (u: string) => world.sites.some((s) => u === s.origin || u.startsWith(`${s.origin}/`));
  return {
    robots: () => ROBOTS,
    handle(req) {
      if (req.path === '/') {
        const hot = RELATED.map((r) => `<li><a href="/s?q=${encodeURIComponent(r)}">${escapeHtml(r)}</a></li>`).join('');
        return html(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>搜索一下，你就知道</title></head><body><form action="/s"><input name="q"><button>搜索</button></form><ul id="hot">${hot}</ul></body></html>`);
      }
      if (req.path === '/s') {
        const q = (req.query.get('q') ?? '').trim().slice(0, 100);
        const pageNo = pageNumber(req.query.get('page'));
        if (!q || pageNo === null) return redirect('/');
        return results(world, q, pageNo);
      }
      if (req.path === '/link') {
        const u = req.query.get('url') ?? '';
        if (!inside(u)) return text('400 bad link target\n', 400);
        // Classified ads get a tracking parameter on the way, as search referrals do.
        const target = u.startsWith(world.origin('classifieds')) ? `${u}${u.includes('?') ? '&' : '?'}from=so` : u;
        return redirect(target);
      }
      return notFound('页面不存在');
    },
  };
}

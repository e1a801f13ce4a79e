// Job board whose posts require certificates (持证上岗) — hard negatives with phone numbers —
// and bursts of 503: some job pages fail their first two requests, then answer.
import { escapeHtml, html, notFound, type Reply, text } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import { itemId, itemPath, PER_PAGE } from '../layout.js';
import { hashString } from '../random.js';
import type { World } from '../world.js';
import { lookupItem, pageCount, pagerLinks, textHtml } from './common.js';

const ROBOTS = 'User-agent: *\nDisallow: /resume/\nDisallow: /login\n';
export const FLAKY_FAILURES = 2;
const MAX_TRACKED = 50_000;

function page(title: string, body: string, canonical?: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)} - 蓝领招聘网</title>${canonical ? `<link rel="canonical" href="${canonical}">` : ''}</head>
<body><div class="nav"><a href="/">首页</a> <a href="/login" rel="nofollow">登录</a></div>
${body}
</body></html>`;
}

function list(world: World, pageNo: number): Reply {
  const space = world.spaces.jobs;
  const pages = pageCount(space.total(null, world.day), PER_PAGE.jobsList);
  if (pageNo > pages) return notFound();
  const rows = space.page(null, world.day, pageNo - 1, PER_PAGE.jobsList).map((id) => {
    const found = lookupItem(world, 'jobs', id);
    return found.state === 'live' ? `<li class="job-item"><a class="job-title" href="${itemPath('jobs', id)}">${escapeHtml(found.doc.title)}</a> <span class="date">${found.doc.floors[0]!.time.slice(0, 10)}</span></li>` : '';
  }).join('\n');
  const pager = pagerLinks(pageNo, pages, (p) => (p === 1 ? '/' : `/list/${p}.html`), '下一页', 'next');
  return html(page('最新职位', `<ul class="job-list">\n${rows}\n</ul><div class="pager">${pager}</div>`));
}

/** Whether a job page belongs to the flaky set (about one in seven). */
export function isFlakyJob(seed: number, id: number): boolean {
  return hashString(`flaky:${id}`, seed) % 7 === 0;
}

export function jobsSite(world: World): SiteModule {
  const hits = new Map<number, number>();
  return {
    robots: () => ROBOTS,
    handle(req) {
      const p = req.path;
      if (p === '/') return list(world, 1);
      let m = /^\/list\/(\d{1,6})\.html$/.exec(p);
      if (m && Number(m[1]) >= 1) return list(world, Number(m[1]));
      m = /^\/job\/(\d{1,12})\.html$/.exec(p);
      if (m) {
        const found = lookupItem(world, 'jobs', itemId('jobs', m[1]!));
        if (found.state !== 'live') return notFound('职位已下线');
        if (isFlakyJob(world.seed, found.id)) {
          const n = hits.get(found.id) ?? 0;
          if (n < FLAKY_FAILURES) {
            if (hits.size >= MAX_TRACKED) hits.clear();
            hits.set(found.id, n + 1);
            return text('503 Service Temporarily Unavailable\n', 503, { 'retry-after': '1' });
          }
        }
        const f = found.doc.floors[0]!;
        return html(page(found.doc.title, `<h1 class="job-title">${escapeHtml(found.doc.title)}</h1><div class="job-meta">${f.time}</div><div class="job-desc">${textHtml(f.text)}</div>`, world.origin('jobs') + itemPath('jobs', found.id)));
      }
      return notFound('页面不存在');
    },
  };
}

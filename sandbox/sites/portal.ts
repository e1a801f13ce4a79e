// The portal at 127.0.0.1: a directory of all sandbox sites, plus the admin endpoints
// that move the simulated day forward and hand out the truth.
import { escapeHtml, html, json, type Reply } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import type { Truth } from '../truth.js';
import type { World } from '../world.js';

export interface PortalControls {
  setDay(d: number): void;
  truth(): Truth;
}

const SITE_TITLES: Record<string, string> = {
  bbs: '安全技术论坛（Discuz!）', tieba: '贴吧', classifieds: '分类信息网', search: '搜索', qa: '问答', news: '新闻与政务', school: '培训学校', jobs: '招聘网',
};

/** Ten years of simulated days: lists grow with the day, so the day is bounded. */
export const MAX_DAY = 3650;

function parseDay(req: { body: string; query: URLSearchParams }, current: number): number | null | 'bad' {
  let raw: unknown = req.query.get('day');
  const body = req.body.trim();
  if (raw === null && body) {
    if (body.startsWith('{')) {
      try {
        raw = (JSON.parse(body) as { day?: unknown }).day ?? null;
      } catch {
        return 'bad';
      }
    } else raw = new URLSearchParams(body).get('day');
  }
  if (raw === null || raw === undefined) return current + 1;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= MAX_DAY ? n : 'bad';
}

export function portalSite(world: World, controls: PortalControls): SiteModule {
  return {
    robots: () => 'User-agent: *\nDisallow: /__admin/\n',
    acceptsPost: (path) => path === '/__admin/day',
    handle(req): Reply {
      if (req.path === '/') {
        // Cited query sites are found through the posts that cite them, as on the web.
        const items = world.sites.filter((s) => s.id !== 'portal' && s.kind !== 'verification-site').map((s) =>
          `<li data-site="${s.id}"><a href="${s.origin}/">${escapeHtml(SITE_TITLES[s.id] ?? `证书服务站 ${s.id}`)}</a> <small>${s.origin}</small></li>`).join('\n');
        return html(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>沙盒网络 · 网址导航</title></head>
<body><h1>网址导航</h1><p>第 <span id="day">${world.day}</span> 天</p><ul id="sites">
${items}
</ul></body></html>`);
      }
      if (req.path === '/__admin/day') {
        if (req.method !== 'POST') return json({ day: world.day });
        const d = parseDay(req, world.day);
        if (d === 'bad') return json({ error: `day must be an integer 0..${MAX_DAY}` }, 400);
        controls.setDay(d ?? world.day + 1);
        return json({ day: world.day });
      }
      if (req.path === '/__admin/truth') return json(controls.truth());
      return html('<!DOCTYPE html><html><head><meta charset="utf-8"><title>404</title></head><body><h1>404 页面不存在</h1></body></html>', 404);
    },
  };
}

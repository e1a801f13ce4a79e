// Which module serves which site id: the one place that maps the site map (sitemap.md)
// onto the site implementations.
import type { SiteModule } from '../http/site-server.js';
import type { World } from '../world.js';
import { bbsSite } from './bbs.js';
import { classifiedsSite } from './classifieds.js';
import { jobsSite } from './jobs.js';
import { newsSite } from './news.js';
import { portalSite, type PortalControls } from './portal.js';
import { qaSite } from './qa.js';
import { schoolSite } from './school.js';
import { searchSite } from './search.js';
import { sellerSite } from './seller-site.js';
import { tiebaSite } from './tieba.js';
import { verificationSite } from './verification-site.js';
import { notFound } from '../http/reply.js';

export function siteModule(world: World, id: string, controls: PortalControls): SiteModule {
  switch (id) {
    case 'portal': return portalSite(world, controls);
    case 'bbs': return bbsSite(world);
    case 'tieba': return tiebaSite(world);
    case 'classifieds': return classifiedsSite(world);
    case 'search': return searchSite(world);
    case 'qa': return qaSite(world);
    case 'news': return newsSite(world);
    case 'school': return schoolSite(world);
    case 'jobs': return jobsSite(world);
    default:
      if (id.startsWith('verify-')) {
        const plan = world.verificationSites[Number(id.slice('verify-'.length)) - 1];
        return plan ? verificationSite(world, plan) : { robots: () => 'User-agent: *\nAllow: /\n', handle: () => notFound() };
      }
      return sellerSite(world, Number(id.slice('seller-'.length)));
  }
}

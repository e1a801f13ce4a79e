// The fixed site map (README.md, "Sites and URL patterns"): which site lives on which loopback
// address, how it renders and which charset it speaks.
export type ContentSiteId = 'bbs' | 'tieba' | 'classifieds' | 'qa' | 'news' | 'school' | 'jobs';
export type SiteId = 'portal' | 'search' | ContentSiteId | `seller-${number}` | `verify-${number}`;

export interface SiteInfo {
  id: SiteId;
  kind: string;
  /** Loopback address this site binds to. */
  host: string;
  origin: string;
  charset: 'utf-8' | 'gbk';
  render: 'http' | 'browser';
}

const FIXED: readonly [SiteId, string, number, 'utf-8' | 'gbk', 'http' | 'browser'][] = [
  ['portal', 'portal', 1, 'utf-8', 'http'],
  ['bbs', 'discuz-forum', 2, 'gbk', 'http'],
  ['tieba', 'tieba-forum', 3, 'utf-8', 'browser'],
  ['classifieds', 'classifieds', 4, 'utf-8', 'http'],
  ['search', 'search-engine', 5, 'utf-8', 'http'],
  ['qa', 'qa', 6, 'utf-8', 'http'],
  ['news', 'news', 7, 'utf-8', 'http'],
  ['school', 'school', 8, 'utf-8', 'http'],
  ['jobs', 'jobs', 9, 'utf-8', 'http'],
];

/** Seller SEO sites grow slowly with scale; 127.0.0.10 … 127.0.0.49 at most. */
export function sellerSiteCount(scale: number): number {
  return Math.min(40, 8 + Math.floor(scale / 5));
}

export function buildSites(port: number, scale: number, verificationSites = 0): SiteInfo[] {
  const sites: SiteInfo[] = FIXED.map(([id, kind, n, charset, render]) => ({
    id, kind, host: `127.0.0.${n}`, origin: `http://127.0.0.${n}:${port}`, charset, render,
  }));
  for (let k = 1; k <= sellerSiteCount(scale); k++) {
    const host = `127.0.0.${9 + k}`;
    sites.push({ id: `seller-${k}`, kind: 'seller-site', host, origin: `http://${host}:${port}`, charset: 'utf-8', render: 'http' });
  }
  // Query sites sellers cite (sandbox/verification-plan.ts): reached only through their posts.
  for (let k = 1; k <= verificationSites; k++) {
    const host = `127.0.0.${59 + k}`;
    sites.push({ id: `verify-${k}`, kind: 'verification-site', host, origin: `http://${host}:${port}`, charset: 'utf-8', render: 'http' });
  }
  return sites;
}

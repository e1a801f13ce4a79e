// The crawl that visits a site posts cite: a source made for the visit (the cited addresses, that
// host only, one link deep), fetched as politely as any configured source.
import { parseSources, type SourceConfig } from '../../crawlers/index.js';

/** Source id of visits to cited sites; not in any sources file, so no schedule crawls it. */
export const CITED_SITES_SOURCE_ID = 'cited-sites';

/**
 * `enabled: false` keeps the row the visit needs (runs and pages name their source) out of the
 * scheduler and out of the reconciler's re-crawls: a lost visit is asked for again by the next
 * post that cites the site, not by re-running a source that has no seeds of its own.
 */
export function citedSiteSource(origin: string, pagesPerSite: number, allowPrivateAddresses = false): SourceConfig {
  return parseSources(
    {
      sources: [
        {
          id: CITED_SITES_SOURCE_ID,
          name: '帖子引用的网站 (cited sites)',
          platform: 'website',
          enabled: false,
          render: 'http',
          // The origin only (a URL from a post could carry `${...}`, which source files interpolate):
          // the crawl starts from the cited addresses themselves (runCrawl's startUrls).
          seeds: [`${origin}/`],
          // No include patterns: links must stay on a seed's host.
          maxDepth: 1,
          maxPages: pagesPerSite,
          maxPagesPerHost: pagesPerSite,
          rate: 1,
          concurrency: 1,
          timeoutSecs: 20,
          maxBodyBytes: 2 * 1024 * 1024,
          // Only when the post that cites the site came from a source allowed them (the sandbox).
          allowPrivateAddresses,
        },
      ],
    },
    {},
    '(cited sites)',
  )[0]!;
}

/** The citing addresses worth a visit: valid http(s) URLs on the one host, a few at most. */
export function followUrls(host: string, urls: string[]): string[] {
  const out: string[] = [];
  for (const raw of urls) {
    try {
      const u = new URL(raw);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.host.toLowerCase().replace(/^www\./, '') === host && !out.includes(u.href)) out.push(u.href);
    } catch {
      // Not an address: nothing to visit.
    }
  }
  return out.slice(0, 5);
}

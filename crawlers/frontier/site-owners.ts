// Which configured source owns a URL: the one whose crawl fetches that site its own way (render
// mode, reveals, selectors). A crawl hands such a URL to its owner instead of fetching it itself.
import type { SourceConfig } from '../sources/schema.js';
import { seedUrls } from '../sources/load.js';
import { compileUrlPattern } from '../sources/url-pattern.js';
import { LinkFilter } from './link-filter.js';

export interface SiteOwner {
  source: SourceConfig;
  /** The URL as the owner's own filter canonicalises it (its stripParams), the form its crawl records. */
  url: string;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

export class SiteOwners {
  private readonly bySeedHost = new Map<string, SourceConfig>();
  /** Sources that own what their include patterns admit beyond their seed hosts (seller mini-sites). */
  private readonly byScope: SourceConfig[] = [];
  private readonly filters = new Map<string, LinkFilter>();

  /** Only enabled sources own anything: a URL whose site nobody crawls stays with whoever found it. */
  constructor(sources: readonly SourceConfig[]) {
    for (const s of sources) {
      if (!s.enabled) continue;
      const seeds = seedUrls(s);
      const seedHosts = new Set<string>();
      for (const u of seeds) {
        const h = hostOf(u);
        if (!h) continue;
        seedHosts.add(h);
        // First in file order wins, as the site directory reads it.
        if (!this.bySeedHost.has(h)) this.bySeedHost.set(h, s);
      }
      this.filters.set(s.id, new LinkFilter({ include: s.include.map(compileUrlPattern), exclude: s.exclude.map(compileUrlPattern), seedHosts, stripParams: s.stripParams }));
      // A search source's include is where its results may lead, not a site of its own.
      if (!s.search && s.include.length) this.byScope.push(s);
    }
  }

  /**
   * The owner of `url`: the source seeded on its host, else the first non-search source whose
   * include patterns admit it. None when the owner's own filter refuses the URL (its exclude
   * patterns, say a duplicate spelling): the owner would never fetch it, so the finder keeps it.
   */
  ownerOf(url: string): SiteOwner | undefined {
    const h = hostOf(url);
    if (!h) return undefined;
    const candidate = this.bySeedHost.get(h) ?? this.byScope.find((s) => this.filters.get(s.id)!.judge(url).verdict === 'ok');
    if (!candidate) return undefined;
    const { verdict, url: canonical } = this.filters.get(candidate.id)!.judge(url);
    return verdict === 'ok' && canonical ? { source: candidate, url: canonical } : undefined;
  }
}

// Which site a page belongs to, whatever source fetched it: a forum thread reached from a
// search result is still the forum (its selectors, its platform); an unknown host is a website.
import type { SourceConfig } from '../../crawlers/index.js';

/** Platforms whose pages belong to one seller: their host is that seller's own url contact. */
export const SELLER_SITE_PLATFORMS = new Set(['seo', 'seller', 'seller-site', 'website']);
/** What a host that no source seeds is: an independent website (in practice a seller's). */
export const UNKNOWN_SITE_PLATFORM = 'website';
/** What the seed host of a seller-site source is: a hub that lists sites, not a seller. */
export const DIRECTORY_PLATFORM = 'directory';

export function hostKey(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

export interface SiteInfo {
  platform: string;
  /** The source whose selectors read this site's pages. */
  source?: SourceConfig;
  sellerSite: boolean;
}

export class SiteDirectory {
  private readonly byHost = new Map<string, SiteInfo>();

  constructor(sources: SourceConfig[]) {
    // Enabled sources first, so a disabled alternative never shadows the one in use.
    const ordered = [...sources].sort((a, b) => Number(b.enabled) - Number(a.enabled));
    for (const s of ordered) {
      const sellerSite = SELLER_SITE_PLATFORMS.has(s.platform);
      const urls = [...s.seeds, ...(s.search?.templates ?? []).map((t) => t.replace(/\{query\}/g, 'q'))];
      for (const u of urls) {
        const h = hostKey(u);
        if (!h || this.byHost.has(h)) continue;
        this.byHost.set(h, sellerSite ? { platform: DIRECTORY_PLATFORM, sellerSite: false } : { platform: s.platform, source: s, sellerSite: false });
      }
    }
  }

  /** `fallback` is the source that fetched the page; it reads sites no source seeds. */
  siteOf(url: string, fallback?: SourceConfig): SiteInfo {
    const h = hostKey(url);
    const known = h ? this.byHost.get(h) : undefined;
    if (known) return { ...known, source: known.source ?? fallback };
    if (fallback && SELLER_SITE_PLATFORMS.has(fallback.platform)) return { platform: fallback.platform, source: fallback, sellerSite: true };
    return { platform: UNKNOWN_SITE_PLATFORM, source: fallback && SELLER_SITE_PLATFORMS.has(fallback.platform) ? fallback : undefined, sellerSite: true };
  }

  /** Hosts of the platforms we crawl (forums, classifieds, search, directories): never a seller's url. */
  isPlatformHost(host: string): boolean {
    return this.byHost.has(host.toLowerCase().replace(/^www\./, ''));
  }
}

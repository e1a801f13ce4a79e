// Admission to one run's crawl frontier: scope and trap checks, robots.txt,
// the outbound policy, depth, per-host and total page caps — every refusal counted in the run's stats.
import type { CrawlStats } from '../crawl-stats.js';
import type { OutboundPolicy } from '../outbound/outbound-policy.js';
import type { RobotsCache } from '../politeness/robots-cache.js';
import type { LinkFilter, LinkVerdict } from './link-filter.js';

export interface FrontierRequest {
  url: string;
  uniqueKey: string;
  userData: CrawlUserData;
}

export interface CrawlUserData {
  depth: number;
  /** URLs that redirected here, to detect loops. */
  redirectChain?: string[];
}

export interface FrontierOptions {
  filter: LinkFilter;
  robots: RobotsCache;
  /** Checked before robots.txt, so no request (not even for robots.txt) goes to a refused address. */
  outbound?: OutboundPolicy;
  stats: CrawlStats;
  maxDepth: number;
  maxPages: number;
  maxPagesPerHost: number;
  /**
   * Takes a link whose site another source owns (true: taken, not admitted here): that source
   * fetches it its own way. Seeds are never handed on; they are this run's by definition.
   */
  handOff?: (url: string) => boolean;
}

const SKIP_COUNTERS: Record<Exclude<LinkVerdict, 'ok'>, keyof CrawlStats> = {
  malformed: 'skippedExcluded',
  binary: 'skippedBinary',
  offsite: 'skippedOffsite',
  excluded: 'skippedExcluded',
  'too-long': 'skippedTooLong',
};

export class Frontier {
  private readonly seen = new Set<string>();
  private readonly perHost = new Map<string, number>();
  private admitted = 0;

  constructor(private readonly opts: FrontierOptions) {}

  private bump(key: keyof CrawlStats): void {
    (this.opts.stats[key] as number)++;
  }

  get size(): number {
    return this.admitted;
  }

  /** Canonical form of a link as this run's filter would judge it. */
  filterLink(href: string, base?: string) {
    return this.opts.filter.judge(href, base);
  }

  canonical(url: string): string | undefined {
    return this.opts.filter.judge(url).url;
  }

  hasSeen(url: string): boolean {
    return this.seen.has(url);
  }

  /**
   * Filters candidate links and returns those to enqueue with `userData`
   * (whose depth is the links' depth); each URL is admitted at most once per run.
   */
  async admit(
    hrefs: Iterable<string>,
    base: string | undefined,
    userData: CrawlUserData,
    { seeds = false }: { seeds?: boolean } = {},
  ): Promise<FrontierRequest[]> {
    const out: FrontierRequest[] = [];
    if (userData.depth > this.opts.maxDepth) {
      for (const _ of hrefs) this.bump('skippedDepth');
      return out;
    }
    for (const href of hrefs) {
      const { verdict, url } = this.opts.filter.judge(href, base);
      if (verdict !== 'ok' || !url) {
        // Seeds are in scope by definition; only their shape can disqualify them.
        if (!(seeds && url && (verdict === 'offsite' || verdict === 'excluded'))) {
          this.bump(SKIP_COUNTERS[verdict as Exclude<LinkVerdict, 'ok'>]);
          continue;
        }
      }
      const target = url!;
      if (this.seen.has(target)) continue;
      // Before the caps: a handed link costs this run no page of its budget.
      if (!seeds && this.opts.handOff?.(target)) {
        this.seen.add(target);
        this.bump('handedOff');
        continue;
      }
      if (this.admitted >= this.opts.maxPages) {
        this.bump('skippedHostCap');
        continue;
      }
      const host = new URL(target).host;
      const hostCount = this.perHost.get(host) ?? 0;
      if (hostCount >= this.opts.maxPagesPerHost) {
        this.bump('skippedHostCap');
        continue;
      }
      if (this.opts.outbound && !(await this.opts.outbound.checkAddress(target)).ok) {
        this.seen.add(target);
        this.bump('skippedRefused');
        continue;
      }
      if (!(await this.opts.robots.isAllowed(target))) {
        this.seen.add(target);
        this.bump('skippedRobots');
        continue;
      }
      this.seen.add(target);
      this.perHost.set(host, hostCount + 1);
      this.admitted++;
      out.push({ url: target, uniqueKey: target, userData });
    }
    return out;
  }
}

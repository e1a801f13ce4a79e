// The genuine places to check a special-operation certificate (shared/domain): the Ministry's
// platform, its old address and government portals. Never followed, never flagged, whatever they show.

/**
 * Registrable domains whose hosts are official. cx.mem.gov.cn is the Ministry's query platform
 * and cx.saws.org.cn its older address; every *.gov.cn host is a government site (the Ministry and
 * the provincial emergency-management departments and their 政务服务 portals), which only a
 * government body can register. Operators add others (a provincial portal on another domain)
 * with the `verification.officialHosts` setting.
 */
export const OFFICIAL_DOMAINS = ['gov.cn', 'saws.org.cn'] as const;

function bareHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/:\d+$/, '').replace(/\.+$/, '').replace(/^www\./, '');
}

export class OfficialHosts {
  private readonly domains: string[];

  constructor(extra: readonly string[] = []) {
    this.domains = [...OFFICIAL_DOMAINS, ...extra.map(bareHost).filter(Boolean)];
  }

  /** Whether `host` (host[:port], or a URL) is, or is under, an official domain. */
  isOfficial(hostOrUrl: string): boolean {
    let host = hostOrUrl;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hostOrUrl)) {
      try {
        host = new URL(hostOrUrl).host;
      } catch {
        return false;
      }
    }
    const h = bareHost(host);
    return this.domains.some((d) => h === d || h.endsWith(`.${d}`));
  }
}

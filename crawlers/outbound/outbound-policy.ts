// The one rule for every request certwatch makes on a source's behalf (crawler, reveal rules,
// capture browser): http(s) only, the source's own hosts and include patterns, and no private,
// loopback or link-local address after DNS resolution unless the source explicitly allows them.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { matchesAny, compileUrlPattern, type UrlPattern } from '../sources/url-pattern.js';
import { isPrivateAddress } from './private-address.js';

export type RefusalReason = 'scheme' | 'offsite' | 'private_address';

export type OutboundVerdict = { ok: true } | { ok: false; reason: RefusalReason; message: string };

export type AddressLookup = (host: string) => Promise<string[]>;

export interface OutboundPolicyOptions {
  /** host:port pairs the source fetches from (its seeds' hosts). */
  hosts?: Iterable<string>;
  /** The source's include patterns: URLs matching one are in scope too. */
  include?: readonly UrlPattern[];
  /**
   * Let requests reach loopback, private and link-local addresses (a lab or the sandbox web).
   * @default false
   */
  allowPrivateAddresses?: boolean;
  /** Resolves a host name to its addresses; defaults to the system resolver. */
  lookup?: AddressLookup;
}

const OK: OutboundVerdict = { ok: true };
const RESOLVE_TTL_MS = 60_000;
const MAX_CACHED = 10_000;

const systemLookup: AddressLookup = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

export class OutboundPolicy {
  private readonly hosts: Set<string>;
  private readonly include: readonly UrlPattern[];
  private readonly lookup: AddressLookup;
  private readonly resolved = new Map<string, { private: boolean; until: number }>();
  readonly allowPrivateAddresses: boolean;

  constructor(opts: OutboundPolicyOptions = {}) {
    this.hosts = new Set(opts.hosts ?? []);
    this.include = opts.include ?? [];
    this.allowPrivateAddresses = opts.allowPrivateAddresses ?? false;
    this.lookup = opts.lookup ?? systemLookup;
  }

  /** True when the URL is on one of the source's hosts or matches one of its include patterns. */
  inScope(url: string): boolean {
    try {
      return this.hosts.has(new URL(url).host) || matchesAny(this.include, url);
    } catch {
      return false;
    }
  }

  /** Scheme and address only: for what a fetched page itself loads (scripts, images, XHR). */
  async checkAddress(url: string): Promise<OutboundVerdict> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { ok: false, reason: 'scheme', message: `not a URL: ${url.slice(0, 200)}` };
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: 'scheme', message: `refusing a ${u.protocol} URL` };
    if (this.allowPrivateAddresses) return OK;
    if (await this.hostIsPrivate(u.hostname)) {
      return { ok: false, reason: 'private_address', message: `refusing ${u.host}: a private, loopback or link-local address` };
    }
    return OK;
  }

  /** Scheme, scope and address: for a URL certwatch chooses to fetch (reveal endpoints). */
  async check(url: string): Promise<OutboundVerdict> {
    const address = await this.checkAddress(url);
    if (!address.ok) return address;
    if (!this.inScope(url)) return { ok: false, reason: 'offsite', message: `refusing ${new URL(url).host}: not one of the source's hosts or include patterns` };
    return OK;
  }

  private async hostIsPrivate(hostname: string): Promise<boolean> {
    const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
    if (isIP(bare)) return isPrivateAddress(bare);
    const now = Date.now();
    const cached = this.resolved.get(bare);
    if (cached && cached.until > now) return cached.private;
    let addresses: string[];
    try {
      addresses = await this.lookup(bare);
    } catch {
      // An unresolvable name reaches nothing; the request itself fails as a network error.
      return false;
    }
    // One private answer is enough: a name that resolves both ways is how rebinding starts.
    const answer = addresses.some((a) => isPrivateAddress(a));
    if (this.resolved.size >= MAX_CACHED) this.resolved.delete(this.resolved.keys().next().value!);
    this.resolved.set(bare, { private: answer, until: now + RESOLVE_TTL_MS });
    return answer;
  }
}

/** The policy of one source: its seeds' hosts, its include patterns and its private-address opt-in. */
export function outboundPolicyFor(
  source: { include: readonly string[]; allowPrivateAddresses?: boolean },
  seeds: Iterable<string>,
  lookup?: AddressLookup,
): OutboundPolicy {
  const hosts = new Set<string>();
  for (const s of seeds) {
    try {
      hosts.add(new URL(s).host);
    } catch {
      // A seed that does not parse gives no host.
    }
  }
  return new OutboundPolicy({
    hosts,
    include: source.include.map(compileUrlPattern),
    allowPrivateAddresses: source.allowPrivateAddresses ?? false,
    ...(lookup ? { lookup } : {}),
  });
}

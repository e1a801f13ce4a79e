// Which sites a seller's post points buyers at — its links, the addresses in its text, the URLs in
// its QR codes, its own site — minus the official platform, the platforms we crawl and big portals.
import type { ExtractedPost } from '../../crawlers/index.js';
import type { Contact } from '../../classifiers/index.js';
import { hostKey, isWellKnownHost, type ContactFilter } from './contact-filter.js';
import type { OfficialHosts } from '../verification/official-hosts.js';

export type CiteVia = 'link' | 'text' | 'qr' | 'own-site';

export interface SiteCitation {
  host: string;
  via: CiteVia;
  /** The address to visit: the cited URL itself, or the host's front page for a bare address. */
  url: string;
}

/** More cited addresses than this in one post is a link farm, not a seller pointing at a site. */
const MAX_CITES_PER_POST = 20;

function httpUrl(raw: string): URL | undefined {
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    if (u.username || u.password) return undefined;
    u.hash = '';
    return u;
  } catch {
    return undefined;
  }
}

export interface CiteInputs {
  post: ExtractedPost;
  pageUrl: string;
  /** Contacts the classifier read from the post's text. */
  textContacts: Contact[];
  /** Whole texts of the post's QR codes. */
  qrTexts: string[];
  /** The page is on a site of its own (a seller's), whose host the post cites by being there. */
  sellerSite: boolean;
}

export function citedSites(input: CiteInputs, filter: ContactFilter, official: OfficialHosts): SiteCitation[] {
  const pageHost = hostKey(input.pageUrl);
  const out = new Map<string, SiteCitation>();
  const add = (raw: string, via: CiteVia) => {
    if (out.size >= MAX_CITES_PER_POST) return;
    const u = httpUrl(raw);
    if (!u) return;
    const host = u.host.toLowerCase().replace(/^www\./, '');
    if (official.isOfficial(host) || isWellKnownHost(host) || filter.sites.isPlatformHost(host)) return;
    // A post's links to its own site are navigation, except on a seller's own site (then 'own-site').
    if (host === pageHost && via !== 'own-site') return;
    const key = `${host}\u0000${via}`;
    if (!out.has(key)) out.set(key, { host, via, url: u.href });
  };
  for (const l of input.post.links ?? []) if (typeof l === 'string') add(l, 'link');
  for (const c of input.textContacts) if (c.kind === 'url') add(`http://${c.value}/`, 'text');
  for (const t of input.qrTexts) {
    const trimmed = t.trim();
    if (/^https?:\/\//i.test(trimmed)) add(trimmed, 'qr');
    else if (/^[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(?:\/\S*)?$/i.test(trimmed) || /^(?:\d{1,3}\.){3}\d{1,3}:\d+(?:\/\S*)?$/.test(trimmed)) add(`http://${trimmed}`, 'qr');
  }
  if (input.sellerSite && pageHost) add(input.pageUrl, 'own-site');
  return [...out.values()];
}

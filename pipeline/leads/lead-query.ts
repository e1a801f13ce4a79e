// The lead list: the sellers lead-rule.ts lets through, with their contacts, certificate types,
// platforms and listings — what `certwatch leads` prints and the demo checks against the truth.
import type { Queryable } from '../storage/database.js';
import { leadContacts, leadListings, leadSellers, mergesInto } from '../storage/leads.js';
import { citationPairs, verificationSitesOf } from '../storage/verification-sites.js';
import { leadRuleSql, type LeadKind, type SellerCategory, type SellerView } from './lead-rule.js';

export interface LeadContact {
  kind: 'phone' | 'wechat' | 'qq' | 'email' | 'url';
  value: string;
}

export interface LeadListing {
  url: string;
  score: number;
  firstSeen: string;
  lastSeen: string;
  platform: string;
  gone: boolean;
}

export interface Lead {
  id: number;
  /** 'seller' (the default), or 'verification-site': a clone of the official query platform, its host as contact. */
  kind: LeadKind;
  status: string;
  /** Where the seller stands under the lead rule: only 'lead' rows are leads. */
  category: SellerCategory;
  score: number;
  contacts: LeadContact[];
  listings: LeadListing[];
  certTypes: { code: string; label: string }[];
  platforms: string[];
  /** Author handles as `host|handle`. */
  handles: string[];
  /** Seller ids merged into this one (they still resolve here). */
  mergedIds: number[];
  firstSeen: string;
  lastSeen: string;
  /** Verification-site rows: the live sellers whose flagged or review-band posts cite the site. */
  citedBy?: number[];
  /** Seller rows that cite fake verification sites: those sites' ids. */
  verificationSites?: number[];
}

export interface LeadQuery {
  /**
   * Which sellers under the lead rule (lead-rule.ts): 'leads' (default), 'review' (待复核: a flagged
   * or review-band listing but not a lead) or 'all' live sellers.
   */
  view?: SellerView;
  status?: string;
  /** Only sellers or only fake verification sites; both when unset. */
  kind?: LeadKind;
  /** Minimum seller score (best listing): narrows the view, never widens it. */
  minScore?: number;
  limit?: number;
  /** Exactly these live sellers, whatever the rule says of them (the caller chose them). */
  sellerIds?: number[];
}

const CONTACT_ORDER = ['phone', 'wechat', 'qq', 'email', 'url'];

export async function listLeads(db: Queryable, query: LeadQuery = {}): Promise<Lead[]> {
  const sellers = await leadSellers(db, { view: query.view ?? 'leads', status: query.status, kind: query.kind, sellerIds: query.sellerIds, minScore: query.minScore, limit: query.limit }, leadRuleSql);
  if (sellers.length === 0) return [];
  const ids = sellers.map((s) => s.id);
  const listings = await leadListings(db, ids);
  const contacts = await leadContacts(db, ids);
  const merges = await mergesInto(db, ids);
  const sites = await verificationSitesOf(db, sellers.filter((s) => s.kind === 'verification-site').map((s) => s.id));
  const pairs = await citationPairs(db, ids);
  const byId = new Map<number, Lead>();
  for (const s of sellers) {
    byId.set(s.id, { id: s.id, kind: s.kind, status: s.status, category: s.category, score: Math.round(s.score * 1e4) / 1e4, contacts: [], listings: [], certTypes: [], platforms: [], handles: [], mergedIds: [], firstSeen: '', lastSeen: '' });
  }
  for (const l of listings) {
    const lead = byId.get(l.seller_id)!;
    if (l.flagged || l.review) {
      lead.listings.push({ url: l.url, score: Math.round(l.score * 1e4) / 1e4, firstSeen: l.first_seen.toISOString(), lastSeen: l.last_seen.toISOString(), platform: l.platform, gone: l.gone });
      for (const ct of Array.isArray(l.cert_types) ? l.cert_types : []) {
        if (ct && typeof ct.code === 'string' && !lead.certTypes.some((c) => c.code === ct.code)) lead.certTypes.push({ code: ct.code, label: ct.label });
      }
    }
    if (!lead.platforms.includes(l.platform)) lead.platforms.push(l.platform);
    const first = l.first_seen.toISOString();
    const last = l.last_seen.toISOString();
    if (!lead.firstSeen || first < lead.firstSeen) lead.firstSeen = first;
    if (last > lead.lastSeen) lead.lastSeen = last;
  }
  for (const c of contacts) {
    const lead = byId.get(c.seller_id)!;
    if (c.kind === 'handle') lead.handles.push(c.value);
    else lead.contacts.push({ kind: c.kind as LeadContact['kind'], value: c.value });
  }
  for (const m of merges) byId.get(m.survivor_id)?.mergedIds.push(m.merged_id);
  for (const site of sites) byId.get(site.seller_id)?.contacts.push({ kind: 'url', value: site.host });
  for (const p of pairs) {
    const site = byId.get(p.site_id);
    if (site?.kind === 'verification-site') (site.citedBy ??= []).includes(p.seller_id) || site.citedBy.push(p.seller_id);
    const seller = byId.get(p.seller_id);
    if (seller?.kind === 'seller') (seller.verificationSites ??= []).includes(p.site_id) || seller.verificationSites.push(p.site_id);
  }
  for (const lead of byId.values()) {
    lead.contacts.sort((a, b) => CONTACT_ORDER.indexOf(a.kind) - CONTACT_ORDER.indexOf(b.kind) || a.value.localeCompare(b.value));
    lead.handles.sort();
    lead.mergedIds.sort((a, b) => a - b);
    lead.certTypes.sort((a, b) => a.code.localeCompare(b.code));
    lead.citedBy?.sort((a, b) => a - b);
    lead.verificationSites?.sort((a, b) => a - b);
    if (lead.kind === 'verification-site') lead.citedBy ??= [];
  }
  return [...byId.values()];
}

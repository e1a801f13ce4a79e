// Scores a lead list against a sandbox ground truth (demo summary, benchmarks, tests):
// planted reachable sellers found, lead precision, and requests to robots-forbidden URLs.
import { readFileSync } from 'node:fs';
import type { Lead } from '../pipeline/leads/lead-query.js';

/** The parts of the sandbox truth file this check reads. */
export interface TruthLike {
  sellers: { id: string | number; contacts: { kind: string; value: string }[]; posts: string[]; reachable: boolean }[];
  forbidden?: string[];
  fakeVerificationSites?: { host: string; reachable: boolean }[];
  verificationNegatives?: { host: string }[];
}

/** Verification-site leads against the planted clones and the honest look-alikes. */
export interface VerificationSiteCheck {
  plantedReachable: number;
  found: number;
  missed: string[];
  leads: number;
  /** Verification-site leads whose host is no planted clone (honest negatives among them). */
  falseSites: string[];
  /** Honest provincial pages listed as verification sites: must stay empty. */
  negativesFlagged: string[];
}

export interface TruthCheck {
  plantedReachable: number;
  found: number;
  missed: (string | number)[];
  leads: number;
  truePositiveLeads: number;
  precision: number;
  falseLeads: number[];
  /** Leads of a planted seller that carry none of that seller's contacts (an analyst would have to read them by eye). */
  leadsWithoutSellerContact: number[];
  forbiddenRequests?: number;
  requests?: number;
  /** Present when the truth lists fake verification sites. */
  verificationSites?: VerificationSiteCheck;
}

const key = (kind: string, value: string) => `${kind}\u0000${value.toLowerCase()}`;
const stripHash = (u: string) => u.split('#')[0]!;

function checkVerificationSites(leads: Lead[], truth: TruthLike): VerificationSiteCheck {
  const fakes = truth.fakeVerificationSites ?? [];
  const negatives = new Set((truth.verificationNegatives ?? []).map((n) => n.host.toLowerCase()));
  const fakeHosts = new Set(fakes.map((f) => f.host.toLowerCase()));
  const listed = new Set(leads.flatMap((l) => l.contacts.filter((c) => c.kind === 'url').map((c) => c.value.toLowerCase())));
  const reachable = fakes.filter((f) => f.reachable);
  const missed = reachable.filter((f) => !listed.has(f.host.toLowerCase())).map((f) => f.host);
  return {
    plantedReachable: reachable.length,
    found: reachable.length - missed.length,
    missed,
    leads: leads.length,
    falseSites: [...listed].filter((h) => !fakeHosts.has(h)).sort(),
    negativesFlagged: [...listed].filter((h) => negatives.has(h)).sort(),
  };
}

export function checkAgainstTruth(allLeads: Lead[], truth: TruthLike): TruthCheck {
  // Seller figures are about sellers; fake verification sites are scored on their own.
  const leads = allLeads.filter((l) => l.kind !== 'verification-site');
  const sites = allLeads.filter((l) => l.kind === 'verification-site');
  const contactOwner = new Map<string, Set<string | number>>();
  const postOwner = new Map<string, Set<string | number>>();
  const add = (m: Map<string, Set<string | number>>, k: string, id: string | number) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(id);
  };
  for (const s of truth.sellers) {
    for (const c of s.contacts) add(contactOwner, key(c.kind, c.value), s.id);
    for (const p of s.posts) (add(postOwner, p, s.id), add(postOwner, stripHash(p), s.id));
  }
  const foundIds = new Set<string | number>();
  const falseLeads: number[] = [];
  const leadsWithoutSellerContact: number[] = [];
  for (const lead of leads) {
    const matched = new Set<string | number>();
    for (const c of lead.contacts) for (const id of contactOwner.get(key(c.kind, c.value)) ?? []) matched.add(id);
    const byContact = matched.size > 0;
    for (const l of lead.listings) for (const id of postOwner.get(l.url) ?? postOwner.get(stripHash(l.url)) ?? []) matched.add(id);
    if (matched.size === 0) falseLeads.push(lead.id);
    else if (!byContact) leadsWithoutSellerContact.push(lead.id);
    for (const id of matched) foundIds.add(id);
  }
  const reachable = truth.sellers.filter((s) => s.reachable);
  const missed = reachable.filter((s) => !foundIds.has(s.id)).map((s) => s.id);
  return {
    plantedReachable: reachable.length,
    found: reachable.length - missed.length,
    missed,
    leads: leads.length,
    truePositiveLeads: leads.length - falseLeads.length,
    precision: leads.length ? (leads.length - falseLeads.length) / leads.length : 1,
    falseLeads,
    ...(truth.fakeVerificationSites ? { verificationSites: checkVerificationSites(sites, truth) } : {}),
    leadsWithoutSellerContact,
  };
}

/** Counts access-log requests (JSON lines `{host, path, …}`) under a forbidden URL prefix. */
export function countForbiddenRequests(accessLogFile: string, forbidden: string[]): { requests: number; forbidden: number; examples: string[] } {
  let text: string;
  try {
    text = readFileSync(accessLogFile, 'utf8');
  } catch {
    return { requests: 0, forbidden: 0, examples: [] };
  }
  let requests = 0;
  let bad = 0;
  const examples: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let rec: { host?: string; path?: string };
    try {
      rec = JSON.parse(line) as { host?: string; path?: string };
    } catch {
      continue;
    }
    requests++;
    // RFC 9309: robots.txt itself is always fetched; it is how a crawler learns what is forbidden.
    if (rec.path === '/robots.txt') continue;
    const url = `http://${rec.host ?? ''}${rec.path ?? ''}`;
    if (forbidden.some((p) => url.startsWith(p))) {
      bad++;
      if (examples.length < 5) examples.push(url);
    }
  }
  return { requests, forbidden: bad, examples };
}

// Which fake verification sites (clones of the Ministry's certificate query platform, each in its
// own look) and which official-looking negatives the sandbox hosts, and which planted seller cites each.
import type { SellerPlan } from './sellers.js';
import type { PlantedPost } from './world.js';

/** Looks of the clones: how their query form, title and result page differ. */
export type CloneLook = 'cx-clone' | 'national-system' | 'table-form' | 'result-first';
/** Honest pages that show the platform's name: a provincial guide and a provincial forwarding form. */
export type HonestLook = 'province-guide' | 'province-forward';

export interface VerificationSitePlan {
  /** 1-based number of this sandbox site (site id `verify-k`). */
  k: number;
  look: CloneLook | HonestLook;
  /** True for a clone; false for an honest page that must never be flagged. */
  fake: boolean;
  /** Index of the planted seller whose posts cite the site (one each: a shared address would join sellers). */
  citedBy: number;
  /** Where the seller's posts point (path on the site). */
  path: string;
}

export const LOOKS: { look: CloneLook | HonestLook; fake: boolean; path: string }[] = [
  { look: 'cx-clone', fake: true, path: '/' },
  { look: 'national-system', fake: true, path: '/index.html' },
  { look: 'table-form', fake: true, path: '/zscx/' },
  { look: 'result-first', fake: true, path: '/' },
  { look: 'province-guide', fake: false, path: '/tzzy/cx.html' },
  { look: 'province-forward', fake: false, path: '/' },
];

/** Loopback addresses of these sites: 127.0.0.60 and up, clear of the seller sites (10–49). */
export const VERIFICATION_SITE_BASE = 59;

/**
 * Citing sellers: visible ones without a site of their own whose posts carry text on an HTTP forum
 * (the address is written into the text), taken from the end of the list so the seller sites'
 * owners, the hidden sellers and those who show their number only in pictures are untouched.
 */
export function planVerificationSites(sellers: SellerPlan[], posts: PlantedPost[]): VerificationSitePlan[] {
  const inText = (s: SellerPlan) =>
    posts.some((p) => p.seller === s.index && !p.forbidden && p.bornDay === 0 && p.goneDay === null && p.site !== 'tieba' && (p.mode === 'text' || p.mode === 'reply'));
  const citing = sellers.filter((s) => s.sellerSite === null && !s.hiddenOnly && inText(s)).reverse();
  return LOOKS.slice(0, citing.length).map((l, i) => ({ k: i + 1, ...l, citedBy: citing[i]!.index }));
}

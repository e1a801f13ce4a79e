// The lead rule (pipeline/leads/lead-rule.ts) as SQL conditions over a sellers row and the facts
// triggers keep on it, so every list, count, statistic and export runs the same statement text.

/** What the rule is made of; pipeline/leads/lead-rule.ts holds the one value and says why. */
export interface LeadRuleTerms {
  /** Contact kinds through which someone can reach a seller. */
  reachKinds: readonly string[];
  /** A flagged listing with images counts as reachable (the number drawn in a picture). */
  imagesReach: boolean;
  /**
   * Entities of kind 'verification-site' (a clone of the official query platform; sellers.kind,
   * migration 014) are reached through their host: their recognised page is the flagged listing.
   */
  verificationSites: boolean;
}

/** What a lead is: a seller, or a fake verification site that sellers cite. */
export type LeadKind = 'seller' | 'verification-site';

/** Which sellers a list shows: leads, the second-look pile (待复核), or every live seller. */
export type SellerView = 'leads' | 'review' | 'all';

export interface LeadRuleSql {
  /** True when seller `s` is a lead. */
  lead(s: string): string;
  /** True when `s` is live, not a lead, and has a flagged or review-band listing. */
  review(s: string): string;
  /** 'lead' | 'review' | 'other' for a live seller `s`. */
  category(s: string): string;
  /** The same for a few named sellers (a seller page); kept apart in case the two spellings differ again. */
  categoryOfFew(s: string): string;
  /** The condition a view puts on `s` (live sellers only). */
  view(view: SellerView, s: string): string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

export function compileLeadRule(terms: LeadRuleTerms): LeadRuleSql {
  // Kinds are inlined (the fragments go into statements with their own numbered parameters),
  // so only plain identifiers are accepted.
  for (const k of terms.reachKinds) if (!IDENT.test(k)) throw new Error(`lead rule: bad contact kind '${k}'`);
  if (terms.reachKinds.length === 0 && !terms.imagesReach) throw new Error('lead rule: no way to reach a seller');
  const alias = (s: string) => {
    if (!IDENT.test(s)) throw new Error(`lead rule: bad alias '${s}'`);
    return s;
  };
  // The facts sit on each sellers row, kept by triggers from its listings and their contacts
  // (migration 013): reach_kinds holds every contact kind its listings carry, plus 'image' for a
  // flagged listing with pictures. A list, count or statistic reads one row per seller.
  const reachable = [...terms.reachKinds, ...(terms.imagesReach ? ['image'] : [])].map((k) => `'${k}'`).join(', ');
  const reach = (s: string) => (reachable ? `${s}.reach_kinds && ARRAY[${reachable}]::text[]` : 'false');
  // A verification site has no contacts of its own on its listings: its host is how it is reached.
  const reachOf = (s: string) => (terms.verificationSites ? `(${s}.kind = 'verification-site' OR ${reach(s)})` : `(${s}.kind = 'seller' AND ${reach(s)})`);
  const leadOf = (s: string) => `(${s}.merged_into IS NULL AND ${s}.has_flagged AND ${reachOf(s)})`;
  const reviewOf = (s: string) => `(${s}.merged_into IS NULL AND ${s}.has_flagged_or_review AND NOT ${leadOf(s)})`;
  const categoryOf = (s: string) => `(CASE WHEN ${leadOf(s)} THEN 'lead' WHEN ${s}.merged_into IS NULL AND ${s}.has_flagged_or_review THEN 'review' ELSE 'other' END)`;
  return {
    lead: (s) => leadOf(alias(s)),
    review: (s) => reviewOf(alias(s)),
    category: (s) => categoryOf(alias(s)),
    // One spelling serves many sellers and few alike now that the facts are columns.
    categoryOfFew: (s) => categoryOf(alias(s)),
    view: (v, s) => {
      const a = alias(s);
      return v === 'leads' ? leadOf(a) : v === 'review' ? reviewOf(a) : `${a}.merged_into IS NULL`;
    },
  };
}

// The lead rule (pipeline/leads/lead-rule.ts) as SQL conditions over a sellers row, so every
// list, count, statistic and export that filters sellers runs the same statement text.

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
  /** 'lead' | 'review' | 'other' for a live seller `s`, spelled for scanning many sellers. */
  category(s: string): string;
  /** The same, spelled for a few named sellers (a seller page): probes only their listings. */
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
  const kinds = terms.reachKinds.map((k) => `'${k}'`).join(', ');
  const alias = (s: string) => {
    if (!IDENT.test(s)) throw new Error(`lead rule: bad alias '${s}'`);
    return s;
  };
  // Two spellings of the same three conditions. Over many sellers (views, counts, statistics) each
  // is an uncorrelated IN list that Postgres hashes once instead of probing listings and contacts
  // per seller; IS NOT NULL keeps a NULL answer out of the review condition's NOT. For a few named
  // sellers (one seller page) EXISTS probes only their listings through the indexes.
  const reachContact = `SELECT rl.seller_id FROM listings rl JOIN listing_contacts rlc ON rlc.listing_id = rl.id JOIN contacts rc ON rc.id = rlc.contact_id
                        WHERE rc.kind IN (${kinds})`;
  const withImages = `il.flagged AND jsonb_array_length(il.images) > 0`;
  const inList = (s: string, sql: string, sellerCol: string) => `${s}.id IN (${sql} AND ${sellerCol} IS NOT NULL)`;
  const exists = (s: string, sql: string, sellerCol: string) => `EXISTS (${sql} AND ${sellerCol} = ${s}.id)`;
  const conditions = (has: typeof inList) => {
    const reach = (s: string) =>
      [
        kinds && has(s, reachContact, 'rl.seller_id'),
        terms.imagesReach && has(s, `SELECT il.seller_id FROM listings il WHERE ${withImages}`, 'il.seller_id'),
      ]
        .filter(Boolean)
        .join(' OR ');
    const flagged = (s: string) => has(s, 'SELECT fl.seller_id FROM listings fl WHERE fl.flagged', 'fl.seller_id');
    const flaggedOrReview = (s: string) => has(s, 'SELECT fr.seller_id FROM listings fr WHERE (fr.flagged OR fr.review)', 'fr.seller_id');
    // A verification site has no contacts of its own on its listings: its host is how it is reached.
    const reachOf = (s: string) => (terms.verificationSites ? `(${s}.kind = 'verification-site' OR ${reach(s)})` : `(${s}.kind = 'seller' AND (${reach(s)}))`);
    const leadOf = (s: string) => `(${s}.merged_into IS NULL AND ${flagged(s)} AND ${reachOf(s)})`;
    const reviewOf = (s: string) => `(${s}.merged_into IS NULL AND ${flaggedOrReview(s)} AND NOT ${leadOf(s)})`;
    const categoryOf = (s: string) => `(CASE WHEN ${leadOf(s)} THEN 'lead' WHEN ${s}.merged_into IS NULL AND ${flaggedOrReview(s)} THEN 'review' ELSE 'other' END)`;
    return { leadOf, reviewOf, categoryOf };
  };
  const many = conditions(inList);
  const few = conditions(exists);
  return {
    lead: (s) => many.leadOf(alias(s)),
    review: (s) => many.reviewOf(alias(s)),
    category: (s) => many.categoryOf(alias(s)),
    categoryOfFew: (s) => few.categoryOf(alias(s)),
    view: (v, s) => {
      const a = alias(s);
      return v === 'leads' ? many.leadOf(a) : v === 'review' ? many.reviewOf(a) : `${a}.merged_into IS NULL`;
    },
  };
}

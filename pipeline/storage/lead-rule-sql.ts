// The lead rule (pipeline/leads/lead-rule.ts) as SQL conditions over a sellers row, so every
// list, count, statistic and export that filters sellers runs the same statement text.

/** What the rule is made of; pipeline/leads/lead-rule.ts holds the one value and says why. */
export interface LeadRuleTerms {
  /** Contact kinds through which someone can reach a seller. */
  reachKinds: readonly string[];
  /** A flagged listing with images counts as reachable (the number drawn in a picture). */
  imagesReach: boolean;
}

/** Which sellers a list shows: leads, the second-look pile (待复核), or every live seller. */
export type SellerView = 'leads' | 'review' | 'all';

export interface LeadRuleSql {
  /** True when seller `s` is a lead. */
  lead(s: string): string;
  /** True when `s` is live, not a lead, and has a flagged or review-band listing. */
  review(s: string): string;
  /** 'lead' | 'review' | 'other' for a live seller `s`. */
  category(s: string): string;
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
  const reach = (s: string) =>
    [
      kinds &&
        `EXISTS (SELECT 1 FROM listings rl JOIN listing_contacts rlc ON rlc.listing_id = rl.id JOIN contacts rc ON rc.id = rlc.contact_id
                 WHERE rl.seller_id = ${s}.id AND rc.kind IN (${kinds}))`,
      terms.imagesReach && `EXISTS (SELECT 1 FROM listings il WHERE il.seller_id = ${s}.id AND il.flagged AND jsonb_array_length(il.images) > 0)`,
    ]
      .filter(Boolean)
      .join(' OR ');
  const flagged = (s: string) => `EXISTS (SELECT 1 FROM listings fl WHERE fl.seller_id = ${s}.id AND fl.flagged)`;
  const flaggedOrReview = (s: string) => `EXISTS (SELECT 1 FROM listings fr WHERE fr.seller_id = ${s}.id AND (fr.flagged OR fr.review))`;
  const leadOf = (s: string) => `(${s}.merged_into IS NULL AND ${flagged(s)} AND (${reach(s)}))`;
  const reviewOf = (s: string) => `(${s}.merged_into IS NULL AND ${flaggedOrReview(s)} AND NOT ${leadOf(s)})`;
  return {
    lead: (s) => leadOf(alias(s)),
    review: (s) => reviewOf(alias(s)),
    category: (s) => {
      const a = alias(s);
      return `(CASE WHEN ${leadOf(a)} THEN 'lead' WHEN ${a}.merged_into IS NULL AND ${flaggedOrReview(a)} THEN 'review' ELSE 'other' END)`;
    },
    view: (v, s) => {
      const a = alias(s);
      return v === 'leads' ? leadOf(a) : v === 'review' ? reviewOf(a) : `${a}.merged_into IS NULL`;
    },
  };
}

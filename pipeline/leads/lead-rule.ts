// The one lead rule: which sellers are leads and which wait for a second look, so `certwatch leads`,
// the triage queue, its counts, the statistics and every export can never disagree about a lead.
//
// A seller is a LEAD (线索) when all three hold:
//   1. it is live: not merged into another seller (a merged id resolves to the survivor);
//   2. at least one of its listings is flagged: the classifier scored it at or above its flag
//      threshold, which is where "offers certificates" is decided; and
//   3. someone can reach it: one of its listings carries a phone, WeChat, QQ, e-mail or a seller's
//      site, or one of its flagged listings has images (sellers draw the number in a picture that an
//      analyst reads where no decoder could). A forum handle is not enough: a buyer quoting an ad
//      ("网上很多广告说包过…靠谱吗?") has one too, and police cannot act on it.
// A fake verification site (kind 'verification-site': a page on a non-official host that imitates
// the Ministry's certificate query platform, recognised in pipeline/verification/) is a lead by the
// same three conditions: live, its recognised page is its flagged listing, and its host reaches it.
// A live seller that is not a lead but has a flagged or review-band listing is for REVIEW (待复核):
// its own view, never labelled 新线索 and never counted as a lead. Any other live seller (its posts
// no longer flagged nor in the review band) is in neither; the 全部卖家 view still lists it.
// Analyst statuses (new, in_review, confirmed, referred, closed, dismissed) are applied on top:
// the queue's 新线索 tab is the leads whose status is new. The score threshold is no part of the
// rule: a higher bar only drops real sellers with plainer wording (filters may still narrow).
import { compileLeadRule, type LeadRuleTerms, type SellerView } from '../storage/lead-rule-sql.js';

export type { LeadKind, SellerView } from '../storage/lead-rule-sql.js';

/** Contact kinds that reach a seller; 'handle' (a forum account) is deliberately not one. */
export const REACH_KINDS = ['phone', 'wechat', 'qq', 'email', 'url'] as const;

export const LEAD_RULE: LeadRuleTerms = { reachKinds: REACH_KINDS, imagesReach: true, verificationSites: true };

/** The kinds of lead, sellers first: every row says which it is. */
export const LEAD_KINDS = ['seller', 'verification-site'] as const;

/** The rule as SQL conditions over a sellers alias: what every storage module filters with. */
export const leadRuleSql = compileLeadRule(LEAD_RULE);

export const SELLER_VIEWS = ['leads', 'review', 'all'] as const satisfies readonly SellerView[];

/** Where a live seller stands under the rule. */
export type SellerCategory = 'lead' | 'review' | 'other';

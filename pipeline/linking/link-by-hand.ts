// Analysts join two sellers the contacts do not connect, or separate listings the contacts do:
// each decision is stored as edges the link stage obeys from then on, logged and audited in one step.
import { appendAudit } from '../audit/audit-log.js';
import type { Database, Queryable } from '../storage/database.js';
import { LOCK_KEYS, lockForTransaction } from '../storage/advisory-locks.js';
import { insertLinkDecision, leaveJoins, revokeSeparations, sellerListingIds, sellerStatuses } from '../storage/link-decisions.js';
import { assignListingsToSeller } from '../storage/seller-links.js';
import { mergeSellersCounted, withStatsDelta } from '../storage/stats-day-figures.js';
import { createSeller, recordSplit, refreshSellerScore, resolveSeller } from '../storage/sellers.js';
import { leadRuleSql } from '../leads/lead-rule.js';

/** A request the data refuses (nothing to merge, a listing of another seller): shown to the analyst. */
export class LinkByHandError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 409 = 409,
  ) {
    super(message);
    this.name = 'LinkByHandError';
  }
}

export interface HandActor {
  username: string;
  /** Only a supervisor (or admin) may reshape a case already referred or closed: its pack went out. */
  mayReshapeReferred: boolean;
}

const REFERRED = new Set(['referred', 'closed']);

async function liveSellers(q: Queryable, ids: number[], actor: HandActor): Promise<number[]> {
  const live: number[] = [];
  for (const id of ids) {
    const r = await resolveSeller(q, id);
    if (!live.includes(r)) live.push(r);
  }
  const statuses = await sellerStatuses(q, live);
  for (const id of live) {
    const s = statuses.get(id);
    if (!s) throw new LinkByHandError(`no seller #${id}`, 400);
    if (REFERRED.has(s.status) && !actor.mayReshapeReferred) throw new LinkByHandError(`seller #${id} is ${s.status}: only a supervisor may change its extent`, 403);
  }
  return live;
}

export interface JoinResult {
  survivor: number;
  merged: number[];
  decisionId: number;
  /** Separations by hand this join undid. */
  revoked: number;
}

/**
 * Joins `sellerIds` into one seller (the oldest id survives, as with merges the contacts make). The
 * link stage keeps them together from now on, even when no contact connects them.
 */
export async function joinSellersByHand(db: Database, sellerIds: number[], actor: HandActor, reason: string): Promise<JoinResult> {
  return db.tx(async (q) => {
    await lockForTransaction(q, LOCK_KEYS.linking);
    const live = await liveSellers(q, sellerIds, actor);
    if (live.length < 2) throw new LinkByHandError('these are already one seller', 409);
    const survivor = Math.min(...live);
    const others = live.filter((id) => id !== survivor);
    const parts: { all: number[]; anchors: number[] }[] = [];
    for (const id of live) parts.push(await sellerListingIds(q, id));
    const anchors = parts.flatMap((p) => p.anchors);
    if (parts.some((p) => p.anchors.length === 0)) throw new LinkByHandError('a seller without a flagged or review listing cannot be joined', 409);
    const decisionId = await insertLinkDecision(q, { kind: 'join', sellerId: survivor, otherId: others[0]!, actor: actor.username, reason, side0: anchors, side1: [] });
    let revoked = 0;
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) revoked += await revokeSeparations(q, parts[i]!.all, parts[j]!.all, decisionId);
    }
    await mergeSellersCounted(q, leadRuleSql, survivor, others);
    await refreshSellerScore(q, survivor);
    await appendAudit(db, { actor: actor.username, action: 'seller.join', sellerId: survivor, detail: { merged: others, decision: decisionId, reason, revoked } }, q);
    return { survivor, merged: others, decisionId, revoked };
  });
}

export interface SeparateResult {
  sellerId: number;
  newSellerId: number;
  moved: number[];
  decisionId: number;
}

/**
 * Moves `listingIds` out of `sellerId` into a new seller, which starts as a new lead to triage.
 * The link stage never puts the two sides in one seller again, whatever contacts they share.
 */
export async function separateListingsByHand(db: Database, sellerId: number, listingIds: number[], actor: HandActor, reason: string): Promise<SeparateResult> {
  return db.tx(async (q) => {
    await lockForTransaction(q, LOCK_KEYS.linking);
    const [live] = await liveSellers(q, [sellerId], actor);
    const own = await sellerListingIds(q, live!);
    const moved = [...new Set(listingIds)].sort((a, b) => a - b);
    if (moved.length === 0) throw new LinkByHandError('choose the listings to separate', 400);
    const stray = moved.filter((id) => !own.all.includes(id));
    if (stray.length > 0) throw new LinkByHandError(`listing #${stray[0]} is not this seller's`, 400);
    const stay = own.all.filter((id) => !moved.includes(id));
    if (!moved.some((id) => own.anchors.includes(id)) || !stay.some((id) => own.anchors.includes(id))) {
      throw new LinkByHandError('each side must keep a flagged or review listing', 409);
    }
    const newSellerId = await createSeller(q);
    const decisionId = await insertLinkDecision(q, { kind: 'apart', sellerId: live!, otherId: newSellerId, actor: actor.username, reason, side0: stay, side1: moved });
    await leaveJoins(q, moved);
    await withStatsDelta(q, leadRuleSql, [live!, newSellerId], async () => {
      await assignListingsToSeller(q, newSellerId, moved);
      // A new lead: the analyst says these posts are someone else, to be triaged as such.
      await recordSplit(q, live!, newSellerId, moved, { reason: 'by hand', actor: actor.username, newSeller: false });
    });
    await refreshSellerScore(q, live!);
    await refreshSellerScore(q, newSellerId);
    await appendAudit(db, { actor: actor.username, action: 'seller.separate', sellerId: live!, detail: { newSeller: newSellerId, listings: moved, decision: decisionId, reason } }, q);
    return { sellerId: live!, newSellerId, moved, decisionId };
  });
}

// Analyst decisions on sellers (confirm, dismiss, escalate, note, claim): each one is
// a status move with history, labels for the classifier, and an audit entry — in one
// transaction per seller, so a half-applied decision cannot exist.
import type { Database, Queryable } from '../../pipeline/storage/database.js';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import { hasRole, type Role } from '../auth/roles.js';
import type { SellerStatus } from '../queue/queue-filters.js';
import {
  claimSellerRow,
  insertListingLabel,
  insertSellerNote,
  insertStatusHistory,
  labelSellerListings,
  listingSeller,
  lockSellerRow,
  releaseSellerRow,
  setSellerStatus,
  type ListingLabel,
  type SellerLock,
} from '../storage/decisions.js';
import { moveRefusal, WorkflowError } from './status-flow.js';

export const DECISIONS = ['confirm', 'dismiss', 'escalate', 'note', 'claim', 'release'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Actor {
  username: string;
  role: Role;
}

export interface DecisionResult {
  sellerId: number;
  ok: boolean;
  status?: SellerStatus;
  assignee?: string | null;
  error?: string;
  /** The HTTP status of a failure: 403 a refused move, 404 no seller, 409 a conflict, 400 bad input. */
  code?: number;
}

async function lockSeller(q: Queryable, id: number): Promise<SellerLock> {
  const s = await lockSellerRow(q, id);
  if (!s) throw new WorkflowError('no such seller', 404);
  if (s.merged_into !== null) throw new WorkflowError(`seller was merged into ${s.merged_into}`);
  return s;
}

/** Refuses a move the flow does not have or the actor's role may not make. */
export function assertMove(s: Pick<SellerLock, 'status'>, to: SellerStatus, actor: Actor): void {
  const refusal = moveRefusal(actor.role, s.status, to);
  if (refusal) throw refusal;
}

/** Moves a seller's status, recording who, when and why in the history and the audit chain. */
export async function moveStatus(
  db: Database,
  q: Queryable,
  s: SellerLock,
  to: SellerStatus,
  actor: Actor,
  extra: { note?: string; detail?: Record<string, unknown>; action: string },
): Promise<void> {
  assertMove(s, to, actor);
  await setSellerStatus(q, s.id, to, actor.username);
  await insertStatusHistory(q, { sellerId: s.id, from: s.status, to, actor: actor.username, note: extra.note, detail: extra.detail });
  await appendAudit(db, { actor: actor.username, action: extra.action, sellerId: s.id, detail: { from: s.status, to, ...(extra.detail ?? {}) } }, q);
}

export async function decide(db: Database, sellerId: number, decision: Decision, actor: Actor, note?: string): Promise<DecisionResult> {
  try {
    return await db.tx(async (q) => {
      const s = await lockSeller(q, sellerId);
      switch (decision) {
        // Confirm/dismiss label every flagged or review-band listing of the seller: these rows retrain the classifier.
        case 'confirm': {
          const n = await labelSellerListings(q, s.id, 'seller_ad', actor.username);
          await moveStatus(db, q, s, 'confirmed', actor, { action: 'decision.confirm', note, detail: { labels: n } });
          return { sellerId, ok: true, status: 'confirmed' as const };
        }
        case 'dismiss': {
          const n = await labelSellerListings(q, s.id, 'not_seller_ad', actor.username);
          await moveStatus(db, q, s, 'dismissed', actor, { action: 'decision.dismiss', note, detail: { labels: n } });
          return { sellerId, ok: true, status: 'dismissed' as const };
        }
        case 'escalate': {
          if (s.status !== 'new' && s.status !== 'in_review') throw new WorkflowError(`cannot escalate a ${s.status} seller`);
          // Escalating an in-review seller is a flag on the same status, recorded like a move.
          if (s.status === 'in_review') {
            await insertStatusHistory(q, { sellerId: s.id, from: s.status, to: s.status, actor: actor.username, note, detail: { escalated: true } });
            await appendAudit(db, { actor: actor.username, action: 'decision.escalate', sellerId: s.id, detail: { status: s.status } }, q);
          } else await moveStatus(db, q, s, 'in_review', actor, { action: 'decision.escalate', note, detail: { escalated: true } });
          return { sellerId, ok: true, status: 'in_review' as const };
        }
        case 'note': {
          const body = (note ?? '').trim();
          if (!body) throw new WorkflowError('a note needs text', 400);
          if (body.length > 5000) throw new WorkflowError('a note is at most 5000 characters', 400);
          await insertSellerNote(q, s.id, actor.username, body);
          await appendAudit(db, { actor: actor.username, action: 'decision.note', sellerId: s.id, detail: { length: body.length } }, q);
          return { sellerId, ok: true, status: s.status };
        }
        case 'claim': {
          if (s.assignee && s.assignee !== actor.username && !hasRole(actor.role, 'supervisor')) {
            throw new WorkflowError(`already claimed by ${s.assignee}`);
          }
          await claimSellerRow(q, s.id, actor.username);
          await appendAudit(db, { actor: actor.username, action: 'decision.claim', sellerId: s.id, detail: { previous: s.assignee } }, q);
          return { sellerId, ok: true, status: s.status, assignee: actor.username };
        }
        case 'release': {
          if (s.assignee && s.assignee !== actor.username && !hasRole(actor.role, 'supervisor')) {
            throw new WorkflowError(`claimed by ${s.assignee}`);
          }
          await releaseSellerRow(q, s.id);
          await appendAudit(db, { actor: actor.username, action: 'decision.release', sellerId: s.id, detail: { previous: s.assignee } }, q);
          return { sellerId, ok: true, status: s.status, assignee: null };
        }
      }
    });
  } catch (err) {
    if (err instanceof WorkflowError) return { sellerId, ok: false, error: err.message, code: err.status };
    throw err;
  }
}

/** A label on one listing (from the listing page), independent of the seller's status. */
export async function labelListing(db: Database, listingId: number, label: ListingLabel, actor: Actor): Promise<void> {
  await db.tx(async (q) => {
    const listing = await listingSeller(q, listingId);
    if (!listing) throw new WorkflowError('no such listing', 404);
    await insertListingLabel(q, listingId, label, actor.username);
    await appendAudit(db, { actor: actor.username, action: `label.${label}`, sellerId: listing.seller_id, listingId }, q);
  });
}

export { lockSeller };

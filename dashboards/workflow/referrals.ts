// Referral to public security and closing a case: a supervisor records which unit,
// when, by whom and the evidence pack's hash, then later the outcome.
import type { Database } from '../../pipeline/storage/database.js';
import { packVersionBySha } from '../../evidence/index.js';
import type { SellerStatus } from '../queue/queue-filters.js';
import { closeLatestReferral, insertReferral, type ReferralRow } from '../storage/referrals.js';
import { lockSeller, moveStatus, type Actor } from './decisions.js';
import { WorkflowError } from './status-flow.js';

export interface ReferralInput {
  unit: string;
  /** A hash typed in: a pack made elsewhere, or one of the seller's kept versions. */
  packSha256?: string;
  note?: string;
}

export function referralUnit(input: { unit: string }): string {
  const unit = input.unit.trim();
  if (!unit || unit.length > 200) throw new WorkflowError('the receiving unit is required (at most 200 characters)', 400);
  return unit;
}

/** Refers with a typed-in hash (or none); a hash of one of the seller's kept versions links to that file. */
export async function referSeller(db: Database, sellerId: number, input: ReferralInput, actor: Actor): Promise<ReferralRow> {
  const unit = referralUnit(input);
  const pack = input.packSha256?.trim().toLowerCase() || undefined;
  if (pack && !/^[0-9a-f]{64}$/.test(pack)) throw new WorkflowError('the pack hash must be a SHA-256 (64 hex digits)', 400);
  return db.tx(async (q) => {
    const s = await lockSeller(q, sellerId);
    const kept = pack ? await packVersionBySha(q, sellerId, pack) : undefined;
    const referral = await insertReferral(q, { sellerId, unit, referredBy: actor.username, packSha256: pack ?? null, packVersionId: kept?.id ?? null });
    await moveStatus(db, q, s, 'referred', actor, {
      action: 'referral.refer',
      note: input.note,
      detail: { unit, packSha256: pack ?? null, referralId: referral.id, ...(kept ? { packVersionId: kept.id, packVersion: kept.version } : {}) },
    });
    return referral;
  });
}

export async function closeCase(db: Database, sellerId: number, outcome: string, actor: Actor): Promise<void> {
  const text = outcome.trim();
  if (!text || text.length > 2000) throw new WorkflowError('the outcome is required (at most 2000 characters)', 400);
  await db.tx(async (q) => {
    const s = await lockSeller(q, sellerId);
    await closeLatestReferral(q, sellerId, text, actor.username);
    await moveStatus(db, q, s, 'closed', actor, { action: 'referral.close', note: text, detail: { outcome: text } });
  });
}

/** Any other allowed move from the seller page (reopen, back to new …). */
export async function changeStatus(db: Database, sellerId: number, to: SellerStatus, actor: Actor, note?: string): Promise<void> {
  await db.tx(async (q) => {
    const s = await lockSeller(q, sellerId);
    await moveStatus(db, q, s, to, actor, { action: 'status.change', note });
  });
}

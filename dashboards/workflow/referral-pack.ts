// Referring with a pack made for the referral: the pack kept as the seller's next version and
// the referral naming it commit together, and a referral that is refused leaves no pack behind.
import { exportPack, type PackVersion } from '../../evidence/index.js';
import type { AppContext } from '../../pipeline/app/context.js';
import { insertReferral, type ReferralRow } from '../storage/referrals.js';
import type { SellerLock } from '../storage/decisions.js';
import { assertMove, lockSeller, moveStatus, type Actor } from './decisions.js';
import { referralUnit } from './referrals.js';

export async function referWithNewPack(
  ctx: AppContext,
  sellerId: number,
  input: { unit: string; note?: string },
  actor: Actor,
): Promise<{ referral: ReferralRow; pack: PackVersion }> {
  const unit = referralUnit(input);
  // Building a pack writes its `exported` audit entry (the custody log ends with it), so
  // everything that could refuse the referral is checked before any building starts.
  await ctx.db.tx(async (q) => assertMove(await lockSeller(q, sellerId), 'referred', actor));
  let locked!: SellerLock;
  let referral!: ReferralRow;
  const made = await exportPack(ctx, {
    sellerId,
    actor: actor.username,
    via: 'referral',
    // The seller may have moved while the pack was built (seconds of Chromium): checked again
    // under the lock that the version and the referral are then written under.
    check: async (q) => {
      locked = await lockSeller(q, sellerId);
      assertMove(locked, 'referred', actor);
    },
    record: async (q, v) => {
      referral = await insertReferral(q, { sellerId, unit, referredBy: actor.username, packSha256: v.sha256, packVersionId: v.id });
      await moveStatus(ctx.db, q, locked, 'referred', actor, {
        action: 'referral.refer',
        note: input.note,
        detail: { unit, packSha256: v.sha256, referralId: referral.id, packVersionId: v.id, packVersion: v.version },
      });
    },
  });
  return { referral, pack: made.version };
}

// Writes what analysis found on a batch of pages (or one page) in one transaction: every page's
// listings in one upsert, their citations and images, and every page's vanished posts in one statement.
import type { Database } from '../storage/database.js';
import { markVanishedMany, upsertListings, type ListingInput, type ListingUpsert, type VanishInput } from '../storage/listings.js';
import { replaceCitationsMany } from '../storage/verification-sites.js';
import { setListingImagesMany } from '../storage/image-reads.js';
import { lockPagesHolding } from '../storage/pages.js';
import type { LinkTarget, PageWrite } from './analyze-page.js';

export interface PageWritten {
  created: number;
  updated: number;
  vanished: number;
  linkTargets: LinkTarget[];
  /** The page was marked analysed in the transaction (no link work was left). */
  markedAnalyzed: boolean;
  /** A newer fetch changed the page after it was analysed: nothing was written, and it is not to be marked. */
  stale?: boolean;
}

/**
 * Pages that stored listings (`writes`) and pages that stored none (`vanish`). Pages with listings
 * are left unmarked: the caller marks them once their link jobs are queued. By page id.
 */
export async function writePageBatch(db: Database, writes: PageWrite[], vanish: VanishInput[]): Promise<Map<number, PageWritten>> {
  const out = new Map<number, PageWritten>();
  if (writes.length === 0 && vanish.length === 0) return out;
  await db.tx(async (q) => {
    // The pages stay locked until commit, so no fetch changes one between this check and the write.
    const holding = await lockPagesHolding(q, [...writes.map((w) => ({ pageId: w.pageId, sha256: w.sha256 })), ...vanish.map((v) => ({ pageId: v.pageId, sha256: v.analyzedSha }))]);
    for (const id of [...writes, ...vanish].map((x) => x.pageId)) {
      if (!holding.has(id)) out.set(id, { created: 0, updated: 0, vanished: 0, linkTargets: [], markedAnalyzed: false, stale: true });
    }
    const live = writes.filter((w) => holding.has(w.pageId));
    const liveVanish = vanish.filter((v) => holding.has(v.pageId));
    const rounds = writeRounds(live);
    const upserted = new Map<number, ListingUpsert[]>();
    for (const round of rounds) {
      const inputs = round.flatMap((w) => w.inputs);
      const ups = await upsertListings(q, inputs, round.flatMap((w) => w.inputs.map(() => w.at)));
      let k = 0;
      for (const w of round) {
        upserted.set(w.pageId, ups.slice(k, k + w.inputs.length));
        k += w.inputs.length;
      }
    }
    await replaceCitationsMany(
      q,
      live.flatMap((w) =>
        upserted
          .get(w.pageId)!
          .map((u, i) => ({ listingId: u.id, cites: w.cites[i] ?? [] }))
          .filter((c, i) => c.cites.length > 0 || w.inputs[i]!.flagged || w.inputs[i]!.review),
      ),
    );
    await setListingImagesMany(
      q,
      live.flatMap((w) => upserted.get(w.pageId)!.map((u, i) => ({ listingId: u.id, images: w.inputImages[i]!, set: w.inputImages[i]!.length > 0 || w.imagesRead })).filter((x) => x.set)),
    );
    const all: VanishInput[] = [...liveVanish, ...live.map((w) => ({ pageId: w.pageId, presentUrls: w.presentUrls, at: w.at, analyzedSha: w.sha256, mark: false }))];
    const gone = await markVanishedMany(q, all);
    for (const v of liveVanish) {
      const work = goneWork(gone.get(v.pageId) ?? [], v.at);
      out.set(v.pageId, { created: 0, updated: 0, vanished: gone.get(v.pageId)?.length ?? 0, linkTargets: work.linkTargets, markedAnalyzed: work.markedAnalyzed });
    }
    for (const w of live) {
      const ups = upserted.get(w.pageId)!;
      const went = gone.get(w.pageId) ?? [];
      out.set(w.pageId, {
        created: ups.filter((u) => u.outcome === 'new').length,
        updated: ups.filter((u) => u.outcome === 'updated').length,
        vanished: went.length,
        linkTargets: linkTargetsOf(w.inputs, ups, w.picturesJob ? w.picturesOwed : undefined).concat(goneWork(went, w.at).linkTargets),
        markedAnalyzed: false,
      });
    }
  });
  return out;
}

/** Writes split so that no two pages of one round hold the same post. */
function writeRounds(writes: PageWrite[]): PageWrite[][] {
  // A page whose posts another page of the batch also holds waits for the next round:
  // ON CONFLICT touches a row once per statement: a post two pages of the batch hold goes in a later round, as page by page would.
  const rounds: PageWrite[][] = [];
  const roundUrls: Set<string>[] = [];
  for (const w of writes) {
    let r = 0;
    while (r < rounds.length && w.inputs.some((i) => roundUrls[r]!.has(i.url))) r++;
    if (r === rounds.length) {
      rounds.push([]);
      roundUrls.push(new Set());
    }
    rounds[r]!.push(w);
    for (const i of w.inputs) roundUrls[r]!.add(i.url);
  }
  return rounds;
}

/** Posts of a seller that went: the link stage re-checks that seller (markVanished left the page unmarked then). */
export function goneWork(gone: { id: number; seller_id: number | null; body_sha256: string }[], at: Date): { linkTargets: LinkTarget[]; markedAnalyzed: boolean } {
  // Not the body's own hash: the job that linked this body is done, and its id would swallow this
  // one. The fetch's time too: a post that comes back and goes again is a second removal to check.
  const linkTargets = gone.filter((g) => g.seller_id !== null).map((g) => ({ listingId: g.id, bodySha: `gone-${g.body_sha256}-${at.getTime()}` }));
  return { linkTargets, markedAnalyzed: linkTargets.length === 0 };
}

/**
 * The listings the link stage must look at after an upsert. `deferred[i]`: the picture job that
 * follows links that listing (once, with its pictures' contacts), unless a contact was dropped now.
 */
export function linkTargetsOf(inputs: ListingInput[], upserts: ListingUpsert[], deferred?: boolean[]): LinkTarget[] {
  // A listing whose contacts were dropped goes too: the seller it was in may no longer hang together.
  return upserts
    .filter((u, i) => u.contactsDropped > 0 || (!deferred?.[i] && (u.flagged || u.review || (inputs[i]!.authorHandle !== null && inputs[i]!.contacts.some((c) => c.kind !== 'handle')))))
    .map((u) => ({ listingId: u.id, bodySha: u.bodySha }));
}

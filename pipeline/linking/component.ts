// One seller's extent: the flagged/review listings reachable from a start over shared strong
// contacts, the same account's reply floors and joins made by hand, breadth first, never across an
// analyst's separation, cut short when it grows absurd.
import type { Queryable } from '../storage/database.js';
import { componentStep, type ComponentStepRow } from '../storage/seller-links.js';

/** A component larger than this means a contact is shared by unrelated posts: stop growing it. */
export const MAX_COMPONENT = 2000;

/**
 * The separations by hand the component stands on: decision -> side. A listing on the other side of
 * one is left out with everything only it would reach, so a split by hand survives every later link
 * job, whichever of its listings the job starts from.
 */
class Walls {
  private taken = new Map<number, number>();
  private sides = new Map<number, { decision: number; side: number }[]>();

  learn(rows: ComponentStepRow[]): void {
    for (const r of rows) {
      if (r.kind !== 'w' || r.id === null || r.decision === null || r.side === null) continue;
      const list = this.sides.get(r.id) ?? [];
      if (!list.some((x) => x.decision === r.decision)) list.push({ decision: r.decision, side: r.side });
      this.sides.set(r.id, list);
    }
  }

  /** Takes the listing's sides when none contradicts the component's; false when one does. */
  admit(listingId: number): boolean {
    const mine = this.sides.get(listingId) ?? [];
    if (mine.some((x) => (this.taken.get(x.decision) ?? x.side) !== x.side)) return false;
    for (const x of mine) this.taken.set(x.decision, x.side);
    return true;
  }
}

export interface Component {
  members: number[];
  truncated: boolean;
  /**
   * The live sellers (merges followed) of the members, and what each of the seller ids asked for
   * resolves to; absent when the search was cut short, since its last members were never read.
   */
  sellers?: { roots: number[]; live: Map<number, number> };
}

/** The component reached from `start`; `sellerIds` are resolved on the way (see Component.sellers). */
export async function component(q: Queryable, start: number[], sellerIds: number[] = []): Promise<Component> {
  const members = new Set<number>();
  const heldBy = new Map<number, number>();
  const live = new Map<number, number>();
  const refused = new Set<number>();
  const seenContacts = new Set<number>();
  const walls = new Walls();
  let frontier = [...start];
  let truncated = false;
  let first = true;
  while (frontier.length > 0) {
    const rows = await componentStep(q, frontier, [...seenContacts], first ? sellerIds : []);
    walls.learn(rows);
    for (const r of rows) {
      if (r.kind !== 'r' || r.decision === null || r.side === null) continue;
      if (r.id === null) live.set(r.side, r.decision);
      else heldBy.set(r.id, r.decision);
    }
    if (first) {
      // The start stands where it stands; its sides are learnt from the first step.
      for (const id of start) if (walls.admit(id)) members.add(id);
      first = false;
    }
    const next: number[] = [];
    // Siblings, joins by hand, then neighbours; within each the oldest first, so a new post that
    // carries a contact of both sides of a separation joins the same side whichever job runs.
    for (const kind of ['s', 'j', 'n'] as const) {
      const ids = rows.filter((r) => r.kind === kind).map((r) => r.id!).sort((a, b) => a - b);
      for (const id of ids) {
        if (members.has(id) || refused.has(id)) continue;
        if (!walls.admit(id)) {
          refused.add(id);
          continue;
        }
        members.add(id);
        next.push(id);
      }
    }
    for (const r of rows) if (r.kind === 'c') seenContacts.add(r.id!);
    if (members.size > MAX_COMPONENT) {
      truncated = true;
      break;
    }
    frontier = next;
  }
  if (truncated) return { members: [...members], truncated };
  // Every member was a frontier listing once, so its seller was read; refused starts are left out.
  const roots = new Set<number>();
  for (const id of members) {
    const root = heldBy.get(id);
    if (root !== undefined) roots.add(root);
  }
  return { members: [...members], truncated, sellers: { roots: [...roots].sort((a, b) => a - b), live } };
}

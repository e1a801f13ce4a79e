// One seller's extent: the flagged/review listings reachable from a start over shared strong
// contacts and the same account's reply floors, breadth first, cut short when it grows absurd.
import type { Queryable } from '../storage/database.js';
import { componentStep } from '../storage/seller-links.js';

/** A component larger than this means a contact is shared by unrelated posts: stop growing it. */
export const MAX_COMPONENT = 2000;

export async function component(q: Queryable, start: number[]): Promise<{ members: number[]; truncated: boolean }> {
  const members = new Set<number>(start);
  const seenContacts = new Set<number>();
  let frontier = [...start];
  let truncated = false;
  while (frontier.length > 0) {
    const rows = await componentStep(q, frontier, [...seenContacts]);
    const next: number[] = [];
    // Siblings first, then neighbours, as the step found them.
    for (const kind of ['s', 'n'] as const) {
      for (const r of rows) if (r.kind === kind && !members.has(r.id)) (members.add(r.id), next.push(r.id));
    }
    for (const r of rows) if (r.kind === 'c') seenContacts.add(r.id);
    if (members.size > MAX_COMPONENT) {
      truncated = true;
      break;
    }
    frontier = next;
  }
  return { members: [...members], truncated };
}

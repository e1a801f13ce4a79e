// Sellers whose WeChat ids or e-mails are near-copies of this seller's (dgz_wang888 /
// dgz_wang889): sellers rotate ids when one is reported. A hint for the analyst, never a merge.
// natural's Jaro–Winkler comes from its distance module alone: natural's index loads code that
// leaves String.prototype slow for the whole process (see test/bench/classifier-bench.ts).
import { JaroWinklerDistance } from 'natural/lib/natural/distance/index.js';
import type { Queryable } from '../../pipeline/storage/database.js';
import { readLookalikeCandidates } from '../storage/seller-page.js';

export interface LookalikeSeller {
  seller_id: number;
  status: string;
  score: number;
  /** The closest pairs, best first: this seller's value, the other's, Jaro–Winkler similarity. */
  pairs: { kind: string; ours: string; theirs: string; similarity: number }[];
}

/**
 * Strong identifiers whose values the seller chooses, so a near-copy means something. Phones and QQ
 * numbers are handed out, so near numbers are chance; forum handles are stored as `host|name`, and
 * any two on one forum share their long prefix, which made every handle look like every other.
 */
export const LOOKALIKE_KINDS = ['wechat', 'email'] as const;
export const MIN_SIMILARITY = 0.9;
// Short ids ("li888") collide by chance; three shared leading characters keep the candidate scan small.
const MIN_LENGTH = 6;
const PREFIX = 3;

export async function findLookalikeSellers(db: Queryable, sellerId: number, own: { kind: string; value: string }[], limit = 12): Promise<LookalikeSeller[]> {
  const mine = own.filter((c) => (LOOKALIKE_KINDS as readonly string[]).includes(c.kind) && c.value.length >= MIN_LENGTH);
  if (mine.length === 0) return [];
  const ownValues = new Set(mine.map((c) => `${c.kind}\u0000${c.value}`));
  const candidates = await readLookalikeCandidates(db, sellerId, mine, PREFIX);
  const bySeller = new Map<number, LookalikeSeller>();
  for (const cand of candidates) {
    if (ownValues.has(`${cand.kind}\u0000${cand.value}`) || cand.value.length < MIN_LENGTH) continue;
    for (const m of mine) {
      if (m.kind !== cand.kind) continue;
      const sim = JaroWinklerDistance(m.value, cand.value, { ignoreCase: true });
      if (sim < MIN_SIMILARITY) continue;
      let entry = bySeller.get(cand.seller_id);
      if (!entry) bySeller.set(cand.seller_id, (entry = { seller_id: cand.seller_id, status: cand.status, score: cand.score, pairs: [] }));
      entry.pairs.push({ kind: m.kind, ours: m.value, theirs: cand.value, similarity: Math.round(sim * 1000) / 1000 });
    }
  }
  const out = [...bySeller.values()];
  for (const e of out) e.pairs = e.pairs.sort((a, b) => b.similarity - a.similarity).slice(0, 3);
  return out.sort((a, b) => b.pairs[0]!.similarity - a.pairs[0]!.similarity || b.score - a.score).slice(0, limit);
}
